package org.rsvpconsole.engine.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.time.Timer;

/** Everything one node holds for one session: its PSBs, RSBs, TCSBs and BSBs, and what it last sent upstream. */
final class SessionState {

    final Session session;
    final SessionId id;
    final List<PathStateBlock> paths = new ArrayList<>(1);
    final List<ReservationStateBlock> reservations = new ArrayList<>(1);
    List<TrafficControlStateBlock> trafficControl = List.of();
    List<BlockadeStateBlock> blockades = List.of();
    /** The Resv last sent to each previous hop (refreshed by {@link #resvRefresh}). */
    List<UpstreamResv> upstream = List.of();
    Timer resvRefresh;
    /** The Resv datagram last sent for {@link #sentResvFor}: refreshes resend it while that stays the same. */
    byte[] sentResv;
    UpstreamResv sentResvFor;
    /** A receiver application on this host has opened the session (RAPI session). */
    boolean localReceiver;
    /** The RFC 3181 priorities this host's own requests carry; null for none. */
    SessionPriorities localPriority;
    /** When traffic control first reserved for the session (admission order, for "newest first" preemption). */
    long admittedOrder;
    /** Bandwidths (bytes/s) this host's receiver can fall back to when its reservation is reduced (RFC 4495). */
    List<Double> fallbacks = List.of();
    /** Make-before-break at an LSP's head end (RFC 3209 §4.6.4): the new LSP's sender → the one it replaces. */
    Map<SenderId, SenderId> replaces = Map.of();

    SessionState(Session session, SessionId id) {
        this.session = session;
        this.id = id;
    }

    boolean isEmpty() {
        return paths.isEmpty() && reservations.isEmpty() && trafficControl.isEmpty() && upstream.isEmpty()
            && !localReceiver;
    }
}
