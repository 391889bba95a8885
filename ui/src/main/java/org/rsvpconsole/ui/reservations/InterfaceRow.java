package org.rsvpconsole.ui.reservations;

/**
 * One outgoing interface: its reservable, reserved and free bandwidth and how many RSVP messages of each kind went
 * out of it and came in on it.
 */
public record InterfaceRow(String node, String interfaceName, String link, String neighbour, boolean up,
                           String reservable, String reserved, String free, int reservations, long pathOut,
                           long resvOut, long pathIn, long resvIn, long otherMessages) {

    /** Identifies the row across updates: one row per node and outgoing interface. */
    public String key() {
        return node + "|" + interfaceName;
    }
}
