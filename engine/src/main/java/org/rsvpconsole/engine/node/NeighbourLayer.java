package org.rsvpconsole.engine.node;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.Challenge;
import org.rsvpconsole.engine.codec.Checksum;
import org.rsvpconsole.engine.codec.CommonHeader;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.Hello;
import org.rsvpconsole.engine.codec.Integrity;
import org.rsvpconsole.engine.codec.MessageId;
import org.rsvpconsole.engine.codec.MessageIdAck;
import org.rsvpconsole.engine.codec.MessageIdList;
import org.rsvpconsole.engine.codec.MessageIdSet;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectClass;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.Octets;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.RsvpObject;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.codec.WireWriter;
import org.rsvpconsole.engine.node.NeighbourChannel.Outgoing;
import org.rsvpconsole.engine.node.NeighbourChannel.Pending;
import org.rsvpconsole.engine.node.NeighbourChannel.ReceivedState;
import org.rsvpconsole.engine.node.NeighbourChannel.SentState;
import org.rsvpconsole.engine.node.NeighbourChannel.StateKey;
import org.rsvpconsole.engine.node.NeighbourConfig.IntegrityKey;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.time.Timer;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.Topology;

/**
 * The layer between an {@link RsvpNode} and its links when refresh reduction (RFC 2961), integrity (RFC 2747)
 * or Hello (RFC 3209 §5) is on. The node hands it every message it would send and every datagram it received;
 * the layer keeps one {@link NeighbourChannel} per neighbour and decides what actually crosses the wire:
 *
 * <ul>
 *   <li>Sending: a Path or Resv that differs from the last one sent for the same state is a trigger message and
 *       gets a MESSAGE_ID with ACK_Desired, retransmitted after Rf, 2Rf, 4Rf ... until acknowledged or Rl
 *       retransmissions (§4, §6); an unchanged one whose identifier was acknowledged is a refresh and travels as
 *       its identifier in a Srefresh held until it fills the MTU (§5). Tears and errors are sent reliably too.
 *       Acknowledgements ride on the next message to the neighbour or go in an Ack message; messages to one
 *       neighbour at one instant go in Bundle messages (§3). Neighbours that do not set the
 *       Refresh-Reduction-Capable flag get plain RFC 2205 messages (§2).</li>
 *   <li>Receiving: Bundles are split; every message is checked for integrity first; acknowledgements and NACKs
 *       are applied; a Srefresh replays the full message it stands for into the node (so the node sees an
 *       ordinary refresh), or answers an unknown identifier with a NACK; out-of-order and duplicate messages are
 *       dropped (§4.3).</li>
 * </ul>
 *
 * <p>Runs on the node's scheduler thread, like the node.
 */
final class NeighbourLayer {

    /** RFC 2961 §2: bit 0x01 of the common header flags. */
    static final int RR_CAPABLE = 0x01;
    private static final int UNICAST_TTL = 64;
    /** Common header (8) + INTEGRITY object header (4) + flags, reserved, key id and sequence number (16). */
    private static final int DIGEST_OFFSET = 28;

    /** What the layer needs from its node. */
    interface Host {
        /** Puts a finished datagram on the link and reports it (unless {@code quiet}: Hello chatter). */
        void transmit(Interface out, IpAddress dst, String type, Session session, byte[] datagram, boolean quiet);

        /** Hands a received message to the node's RFC 2205 processing; {@code refresh} for a Srefresh replay. */
        void deliver(Interface in, IpHeader ip, ObjectMessage m, byte[] datagram, boolean refresh);

        void decodeFailed(Interface in, String reason, byte[] datagram);

        /** A message that did not decode, to report and, where RFC 2205 §3.10 says so, answer. */
        void malformed(Interface in, DecodeResult.Malformed bad, byte[] datagram);

        /** A message of this layer's own (Ack, Srefresh, integrity handshake) arrived: reported, not processed. */
        void received(Interface in, IpAddress source, String type, byte[] datagram);

        void event(IpAddress neighbour, Interface itf, String kind, String detail);

        /** Hello declared the neighbour dead: its state must go (RFC 3209 §5.3). */
        void neighbourDown(IpAddress neighbour);
    }

    private final Host host;
    private final Topology topology;
    private final NodeTransport network;
    private final Scheduler scheduler;
    private final NodeConfig config;
    private final NeighbourConfig.RefreshReduction rr;
    private final NeighbourConfig.Integrity integrity;
    private final NeighbourConfig.Hello hello;
    private final org.rsvpconsole.engine.topology.Node node;
    private final RsvpDecoder decoder = new RsvpDecoder();
    private final WireWriter writer = new WireWriter(1024);
    private final Random random;
    private final Map<IpAddress, NeighbourChannel> channels = new LinkedHashMap<>();
    /** The refresh-reduction-capable RSVP neighbour heard on each interface (by topology index). */
    private final IpAddress[] interfaceNeighbour;
    private final List<Map<String, Long>> interfaceSent = new ArrayList<>();
    private final List<Map<String, Long>> interfaceReceived = new ArrayList<>();
    private final Map<Long, Mac> macs = new java.util.HashMap<>();
    private final int epoch;
    private final int helloInstance;
    private long nextId;
    private long lastSequence;
    private Timer helloTimer;
    private boolean crashed;

