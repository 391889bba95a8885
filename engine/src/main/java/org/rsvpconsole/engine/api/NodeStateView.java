package org.rsvpconsole.engine.api;

/**
 * How much RSVP state one node holds.
 *
 * @param rsvp         false for a router that does not run RSVP
 * @param reservations reservation state blocks, local receivers' requests included
 */
public record NodeStateView(String node, boolean rsvp, int sessions, int paths, int reservations, int blockades) {
}
