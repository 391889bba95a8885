package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * One LSP as one node sees it (RFC 3209): its identity and role here, its SESSION_ATTRIBUTE (§4.7), the bandwidth
 * it asked for, the explicit route it was sent on from here (§4.3), the route recorded by RECORD_ROUTE (§4.4: at
 * the head end from the Resv, elsewhere from the Path), its label binding here and whether it is up.
 *
 * @param name             the SESSION_ATTRIBUTE session name ("" without one)
 * @param setupPriority    0 (best) to 7; 7 without a SESSION_ATTRIBUTE
 * @param holdingPriority  0 (best) to 7; 0 without a SESSION_ATTRIBUTE
 * @param flags            SESSION_ATTRIBUTE flags: 0x01 local protection, 0x02 label recording, 0x04 SE style desired
 * @param bandwidthBytesPerSecond the SENDER_TSPEC token rate
 * @param explicitRoute    the EXPLICIT_ROUTE sent on from this node (empty at the tail or without one)
 * @param recordedRoute    head end: the Resv's RECORD_ROUTE, head to tail; elsewhere: the Path's, nearest first
 * @param labels           this node's label table row for the LSP
 * @param up               a reservation with a label is in place here (at the head end: the Resv arrived)
 */
public record LspView(LspId id, String node, Role role, String name, int setupPriority, int holdingPriority,
                      int flags, double bandwidthBytesPerSecond, List<ExplicitHop> explicitRoute,
                      List<RecordedHop> recordedRoute, LabelEntry labels, ReservationStyle style, boolean up) {

    /** Where the node stands on the LSP. */
    public enum Role {
        HEAD, TRANSIT, TAIL
    }

    public LspView {
        explicitRoute = List.copyOf(explicitRoute);
        recordedRoute = List.copyOf(recordedRoute);
    }
}
