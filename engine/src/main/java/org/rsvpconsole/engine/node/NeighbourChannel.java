package org.rsvpconsole.engine.node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.MessageIdAck;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpObject;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.time.Timer;
import org.rsvpconsole.engine.topology.Interface;

/**
 * What one node knows about one RSVP neighbour (RFC 2961 §2 "per neighbor"): whether it is refresh-reduction
 * capable, the trigger messages it has not acknowledged yet, the state last sent to it with the identifier it
 * acknowledged (so an unchanged refresh can travel as an identifier in a Srefresh), the state received from it
 * by identifier (so its Srefresh can refresh that state), acknowledgements and Srefresh identifiers waiting to
 * go, integrity sequence numbers and Hello instances, and the counters. Owned by the node's scheduler thread.
 */
final class NeighbourChannel {

    /** Which state a Path or Resv message refreshes: its type, session and (for Path) sender. */
    record StateKey(MessageType type, RsvpObject session, RsvpObject sender) {
    }

    /** A message ready to go out: the addressing of RsvpNode.send plus the session it belongs to. */
    record Outgoing(Interface out, IpAddress src, IpAddress dst, int ttl, boolean routerAlert, ObjectMessage message,
                    Session session) {

        Outgoing with(ObjectMessage m) {
            return new Outgoing(out, src, dst, ttl, routerAlert, m, session);
        }
    }

    /** State last sent to this neighbour: its message without MESSAGE_ID, and the identifier it went with. */
    static final class SentState {
        final StateKey key;
        Outgoing outgoing;
        byte[] body;
        long id;
        boolean acked;

        SentState(StateKey key) {
            this.key = key;
        }
    }

    /** A trigger message waiting for its acknowledgement (RFC 2961 §4.2). */
    static final class Pending {
        final long id;
        final Outgoing outgoing;
        final SentState state;
        int tries;
        long intervalNanos;
        Timer timer;

        Pending(long id, Outgoing outgoing, SentState state, long intervalNanos) {
            this.id = id;
            this.outgoing = outgoing;
            this.state = state;
            this.intervalNanos = intervalNanos;
        }
    }

    /** State received from this neighbour with a MESSAGE_ID: replayed when a Srefresh lists its identifier. */
    static final class ReceivedState {
        final StateKey key;
        final int epoch;
        final long id;
        final Interface in;
        final IpHeader ip;
        final ObjectMessage message;
        final byte[] datagram;
        final long lifetimeNanos;
        long lastNanos;

        ReceivedState(StateKey key, int epoch, long id, Interface in, IpHeader ip, ObjectMessage message,
                      byte[] datagram, long lifetimeNanos, long lastNanos) {
            this.key = key;
            this.epoch = epoch;
            this.id = id;
            this.in = in;
            this.ip = ip;
            this.message = message;
            this.datagram = datagram;
            this.lifetimeNanos = lifetimeNanos;
            this.lastNanos = lastNanos;
        }
    }

    final IpAddress address;
    Interface lastInterface;
    /** The neighbour set the Refresh-Reduction-Capable flag on its last message (RFC 2961 §2). */
    boolean capable;
    boolean capabilityKnown;

    final Map<StateKey, SentState> sent = new HashMap<>();
    final Map<Long, Pending> pending = new HashMap<>();
    final Map<Long, SentState> sentById = new HashMap<>();

    /** The neighbour's epoch (RFC 2961 §4.3); a new one means it restarted and its identifiers start over. */
    int epoch = -1;
    final Map<StateKey, ReceivedState> received = new HashMap<>();
    final Map<Long, ReceivedState> receivedById = new HashMap<>();
    /** Identifiers of recent non-state messages (tears, errors): a retransmitted one is acknowledged, not redone. */
    final LinkedHashSet<Long> recentIds = new LinkedHashSet<>();

    /** Unicast messages, acknowledgements and Srefresh identifiers waiting for the next flush. */
    final java.util.List<Outgoing> queue = new java.util.ArrayList<>();
    final java.util.List<MessageIdAck> acks = new java.util.ArrayList<>();
    final java.util.List<Long> summary = new java.util.ArrayList<>();
    Timer flushTimer;
    Timer summaryTimer;

    /** Integrity: the highest sequence number accepted per key id (RFC 2747 §4.2), and a pending challenge. */
    final Map<Long, Long> lastSequence = new HashMap<>();
    long challengeCookie;
    long challengeKeyId = -1;

    /** Hello (RFC 3209 §5.3): the neighbour's instance, 0 while unknown, and when it was last heard. */
    int helloInstance;
    boolean helloUp;
    long helloHeardNanos;
    boolean helloPeer;

    final Map<String, Long> sentCounts = new TreeMap<>();
    final Map<String, Long> receivedCounts = new TreeMap<>();
    long retransmissions;
    long acksSent;
    long acksReceived;
    long nacksSent;
    long nacksReceived;
    long summaryIdsSent;
    long summaryIdsReceived;
    long deliveryFailures;
    long integrityFailures;

    NeighbourChannel(IpAddress address) {
        this.address = address;
    }

    void countSent(String type) {
        sentCounts.merge(type, 1L, Long::sum);
    }

    void countReceived(String type) {
        receivedCounts.merge(type, 1L, Long::sum);
    }

    /** Remembers a non-state message's identifier; false when it was seen already (a retransmission). */
    boolean firstSight(long id) {
        if (!recentIds.add(id)) {
            return false;
        }
        if (recentIds.size() > 1024) {
            recentIds.remove(recentIds.iterator().next());
        }
        return true;
    }

    /** Forgets what the neighbour sent before it restarted with a new epoch (RFC 2961 §4.3). */
    void newEpoch(int e) {
        epoch = e;
        received.clear();
        receivedById.clear();
        recentIds.clear();
    }

    void cancelTimers() {
        for (Pending p : pending.values()) {
            if (p.timer != null) {
                p.timer.cancel();
            }
        }
        if (flushTimer != null) {
            flushTimer.cancel();
        }
        if (summaryTimer != null) {
            summaryTimer.cancel();
        }
    }

    static Map<String, Long> copy(Map<String, Long> m) {
        return new LinkedHashMap<>(m);
    }
}
