package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * What a reservation would meet, hop by hop, computed on a snapshot of the network without touching it.
 *
 * @param hops    the directions the Path would take from sender to receiver, in order; empty when there is no route
 * @param problem why there is no path at all, or "" when there is one
 */
public record AdmissionPreview(List<Hop> hops, String problem) {

    public AdmissionPreview {
        hops = List.copyOf(hops);
    }

    /** True when there is a path and every hop would admit the reservation. */
    public boolean admitted() {
        return problem.isEmpty() && !hops.isEmpty() && hops.stream().allMatch(Hop::admitted);
    }

    /**
     * One outgoing interface on the path.
     *
     * @param requestedBytesPerSecond what the reservation takes here
     * @param freeBytesPerSecond      what is free here now
     * @param perFlowMaxBytesPerSecond the largest single reservation the interface accepts
     * @param reason                  why it would be refused, "" when admitted
     */
    public record Hop(String node, String interfaceName, String link, String toNode, boolean up,
                      double requestedBytesPerSecond, double freeBytesPerSecond, double perFlowMaxBytesPerSecond,
                      String reason) {
        public boolean admitted() {
            return reason.isEmpty();
        }
    }
}
