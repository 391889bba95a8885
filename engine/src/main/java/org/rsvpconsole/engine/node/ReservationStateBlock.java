package org.rsvpconsole.engine.node;

import java.util.List;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.time.Timer;
import org.rsvpconsole.engine.topology.Interface;

/**
 * One reservation request received from one next hop (RFC 2209 §2 "RSB"): keyed by next hop, outgoing interface
 * and, for FF, the one filter spec; SE keeps its filter list, WF none. A local receiver's request has a null
 * outgoing interface and never expires.
 */
final class ReservationStateBlock {

    final IpAddress nextHop;
    /** The outgoing interface the reservation is for; null for a receiver on this host. */
    final Interface outgoing;
    final ReservationStyle style;
    List<SenderId> filters;
    /** WF only: the senders a SCOPE limits the request to (RFC 2205 §3.4); null for every sender. */
    List<IpAddress> scope;
    FlowRequest flowspec;
    /** Where to send a ResvConf (RFC 2205 §3.1.4 RESV_CONFIRM), null when none is pending. */
    IpAddress confirmTo;
    long lastRefreshNanos;
    long lifetimeNanos;
    Timer timer;
    /** The Resv that last installed or refreshed this state ({@link RefreshFingerprint}; NONE: none)... */
    long receivedFingerprint;
    /** ...and how many RSBs that one Resv refreshed (a refresh is skipped only when all of them are still here). */
    int fingerprintShare;
    /** The RFC 3181 preemption priority element the request came with; null for none. */
    PreemptionPriority priority;
    /**
     * What a partial preemption (RFC 4495) left of this request here, until the next hop asks for at most that;
     * null when not reduced. Traffic control reserves the cap, the merged Resv upstream still carries
     * {@link #flowspec}: upstream learns of the reduction from the receiver's smaller request.
     */
    FlowRequest cap;

    ReservationStateBlock(IpAddress nextHop, Interface outgoing, ReservationStyle style, List<SenderId> filters,
                          FlowRequest flowspec) {
        this.nextHop = nextHop;
        this.outgoing = outgoing;
        this.style = style;
        this.filters = filters;
        this.flowspec = flowspec;
    }

    /** What traffic control reserves for this request: the cap of a partial preemption, else the flowspec. */
    FlowRequest effective() {
        return cap != null ? cap : flowspec;
    }

    boolean local() {
        return outgoing == null;
    }

    /** True if this request selects {@code s} (WF selects every sender in its scope). */
    boolean selects(SenderId s) {
        if (style == ReservationStyle.WF) {
            return scope == null || scope.contains(s.source());
        }
        return filters.contains(s);
    }
}
