package org.rsvpconsole.engine.node;

import java.util.List;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.topology.Interface;

/**
 * The merged reservation a node sends to one previous hop (RFC 2209 §3.3 "Resv refresh"): a style and flow
 * descriptors. {@code incoming} is null when the previous hop is a sender on this host; {@code scope} is the
 * SCOPE of a WF request (RFC 2205 §3.4), null when none is needed.
 */
record UpstreamResv(IpAddress previousHop, int lih, Interface incoming, ReservationStyle style,
                    List<Descriptor> descriptors, List<IpAddress> scope) {

    /** One flow descriptor: a flowspec and the filter specs it applies to (none for WF). */
    record Descriptor(FlowRequest flowspec, List<SenderId> filters) {
    }

    boolean samePreviousHop(UpstreamResv o) {
        return previousHop.equals(o.previousHop) && incoming == o.incoming;
    }
}