    NeighbourLayer(org.rsvpconsole.engine.topology.Node node, NodeTransport network, NodeConfig config, long seed,
                   Host host) {
        this.node = node;
        this.host = host;
        this.network = network;
        this.topology = network.topology();
        this.scheduler = network.scheduler();
        this.config = config;
        this.rr = config.neighbours().refreshReduction();
        this.integrity = config.neighbours().integrity();
        this.hello = config.neighbours().hello();
        this.random = new Random(seed * 131 + node.index());
        this.epoch = 1 + random.nextInt(0xfffffe);
        this.helloInstance = 1 + random.nextInt(Integer.MAX_VALUE - 1);
        this.interfaceNeighbour = new IpAddress[topology.interfaces().size()];
        for (int i = 0; i < topology.interfaces().size(); i++) {
            interfaceSent.add(null);
            interfaceReceived.add(null);
        }
        if (hello.enabled()) {
            for (Interface i : network.neighboursKnown() ? topology.interfacesOf(node) : List.<Interface>of()) {
                NeighbourChannel n = channel(topology.link(i).other(i).address());
                n.helloPeer = true;
                n.lastInterface = i;
            }
            helloTimer = scheduler.schedule(hello.intervalNanos(), this::helloTick);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending.

    /** A message the node would send (the arguments of its RFC 2205 send). */
    void send(Interface out, IpAddress src, IpAddress dst, int ttl, boolean routerAlert, ObjectMessage m,
              Session session) {
        if (crashed) {
            return;
        }
        Outgoing o = new Outgoing(out, src, dst, ttl, routerAlert, hopByHopObjectsRemoved(m), session);
        MessageType t = m.type();
        boolean hopByHop = t == MessageType.PATH || t == MessageType.PATH_TEAR || t == MessageType.RESV
            || t == MessageType.RESV_TEAR || t == MessageType.PATH_ERR || t == MessageType.RESV_ERR;
        IpAddress address = !hopByHop ? null : routerAlert ? interfaceNeighbour[out.index()] : dst;
        NeighbourChannel n = address == null ? null : channel(address);
        if (n != null) {
            n.lastInterface = out;
        }
        if (!rr.enabled() || n == null || !n.capable) {
            transmit(o, n);
            return;
        }
        StateKey key = stateKey(m);
        switch (t) {
            case PATH, RESV -> sendState(n, o, key);
            case PATH_TEAR, RESV_TEAR -> {
                SentState st = key == null ? null : n.sent.remove(key);
                if (st != null) {
                    n.sentById.remove(st.id);
                    Pending p = n.pending.remove(st.id);
                    if (p != null && p.timer != null) {
                        p.timer.cancel();
                    }
                }
                reliable(n, o, ++nextId, null);
            }
            default -> reliable(n, o, ++nextId, null);
        }
    }

    /**
     * A forwarded PathErr or ResvErr carries the objects it arrived with: MESSAGE_ID, MESSAGE_ID_ACK and INTEGRITY
     * belong to the hop it came over (RFC 2961 §4.1, RFC 2747 §4) and are not passed on.
     */
    private static ObjectMessage hopByHopObjectsRemoved(ObjectMessage m) {
        boolean any = false;
        for (RsvpObject o : m.objects()) {
            any |= o instanceof MessageId || o instanceof MessageIdAck || o instanceof Integrity;
        }
        if (!any) {
            return m;
        }
        List<RsvpObject> kept = new ArrayList<>();
        for (RsvpObject o : m.objects()) {
            if (!(o instanceof MessageId || o instanceof MessageIdAck || o instanceof Integrity)) {
                kept.add(o);
            }
        }
        return new ObjectMessage(m.type(), m.flags(), m.sendTtl(), kept);
    }

    /** A Path or Resv: a trigger when it differs from what was sent, else a refresh (RFC 2961 §1.1, §5). */
    private void sendState(NeighbourChannel n, Outgoing o, StateKey key) {
        if (key == null) {
            transmit(o, n);
            return;
        }
        byte[] body = encodePlain(o.message());
        SentState st = n.sent.get(key);
        if (st != null && Arrays.equals(st.body, body)) {
            st.outgoing = o;
            if (st.acked) {
                queueSummary(n, st.id);
                return;
            }
            Pending running = n.pending.get(st.id);
            if (running != null) {
                // Still unacknowledged when its refresh is due: the refresh goes in full, with the same
                // identifier, beside the backed-off retransmissions (never rarer than an RFC 2205 refresh).
                running.tries++;
                n.retransmissions++;
                dispatch(n, running.outgoing);
                return;
            }
        }
        if (st == null) {
            st = new SentState(key);
            n.sent.put(key, st);
        } else {
            n.sentById.remove(st.id);
            Pending old = n.pending.remove(st.id);
            if (old != null && old.timer != null) {
                old.timer.cancel();
            }
        }
        st.body = body;
        st.outgoing = o;
        st.acked = false;
        st.id = ++nextId;
        n.sentById.put(st.id, st);
        reliable(n, o, st.id, st);
    }

    /** Sends with a MESSAGE_ID asking for an acknowledgement and retransmits until one comes (§4.2, §6). */
    private void reliable(NeighbourChannel n, Outgoing o, long id, SentState st) {
        List<RsvpObject> objects = new ArrayList<>(o.message().objects().size() + 1);
        objects.add(new MessageId(MessageId.FLAG_ACK_DESIRED, epoch, id & 0xffff_ffffL));
        objects.addAll(o.message().objects());
        Outgoing withId = o.with(new ObjectMessage(o.message().type(), o.message().flags(), o.message().sendTtl(),
            objects));
        Pending p = new Pending(id, withId, st, rr.rfNanos());
        n.pending.put(id, p);
        dispatch(n, withId);
        p.timer = scheduler.schedule(p.intervalNanos, () -> retransmit(n, p));
    }

    private void retransmit(NeighbourChannel n, Pending p) {
        if (crashed || n.pending.get(p.id) != p) {
            return;
        }
        if (p.tries >= rr.retransmitLimit()) {
            n.pending.remove(p.id);
            n.deliveryFailures++;
            host.event(n.address, n.lastInterface, "DELIVERY_FAILED", p.outgoing.message().type().displayName()
                + " " + p.id + " not acknowledged after " + p.tries + " retransmissions (RFC 2961 §6)");
            return;
        }
        p.tries++;
        n.retransmissions++;
        dispatch(n, p.outgoing);
        p.intervalNanos *= 2;
        p.timer = scheduler.schedule(p.intervalNanos, () -> retransmit(n, p));
    }

    /** Path and PathTear go at once toward the session (Router Alert); unicast messages wait for the flush. */
    private void dispatch(NeighbourChannel n, Outgoing o) {
        if (o.routerAlert() || !rr.bundling()) {
            transmit(o, n);
        } else {
            n.queue.add(o);
            scheduleFlush(n);
        }
    }

    private void scheduleFlush(NeighbourChannel n) {
        if (n.flushTimer == null) {
            n.flushTimer = scheduler.schedule(0, () -> flush(n));
        }
    }

    /** Sends what waits for one neighbour: queued messages (acknowledgements on them), Bundled up to the MTU. */
    private void flush(NeighbourChannel n) {
        n.flushTimer = null;
        if (crashed) {
            return;
        }
        List<Outgoing> items = new ArrayList<>(n.queue);
        n.queue.clear();
        if (items.isEmpty() && n.acks.isEmpty()) {
            return;
        }
        if (items.isEmpty()) {
            Interface out = toward(n);
            if (out == null) {
                n.acks.clear();
                return;
            }
            items.add(new Outgoing(out, out.address(), n.address, UNICAST_TTL, false,
                ObjectMessage.of(MessageType.ACK, UNICAST_TTL), null));
        }
        List<byte[]> encoded = new ArrayList<>();
        for (Outgoing o : items) {
            ObjectMessage m = withAcks(n, o.message());
            encoded.add(encode(m, n.address, -1));
            n.countSent(m.type().displayName());
            countInterface(interfaceSent, o.out(), m.type().displayName());
        }
        Outgoing first = items.get(0);
        if (!rr.bundling() || !n.capable || encoded.size() == 1) {
            for (int i = 0; i < items.size(); i++) {
                Outgoing o = items.get(i);
                wire(o, encoded.get(i), o.message().type().displayName(), o.session(), false);
            }
            return;
        }
        int room = first.out().mtu() - ipHeader(first.dst()) - CommonHeader.SIZE;
        List<byte[]> bundle = new ArrayList<>();
        int size = 0;
        for (byte[] b : encoded) {
            if (!bundle.isEmpty() && size + b.length > room) {
                sendBundle(first, bundle);
                bundle.clear();
                size = 0;
            }
            bundle.add(b);
            size += b.length;
        }
        sendBundle(first, bundle);
    }

    /** RFC 2961 §3.1: a Bundle is a common header followed by whole RSVP messages, each with its own checksum. */
    private void sendBundle(Outgoing first, List<byte[]> messages) {
        if (messages.size() == 1) {
            wire(first, messages.get(0), "Bundled", first.session(), false);
            return;
        }
        int len = CommonHeader.SIZE;
        for (byte[] b : messages) {
            len += b.length;
        }
        byte[] out = new byte[len];
        out[0] = (byte) ((1 << 4) | (rr.enabled() ? RR_CAPABLE : 0));
        out[1] = (byte) MessageType.BUNDLE.number();
        out[4] = (byte) first.ttl();
        out[6] = (byte) (len >>> 8);
        out[7] = (byte) len;
        int at = CommonHeader.SIZE;
        for (byte[] b : messages) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        Checksum.fill(out, 0, len);
        wire(first, out, "Bundle", null, false);
    }

    /** Acknowledgements waiting for this neighbour go on this message (RFC 2961 §4.4: piggybacked). */
    private ObjectMessage withAcks(NeighbourChannel n, ObjectMessage m) {
        if (n.acks.isEmpty()) {
            return m;
        }
        int max = Math.max(1, (mtuToward(n) - 200 - m.objects().size() * 24) / 12);
        int take = Math.min(max, n.acks.size());
        List<RsvpObject> objects = new ArrayList<>(m.objects().size() + take);
        objects.addAll(n.acks.subList(0, take));
        objects.addAll(m.objects());
        n.acks.subList(0, take).clear();
        if (!n.acks.isEmpty()) {
            scheduleFlush(n);
        }
        return new ObjectMessage(m.type(), m.flags(), m.sendTtl(), objects);
    }

    /** Sends one message now (no queue): with acknowledgements for the neighbour if it is capable. */
    private void transmit(Outgoing o, NeighbourChannel n) {
        ObjectMessage m = n != null && n.capable && rr.enabled() ? withAcks(n, o.message()) : o.message();
        IpAddress keyFor = n != null ? n.address : neighbourFor(o);
        byte[] rsvp = encode(m, keyFor, -1);
        String type = m.type().displayName();
        if (n != null) {
            n.countSent(type);
        }
        countInterface(interfaceSent, o.out(), type);
        wire(o, rsvp, type, o.session(), m.type() == MessageType.HELLO_MSG);
    }

    private void wire(Outgoing o, byte[] rsvp, String type, Session session, boolean quiet) {
        byte[] datagram = new IpEncapsulation(o.src(), o.dst(), o.ttl(), o.routerAlert(), false)
            .wrap(rsvp, 0, rsvp.length);
        host.transmit(o.out(), o.dst(), type, session, datagram, quiet);
    }

    /** The neighbour a message without a known RSVP neighbour is keyed for: the link's other end. */
    private IpAddress neighbourFor(Outgoing o) {
        return topology.link(o.out()).other(o.out()).address();
    }

    // Srefresh (RFC 2961 §5) -------------------------------------------------------------------------------------

    private void queueSummary(NeighbourChannel n, long id) {
        n.summary.add(id);
        if (n.summary.size() >= summaryCapacity(n)) {
            flushSummary(n);
        } else if (n.summaryTimer == null) {
            n.summaryTimer = scheduler.schedule(rr.summaryHoldNanos(), () -> flushSummary(n));
        }
    }

    /** How many identifiers fit one Srefresh in one MTU (IP header, common header, list header, INTEGRITY). */
    private int summaryCapacity(NeighbourChannel n) {
        int integrityBytes = signingKey(n.address, -1) == null ? 0 : 20 + 32;
        return Math.max(1, (mtuToward(n) - ipHeader(n.address) - CommonHeader.SIZE - 8 - integrityBytes) / 4);
    }

    private void flushSummary(NeighbourChannel n) {
        if (n.summaryTimer != null) {
            n.summaryTimer.cancel();
            n.summaryTimer = null;
        }
        Interface out = toward(n);
        if (crashed || out == null || n.summary.isEmpty()) {
            n.summary.clear();
            return;
        }
        int cap = summaryCapacity(n);
        while (!n.summary.isEmpty()) {
            int k = Math.min(cap, n.summary.size());
            long[] ids = new long[k];
            for (int i = 0; i < k; i++) {
                ids[i] = n.summary.get(i) & 0xffff_ffffL;
            }
            n.summary.subList(0, k).clear();
            n.summaryIdsSent += k;
            ObjectMessage m = ObjectMessage.of(MessageType.SREFRESH, UNICAST_TTL,
                new MessageIdList.Ids(0, epoch, MessageIdSet.of(ids)));
            transmit(new Outgoing(out, out.address(), n.address, UNICAST_TTL, false, m, null), n);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving.

    void receive(Interface in, IpHeader ip, byte[] datagram) {
        if (crashed) {
            return;
        }
        int off = ip.payloadOffset();
        int len = ip.payloadLength();
        if (len >= CommonHeader.SIZE && (datagram[off + 1] & 0xff) == MessageType.BUNDLE.number()) {
            // RFC 2961 §3.4: each message of a Bundle is processed as if it had arrived alone.
            CommonHeader h = CommonHeader.read(datagram, off, len);
            if (h == null || !h.checksumOk() || h.length() > len || h.length() < CommonHeader.SIZE) {
                host.decodeFailed(in, "a Bundle message with a bad length or checksum", datagram);
                return;
            }
            int end = off + h.length();
            int at = off + CommonHeader.SIZE;
            while (at + CommonHeader.SIZE <= end) {
                int l = ((datagram[at + 6] & 0xff) << 8) | (datagram[at + 7] & 0xff);
                if (l < CommonHeader.SIZE || at + l > end) {
                    host.decodeFailed(in, "a Bundle sub-message's length runs past the Bundle", datagram);
                    return;
                }
                receiveOne(in, ip, datagram, at, l);
                at += l;
            }
            return;
        }
        receiveOne(in, ip, datagram, off, len);
    }

    private void receiveOne(Interface in, IpHeader ip, byte[] datagram, int off, int len) {
        DecodeResult r = decoder.decode(datagram, off, len);
        if (!(r instanceof DecodeResult.Decoded d) || !(d.message() instanceof ObjectMessage m)) {
            if (r instanceof DecodeResult.Malformed bad) {
                host.malformed(in, bad, datagram);
            } else {
                host.decodeFailed(in, "a Bundle inside a Bundle (RFC 2961 §3.1 forbids it)", datagram);
            }
            return;
        }
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        IpAddress from = hop.isPresent() ? hop.get().hop() : ip.source();
        NeighbourChannel n = channel(from);
        String type = m.type().displayName();
        n.countReceived(type);
        countInterface(interfaceReceived, in, type);
        if (!integrityOk(n, in, m, datagram, off, len)) {
            return;
        }
        boolean routed = m.type() == MessageType.RESV_CONF;
        if (!routed) {
            n.lastInterface = in;
            if (hello.enabled() && hop.isPresent() && !network.neighboursKnown()) {
                // A real network's neighbours are the RSVP hops that speak (RFC 3209 §5.3: Hello runs between them).
                n.helloPeer = true;
            }
        }
        if (rr.enabled() && !routed) {
            boolean capable = (d.header().flags() & RR_CAPABLE) != 0;
            if (!n.capabilityKnown || capable != n.capable) {
                n.capable = capable;
                n.capabilityKnown = true;
                host.event(n.address, in, capable ? "RR_CAPABLE" : "RR_NOT_CAPABLE", capable
                    ? "sets the Refresh-Reduction-Capable flag: MESSAGE_ID, Ack, Bundle and Srefresh in use"
                    : "does not set the Refresh-Reduction-Capable flag: plain RFC 2205 refreshes (RFC 2961 §2)");
                if (!capable) {
                    forget(n);
                }
            }
            if (capable) {
                interfaceNeighbour[in.index()] = from;
            } else if (from.equals(interfaceNeighbour[in.index()])) {
                interfaceNeighbour[in.index()] = null;
            }
        }
        for (RsvpObject o : m.objects()) {
            if (o instanceof MessageIdAck a) {
                onAck(n, a);
            }
        }
        if (m.type() == MessageType.ACK || m.type() == MessageType.SREFRESH
            || m.type() == MessageType.INTEGRITY_CHALLENGE || m.type() == MessageType.INTEGRITY_RESPONSE) {
            host.received(in, ip.source(), type, datagram);
        }
        switch (m.type()) {
            case ACK -> {
                return;
            }
            case SREFRESH -> {
                onSummary(n, m);
                return;
            }
            case HELLO_MSG -> {
                onHello(n, in, m);
                return;
            }
            case INTEGRITY_CHALLENGE -> {
                onChallenge(n, in, m);
                return;
            }
            case INTEGRITY_RESPONSE -> {
                return;
            }
            default -> {
                // An RSVP message of RFC 2205: below.
            }
        }
        Optional<MessageId> mid = rr.enabled() ? m.first(MessageId.class) : Optional.empty();
        if (mid.isEmpty()) {
            host.deliver(in, ip, m, datagram, false);
            return;
        }
        MessageId id = mid.get();
        if (id.ackDesired()) {
            n.acks.add(new MessageIdAck(false, 0, id.epoch(), id.messageId()));
            n.acksSent++;
            scheduleFlush(n);
        }
        if (n.epoch != id.epoch()) {
            n.newEpoch(id.epoch());
        }
        StateKey key = stateKey(m);
        switch (m.type()) {
            case PATH, RESV -> {
                if (key != null) {
                    ReceivedState prev = n.received.get(key);
                    if (prev != null && prev.id > id.messageId()) {
                        // Older than the state already installed: out of order (RFC 2961 §4.3).
                        return;
                    }
                    if (prev != null) {
                        n.receivedById.remove(prev.id);
                    }
                    long refresh = m.first(TimeValues.class).map(t -> t.refreshPeriodMillis() * 1_000_000L)
                        .orElse(config.refreshPeriodNanos());
                    ReceivedState rs = new ReceivedState(key, id.epoch(), id.messageId(), in, ip, m, datagram,
                        config.lifetimeNanos(refresh), scheduler.nowNanos());
                    n.received.put(key, rs);
                    n.receivedById.put(id.messageId(), rs);
                }
            }
            case PATH_TEAR, RESV_TEAR -> {
                if (!n.firstSight(id.messageId())) {
                    return;
                }
                ReceivedState gone = key == null ? null : n.received.remove(key);
                if (gone != null) {
                    n.receivedById.remove(gone.id);
                }
            }
            default -> {
                if (!n.firstSight(id.messageId())) {
                    return;
                }
            }
        }
        host.deliver(in, ip, m, datagram, false);
    }

    private void onAck(NeighbourChannel n, MessageIdAck a) {
        if (a.epoch() != epoch) {
            return;
        }
        long id = a.messageId();
        if (a.nack()) {
            // RFC 2961 §5.4: the neighbour does not know the state: send it in full, as a trigger.
            n.nacksReceived++;
            SentState st = n.sentById.remove(id);
            if (st != null && n.sent.get(st.key) == st) {
                st.acked = false;
                st.id = ++nextId;
                n.sentById.put(st.id, st);
                reliable(n, st.outgoing, st.id, st);
            }
            return;
        }
        n.acksReceived++;
        Pending p = n.pending.remove(id);
        if (p != null) {
            if (p.timer != null) {
                p.timer.cancel();
            }
            if (p.state != null && p.state.id == p.id) {
                p.state.acked = true;
            }
        }
    }

    /** Each listed identifier refreshes the state it stands for, or comes back as a NACK (RFC 2961 §5.3). */
    private void onSummary(NeighbourChannel n, ObjectMessage m) {
        long now = scheduler.nowNanos();
        for (MessageIdList list : m.all(MessageIdList.class)) {
            if (!(list instanceof MessageIdList.Ids ids)) {
                continue;
            }
            MessageIdSet set = ids.ids();
            n.summaryIdsReceived += set.size();
            for (int i = 0; i < set.size(); i++) {
                long id = set.get(i);
                ReceivedState rs = ids.epoch() == n.epoch ? n.receivedById.get(id) : null;
                if (rs != null && now - rs.lastNanos > rs.lifetimeNanos) {
                    // The state it stood for timed out here already.
                    n.receivedById.remove(id);
                    n.received.remove(rs.key);
                    rs = null;
                }
                if (rs == null) {
                    n.acks.add(new MessageIdAck(true, 0, ids.epoch(), id));
                    n.nacksSent++;
                    scheduleFlush(n);
                } else {
                    rs.lastNanos = now;
                    host.deliver(rs.in, rs.ip, rs.message, rs.datagram, true);
                }
            }
        }
    }

    /** Forgets refresh-reduction state of a neighbour that stopped being capable or died. */
    private void forget(NeighbourChannel n) {
        for (Pending p : n.pending.values()) {
            if (p.timer != null) {
                p.timer.cancel();
            }
        }
        n.pending.clear();
        n.sent.clear();
        n.sentById.clear();
        n.received.clear();
        n.receivedById.clear();
        n.summary.clear();
        for (int i = 0; i < interfaceNeighbour.length; i++) {
            if (n.address.equals(interfaceNeighbour[i])) {
                interfaceNeighbour[i] = null;
            }
        }
    }

    private static StateKey stateKey(ObjectMessage m) {
        Session session = m.first(Session.class).orElse(null);
        if (session == null) {
            return null;
        }
        return switch (m.type()) {
            case PATH, PATH_TEAR -> {
                SenderTemplate t = m.first(SenderTemplate.class).orElse(null);
                // Multicast Path state would need MESSAGE_ID_MULTICAST_LIST (§5.2): it keeps full refreshes.
                yield t == null || isMulticast(session) ? null : new StateKey(MessageType.PATH, session, t);
            }
            case RESV, RESV_TEAR -> new StateKey(MessageType.RESV, session, null);
            default -> null;
        };
    }

    private static boolean isMulticast(Session s) {
        return s instanceof org.rsvpconsole.engine.codec.IpSession ip && (ip.destination() instanceof Ipv4Address v4
            ? v4.isMulticast() : ((org.rsvpconsole.engine.api.Ipv6Address) ip.destination()).isMulticast());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Integrity (RFC 2747, RFC 3097).

    /** The key this node signs with toward {@code neighbour}: the newest valid one (key rollover, §3.1). */
    private IntegrityKey signingKey(IpAddress neighbour, long keyId) {
        IntegrityKey best = null;
        long now = scheduler.nowNanos();
        for (IntegrityKey k : integrity.keys()) {
            if (k.appliesTo(neighbour) && k.validAt(now) && (keyId < 0 || k.keyId() == keyId)
                && (best == null || k.validFromNanos() > best.validFromNanos()
                || k.neighbour() != null && best.neighbour() == null)) {
                best = k;
            }
        }
        return best;
    }

    /** The key id messages to {@code neighbour} are signed with now, -1 for none. */
    private long keyIdToward(IpAddress neighbour) {
        IntegrityKey k = integrity.keys().isEmpty() ? null : signingKey(neighbour, -1);
        return k == null ? -1 : k.keyId();
    }

    private boolean keyed(IpAddress neighbour) {
        for (IntegrityKey k : integrity.keys()) {
            if (k.appliesTo(neighbour)) {
                return true;
            }
        }
        return false;
    }

    /** Sequence numbers strictly increase over the node's life and across restarts (time based, RFC 2747 §3.2). */
    private long nextSequence() {
        lastSequence = Math.max(lastSequence + 1, scheduler.nowNanos());
        return lastSequence;
    }

    private Mac mac(IntegrityKey k) {
        try {
            Mac m = Mac.getInstance(k.algorithm().jcaName());
            m.init(new SecretKeySpec(k.secret(), k.algorithm().jcaName()));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + k.algorithm().jcaName(), e);
        }
    }

    private byte[] digest(IntegrityKey k, byte[] buf, int off, int len) {
        Mac m = macs.get(k.keyId() * 31 + k.algorithm().ordinal());
        if (m == null) {
            m = mac(k);
            macs.put(k.keyId() * 31 + k.algorithm().ordinal(), m);
        }
        m.update(buf, off, len);
        return m.doFinal();
    }

    /** The message with the RR flag and, when a key applies, signed (INTEGRITY first, RFC 2747 §4.1). */
    private byte[] encode(ObjectMessage m, IpAddress neighbour, long keyId) {
        int flags = m.flags() | (rr.enabled() ? RR_CAPABLE : 0);
        // An Integrity Challenge carries no INTEGRITY (RFC 2747 §5.1): its answer is what gets signed.
        IntegrityKey k = integrity.keys().isEmpty() || neighbour == null
            || m.type() == MessageType.INTEGRITY_CHALLENGE ? null : signingKey(neighbour, keyId);
        List<RsvpObject> objects = m.objects();
        if (k != null) {
            objects = new ArrayList<>(m.objects().size() + 1);
            objects.add(new Integrity(integrity.handshake() ? Integrity.FLAG_HANDSHAKE : 0, k.keyId(),
                nextSequence(), Octets.of(new byte[k.algorithm().digestLength()])));
            objects.addAll(m.objects());
        }
        writer.reset();
        RsvpCodec.encode(new ObjectMessage(m.type(), flags, m.sendTtl(), objects), writer);
        byte[] b = Arrays.copyOf(writer.array(), writer.position());
        if (k != null) {
            b[2] = 0;
            b[3] = 0;
            byte[] d = digest(k, b, 0, b.length);
            System.arraycopy(d, 0, b, DIGEST_OFFSET, k.algorithm().digestLength());
            Checksum.fill(b, 0, b.length);
        }
        return b;
    }

    /** The message without MESSAGE_ID, as bytes, to tell a refresh from a trigger. */
    private byte[] encodePlain(ObjectMessage m) {
        writer.reset();
        RsvpCodec.encode(m, writer);
        return Arrays.copyOf(writer.array(), writer.position());
    }

    /** RFC 2747 §4.2: checks key, digest and sequence number; a failure is counted and reported. */
    private boolean integrityOk(NeighbourChannel n, Interface in, ObjectMessage m, byte[] buf, int off, int len) {
        if (integrity.keys().isEmpty() || m.type() == MessageType.INTEGRITY_CHALLENGE || !keyed(n.address)) {
            return true;
        }
        Optional<Integrity> io = m.first(Integrity.class);
        if (io.isEmpty()) {
            return fail(n, in, m, "no INTEGRITY object, but a key is configured for " + n.address);
        }
        Integrity obj = io.get();
        if (len < DIGEST_OFFSET || (buf[off + 10] & 0xff) != ObjectClass.INTEGRITY) {
            return fail(n, in, m, "INTEGRITY is not the first object (RFC 2747 §4.1)");
        }
        IntegrityKey k = null;
        long now = scheduler.nowNanos();
        for (IntegrityKey c : integrity.keys()) {
            if (c.keyId() == obj.keyId() && c.appliesTo(n.address) && c.validAt(now)) {
                k = c;
                break;
            }
        }
        if (k == null) {
            return fail(n, in, m, "unknown or expired key id " + obj.keyId());
        }
        int dl = k.algorithm().digestLength();
        if (obj.digest().length() != dl || DIGEST_OFFSET + dl > len) {
            return fail(n, in, m, "digest of " + obj.digest().length() + " bytes, " + k.algorithm() + " makes "
                + dl);
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        copy[2] = 0;
        copy[3] = 0;
        Arrays.fill(copy, DIGEST_OFFSET, DIGEST_OFFSET + dl, (byte) 0);
        byte[] expected = digest(k, copy, 0, copy.length);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, off + DIGEST_OFFSET, off + DIGEST_OFFSET + dl))) {
            return fail(n, in, m, "digest does not match: the message was altered or signed with another key");
        }
        long seq = obj.sequenceNumber();
        Long last = n.lastSequence.get(obj.keyId());
        if (m.type() == MessageType.INTEGRITY_RESPONSE) {
            Optional<Challenge> c = m.first(Challenge.class);
            if (c.isEmpty() || n.challengeKeyId != obj.keyId() || c.get().cookie() != n.challengeCookie) {
                return fail(n, in, m, "an Integrity Response to no challenge of ours");
            }
            n.challengeKeyId = -1;
            n.lastSequence.put(obj.keyId(), seq);
            host.event(n.address, in, "INTEGRITY_HANDSHAKE", "key " + obj.keyId() + ": sequence numbers from "
                + Long.toUnsignedString(seq) + " on (RFC 2747 §5.1)");
            return true;
        }
        if (last == null) {
            if (integrity.handshake()) {
                challenge(n, in, obj.keyId());
                return fail(n, in, m, "no sequence number known for key " + obj.keyId()
                    + " yet: Integrity Challenge sent (RFC 2747 §5.1)");
            }
        } else if (Long.compareUnsigned(seq, last) <= 0) {
            return fail(n, in, m, "sequence number " + Long.toUnsignedString(seq) + " is not above "
                + Long.toUnsignedString(last) + ": a replayed or reordered message");
        }
        n.lastSequence.put(obj.keyId(), seq);
        return true;
    }

    private boolean fail(NeighbourChannel n, Interface in, ObjectMessage m, String why) {
        n.integrityFailures++;
        host.event(n.address, in, "INTEGRITY_FAILED", m.type().displayName() + " dropped: " + why);
        return false;
    }

    private void challenge(NeighbourChannel n, Interface in, long keyId) {
        if (n.challengeKeyId == keyId) {
            return;
        }
        n.challengeKeyId = keyId;
        n.challengeCookie = random.nextLong();
        Interface out = toward(n);
        if (out == null) {
            return;
        }
        ObjectMessage m = ObjectMessage.of(MessageType.INTEGRITY_CHALLENGE, UNICAST_TTL,
            new Challenge(keyId, n.challengeCookie));
        transmit(new Outgoing(out, out.address(), n.address, UNICAST_TTL, false, m, null), n);
    }

    /** Answers a challenge with the same CHALLENGE, signed with the key it names (RFC 2747 §5.1). */
    private void onChallenge(NeighbourChannel n, Interface in, ObjectMessage m) {
        Optional<Challenge> c = m.first(Challenge.class);
        Interface out = toward(n);
        if (c.isEmpty() || out == null || signingKey(n.address, c.get().keyId()) == null) {
            return;
        }
        ObjectMessage response = ObjectMessage.of(MessageType.INTEGRITY_RESPONSE, UNICAST_TTL, c.get());
        byte[] rsvp = encode(response, n.address, c.get().keyId());
        n.countSent(response.type().displayName());
        wire(new Outgoing(out, out.address(), n.address, UNICAST_TTL, false, response, null), rsvp,
            response.type().displayName(), null, false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hello (RFC 3209 §5).

    private void helloTick() {
        if (crashed) {
            return;
        }
        long now = scheduler.nowNanos();
        long dead = (long) (hello.deadIntervals() * hello.intervalNanos());
        for (NeighbourChannel n : List.copyOf(channels.values())) {
            if (!n.helloPeer) {
                continue;
            }
            if (n.helloUp && now - n.helloHeardNanos > dead) {
                helloDown(n, "no Hello for " + (now - n.helloHeardNanos) / 1_000_000 + " ms");
            }
            Interface out = n.lastInterface;
            ObjectMessage m = ObjectMessage.of(MessageType.HELLO_MSG, 1, new Hello(false, helloInstance,
                n.helloInstance));
            transmit(new Outgoing(out, out.address(), n.address, 1, false, m, null), n);
        }
        helloTimer = scheduler.schedule(hello.intervalNanos(), this::helloTick);
    }

    private void onHello(NeighbourChannel n, Interface in, ObjectMessage m) {
        Optional<Hello> h = m.first(Hello.class);
        if (h.isEmpty() || !hello.enabled()) {
            return;
        }
        int instance = h.get().sourceInstance();
        if (n.helloUp && n.helloInstance != 0 && instance != n.helloInstance) {
            helloDown(n, "new instance " + Integer.toUnsignedString(instance) + ": the neighbour restarted");
        }
        if (!h.get().ack()) {
            ObjectMessage ack = ObjectMessage.of(MessageType.HELLO_MSG, 1, new Hello(true, helloInstance, instance));
            transmit(new Outgoing(in, in.address(), n.address, 1, false, ack, null), n);
        }
        n.helloInstance = instance;
        n.helloHeardNanos = scheduler.nowNanos();
        n.helloPeer = true;
        if (!n.helloUp) {
            n.helloUp = true;
            host.event(n.address, in, "HELLO_UP", "instance " + Integer.toUnsignedString(instance));
        }
    }

    private void helloDown(NeighbourChannel n, String why) {
        n.helloUp = false;
        n.helloInstance = 0;
        host.event(n.address, n.lastInterface, "HELLO_DOWN", why + " (RFC 3209 §5.3): its state is removed");
        forget(n);
        host.neighbourDown(n.address);
    }

    // ---------------------------------------------------------------------------------------------------------

    void crash() {
        crashed = true;
        if (helloTimer != null) {
            helloTimer.cancel();
        }
        for (NeighbourChannel n : channels.values()) {
            n.cancelTimers();
        }
    }

    List<NeighbourView> views() {
        List<NeighbourView> out = new ArrayList<>();
        for (NeighbourChannel n : channels.values()) {
            out.add(new NeighbourView(n.address, n.lastInterface == null ? "" : n.lastInterface.name(), n.capable,
                n.capabilityKnown,
                !n.helloPeer ? "" : n.helloUp ? "UP" : "DOWN", NeighbourChannel.copy(n.sentCounts),
                NeighbourChannel.copy(n.receivedCounts), n.retransmissions, n.acksSent, n.acksReceived,
                n.nacksSent, n.nacksReceived, n.summaryIdsSent, n.summaryIdsReceived, n.deliveryFailures,
                n.pending.size(), n.integrityFailures, keyIdToward(n.address)));
        }
        return out;
    }

    /** Messages sent and received per interface name and message type. */
    Map<String, Map<String, Long>> interfaceCounters(boolean sent) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        List<Map<String, Long>> from = sent ? interfaceSent : interfaceReceived;
        for (int i = 0; i < from.size(); i++) {
            if (from.get(i) != null) {
                out.put(topology.interfaces().get(i).name(), new TreeMap<>(from.get(i)));
            }
        }
        return out;
    }

    private static void countInterface(List<Map<String, Long>> counters, Interface i, String type) {
        Map<String, Long> m = counters.get(i.index());
        if (m == null) {
            m = new TreeMap<>();
            counters.set(i.index(), m);
        }
        m.merge(type, 1L, Long::sum);
    }

    private NeighbourChannel channel(IpAddress a) {
        NeighbourChannel n = channels.get(a);
        if (n == null) {
            n = new NeighbourChannel(a);
            channels.put(a, n);
        }
        return n;
    }

    private Interface toward(NeighbourChannel n) {
        Optional<Route> r = network.routing().route(node, n.address);
        return r.map(Route::outgoing).orElse(n.lastInterface);
    }

    /** The MTU of the interface toward {@code n} (topology interface MTU; 1500 until a route is known). */
    private int mtuToward(NeighbourChannel n) {
        Interface out = toward(n);
        return out == null ? 1500 : out.mtu();
    }

    private static int ipHeader(IpAddress a) {
        return a instanceof Ipv4Address ? IpEncapsulation.IPV4_HEADER : IpEncapsulation.IPV6_HEADER;
    }
}
