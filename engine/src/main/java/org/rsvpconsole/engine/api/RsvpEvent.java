package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * Everything a node does that the console, the store or a test may want to see: state changes, errors,
 * admission decisions and every message sent or received. Each event carries the time (scheduler nanoseconds),
 * the node and a sequence number that increases by one per event of that node, so a stream can be checked for
 * gaps and replayed in order.
 */
public sealed interface RsvpEvent {

    long timeNanos();

    String node();

    long sequence();

    /**
     * Path state of one sender changed (RFC 2209 §2 PSB).
     *
     * @param interfaceName the incoming interface, "" for a local sender
     * @param previousHop   the PHOP address (the sender itself for a local sender)
     * @param outgoing      the outgoing interfaces the Path goes out on
     */
    record PathState(long timeNanos, String node, long sequence, StateChange change, SessionId session,
                     SenderAddress sender, String interfaceName, IpAddress previousHop, TrafficSpec tspec,
                     List<String> outgoing) implements RsvpEvent {
        public PathState {
            outgoing = List.copyOf(outgoing);
        }
    }

    /**
     * A reservation request from a next hop changed (RFC 2209 §2 RSB).
     *
     * @param interfaceName the outgoing interface the reservation is for, "" for a local receiver
     * @param senders       the filter specs (empty for WF)
     */
    record ResvState(long timeNanos, String node, long sequence, StateChange change, SessionId session,
                     ReservationStyle style, String interfaceName, IpAddress nextHop, List<SenderAddress> senders,
                     FlowRequest flowspec) implements RsvpEvent {
        public ResvState {
            senders = List.copyOf(senders);
        }
    }

    /**
     * The traffic control reservation on one outgoing interface changed (RFC 2209 §2 TCSB): what is actually
     * reserved there after merging, in bytes per second (0 when removed).
     */
    record Reservation(long timeNanos, String node, long sequence, SessionId session, ReservationStyle style,
                       String interfaceName, List<SenderAddress> senders, double reservedBytesPerSecond,
                       double freeBytesPerSecond) implements RsvpEvent {
        public Reservation {
            senders = List.copyOf(senders);
        }
    }

    /**
     * Admission control refused a reservation (RFC 2205 Appendix B code 1).
     *
     * @param errorValue 1 delay bound cannot be met, 2 requested bandwidth unavailable, 3 MTU too big
     */
    record AdmissionFailed(long timeNanos, String node, long sequence, SessionId session, String interfaceName,
                           double requestedBytesPerSecond, double freeBytesPerSecond, double perFlowMaxBytesPerSecond,
                           int errorValue, String reason) implements RsvpEvent {
    }

    /**
     * A reservation lost bandwidth on an interface to a more important request: preempted whole (RFC 3181) or
     * reduced (RFC 4495 partial preemption). Says who took how much from whom, where, and why.
     *
     * @param preemptor          the session whose request needed the bandwidth
     * @param preemptionPriority its preemption (setup) priority
     * @param victim             the session that lost bandwidth
     * @param defendingPriority  the victim's defending priority, lower than {@code preemptionPriority}
     * @param partial            true for a reduction (the victim keeps {@code remainingBytesPerSecond})
     * @param neededBytesPerSecond what the preemptor's request needed on the interface in all
     * @param freeBytesPerSecond what was free there before
     * @param explanation        the same in one sentence
     */
    record Preempted(long timeNanos, String node, long sequence, String interfaceName, SessionId preemptor,
                     int preemptionPriority, SessionId victim, List<SenderAddress> victimSenders,
                     int defendingPriority, boolean partial, double takenBytesPerSecond,
                     double remainingBytesPerSecond, double neededBytesPerSecond, double freeBytesPerSecond,
                     String explanation) implements RsvpEvent {
        public Preempted {
            victimSenders = List.copyOf(victimSenders);
        }
    }

    /**
     * A receiver (or a deaggregator) answered the preemption or reduction of its reservation: RFC 4495 §5 asks
     * for at most the bandwidth the ResvErr indicated, or gives up; a duplicate of a reduction it already answered
     * changes nothing (RFC 4495 §4 Req#4).
     *
     * @param errorValue             5 preempted (RFC 3181), 102 reduced (RFC 4495)
     * @param indicatedBytesPerSecond what the ResvErr said may stay (0 for a preemption)
     * @param newBytesPerSecond      what the receiver asks for now; 0 when it gave up
     */
    record ReductionAnswered(long timeNanos, String node, long sequence, SessionId session, int errorValue,
                             double indicatedBytesPerSecond, double previousBytesPerSecond,
                             double newBytesPerSecond, String explanation) implements RsvpEvent {
    }

