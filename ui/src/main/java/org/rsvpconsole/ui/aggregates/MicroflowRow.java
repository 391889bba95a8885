package org.rsvpconsole.ui.aggregates;

import org.rsvpconsole.engine.api.SessionId;

/**
 * One end-to-end microflow of the selected aggregate, as its deaggregator sees it.
 *
 * @param flow       the microflow's session by its receiver's node and port ("H8:6008")
 * @param senders    its senders by node and port
 * @param priorities its request's RFC 3181 set-up/defending priorities
 * @param state      "admitted" (the aggregate carries it) or "preempted" (the deaggregator preempted it)
 */
public record MicroflowRow(String aggregate, int dscp, String flow, SessionId session, String senders,
                           double bandwidthBytesPerSecond, String bandwidth, String priorities, String state) {

    public String dscpText() {
        return Integer.toString(dscp);
    }
}
