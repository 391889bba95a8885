package org.rsvpconsole.ui.reservations;

/** An RSVP neighbour a node heard from, as {@code show ip rsvp neighbor} lists them. */
public record NeighbourRow(String node, String neighbour, String interfaceName, String encapsulation,
                           long messages, String lastHeard) {
}