    /** Local policy refused a Path or Resv (RFC 2205 Appendix B code 2). */
    record PolicyRejected(long timeNanos, String node, long sequence, SessionId session, String direction,
                          int errorCode, int errorValue, String reason) implements RsvpEvent {
    }

    /** Blockade state set or cleared for a previous hop (RFC 2205 §3.5, killer reservation problem). */
    record Blockade(long timeNanos, String node, long sequence, boolean set, SessionId session,
                    IpAddress previousHop, FlowRequest blockadeFlowspec) implements RsvpEvent {
    }

    /** A ResvConf reached this receiver (RFC 2205 §3.1.9). */
    record ConfirmationReceived(long timeNanos, String node, long sequence, SessionId session,
                                IpAddress confirmingNode, ReservationStyle style, FlowRequest flowspec)
        implements RsvpEvent {
    }

    /** A PathErr or ResvErr arrived here (RFC 2205 §3.1.5, §3.1.6), or a local API request failed. */
    record ErrorReceived(long timeNanos, String node, long sequence, String messageType, SessionId session,
                         IpAddress errorNode, int errorCode, int errorValue, String codeName, String valueName)
        implements RsvpEvent {
    }

    /** A Path arrived with an IP TTL below its Send_TTL: a non-RSVP router is upstream (RFC 2205 §2.9). */
    record NonRsvpHopDetected(long timeNanos, String node, long sequence, SessionId session, SenderAddress sender,
                              String interfaceName, int sendTtl, int ipTtl) implements RsvpEvent {
    }

    /** The route of a sender's Path changed and the Path went out on the new route (local repair, §3.6). */
    record RouteChanged(long timeNanos, String node, long sequence, SessionId session, SenderAddress sender,
                        List<String> oldInterfaces, List<String> newInterfaces) implements RsvpEvent {
        public RouteChanged {
            oldInterfaces = List.copyOf(oldInterfaces);
            newInterfaces = List.copyOf(newInterfaces);
        }
    }

    /** An RSVP message left this node ({@code datagram} is the whole IP datagram; do not modify it). */
    record MessageSent(long timeNanos, String node, long sequence, String messageType, SessionId session,
                       String interfaceName, IpAddress destination, int length, byte[] datagram)
        implements RsvpEvent {
    }

    /** An RSVP message arrived and was processed here ({@code datagram} as received; do not modify it). */
    record MessageReceived(long timeNanos, String node, long sequence, String messageType, SessionId session,
                           String interfaceName, IpAddress source, int length, byte[] datagram)
        implements RsvpEvent {
    }

    /** An RSVP message could not be decoded and was dropped (RFC 2205 §3.10). */
    record DecodeFailed(long timeNanos, String node, long sequence, String interfaceName, String reason,
                        byte[] datagram) implements RsvpEvent {
    }

    /**
     * Something between this node and one neighbour: refresh-reduction capability found or lost (RFC 2961 §2),
     * a trigger message given up after its retransmissions (§6), a message dropped by integrity checking with the
     * reason (RFC 2747 §4), an integrity handshake completed (§5.1), a neighbour up or down by Hello (RFC 3209
     * §5).
     *
     * @param kind   what happened: {@code RR_CAPABLE}, {@code RR_NOT_CAPABLE}, {@code DELIVERY_FAILED},
     *               {@code INTEGRITY_FAILED}, {@code INTEGRITY_HANDSHAKE}, {@code HELLO_UP}, {@code HELLO_DOWN}
     * @param detail in operator words, e.g. why integrity failed
     */
    record NeighbourEvent(long timeNanos, String node, long sequence, IpAddress neighbour, String interfaceName,
                          String kind, String detail) implements RsvpEvent {
    }

    /**
     * A label binding of one LSP at this node changed (RFC 3209 §4.1): INSTALLED when the node allocated its
     * in-label for the Resv it sends upstream (or, at the head end, when the first label arrived), CHANGED when
     * the next hop's label changed, TORN_DOWN when the label was released. Labels are {@link LabelEntry#NONE}
     * where the node has none (the head end's in-label, the tail end's out-label).
     */
    record LabelBound(long timeNanos, String node, long sequence, StateChange change, SessionId session, LspId lsp,
                      long inLabel, String inInterface, long outLabel, String outInterface) implements RsvpEvent {
    }
}
