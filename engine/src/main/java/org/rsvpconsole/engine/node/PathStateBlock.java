package org.rsvpconsole.engine.node;

import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.EroSubobject;
import org.rsvpconsole.engine.codec.LabelRequest;
import org.rsvpconsole.engine.codec.RroSubobject;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.SessionAttribute;
import org.rsvpconsole.engine.tc.PathCharacterization;
import org.rsvpconsole.engine.time.Timer;
import org.rsvpconsole.engine.topology.Interface;

/**
 * Path state of one sender of one session at one node (RFC 2209 §2 "PSB"): the previous hop, the incoming and
 * outgoing interfaces, the sender's TSpec and the ADSPEC received. Owned by the node's event loop.
 *
 * <p>One timer per PSB serves both the Path refresh and the cleanup check: it fires at the earlier of the next
 * refresh and the expiry ({@code lastRefreshNanos + lifetimeNanos}); a received refresh only moves
 * {@code lastRefreshNanos} and the timer, when it fires, looks again (lazy cleanup, no cancel per refresh).
 */
final class PathStateBlock {

    final SenderId sender;
    final SenderAddress apiSender;
    SenderTspec tspec;
    TrafficSpec apiTspec;
    PathCharacterization adspec;
    /** PHOP address and logical interface handle (RFC 2205 A.3); the sender itself for a local sender. */
    IpAddress previousHop;
    int previousHopLih;
    /** The incoming interface; null for a sender on this host (API). */
    Interface incoming;
    List<Interface> outgoing = List.of();
    /** The session's destination is this node (or a multicast group it receives). */
    boolean localDelivery;
    /** A non-RSVP router sits between the previous hop and here (RFC 2205 §2.9). */
    boolean nonRsvpHop;
    /** The IP TTL the Path goes out with. */
    int ttl;
    long lastRefreshNanos;
    long lifetimeNanos;
    long nextRefreshNanos;
    Timer timer;
    /** The Path that last installed or refreshed this state, as a {@link RefreshFingerprint} (NONE: none). */
    long receivedFingerprint;
    /** The Path datagram last sent on {@link #sentPathOn}: refreshes resend it while the state is unchanged. */
    byte[] sentPath;
    Interface sentPathOn;

    // RSVP-TE (RFC 3209): all null / NONE for an IntServ sender.
    /** The LABEL_REQUEST the Path carries (§4.2): its presence makes this an LSP. */
    LabelRequest labelRequest;
    /** The EXPLICIT_ROUTE as received (at the head end: as configured, after the head itself); null for none. */
    List<EroSubobject> explicitRoute;
    /** The EXPLICIT_ROUTE sent on from here (§4.3.4 step 5); empty at the end of the route. */
    List<EroSubobject> onwardRoute = List.of();
    /** The interface the explicit route leads out of; null when the route ended here or there is none. */
    Interface explicitOutgoing;
    /** The Path's RECORD_ROUTE as received (§4.4.3), null for none; the head end's is empty. */
    List<RroSubobject> pathRecord;
    SessionAttribute attribute;
    /** The label this node allocated for the LSP and sent upstream in its Resv (§4.1.1.1). */
    long inLabel = LabelEntry.NONE;
    /** The label the next hop sent in its Resv, and the Resv's RECORD_ROUTE for this sender. */
    long outLabel = LabelEntry.NONE;
    /** The RSVP_HOP of the Resv that brought {@link #outLabel}: the real next hop (raw IP has stand-in peers). */
    org.rsvpconsole.engine.api.IpAddress outLabelHop;
    List<RroSubobject> resvRecord;
    /** The Resv for this LSP reached the head end (the LSP is up). */
    boolean reserved;

    PathStateBlock(SenderId sender, SenderAddress apiSender) {
        this.sender = sender;
        this.apiSender = apiSender;
    }

    boolean local() {
        return incoming == null;
    }

    /** An LSP (RFC 3209 §4.2.4: a Path with a LABEL_REQUEST). */
    boolean lsp() {
        return labelRequest != null;
    }

    boolean routesTo(Interface oi) {
        return oi == null ? localDelivery : outgoing.contains(oi);
    }
}
