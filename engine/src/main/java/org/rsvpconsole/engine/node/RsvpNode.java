package org.rsvpconsole.engine.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.function.LongFunction;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.Adspec;
import org.rsvpconsole.engine.codec.Dclass;
import org.rsvpconsole.engine.codec.DecodeError;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.ErrorSpec;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.AggregateSender;
import org.rsvpconsole.engine.codec.AggregateSession;
import org.rsvpconsole.engine.codec.EroSubobject;
import org.rsvpconsole.engine.codec.ExplicitRoute;
import org.rsvpconsole.engine.codec.Label;
import org.rsvpconsole.engine.codec.LabelRequest;
import org.rsvpconsole.engine.codec.LspTunnelSender;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.RecordRoute;
import org.rsvpconsole.engine.codec.RroSubobject;
import org.rsvpconsole.engine.codec.SessionAttribute;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.PolicyData;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.ResvConfirm;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.RsvpObject;
import org.rsvpconsole.engine.codec.Scope;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.codec.UnknownObject;
import org.rsvpconsole.engine.codec.WireWriter;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.policy.PolicyDecision;
import org.rsvpconsole.engine.policy.PolicyRequest;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.tc.PathCharacterization;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.LinkDirection;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.Topology;

/**
 * One RSVP node (router or host) on the virtual network: RFC 2205 message processing with the state blocks and
 * rules of RFC 2209. All state is owned by the network's scheduler thread: every public method, every received
 * datagram and every timer runs there, so nothing here is locked. A node only ever sends datagrams; it never
 * touches another node's state.
 *
 * <p>The processing follows one pattern: a message or API call updates PSBs or RSBs, then
 * {@link #updateTrafficControl} recomputes the merged reservations per outgoing interface (admission control) and
 * {@link #updateUpstream} recomputes the merged Resv per previous hop; whatever differs from what was last sent
 * goes out at once (RFC 2205 §3.7 "trigger messages"), and the refresh timers resend the rest.
 */
public final class RsvpNode {

    private static final int IP_TTL_UNICAST = 64;
    private static final int INTERN_LIMIT = 4096;

    private final Node node;
    private final Topology topology;
    private final NodeTransport network;
    private final Scheduler scheduler;
    private final NodeConfig config;
    private final PolicyControl policy;
    private final EventSink sink;
    private final boolean emitting;
    private final Random random;
    private final RsvpDecoder decoder = new RsvpDecoder();
    /** One encoder buffer per node (all sending runs on the scheduler thread): no 512-byte array per message. */
    private final WireWriter writer = new WireWriter(512);
    private final Set<IpAddress> addresses;
    private final IpAddress primaryAddress;
    private final Map<Session, SessionState> sessions = new LinkedHashMap<>();
    /** Bytes per second reserved per outgoing interface, by topology interface index. */
    private final double[] reserved;
    private final Map<Object, Object> interned = new HashMap<>();
    private final Map<Object, Boolean> internedIdentity = new IdentityHashMap<>();
    /** The last FLOWSPEC converted by {@link #request(Flowspec)} and its result: sessions repeat one flowspec. */
    private Flowspec lastFlowspec;
    private FlowRequest lastRequest;
    private final Map<PathCharacterization, Adspec> adspecs = new HashMap<>();
    private long sequence;
    private boolean crashed;
    /** Traffic control reservations (TCSBs) installed here, for local policy's flow count. */
    private int flowCount;
    /** Received Path/Resv refreshes recognised as unchanged and not decoded (decision 0014). */
    private long unchangedRefreshes;
    /** While a path is being removed: the previous hop that needs no ResvTear (its path state is gone too). */
    private IpAddress tearingPath;
    /** Refresh reduction, integrity and Hello toward neighbours; null for plain RFC 2205 (the default). */
    private final NeighbourLayer neighbours;
    /** RFC 3181 preemption and RFC 4495 reduction. */
    private final Preemption preemption = new Preemption(this);
    /** RFC 3175 aggregator and deaggregator roles. */
    private final Aggregation aggregation = new Aggregation(this);
    /** Sessions admitted so far, to order reservations by age. */
    private long admissions;
    /** RSVP-TE (RFC 3209): explicit routes, labels, LSP views. */
    private final TrafficEngineering te;

    public RsvpNode(Node node, NodeTransport network, NodeConfig config, PolicyControl policy, EventSink sink,
                    long seed) {
        this.node = node;
        this.network = network;
        this.topology = network.topology();
        this.scheduler = network.scheduler();
        this.config = config;
        this.policy = policy;
        this.sink = sink;
        this.emitting = sink != EventSink.NONE;
        this.random = new Random(seed * 31 + node.index());
        this.addresses = new HashSet<>(topology.addressesOf(node));
        List<Interface> ifs = topology.interfacesOf(node);
        this.primaryAddress = ifs.isEmpty() ? topology.addressesOf(node).get(0) : ifs.get(0).address();
        this.reserved = new double[topology.interfaces().size()];
        this.te = new TrafficEngineering(node, topology, network.neighboursKnown());
        this.neighbours = config.rsvpEnabled() && config.neighbours().active()
            ? new NeighbourLayer(node, network, config, seed, new LayerHost()) : null;
    }

    public Node node() {
        return node;
    }

    public String name() {
        return node.name();
    }

    public NodeConfig config() {
        return config;
    }

    /** The address a host's applications send from. */
    public IpAddress address() {
        return primaryAddress;
    }

    // ---------------------------------------------------------------------------------------------------------
    // API (RAPI-like, RFC 2205 §3.11): called on the scheduler thread.

    /** Opens a session as a receiver: Path messages for it are delivered here and reported as events. */
    public void openReceiver(SessionId id) {
        session(id).localReceiver = true;
    }

    /** Declares (or changes) a local sender with its TSpec; the Path goes out at once (RFC 2205 §3.11.1). */
    public void sender(SessionId id, int port, TrafficSpec tspec) {
        SessionState s = session(id);
        SenderId sender = senderId(s, primaryAddress, port);
        PathStateBlock p = findPath(s, sender);
        SenderTspec wire = intern(IntServMath.senderTspec(tspec));
        long now = scheduler.nowNanos();
        if (p == null) {
            p = new PathStateBlock(sender, apiSender(sender));
            p.previousHop = primaryAddress;
            p.previousHopLih = 0;
            p.adspec = PathCharacterization.INITIAL;
            p.ttl = config.initialTtl();
            p.lifetimeNanos = Long.MAX_VALUE;
            p.tspec = wire;
            p.apiTspec = IntServMath.tspec(wire);
            p.lastRefreshNanos = now;
            p.localDelivery = isLocalDestination(s.session.destination());
            p.outgoing = routeOutgoing(s, p);
            s.paths.add(p);
            pathEvent(StateChange.INSTALLED, s, p);
            for (Interface oi : p.outgoing) {
                sendPath(s, p, oi);
            }
            armPathTimer(s, p, now);
        } else if (!p.tspec.equals(wire)) {
            p.tspec = wire;
            p.apiTspec = IntServMath.tspec(wire);
            pathEvent(StateChange.CHANGED, s, p);
            for (Interface oi : p.outgoing) {
                sendPath(s, p, oi);
            }
        } else {
            return;
        }
        updateTrafficControl(s, null);
        updateUpstream(s);
    }

    /** Withdraws a local sender: PathTear goes downstream at once (RFC 2205 §3.1.7). */
    public void releaseSender(SessionId id, int port) {
        SessionState s = lookup(id);
        if (s == null) {
            return;
        }
        PathStateBlock p = findPath(s, senderId(s, primaryAddress, port));
        if (p != null) {
            removePath(s, p, StateChange.TORN_DOWN, true);
        }
    }

    /**
     * Makes (or changes) this receiver's reservation request (RFC 2205 §3.11.1 RAPI reserve).
     *
     * @param filters the senders for FF and SE (one FF request per sender, all sharing {@code flowspec}); ignored
     *                for WF
     * @param confirm ask for a ResvConf (RFC 2205 §3.1.9)
     */
    public void reserve(SessionId id, ReservationStyle style, FlowRequest flowspec, List<SenderAddress> filters,
                        boolean confirm) {
        SessionState s = session(id);
        s.localReceiver = true;
        FlowRequest f = normalize(flowspec);
        // The new request replaces this receiver's previous one entirely.
        dropLocalRequests(s);
        List<SenderId> senders = new ArrayList<>();
        for (SenderAddress a : filters) {
            senders.add(senderId(s, a.address(), a.port()));
        }
        if (style == ReservationStyle.FF) {
            for (SenderId one : senders) {
                addLocalRsb(s, style, List.of(one), f, confirm);
            }
        } else {
            addLocalRsb(s, style, style == ReservationStyle.WF ? List.of() : List.copyOf(senders), f, confirm);
        }
        updateUpstream(s);
    }

    /**
     * Makes (or changes) this receiver's Fixed-Filter request with a flowspec per sender, e.g. RFC 2205 Figure 6's
     * {@code FF(S1{4B}, S2{5B})}.
     */
    public void reserveFixedFilter(SessionId id, Map<SenderAddress, FlowRequest> flows, boolean confirm) {
        SessionState s = session(id);
        s.localReceiver = true;
        dropLocalRequests(s);
        for (Map.Entry<SenderAddress, FlowRequest> e : flows.entrySet()) {
            addLocalRsb(s, ReservationStyle.FF, List.of(senderId(s, e.getKey().address(), e.getKey().port())),
                normalize(e.getValue()), confirm);
        }
        updateUpstream(s);
    }

    /**
     * Reserves Guaranteed service for one sender with an end-to-end queueing delay target (RFC 2212): the rate R
     * comes from the sender's TSpec and the Ctot/Dtot the ADSPEC composed along the path. When no rate meets the
     * target, or the rate exceeds the path's available bandwidth, nothing is reserved and an AdmissionFailed
     * event with "delay bound cannot be met" (Appendix B code 1, value 1) reports it.
     *
     * @return true if a reservation request was made
     */
    public boolean reserveGuaranteed(SessionId id, SenderAddress sender, double delayTargetMicros, boolean confirm) {
        SessionState s = session(id);
        PathStateBlock p = findPath(s, senderId(s, sender.address(), sender.port()));
        if (p == null) {
            return false;
        }
        PathCharacterization a = p.adspec;
        OptionalDouble rate = IntServMath.rateForDelay(p.apiTspec, a.ctot(), a.dtot(), delayTargetMicros);
        if (rate.isEmpty() || rate.getAsDouble() > a.bandwidth()) {
            if (emitting) {
                emit(new RsvpEvent.AdmissionFailed(now(), name(), ++sequence, id, "",
                    rate.orElse(Double.POSITIVE_INFINITY), a.bandwidth(), a.bandwidth(), ErrorCodes.AC_DELAY_BOUND,
                    "delay target " + delayTargetMicros + " us cannot be met on this path (Dtot " + a.dtot()
                        + " us, Ctot " + a.ctot() + " bytes)"));
            }
            return false;
        }
        reserve(id, ReservationStyle.FF, FlowRequest.guaranteed(p.apiTspec, Math.ceil(rate.getAsDouble()), 0),
            List.of(sender), confirm);
        return true;
    }

    /**
     * The RFC 3181 priorities this receiver's requests for {@code id} carry from its next reserve on (null for
     * none), and the bandwidths (bytes/s) it can fall back to when a reservation is reduced (RFC 4495), e.g. a
     * codec ladder; empty takes exactly what the reduction leaves.
     */
    public void priorities(SessionId id, SessionPriorities p, List<Double> fallbacks) {
        SessionState s = session(id);
        s.localPriority = p;
        s.fallbacks = List.copyOf(fallbacks);
    }

    /** How this node preempts and answers reductions (RFC 3181, RFC 4495); {@link PreemptionSettings#DEFAULT}. */
    public void preemptionSettings(PreemptionSettings settings) {
        preemption.settings(Objects.requireNonNull(settings, "settings"));
    }

    public PreemptionSettings preemptionSettings() {
        return preemption.settings();
    }

    /**
     * Makes this router the aggregator of {@code c} (RFC 3175): end-to-end Path messages into the region (the
     * interface toward the deaggregator) go as RSVP-E2E-IGNORE, and the aggregate's Path goes out at once.
     */
    public void becomeAggregator(AggregateConfig c) {
        Interface region = network.routing().route(node, c.deaggregator()).map(Route::outgoing)
            .orElseThrow(() -> new IllegalArgumentException(name() + " has no route to deaggregator "
                + c.deaggregator() + " of aggregate " + c.name()));
        aggregation.aggregator(region, c);
        LinkDirection dir = topology.link(region).direction(region);
        double most = dir.reservableBps() / 8.0;
        sender(c.session(), 0, new TrafficSpec(most, 1500, most, 64, 1500));
    }

    /**
     * Makes this router the deaggregator of {@code c} (RFC 3175): end-to-end messages from the region (the
     * interface toward the aggregator) are processed here, microflows are admitted against the aggregate, which
     * this node sizes and reserves.
     */
    public void becomeDeaggregator(AggregateConfig c) {
        Interface region = network.routing().route(node, c.aggregator()).map(Route::outgoing)
            .orElseThrow(() -> new IllegalArgumentException(name() + " has no route to aggregator "
                + c.aggregator() + " of aggregate " + c.name()));
        aggregation.deaggregator(region, c);
        openReceiver(c.session());
    }

    /** What this deaggregator reserves for each of its aggregates, bytes/s, by aggregate name. */
    public Map<String, Double> aggregateTargets() {
        return aggregation.targets();
    }

    /**
     * Every RFC 3175 aggregate this node deaggregates, with its microflows (admitted, then preempted), for the
     * console; the aggregator is named by its node in the topology.
     */
    public List<AggregateView> aggregates() {
        return aggregation.views(a -> topology.ownerOf(a).map(Node::name).orElse(a.toString()));
    }

    /** The microflows admitted into each aggregate this node deaggregates, by aggregate name. */
    public Map<String, List<SessionId>> aggregateMicroflows() {
        return aggregation.microflows();
    }

    /** Removes this host's own requests before a new one replaces them. */
    private void dropLocalRequests(SessionState s) {
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (r.local()) {
                s.reservations.remove(r);
                resvEvent(StateChange.TORN_DOWN, s, r);
            }
        }
    }

    /** Withdraws this receiver's reservation: ResvTear goes upstream at once (RFC 2205 §3.1.8). */
    public void releaseReservation(SessionId id) {
        SessionState s = lookup(id);
        if (s == null) {
            return;
        }
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (r.local()) {
                s.reservations.remove(r);
                resvEvent(StateChange.TORN_DOWN, s, r);
            }
        }
        updateUpstream(s);
        forgetIfEmpty(s);
    }

    /** Closes the session at this host: releases its senders and its reservation. */
    public void close(SessionId id) {
        SessionState s = lookup(id);
        if (s == null) {
            return;
        }
        for (PathStateBlock p : List.copyOf(s.paths)) {
            if (p.local()) {
                removePath(s, p, StateChange.TORN_DOWN, true);
            }
        }
        releaseReservation(id);
        s.localReceiver = false;
        forgetIfEmpty(s);
    }

    /**
     * The node vanishes without a word (a crash, a pulled cable at a host): it forgets every state, cancels its
     * timers and ignores every datagram from now on. Neighbours notice only through timeouts (RFC 2205 §3.7).
     */
    public void crash() {
        crashed = true;
        for (SessionState s : sessions.values()) {
            for (PathStateBlock p : s.paths) {
                if (p.timer != null) {
                    p.timer.cancel();
                }
            }
            for (ReservationStateBlock r : s.reservations) {
                if (r.timer != null) {
                    r.timer.cancel();
                }
            }
            if (s.resvRefresh != null) {
                s.resvRefresh.cancel();
            }
        }
        sessions.clear();
        if (neighbours != null) {
            neighbours.crash();
        }
        flowCount = 0;
        java.util.Arrays.fill(reserved, 0);
    }

    public boolean crashed() {
        return crashed;
    }

    /** Routes changed: every Path whose outgoing interfaces changed goes out on the new route at once (§3.6). */
    public void routesChanged() {
        long now = scheduler.nowNanos();
        for (SessionState s : List.copyOf(sessions.values())) {
            boolean any = false;
            for (PathStateBlock p : List.copyOf(s.paths)) {
                any |= checkRoute(s, p, now);
            }
            if (any) {
                updateTrafficControl(s, null);
                updateUpstream(s);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshots (read on the scheduler thread).

    public int pathStateCount() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            n += s.paths.size();
        }
        return n;
    }

    /** Reservation state blocks, the local receivers' requests included. */
    public int reservationStateCount() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            n += s.reservations.size();
        }
        return n;
    }

    /** Reservation state received from next hops (not this host's own requests). */
    public int receivedReservationCount() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            for (ReservationStateBlock r : s.reservations) {
                n += r.local() ? 0 : 1;
            }
        }
        return n;
    }

    public int blockadeCount() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            n += s.blockades.size();
        }
        return n;
    }

    /** How many received refreshes were recognised as unchanged and only restarted timers (decision 0014). */
    public long unchangedRefreshes() {
        return unchangedRefreshes;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Bytes per second reserved on {@code out} (an interface of this node) by all sessions. */
    public double reservedOn(Interface out) {
        return reserved[out.index()];
    }

    /** The reservations on one outgoing interface of this node, per session, in session order. */
    public List<ReservationView> reservationsOn(Interface out) {
        List<ReservationView> list = new ArrayList<>();
        for (SessionState s : sessions.values()) {
            for (TrafficControlStateBlock t : s.trafficControl) {
                if (t.outgoing() == out) {
                    list.add(new ReservationView(s.id, t.style(), apiSenders(t.senders()), t.flowspec(),
                        t.reserved()));
                }
            }
        }
        return list;
    }

    /** The path state of a session here, as the senders' TSpecs by sender. */
    public Map<SenderAddress, TrafficSpec> paths(SessionId id) {
        SessionState s = lookup(id);
        Map<SenderAddress, TrafficSpec> out = new LinkedHashMap<>();
        if (s != null) {
            for (PathStateBlock p : s.paths) {
                out.put(p.apiSender, p.apiTspec);
            }
        }
        return out;
    }

    /** The ADSPEC values a session's sender's Path arrived with here (empty if no such path state). */
    public Optional<PathCharacterization> adspec(SessionId id, SenderAddress sender) {
        SessionState s = lookup(id);
        if (s == null) {
            return Optional.empty();
        }
        PathStateBlock p = findPath(s, senderId(s, sender.address(), sender.port()));
        return p == null ? Optional.empty() : Optional.of(p.adspec);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving.

    /** A datagram arrived on {@code in} (the {@link org.rsvpconsole.engine.virtualnet.DatagramSink} of the node). */
    public void receive(Interface in, byte[] datagram) {
        IpHeader ip = IpHeader.parse(datagram);
        if (ip == null || crashed) {
            return;
        }
        boolean mine = addresses.contains(ip.destination());
        boolean multicast = isMulticast(ip.destination());
        if (!config.rsvpEnabled() || (ip.e2eIgnore() && !aggregation.leavesRegion(in))) {
            // RFC 3175 §3.2: protocol 134 crosses interior routers as plain IP.
            forward(in, datagram, ip, multicast);
            return;
        }
        if (mine || ip.routerAlert() || (multicast && node.isHost())) {
            process(in, datagram, ip);
        } else if (node.isRouter()) {
            forward(in, datagram, ip, multicast);
        }
    }

    /** IP forwarding of a datagram this node does not process (non-RSVP router, or not addressed here). */
    private void forward(Interface in, byte[] datagram, IpHeader ip, boolean multicast) {
        if (node.isHost() || !ip.decrementTtl(datagram)) {
            return;
        }
        if (multicast) {
            Optional<Node> src = topology.ownerOf(ip.source());
            if (src.isEmpty()) {
                return;
            }
            List<Interface> outs = network.multicastTree(src.get(), ip.destination()).outgoing(node);
            for (Interface out : outs) {
                if (!out.equals(in)) {
                    network.send(out, datagram);
                }
            }
            return;
        }
        Optional<Route> r = network.routing().route(node, ip.destination());
        if (r.isPresent()) {
            network.send(r.get().outgoing(), datagram);
        }
    }

    private void process(Interface in, byte[] datagram, IpHeader ip) {
        if (neighbours != null) {
            neighbours.receive(in, ip, datagram);
            return;
        }
        long fingerprint = RefreshFingerprint.NONE;
        int type = ip.payloadLength() > 1 ? datagram[ip.payloadOffset() + 1] & 0xff : 0;
        if (type == MessageType.PATH.number() || type == MessageType.RESV.number()) {
            fingerprint = RefreshFingerprint.of(datagram, ip.payloadOffset(), ip.payloadLength(), ip.ttl(),
                in.index());
            if (unchangedRefresh(in, datagram, ip, type, fingerprint)) {
                return;
            }
        }
        DecodeResult result = decoder.decode(datagram, ip.payloadOffset(), ip.payloadLength());
        if (!(result instanceof DecodeResult.Decoded d) || !(d.message() instanceof ObjectMessage m)) {
            if (result instanceof DecodeResult.Malformed bad) {
                malformed(in, bad, datagram);
            } else if (emitting) {
                emit(new RsvpEvent.DecodeFailed(now(), name(), ++sequence, in.name(),
                    "a Bundle message, which this node does not process", datagram));
            }
            return;
        }
        dispatch(in, ip, m, datagram, false, fingerprint);
    }

    /** One decoded message; {@code refresh} when a Srefresh stands for it (RFC 2961 §5: no event of its own). */
    private void dispatch(Interface in, IpHeader ip, ObjectMessage m, byte[] datagram, boolean refresh,
                          long fingerprint) {
        Optional<Session> session = m.first(Session.class);
        if (session.isEmpty()) {
            return;
        }
        Session key = normalize(session.get());
        if (emitting && !refresh) {
            emit(new RsvpEvent.MessageReceived(now(), name(), ++sequence, m.type().displayName(), sessionId(key),
                in.name(), ip.source(), datagram.length, datagram));
        }
        Optional<UnknownObject> unknown = m.firstRejectedObject();
        if (unknown.isPresent()) {
            UnknownObject u = unknown.get();
            RsvpError error = new RsvpError(ErrorCodes.UNKNOWN_OBJECT_CTYPE, u.classNum() << 8 | u.cType());
            rejectUnknownObject(in, m.type().number(), m.objects(), error, "C-Type " + u.cType() + " of class "
                + u.classNum() + " is unknown here", datagram);
            return;
        }
        switch (m.type()) {
            case PATH -> onPath(in, ip, m, key, fingerprint);
            case PATH_TEAR -> onPathTear(m, key);
            case RESV -> onResv(in, m, key, fingerprint);
            case RESV_TEAR -> onResvTear(in, m, key);
            case PATH_ERR -> onPathErr(m, key);
            case RESV_ERR -> onResvErr(m, key);
            case RESV_CONF -> {
                if (addresses.contains(ip.destination())) {
                    onResvConf(m, key);
                } else {
                    // Intercepted by its Router Alert on the way to the receiver: sent on hop by hop (RFC 2205
                    // §3.1.9); a copy, since the received bytes are in the MessageReceived event.
                    forward(in, datagram.clone(), ip, false);
                }
            }
            default -> {
                // Refresh reduction, Hello and integrity messages are not used on the virtual network.
            }
        }
    }

    /**
     * A Path or Resv byte-identical to the one that last installed or refreshed its state (decision 0014): only the
     * cleanup timers restart, as full processing of the same message would do (RFC 2205 §3.7). False when the
     * message needs full processing.
     */
    private boolean unchangedRefresh(Interface in, byte[] datagram, IpHeader ip, int type, long fingerprint) {
        IpSession key = RefreshFingerprint.ipv4Session(datagram, ip.payloadOffset(), ip.payloadLength());
        SessionState s = key == null ? null : sessions.get(key);
        if (s == null) {
            return false;
        }
        long now = scheduler.nowNanos();
        if (type == MessageType.PATH.number()) {
            PathStateBlock match = null;
            for (PathStateBlock p : s.paths) {
                if (p.receivedFingerprint == fingerprint && p.incoming == in) {
                    match = p;
                }
            }
            if (match == null) {
                return false;
            }
            match.lastRefreshNanos = now;
        } else {
            int found = 0;
            int share = 0;
            for (ReservationStateBlock r : s.reservations) {
                if (r.receivedFingerprint == fingerprint) {
                    found++;
                    share = r.fingerprintShare;
                }
            }
            if (found == 0 || found != share) {
                return false;
            }
            for (ReservationStateBlock r : s.reservations) {
                if (r.receivedFingerprint == fingerprint) {
                    r.lastRefreshNanos = now;
                }
            }
        }
        unchangedRefreshes++;
        if (emitting) {
            emit(new RsvpEvent.MessageReceived(now(), name(), ++sequence, type == MessageType.PATH.number() ? "Path"
                : "Resv", s.id, in.name(), ip.source(), datagram.length, datagram));
        }
        return true;
    }

    private static <T> T first(List<RsvpObject> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** A message that did not decode: reported, and answered where RFC 2205 §3.10 says so. */
    private void malformed(Interface in, DecodeResult.Malformed bad, byte[] datagram) {
        int code = bad.error().error().code();
        if (bad.header() != null && bad.error().reaction() == DecodeError.Reaction.SEND_ERROR
            && (code == ErrorCodes.UNKNOWN_OBJECT_CLASS || code == ErrorCodes.UNKNOWN_OBJECT_CTYPE)) {
            rejectUnknownObject(in, bad.header().messageType(), bad.objects(), bad.error().error(),
                bad.error().reason(), datagram);
        } else if (emitting) {
            emit(new RsvpEvent.DecodeFailed(now(), name(), ++sequence, in.name(), bad.error().reason(), datagram));
        }
    }

    /**
     * RFC 2205 §3.10: a message with an object of unknown class whose Class-Num starts with bit 0, or with an unknown
     * C-Type of a known class, is rejected: nothing is installed and a Path or Resv is answered with PathErr or
     * ResvErr, Error Code 13 or 14, Error Value Class-Num and C-Type (Appendix B). Other messages are only dropped.
     */
    private void rejectUnknownObject(Interface in, int messageType, List<RsvpObject> objects, RsvpError error,
                                     String why, byte[] datagram) {
        Session session = first(objects, Session.class);
        RsvpHop hop = first(objects, RsvpHop.class);
        Style style = first(objects, Style.class);
        List<RsvpObject> descriptor = objects.stream().filter(o -> o instanceof SenderTemplate
            || o instanceof SenderTspec || o instanceof Flowspec || o instanceof FilterSpec).toList();
        String answer = "dropped";
        if (session != null && hop != null && messageType == MessageType.PATH.number()) {
            List<RsvpObject> out = new ArrayList<>(List.of(session, ErrorSpec.of(in.address(), error)));
            List<RsvpObject> sender = descriptor.stream().filter(o -> o instanceof SenderTemplate
                || o instanceof SenderTspec).limit(2).toList();
            if (sender.size() == 2 && sender.get(0) instanceof SenderTemplate) {
                out.addAll(sender);
            }
            send(in, in.address(), hop.hop(), IP_TTL_UNICAST, false,
                new ObjectMessage(MessageType.PATH_ERR, 0, IP_TTL_UNICAST, out), session);
            answer = "answered with PathErr";
        } else if (session != null && hop != null && style != null && messageType == MessageType.RESV.number()) {
            List<RsvpObject> out = new ArrayList<>(List.of(session, new RsvpHop(in.address(), in.index()),
                ErrorSpec.of(in.address(), error), style));
            descriptor.stream().filter(o -> o instanceof Flowspec || o instanceof FilterSpec).forEach(out::add);
            send(in, in.address(), hop.hop(), IP_TTL_UNICAST, false,
                new ObjectMessage(MessageType.RESV_ERR, 0, IP_TTL_UNICAST, out), session);
            answer = "answered with ResvErr";
        }
        if (emitting) {
            emit(new RsvpEvent.DecodeFailed(now(), name(), ++sequence, in.name(), why + ": message rejected, "
                + answer + " " + error.code() + "/" + error.value() + " (RFC 2205 §3.10)", datagram));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Path (RFC 2205 §3.1.3, RFC 2209 §3.1).

    private void onPath(Interface in, IpHeader ip, ObjectMessage m, Session key, long fingerprint) {
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        Optional<SenderTemplate> tmpl = m.first(SenderTemplate.class);
        Optional<SenderTspec> tspec = m.first(SenderTspec.class);
        SenderId sender = tmpl.isEmpty() ? null : usable(tmpl.get().sender());
        if (hop.isEmpty() || sender == null || tspec.isEmpty()) {
            return;
        }
        long now = scheduler.nowNanos();
        long refresh = m.first(TimeValues.class).map(t -> t.refreshPeriodMillis() * 1_000_000L)
            .orElse(config.refreshPeriodNanos());
        SessionState s = sessions.get(key);
        PathStateBlock p = s == null ? null : findPath(s, sender);
        if (p != null && !p.local()) {
            // Something differs from the last Path: whatever it changes, the cached refresh is rebuilt.
            p.receivedFingerprint = RefreshFingerprint.NONE;
            p.sentPath = null;
        }
        Interface reverse = p == null || p.local() || in == p.incoming ? null : reverseInterface(sender);
        if (reverse != null && in != reverse && p.incoming == reverse) {
            // A stale Path from the old route after local repair: the reverse route says the current previous hop
            // is right, so this one is ignored and its state upstream times out (RFC 2205 §3.6).
            return;
        }
        // Refreshes carry the same values: reuse what the PSB holds before touching the intern cache.
        SenderTspec wireTspec = p != null && p.tspec.equals(tspec.get()) ? p.tspec : intern(tspec.get());
        boolean isNew = p == null;
        boolean changed = isNew || !p.tspec.equals(wireTspec) || !p.previousHop.equals(hop.get().hop())
            || in != p.incoming;
        if (changed) {
            PolicyDecision decision = policy.decide(new PolicyRequest(name(), PolicyRequest.Direction.PATH, key,
                List.of(sender), Optional.of(wireTspec), Optional.empty(), PolicyRequest.Service.NONE,
                s == null ? 0 : s.paths.size()));
            if (decision instanceof PolicyDecision.Reject reject) {
                if (emitting) {
                    emit(new RsvpEvent.PolicyRejected(now(), name(), ++sequence, sessionId(key), "PATH",
                        reject.error().code(), reject.error().value(), reject.reason()));
                }
                sendPathErr(key, hop.get().hop(), in, sender, wireTspec, reject.error());
                return;
            }
            if (decision instanceof PolicyDecision.Accept accept && accept.tspec().isPresent()) {
                wireTspec = intern(accept.tspec().get());
            }
        }
        Optional<LabelRequest> labelRequest = m.first(LabelRequest.class);
        List<EroSubobject> explicitRoute = m.first(ExplicitRoute.class).map(ExplicitRoute::subobjects).orElse(null);
        List<RroSubobject> pathRecord = m.first(RecordRoute.class).map(RecordRoute::subobjects).orElse(null);
        if (labelRequest.isPresent()) {
            TrafficEngineering.Refusal refusal = checkLsp(labelRequest.get(), explicitRoute, pathRecord, in,
                ip.ttl() != m.sendTtl() && !ip.e2eIgnore());
            if (refusal != null) {
                sendPathErr(key, hop.get().hop(), in, sender, wireTspec, refusal.error());
                if (p != null) {
                    removePath(s, p, StateChange.TORN_DOWN, true);
                }
                return;
            }
        }
        if (s == null) {
            s = new SessionState(key, sessionId(key));
            sessions.put(key, s);
        }
        // An end-to-end Path crossed the aggregation region's routers on purpose (RFC 3175): not a non-RSVP hop.
        boolean nonRsvp = ip.ttl() != m.sendTtl() && !ip.e2eIgnore();
        PathCharacterization adspec = m.first(Adspec.class).map(PathCharacterization::of)
            .orElse(PathCharacterization.INITIAL);
        if (nonRsvp) {
            adspec = adspec.withBreak();
        }
        adspec = p != null && adspec.equals(p.adspec) ? p.adspec : intern(adspec);
        if (isNew) {
            p = new PathStateBlock(sender, apiSender(sender));
            s.paths.add(p);
        }
        boolean adspecChanged = !adspec.equals(p.adspec);
        boolean nonRsvpNews = nonRsvp && (isNew || !p.nonRsvpHop);
        p.tspec = wireTspec;
        p.apiTspec = isNew || changed ? IntServMath.tspec(wireTspec) : p.apiTspec;
        p.previousHop = hop.get().hop();
        p.previousHopLih = hop.get().logicalInterfaceHandle();
        p.incoming = in;
        p.adspec = adspec;
        p.nonRsvpHop = nonRsvp;
        p.ttl = ip.ttl() - 1;
        p.lastRefreshNanos = now;
        p.lifetimeNanos = config.lifetimeNanos(refresh);
        p.localDelivery = isLocalDestination(key.destination());
        if (labelRequest.isPresent()) {
            // RFC 3209 §4.2.4, §4.3.4, §4.4.3: kept in the PSB, so refreshes carry them on.
            if (!Objects.equals(explicitRoute, p.explicitRoute) || !labelRequest.get().equals(p.labelRequest)
                || !Objects.equals(m.first(SessionAttribute.class).orElse(null), p.attribute)) {
                changed = true;
            }
            p.labelRequest = labelRequest.get();
            p.explicitRoute = explicitRoute;
            p.pathRecord = pathRecord;
            p.attribute = m.first(SessionAttribute.class).orElse(null);
        }
        if (nonRsvpNews && emitting) {
            emit(new RsvpEvent.NonRsvpHopDetected(now(), name(), ++sequence, s.id, p.apiSender, in.name(),
                m.sendTtl(), ip.ttl()));
        }
        if (isNew) {
            p.outgoing = routeOutgoing(s, p);
            pathEvent(StateChange.INSTALLED, s, p);
            for (Interface oi : p.outgoing) {
                sendPath(s, p, oi);
            }
            armPathTimer(s, p, now);
        } else {
            boolean routeChanged = checkRoute(s, p, now);
            if (changed) {
                pathEvent(StateChange.CHANGED, s, p);
            }
            if ((changed || adspecChanged) && !routeChanged) {
                for (Interface oi : p.outgoing) {
                    sendPath(s, p, oi);
                }
            }
            changed |= routeChanged;
        }
        if (changed && p.lsp() && p.localDelivery) {
            egressReserve(s);
        }
        if (changed) {
            updateTrafficControl(s, null);
            updateUpstream(s);
        }
        if (s.paths.contains(p) && p.incoming == in) {
            p.receivedFingerprint = fingerprint;
        }
    }

    /** The interface this node would use toward a sender: a Path arriving on it comes from the current route. */
    private Interface reverseInterface(SenderId sender) {
        return network.routing().route(node, sender.source()).map(Route::outgoing).orElse(null);
    }

    /** Re-reads the route of a PSB; if it changed, sends the Path on the new route and tears the old (§3.6). */
    private boolean checkRoute(SessionState s, PathStateBlock p, long now) {
        boolean delivered = isLocalDestination(s.session.destination());
        boolean deliveryChanged = delivered != p.localDelivery;
        p.localDelivery = delivered;
        List<Interface> outs = routeOutgoing(s, p);
        if (outs.equals(p.outgoing)) {
            return deliveryChanged;
        }
        List<Interface> old = p.outgoing;
        p.outgoing = outs;
        if (emitting) {
            emit(new RsvpEvent.RouteChanged(now(), name(), ++sequence, s.id, p.apiSender, names(old), names(outs)));
        }
        for (Interface oi : old) {
            if (!outs.contains(oi)) {
                sendPathTear(s, p, oi);
            }
        }
        for (Interface oi : outs) {
            sendPath(s, p, oi);
        }
        dropUnroutedReservations(s);
        return true;
    }

    private void onPathTear(ObjectMessage m, Session key) {
        SessionState s = sessions.get(key);
        Optional<SenderTemplate> tmpl = m.first(SenderTemplate.class);
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        SenderId sender = tmpl.isEmpty() ? null : usable(tmpl.get().sender());
        if (s == null || sender == null || hop.isEmpty()) {
            return;
        }
        PathStateBlock p = findPath(s, sender);
        // Only the previous hop may tear the path down (RFC 2209 §3.2).
        if (p != null && !p.local() && p.previousHop.equals(hop.get().hop())) {
            removePath(s, p, StateChange.TORN_DOWN, true);
        }
    }

    private void removePath(SessionState s, PathStateBlock p, StateChange why, boolean tearDownstream) {
        s.paths.remove(p);
        if (p.timer != null) {
            p.timer.cancel();
        }
        pathEvent(why, s, p);
        if (p.lsp()) {
            unbind(s, p);
            if (p.localDelivery) {
                egressReserve(s);
            }
        }
        if (tearDownstream) {
            for (Interface oi : p.outgoing) {
                sendPathTear(s, p, oi);
            }
        }
        dropUnroutedReservations(s);
        updateTrafficControl(s, null);
        tearingPath = p.previousHop;
        updateUpstream(s);
        tearingPath = null;
        forgetIfEmpty(s);
    }

    /** Removes received reservations that no longer have any matching path state (RFC 2209 §3.2). */
    private void dropUnroutedReservations(SessionState s) {
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (r.local()) {
                continue;
            }
            boolean matched = false;
            for (PathStateBlock p : s.paths) {
                if (r.selects(p.sender) && p.routesTo(r.outgoing)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                s.reservations.remove(r);
                if (r.timer != null) {
                    r.timer.cancel();
                }
                resvEvent(StateChange.TORN_DOWN, s, r);
            }
        }
    }

    private void onPathErr(ObjectMessage m, Session key) {
        SessionState s = sessions.get(key);
        Optional<ErrorSpec> err = m.first(ErrorSpec.class);
        Optional<SenderTemplate> tmpl = m.first(SenderTemplate.class);
        if (err.isEmpty()) {
            return;
        }
        SenderId sender = tmpl.isEmpty() ? null : usable(tmpl.get().sender());
        PathStateBlock p = s == null || sender == null ? null : findPath(s, sender);
        if (p == null || p.local()) {
            errorEvent("PathErr", key, err.get());
            return;
        }
        send(p.incoming, p.incoming.address(), p.previousHop, IP_TTL_UNICAST, false,
            new ObjectMessage(MessageType.PATH_ERR, 0, IP_TTL_UNICAST, m.objects()), key);
    }

    private void sendPathErr(Session key, IpAddress phop, Interface in, SenderId sender, SenderTspec tspec,
                             RsvpError error) {
        send(in, in.address(), phop, IP_TTL_UNICAST, false, ObjectMessage.of(MessageType.PATH_ERR, IP_TTL_UNICAST,
            key, ErrorSpec.of(in.address(), error), new SenderTemplate(sender), tspec), key);
    }

    private void sendPath(SessionState s, PathStateBlock p, Interface oi) {
        LinkDirection dir = topology.link(oi).direction(oi);
        long linkBps = Math.max(1, dir.reservableBps());
        long c = config.errorTermC() >= 0 ? config.errorTermC() : p.apiTspec.maxPacket();
        long d = config.errorTermDMicros() >= 0 ? config.errorTermDMicros()
            : (oi.mtu() * 8L * 1_000_000L + linkBps - 1) / linkBps;
        PathCharacterization out = IntServMath.compose(p.adspec, dir.reservableBps() / 8.0,
            dir.delayNanos() / 1000, oi.mtu(), c, d);
        int ttl = p.local() ? config.initialTtl() : p.ttl;
        if (ttl < 1) {
            return;
        }
        ObjectMessage m = p.lsp() ? lspPath(s, p, oi, ttl, out) : ObjectMessage.of(MessageType.PATH, ttl, s.session,
            new RsvpHop(oi.address(), oi.index()), timeValues(), new SenderTemplate(p.sender), p.tspec, adspecOf(out));
        p.sentPath = send(oi, p.sender.source(), s.session.destination(), ttl, true, m, s.session);
        p.sentPathOn = oi;
    }

    /** A Path refresh: the last Path sent on {@code oi} again when nothing changed since (decision 0014). */
    private void refreshPath(SessionState s, PathStateBlock p, Interface oi) {
        if (p.sentPath != null && p.sentPathOn == oi) {
            resend(oi, p.sentPath, MessageType.PATH, s, s.session.destination());
        } else {
            sendPath(s, p, oi);
        }
    }

    /** The wire ADSPEC of composed values; identical paths share one object (a small per-node cache). */
    private Adspec adspecOf(PathCharacterization c) {
        Adspec a = adspecs.get(c);
        if (a == null) {
            if (adspecs.size() > INTERN_LIMIT) {
                adspecs.clear();
            }
            a = c.toAdspec();
            adspecs.put(c, a);
        }
        return a;
    }

    private void sendPathTear(SessionState s, PathStateBlock p, Interface oi) {
        int ttl = p.local() ? config.initialTtl() : Math.max(1, p.ttl);
        ObjectMessage m = ObjectMessage.of(MessageType.PATH_TEAR, ttl, s.session,
            new RsvpHop(oi.address(), oi.index()), new SenderTemplate(p.sender), p.tspec);
        sendTear(oi, p.sender.source(), s.session.destination(), ttl, true, m, s);
    }

    /**
     * Sends a teardown {@code tearCopies} times. RFC 2205 §2.4: tears are not delivered reliably, and a lost one
     * leaves the next node's state to its own timeout, one L per lossy hop; copies cross a lossy link with
     * probability 1 - loss^copies, and the extra ones are harmless (§3.1.5: a PathTear without matching state is
     * discarded, not forwarded; a ResvTear without matching state changes nothing). With refresh reduction the
     * tear goes once and is retransmitted until acknowledged (RFC 2961 §4), so it gets no copies (decision 0025).
     */
    private void sendTear(Interface out, IpAddress src, IpAddress dst, int ttl, boolean routerAlert, ObjectMessage m,
                          SessionState s) {
        int copies = config.neighbours().refreshReduction().enabled() ? 1 : config.tearCopies();
        byte[] datagram = send(out, src, dst, ttl, routerAlert, m, s.session);
        for (int i = 1; i < copies; i++) {
            if (datagram != null) {
                resend(out, datagram, m.type(), s, dst);
            } else {
                // The neighbour layer (integrity, Hello) builds each datagram itself: a fresh INTEGRITY sequence.
                send(out, src, dst, ttl, routerAlert, m, s.session);
            }
        }
    }

    /** Where a sender's Path goes from here: the unicast route or the multicast tree, never back in. */
    private List<Interface> routeOutgoing(SessionState s, PathStateBlock p) {
        IpAddress dest = s.session.destination();
        if (!p.local() && node.isHost()) {
            return List.of();
        }
        if (isMulticast(dest)) {
            Optional<Node> src = topology.ownerOf(p.sender.source());
            if (src.isEmpty()) {
                return List.of();
            }
            List<Interface> outs = new ArrayList<>(network.multicastTree(src.get(), dest).outgoing(node));
            outs.remove(p.incoming);
            return List.copyOf(outs);
        }
        if (addresses.contains(dest)) {
            return List.of();
        }
        if (p.lsp() && p.explicitRoute != null) {
            // RFC 3209 §4.3.4: the explicit route, not the shortest path, picks the next hop.
            Object next = te.next(p.explicitRoute, p.local(), network.routing(), p.incoming);
            if (!(next instanceof TrafficEngineering.Hop h)) {
                p.onwardRoute = List.of();
                return List.of();
            }
            p.onwardRoute = h.onward();
            if (h.outgoing() != null) {
                return List.of(h.outgoing());
            }
        }
        Optional<Route> r = network.routing().route(node, dest);
        if (r.isEmpty() || r.get().outgoing() == p.incoming) {
            return List.of();
        }
        return List.of(r.get().outgoing());
    }

    private void armPathTimer(SessionState s, PathStateBlock p, long now) {
        p.nextRefreshNanos = now + jitter();
        long expiry = p.local() ? Long.MAX_VALUE : p.lastRefreshNanos + p.lifetimeNanos;
        p.timer = scheduler.schedule(Math.min(p.nextRefreshNanos, expiry) - now, () -> onPathTimer(s, p));
    }

    /** The one PSB timer: refresh when due, time out when the lifetime passed (RFC 2205 §3.7). */
    private void onPathTimer(SessionState s, PathStateBlock p) {
        long now = scheduler.nowNanos();
        if (!s.paths.contains(p)) {
            return;
        }
        long expiry = p.local() ? Long.MAX_VALUE : p.lastRefreshNanos + p.lifetimeNanos;
        if (now >= expiry) {
            removePath(s, p, StateChange.TIMED_OUT, true);
            return;
        }
        if (now >= p.nextRefreshNanos) {
            if (checkRoute(s, p, now)) {
                updateTrafficControl(s, null);
                updateUpstream(s);
            } else {
                for (Interface oi : p.outgoing) {
                    refreshPath(s, p, oi);
                }
            }
            p.nextRefreshNanos = now + jitter();
        }
        p.timer = scheduler.schedule(Math.min(p.nextRefreshNanos, expiry) - now, () -> onPathTimer(s, p));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Resv (RFC 2205 §3.1.4, RFC 2209 §3.3).

    private void onResv(Interface in, ObjectMessage m, Session key, long fingerprint) {
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        Optional<Style> styleObj = m.first(Style.class);
        if (hop.isEmpty() || styleObj.isEmpty()) {
            return;
        }
        IpAddress nhop = hop.get().hop();
        Interface oi = outgoingFor(hop.get().logicalInterfaceHandle(), in);
        SessionState s = sessions.get(key);
        Optional<ReservationStyle> style = styleObj.get().style();
        List<Flowspec> flowspecs = m.all(Flowspec.class);
        if (style.isEmpty()) {
            sendResvErr(key, oi, nhop, styleObj.get(), flowspecs.isEmpty() ? null : flowspecs.get(0), List.of(),
                new RsvpError(ErrorCodes.UNKNOWN_RESERVATION_STYLE, 0));
            return;
        }
        if (s == null || s.paths.isEmpty()) {
            sendResvErr(key, oi, nhop, styleObj.get(), flowspecs.isEmpty() ? null : flowspecs.get(0), List.of(),
                new RsvpError(ErrorCodes.NO_PATH_INFORMATION, 0));
            return;
        }
        for (ReservationStateBlock r : s.reservations) {
            if (r.style != style.get()) {
                sendResvErr(key, oi, nhop, styleObj.get(), flowspecs.isEmpty() ? null : flowspecs.get(0),
                    List.of(), new RsvpError(ErrorCodes.CONFLICTING_RESERVATION_STYLE, 0));
                return;
            }
        }
        long refresh = m.first(TimeValues.class).map(t -> t.refreshPeriodMillis() * 1_000_000L)
            .orElse(config.refreshPeriodNanos());
        IpAddress confirm = m.first(ResvConfirm.class).map(ResvConfirm::receiver).orElse(null);
        List<IpAddress> scope = style.get() == ReservationStyle.WF
            ? m.first(Scope.class).map(Scope::sources).orElse(null) : null;
        // Flow descriptors: each FILTER_SPEC pairs with the FLOWSPEC before it (RFC 2205 §3.1.4).
        List<UpstreamResv.Descriptor> descriptors = new ArrayList<>();
        Flowspec current = null;
        List<SenderId> seFilters = new ArrayList<>();
        // An LSP's LABEL and RECORD_ROUTE follow its FILTER_SPEC (RFC 3209 §4.1, §4.4.3).
        SenderId lastFilter = null;
        Map<SenderId, Long> labels = new LinkedHashMap<>(2);
        Map<SenderId, List<RroSubobject>> records = new HashMap<>(2);
        for (RsvpObject o : m.objects()) {
            if (o instanceof Flowspec f) {
                current = f;
            } else if (o instanceof Label l && lastFilter != null) {
                labels.put(lastFilter, Integer.toUnsignedLong(l.label()));
            } else if (o instanceof RecordRoute rr && lastFilter != null) {
                records.put(lastFilter, rr.subobjects());
            } else if (o instanceof FilterSpec fs && usable(fs.sender()) instanceof SenderId sender
                && current != null) {
                lastFilter = sender;
                if (style.get() == ReservationStyle.FF) {
                    descriptors.add(new UpstreamResv.Descriptor(request(current), List.of(sender)));
                } else {
                    seFilters.add(sender);
                }
            }
        }
        if (style.get() == ReservationStyle.SE && current != null && !seFilters.isEmpty()) {
            descriptors.add(new UpstreamResv.Descriptor(request(current), List.copyOf(seFilters)));
        } else if (style.get() == ReservationStyle.WF && current != null) {
            descriptors.add(new UpstreamResv.Descriptor(request(current), List.of()));
        }
        for (ReservationStateBlock r : s.reservations) {
            if (r.nextHop.equals(nhop) && r.outgoing == oi) {
                r.receivedFingerprint = RefreshFingerprint.NONE;
            }
        }
        boolean any = false;
        PreemptionPriority priority = Preemption.fromMessage(m);
        if (priority == null && key instanceof LspTunnelSession && !descriptors.isEmpty()) {
            // RFC 3209 §4.7: an LSP's priorities come with its Path (SESSION_ATTRIBUTE), not its Resv.
            PathStateBlock first = findPath(s, descriptors.get(0).filters().get(0));
            priority = first == null ? null : TrafficEngineering.priority(first);
        }
        for (UpstreamResv.Descriptor d : descriptors) {
            any |= applyDescriptor(s, oi, nhop, style.get(), d, scope, confirm, refresh, priority);
        }
        if (!labels.isEmpty()) {
            any |= resvLabels(s, oi, nhop, labels, records);
        }
        if (any || confirm != null) {
            updateUpstream(s);
        }
        rememberResv(s, oi, nhop, style.get(), descriptors, confirm == null ? fingerprint : RefreshFingerprint.NONE);
    }

    /**
     * Marks the RSBs one Resv installed or refreshed with its fingerprint, so the same Resv again is a plain
     * refresh (decision 0014); not when a descriptor was refused (the same Resv would be refused again) or the
     * Resv asked for a confirmation.
     */
    private void rememberResv(SessionState s, Interface oi, IpAddress nhop, ReservationStyle style,
                              List<UpstreamResv.Descriptor> descriptors, long fingerprint) {
        if (fingerprint == RefreshFingerprint.NONE || descriptors.isEmpty()) {
            return;
        }
        long now = scheduler.nowNanos();
        List<ReservationStateBlock> refreshed = new ArrayList<>(descriptors.size());
        for (UpstreamResv.Descriptor d : descriptors) {
            ReservationStateBlock r = findResv(s, nhop, oi, style, d.filters());
            if (r == null || r.lastRefreshNanos != now || refreshed.contains(r)) {
                return;
            }
            refreshed.add(r);
        }
        for (ReservationStateBlock r : refreshed) {
            r.receivedFingerprint = fingerprint;
            r.fingerprintShare = refreshed.size();
        }
    }

    private Interface outgoingFor(int lih, Interface in) {
        List<Interface> all = topology.interfaces();
        if (lih >= 0 && lih < all.size() && all.get(lih).node().equals(node)) {
            return all.get(lih);
        }
        return in;
    }

    /** Installs or refreshes one flow descriptor's RSB; true if state changed. */
    private boolean applyDescriptor(SessionState s, Interface oi, IpAddress nhop, ReservationStyle style,
                                    UpstreamResv.Descriptor d, List<IpAddress> scope, IpAddress confirm,
                                    long refresh, PreemptionPriority priority) {
        long now = scheduler.nowNanos();
        boolean hasPath = false;
        for (PathStateBlock p : s.paths) {
            boolean selected = style == ReservationStyle.WF
                ? scope == null || scope.contains(p.sender.source()) : d.filters().contains(p.sender);
            if (selected && p.routesTo(oi)) {
                hasPath = true;
                break;
            }
        }
        if (!hasPath) {
            sendResvErr(s.session, oi, nhop, Style.of(style), IntServMath.flowspec(d.flowspec()), d.filters(),
                new RsvpError(style == ReservationStyle.WF ? ErrorCodes.NO_PATH_INFORMATION
                    : ErrorCodes.NO_SENDER_INFORMATION, 0));
            return false;
        }
        ReservationStateBlock r = findResv(s, nhop, oi, style, d.filters());
        if (r != null && r.flowspec.equals(d.flowspec()) && r.filters.equals(d.filters())
            && Objects.equals(r.scope, scope) && Objects.equals(r.priority, priority)) {
            r.lastRefreshNanos = now;
            r.lifetimeNanos = config.lifetimeNanos(refresh);
            if (confirm != null) {
                r.confirmTo = confirm;
            }
            return false;
        }
        PolicyDecision decision = policy.decide(new PolicyRequest(name(), PolicyRequest.Direction.RESV, s.session,
            List.copyOf(d.filters()), Optional.empty(), Optional.of(IntServMath.flowspec(d.flowspec())),
            d.flowspec().service() == ServiceClass.GUARANTEED ? PolicyRequest.Service.GUARANTEED
                : PolicyRequest.Service.CONTROLLED_LOAD, flowCount));
        FlowRequest flow = d.flowspec();
        if (decision instanceof PolicyDecision.Reject reject) {
            if (emitting) {
                emit(new RsvpEvent.PolicyRejected(now(), name(), ++sequence, s.id, "RESV", reject.error().code(),
                    reject.error().value(), reject.reason()));
            }
            sendResvErr(s.session, oi, nhop, Style.of(style), IntServMath.flowspec(flow), d.filters(),
                reject.error());
            return false;
        } else if (decision instanceof PolicyDecision.Accept accept && accept.flowspec().isPresent()) {
            flow = request(accept.flowspec().get());
        }
        boolean isNew = r == null;
        FlowRequest oldFlow = isNew ? null : r.flowspec;
        List<SenderId> oldFilters = isNew ? null : r.filters;
        List<IpAddress> oldScope = isNew ? null : r.scope;
        PreemptionPriority oldPriority = isNew ? null : r.priority;
        FlowRequest oldCap = isNew ? null : r.cap;
        if (isNew) {
            r = new ReservationStateBlock(nhop, oi, style, d.filters(), flow);
            s.reservations.add(r);
        } else {
            r.flowspec = flow;
            r.filters = d.filters();
        }
        r.scope = scope;
        r.priority = priority;
        // A new request from the next hop replaces what a partial preemption left (RFC 4495 §5).
        r.cap = null;
        RsvpError failure = preemption.heterogeneous(s, oi)
            ? new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE, ErrorCodes.PC_GENERIC_REJECTION)
            : updateTrafficControl(s, oi);
        if (failure != null) {
            if (isNew) {
                s.reservations.remove(r);
            } else {
                r.flowspec = oldFlow;
                r.filters = oldFilters;
                r.scope = oldScope;
                r.priority = oldPriority;
                r.cap = oldCap;
            }
            sendResvErr(s.session, oi, nhop, Style.of(style), IntServMath.flowspec(flow), d.filters(), failure);
            return false;
        }
        r.lastRefreshNanos = now;
        r.lifetimeNanos = config.lifetimeNanos(refresh);
        if (confirm != null) {
            r.confirmTo = confirm;
        }
        resvEvent(isNew ? StateChange.INSTALLED : StateChange.CHANGED, s, r);
        if (isNew) {
            ReservationStateBlock rsb = r;
            r.timer = scheduler.schedule(r.lifetimeNanos, () -> onResvTimer(s, rsb));
        }
        return true;
    }

    private ReservationStateBlock findResv(SessionState s, IpAddress nhop, Interface oi, ReservationStyle style,
                                           List<SenderId> filters) {
        for (ReservationStateBlock r : s.reservations) {
            if (r.style == style && r.nextHop.equals(nhop) && oi == r.outgoing
                && (style != ReservationStyle.FF || r.filters.equals(filters))) {
                return r;
            }
        }
        return null;
    }

    private void addLocalRsb(SessionState s, ReservationStyle style, List<SenderId> filters, FlowRequest f,
                             boolean confirm) {
        ReservationStateBlock r = new ReservationStateBlock(primaryAddress, null, style, filters, f);
        r.confirmTo = confirm ? primaryAddress : null;
        r.lifetimeNanos = Long.MAX_VALUE;
        r.priority = preemption.element(s.localPriority);
        s.reservations.add(r);
        resvEvent(StateChange.INSTALLED, s, r);
    }

    /** The RSB timer: expire when refreshes stopped for L (RFC 2205 §3.7), else look again then. */
    private void onResvTimer(SessionState s, ReservationStateBlock r) {
        if (!s.reservations.contains(r)) {
            return;
        }
        long now = scheduler.nowNanos();
        long expiry = r.lastRefreshNanos + r.lifetimeNanos;
        if (now < expiry) {
            r.timer = scheduler.schedule(expiry - now, () -> onResvTimer(s, r));
            return;
        }
        s.reservations.remove(r);
        resvEvent(StateChange.TIMED_OUT, s, r);
        updateTrafficControl(s, null);
        updateUpstream(s);
        forgetIfEmpty(s);
    }

    private void onResvTear(Interface in, ObjectMessage m, Session key) {
        SessionState s = sessions.get(key);
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        if (s == null || hop.isEmpty()) {
            return;
        }
        Interface oi = outgoingFor(hop.get().logicalInterfaceHandle(), in);
        IpAddress nhop = hop.get().hop();
        List<SenderId> filters = new ArrayList<>();
        for (FilterSpec f : m.all(FilterSpec.class)) {
            if (usable(f.sender()) != null) {
                filters.add(f.sender());
            }
        }
        boolean any = false;
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (r.local() || !r.nextHop.equals(nhop) || oi != r.outgoing) {
                continue;
            }
            if (r.style == ReservationStyle.WF || filters.isEmpty() || filters.containsAll(r.filters)) {
                s.reservations.remove(r);
                if (r.timer != null) {
                    r.timer.cancel();
                }
                resvEvent(StateChange.TORN_DOWN, s, r);
                any = true;
            } else if (r.style == ReservationStyle.SE) {
                List<SenderId> left = new ArrayList<>(r.filters);
                if (left.removeAll(filters)) {
                    r.filters = List.copyOf(left);
                    r.receivedFingerprint = RefreshFingerprint.NONE;
                    resvEvent(StateChange.CHANGED, s, r);
                    any = true;
                }
            }
        }
        if (any) {
            updateTrafficControl(s, null);
            updateUpstream(s);
            forgetIfEmpty(s);
        }
    }

    private void onResvErr(ObjectMessage m, Session key) {
        SessionState s = sessions.get(key);
        Optional<ErrorSpec> err = m.first(ErrorSpec.class);
        Optional<RsvpHop> hop = m.first(RsvpHop.class);
        if (err.isEmpty() || hop.isEmpty()) {
            return;
        }
        if (s == null) {
            errorEvent("ResvErr", key, err.get());
            return;
        }
        Optional<Flowspec> fs = m.first(Flowspec.class);
        FlowRequest qe = fs.map(this::request).orElse(null);
        IpAddress phop = hop.get().hop();
        boolean blockade = err.get().errorCode() == ErrorCodes.ADMISSION_CONTROL_FAILURE && qe != null;
        if (blockade) {
            // RFC 2205 §3.5: remember the failed request for this previous hop so smaller ones can pass.
            long expires = scheduler.nowNanos() + config.lifetimeNanos(config.refreshPeriodNanos());
            List<BlockadeStateBlock> bs = new ArrayList<>(s.blockades);
            bs.removeIf(b -> b.previousHop().equals(phop));
            bs.add(new BlockadeStateBlock(phop, qe, expires));
            s.blockades = List.copyOf(bs);
            if (emitting) {
                emit(new RsvpEvent.Blockade(now(), name(), ++sequence, true, s.id, phop, qe));
            }
            scheduler.schedule(expires - scheduler.nowNanos(), () -> expireBlockades(s));
        }
        // Forward to the next hops whose requests contributed (for admission failures: those not smaller).
        boolean delivered = false;
        boolean local = false;
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (!contributesTo(s, r, phop)) {
                continue;
            }
            if (blockade && IntServMath.covers(qe, r.flowspec) && !qe.equals(r.flowspec)) {
                continue;
            }
            delivered = true;
            if (r.local()) {
                errorEvent("ResvErr", key, err.get());
                local = true;
            } else {
                send(r.outgoing, r.outgoing.address(), r.nextHop, IP_TTL_UNICAST, false,
                    new ObjectMessage(MessageType.RESV_ERR, 0, IP_TTL_UNICAST, withHop(m.objects(),
                        new RsvpHop(r.outgoing.address(), r.outgoing.index()))), key);
            }
        }
        if (!delivered && node.isHost()) {
            // A receiver hears of errors about requests it no longer holds, too (RFC 2205 §3.1.6).
            errorEvent("ResvErr", key, err.get());
        }
        if (blockade) {
            updateUpstream(s);
        }
        if (local && !aggregation.aggregateError(s, err.get(), fs.orElse(null))) {
            preemption.receiverHeard(s, err.get(), fs.orElse(null));
        }
    }

    private static List<RsvpObject> withHop(List<RsvpObject> objects, RsvpHop hop) {
        List<RsvpObject> out = new ArrayList<>(objects.size());
        for (RsvpObject o : objects) {
            out.add(o instanceof RsvpHop ? hop : o);
        }
        return out;
    }

    private void expireBlockades(SessionState s) {
        long now = scheduler.nowNanos();
        List<BlockadeStateBlock> left = new ArrayList<>();
        boolean changed = false;
        for (BlockadeStateBlock b : s.blockades) {
            if (b.expiresNanos() <= now) {
                changed = true;
                if (emitting) {
                    emit(new RsvpEvent.Blockade(now(), name(), ++sequence, false, s.id, b.previousHop(), b.qb()));
                }
            } else {
                left.add(b);
            }
        }
        if (changed) {
            s.blockades = List.copyOf(left);
            updateUpstream(s);
            forgetIfEmpty(s);
        }
    }

    private boolean contributesTo(SessionState s, ReservationStateBlock r, IpAddress phop) {
        for (PathStateBlock p : s.paths) {
            if (p.previousHop.equals(phop) && r.selects(p.sender) && p.routesTo(r.outgoing)) {
                return true;
            }
        }
        return false;
    }

    private void onResvConf(ObjectMessage m, Session key) {
        Optional<ErrorSpec> err = m.first(ErrorSpec.class);
        Optional<Style> style = m.first(Style.class);
        if (err.isEmpty() || style.isEmpty() || !emitting) {
            return;
        }
        emit(new RsvpEvent.ConfirmationReceived(now(), name(), ++sequence, sessionId(key), err.get().errorNode(),
            style.get().style().orElse(null), m.first(Flowspec.class).map(this::request).orElse(null)));
    }

    private void sendResvErr(Session key, Interface oi, IpAddress nhop, Style style, Flowspec flowspec,
                             List<SenderId> filters, RsvpError error) {
        sendResvErr(key, oi, nhop, 0, error, null, style, flowspec, filters);
    }

    /** A ResvErr to next hop {@code nhop} with ERROR_SPEC flags and, when not null, a POLICY_DATA (RFC 2205 §3.1.6). */
    void sendResvErr(Session key, Interface oi, IpAddress nhop, int flags, RsvpError error, PolicyData policy,
                     Style style, Flowspec flowspec, List<SenderId> filters) {
        List<RsvpObject> objects = new ArrayList<>();
        objects.add(key);
        objects.add(new RsvpHop(oi.address(), oi.index()));
        objects.add(new ErrorSpec(oi.address(), flags, error.code(), error.value()));
        if (policy != null) {
            objects.add(policy);
        }
        objects.add(style);
        if (flowspec != null) {
            objects.add(flowspec);
        }
        for (SenderId f : filters) {
            objects.add(new FilterSpec(f));
        }
        send(oi, oi.address(), nhop, IP_TTL_UNICAST, false,
            new ObjectMessage(MessageType.RESV_ERR, 0, IP_TTL_UNICAST, objects), key);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Traffic control (RFC 2209 §2 TCSB, admission control).

    /**
     * Recomputes the merged reservations per outgoing interface and admits them. Returns null on success; on an
     * admission failure on {@code checking} (the interface of a new request) nothing changes and the error to send
     * is returned. A failure on another interface (a path moved) keeps the old reservation there.
     */
    private RsvpError updateTrafficControl(SessionState s, Interface checking) {
        List<TrafficControlStateBlock> next = computeTrafficControl(s);
        if (next.isEmpty() && s.trafficControl.isEmpty()) {
            // Nothing reserved before or after (e.g. a new Path): nothing to admit, free or report.
            return null;
        }
        for (TrafficControlStateBlock t : next) {
            int m = t.flowspec().tspec().maxPacket();
            if (m > t.outgoing().mtu() && !s.trafficControl.contains(t)) {
                // Packets of M bytes cannot cross this interface unfragmented (RFC 2211 §5, RFC 2212 §7).
                RsvpError tooBig = mtuTooBig(s, t, m);
                if (t.outgoing() == checking) {
                    return tooBig;
                }
                next = without(next, t.outgoing(), s.trafficControl);
            }
        }
        Map<Interface, Double> before = perInterface(s.trafficControl);
        Map<Interface, Double> after = perInterface(next);
        List<Interface> failed = new ArrayList<>(0);
        for (Map.Entry<Interface, Double> e : after.entrySet()) {
            Interface oi = e.getKey();
            double was = before.getOrDefault(oi, 0.0);
            double want = e.getValue();
            if (want <= was) {
                continue;
            }
            LinkDirection dir = topology.link(oi).direction(oi);
            double capacity = dir.reservableBps() / 8.0;
            double perFlow = dir.perFlowMaxBps() / 8.0;
            double free = capacity - reserved[oi.index()] + was;
            double biggest = 0;
            for (TrafficControlStateBlock t : next) {
                if (t.outgoing() == oi) {
                    biggest = Math.max(biggest, t.reserved());
                }
            }
            String reason = null;
            if (biggest > perFlow + 1e-6) {
                reason = "per-flow limit";
            } else if (want > free + 1e-6) {
                if (oi == checking && preemption.makeRoom(s, oi, want, free)) {
                    free = capacity - reserved[oi.index()] + was;
                }
                reason = want > free + 1e-6 ? "interface bandwidth" : null;
            }
            if (reason != null) {
                if (emitting) {
                    emit(new RsvpEvent.AdmissionFailed(now(), name(), ++sequence, s.id, oi.name(), want, free,
                        perFlow, ErrorCodes.AC_BANDWIDTH_UNAVAILABLE, reason));
                }
                if (oi == checking) {
                    return new RsvpError(ErrorCodes.ADMISSION_CONTROL_FAILURE, ErrorCodes.AC_BANDWIDTH_UNAVAILABLE);
                }
                failed.add(oi);
            }
        }
        if (!failed.isEmpty()) {
            // A change not asked for by a Resv (a sender joined a shared reservation, a path moved) that does not
            // fit: the interface keeps its old reservation; the rest of the change goes ahead.
            List<TrafficControlStateBlock> kept = new ArrayList<>();
            for (TrafficControlStateBlock t : next) {
                if (!failed.contains(t.outgoing())) {
                    kept.add(t);
                }
            }
            for (TrafficControlStateBlock t : s.trafficControl) {
                if (failed.contains(t.outgoing())) {
                    kept.add(t);
                }
            }
            next = List.copyOf(kept);
            after = perInterface(next);
        }
        for (TrafficControlStateBlock t : next) {
            if (t.flowspec().service() == ServiceClass.GUARANTEED && t.flowspec().rate() < t.flowspec().tspec().rate()
                && t.outgoing() == checking) {
                // R below r: the queue grows without bound, no delay bound can hold (RFC 2212 §5).
                if (emitting) {
                    emit(new RsvpEvent.AdmissionFailed(now(), name(), ++sequence, s.id, t.outgoing().name(),
                        t.reserved(), 0, 0, ErrorCodes.AC_DELAY_BOUND, "Guaranteed rate R below token rate r"));
                }
                return new RsvpError(ErrorCodes.ADMISSION_CONTROL_FAILURE, ErrorCodes.AC_DELAY_BOUND);
            }
        }
        for (Map.Entry<Interface, Double> e : before.entrySet()) {
            reserved[e.getKey().index()] -= e.getValue();
        }
        for (Map.Entry<Interface, Double> e : after.entrySet()) {
            reserved[e.getKey().index()] += e.getValue();
        }
        List<TrafficControlStateBlock> old = s.trafficControl;
        s.trafficControl = next;
        if (old.isEmpty() && !next.isEmpty()) {
            s.admittedOrder = ++admissions;
        }
        flowCount += next.size() - old.size();
        if (emitting) {
            for (TrafficControlStateBlock t : next) {
                if (!old.contains(t)) {
                    emitReservation(s, t.outgoing(), t.style(), t.senders(), t.reserved());
                }
            }
            for (TrafficControlStateBlock t : old) {
                boolean still = false;
                for (TrafficControlStateBlock n : next) {
                    still |= n.outgoing().equals(t.outgoing()) && n.senders().equals(t.senders());
                }
                if (!still) {
                    emitReservation(s, t.outgoing(), t.style(), t.senders(), 0);
                }
            }
        }
        return null;
    }

    private RsvpError mtuTooBig(SessionState s, TrafficControlStateBlock t, int m) {
        if (emitting) {
            emit(new RsvpEvent.AdmissionFailed(now(), name(), ++sequence, s.id, t.outgoing().name(), t.reserved(),
                0, 0, ErrorCodes.AC_MTU_TOO_BIG, "maximum packet size " + m + " bytes larger than the interface MTU "
                    + t.outgoing().mtu()));
        }
        return new RsvpError(ErrorCodes.ADMISSION_CONTROL_FAILURE, ErrorCodes.AC_MTU_TOO_BIG);
    }

    /** {@code next} with the TCSBs of {@code oi} replaced by those it had before (a change there was refused). */
    private static List<TrafficControlStateBlock> without(List<TrafficControlStateBlock> next, Interface oi,
                                                          List<TrafficControlStateBlock> before) {
        List<TrafficControlStateBlock> kept = new ArrayList<>();
        for (TrafficControlStateBlock t : next) {
            if (t.outgoing() != oi) {
                kept.add(t);
            }
        }
        for (TrafficControlStateBlock t : before) {
            if (t.outgoing() == oi) {
                kept.add(t);
            }
        }
        return List.copyOf(kept);
    }

    private void emitReservation(SessionState s, Interface oi, ReservationStyle style, List<SenderId> senders,
                                 double amount) {
        double capacity = topology.link(oi).direction(oi).reservableBps() / 8.0;
        emit(new RsvpEvent.Reservation(now(), name(), ++sequence, s.id, style, oi.name(), apiSenders(senders),
            amount, capacity - reserved[oi.index()]));
    }

    private static Map<Interface, Double> perInterface(List<TrafficControlStateBlock> list) {
        // The common cases (nothing, or one reservation) without a LinkedHashMap per Resv.
        if (list.isEmpty()) {
            return Map.of();
        }
        if (list.size() == 1) {
            return Map.of(list.get(0).outgoing(), list.get(0).reserved());
        }
        Map<Interface, Double> m = new LinkedHashMap<>();
        for (TrafficControlStateBlock t : list) {
            m.merge(t.outgoing(), t.reserved(), Double::sum);
        }
        return m;
    }

    /** The TCSBs the current RSBs and PSBs call for (RFC 2205 §2.2 merging per outgoing interface). */
    private List<TrafficControlStateBlock> computeTrafficControl(SessionState s) {
        List<Interface> ois = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (!r.local() && !ois.contains(r.outgoing)) {
                ois.add(r.outgoing);
            }
        }
        if (ois.isEmpty()) {
            return List.of();
        }
        ois.sort((a, b) -> Integer.compare(a.index(), b.index()));
        List<TrafficControlStateBlock> out = new ArrayList<>();
        for (Interface oi : ois) {
            if (aggregation.active() && aggregation.entersRegion(oi, s.id)) {
                continue; // the aggregate reserves for the microflows inside the region (RFC 3175)
            }
            ReservationStyle style = null;
            for (ReservationStateBlock r : s.reservations) {
                if (oi == r.outgoing) {
                    style = r.style;
                }
            }
            if (style == ReservationStyle.FF) {
                // Distinct reservations: one per sender, the largest request for it (RFC 2205 §2.2).
                for (PathStateBlock p : s.paths) {
                    if (!p.routesTo(oi)) {
                        continue;
                    }
                    FlowRequest merged = null;
                    for (ReservationStateBlock r : s.reservations) {
                        if (oi == r.outgoing && r.filters.contains(p.sender)) {
                            merged = merged == null ? r.effective() : IntServMath.merge(merged, r.effective());
                        }
                    }
                    if (merged != null) {
                        out.add(new TrafficControlStateBlock(oi, style, List.of(p.sender), intern(merged),
                            merged.bandwidth()));
                    }
                }
            } else {
                // Shared: one reservation for the selected senders, at most what they can send together.
                FlowRequest merged = null;
                List<SenderId> senders = new ArrayList<>();
                TrafficSpec sum = null;
                for (ReservationStateBlock r : s.reservations) {
                    if (oi == r.outgoing) {
                        merged = merged == null ? r.effective() : IntServMath.merge(merged, r.effective());
                    }
                }
                for (PathStateBlock p : s.paths) {
                    if (!p.routesTo(oi)) {
                        continue;
                    }
                    for (ReservationStateBlock r : s.reservations) {
                        if (oi == r.outgoing && r.selects(p.sender)) {
                            senders.add(p.sender);
                            sum = sum == null ? p.apiTspec : IntServMath.sum(sum, p.apiTspec);
                            break;
                        }
                    }
                }
                if (merged != null && !senders.isEmpty()) {
                    double amount = merged.bandwidth();
                    if (merged.service() == ServiceClass.CONTROLLED_LOAD) {
                        amount = Math.min(amount, sum.rate());
                    }
                    out.add(new TrafficControlStateBlock(oi, style, List.copyOf(senders), intern(merged), amount));
                }
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Upstream: the merged Resv per previous hop (RFC 2209 §3.3 "Resv refresh"), confirmations.

    private void updateUpstream(SessionState s) {
        if (s.session instanceof LspTunnelSession) {
            bindLabels(s);
        }
        List<UpstreamResv> next = computeUpstream(s);
        List<UpstreamResv> old = s.upstream;
        for (UpstreamResv u : next) {
            UpstreamResv before = find(old, u);
            boolean changed = before == null || !before.equals(u);
            IpAddress confirm = null;
            for (ReservationStateBlock r : s.reservations) {
                if (r.confirmTo != null && contributesTo(s, r, u.previousHop())) {
                    confirm = r.confirmTo;
                }
            }
            if (u.incoming() == null) {
                // The sender is on this host: the reservation has arrived (RAPI reservation upcall).
                if (changed && emitting) {
                    for (UpstreamResv.Descriptor d : u.descriptors()) {
                        emit(new RsvpEvent.ResvState(now(), name(), ++sequence, before == null
                            ? StateChange.INSTALLED : StateChange.CHANGED, s.id, u.style(), "", u.previousHop(),
                            apiSenders(d.filters()), d.flowspec()));
                    }
                }
                if (confirm != null) {
                    sendResvConf(s, u, confirm);
                }
            } else if (changed) {
                sendResv(s, u, confirm);
                if (before != null) {
                    tearRemovedFilters(s, before, u);
                }
            } else if (confirm != null) {
                // Nothing new to forward: the reservation upstream already covers this one (RFC 2205 §3.1.4).
                sendResvConf(s, u, confirm);
            }
        }
        for (UpstreamResv u : old) {
            if (find(next, u) == null) {
                // No ResvTear toward a previous hop whose path state is being removed (it is going away too);
                // one toward a previous hop the path moved away from frees the old route at once (§3.6).
                boolean pathLeft = !u.previousHop().equals(tearingPath);
                if (u.incoming() == null) {
                    if (emitting) {
                        emit(new RsvpEvent.ResvState(now(), name(), ++sequence, StateChange.TORN_DOWN, s.id,
                            u.style(), "", u.previousHop(), List.of(), u.descriptors().get(0).flowspec()));
                    }
                } else if (pathLeft) {
                    sendResvTear(s, u, u.descriptors());
                }
            }
        }
        for (ReservationStateBlock r : s.reservations) {
            r.confirmTo = null;
        }
        s.upstream = next;
        boolean needRefresh = false;
        for (UpstreamResv u : next) {
            needRefresh |= u.incoming() != null;
        }
        if (needRefresh && (s.resvRefresh == null || !s.resvRefresh.isPending())) {
            s.resvRefresh = scheduler.schedule(jitter(), () -> onResvRefresh(s));
        }
        if (aggregation.active()) {
            aggregation.upstreamComputed(s, next);
        }
    }

    private void tearRemovedFilters(SessionState s, UpstreamResv before, UpstreamResv now) {
        if (before.style() != ReservationStyle.FF) {
            return;
        }
        List<UpstreamResv.Descriptor> gone = new ArrayList<>();
        for (UpstreamResv.Descriptor d : before.descriptors()) {
            boolean kept = false;
            for (UpstreamResv.Descriptor n : now.descriptors()) {
                kept |= n.filters().equals(d.filters());
            }
            if (!kept) {
                gone.add(d);
            }
        }
        if (!gone.isEmpty()) {
            sendResvTear(s, before, gone);
        }
    }

    private static UpstreamResv find(List<UpstreamResv> list, UpstreamResv like) {
        for (UpstreamResv u : list) {
            if (u.samePreviousHop(like)) {
                return u;
            }
        }
        return null;
    }

    private List<UpstreamResv> computeUpstream(SessionState s) {
        if (s.reservations.isEmpty()) {
            return List.of();
        }
        ReservationStyle style = s.reservations.get(0).style;
        List<UpstreamResv> out = new ArrayList<>();
        List<PathStateBlock> seen = new ArrayList<>();
        for (PathStateBlock first : s.paths) {
            boolean done = false;
            for (PathStateBlock o : seen) {
                done |= o.previousHop.equals(first.previousHop) && o.incoming == first.incoming;
            }
            if (done) {
                continue;
            }
            seen.add(first);
            List<PathStateBlock> fromHop = new ArrayList<>();
            for (PathStateBlock p : s.paths) {
                if (p.previousHop.equals(first.previousHop) && p.incoming == first.incoming) {
                    fromHop.add(p);
                }
            }
            FlowRequest qb = null;
            if (first.incoming != null) {
                for (BlockadeStateBlock b : s.blockades) {
                    if (b.previousHop().equals(first.previousHop)) {
                        qb = b.qb();
                    }
                }
            }
            List<UpstreamResv.Descriptor> descriptors = new ArrayList<>();
            if (style == ReservationStyle.FF) {
                for (PathStateBlock p : fromHop) {
                    List<FlowRequest> flows = new ArrayList<>();
                    for (ReservationStateBlock r : s.reservations) {
                        if (r.selects(p.sender) && p.routesTo(r.outgoing)) {
                            flows.add(r.flowspec);
                        }
                    }
                    FlowRequest merged = mergeUnblockaded(flows, qb);
                    if (merged != null) {
                        descriptors.add(new UpstreamResv.Descriptor(intern(merged), List.of(p.sender)));
                    }
                }
            } else {
                List<FlowRequest> flows = new ArrayList<>();
                List<SenderId> filters = new ArrayList<>();
                for (ReservationStateBlock r : s.reservations) {
                    boolean contributes = false;
                    for (PathStateBlock p : fromHop) {
                        if (r.selects(p.sender) && p.routesTo(r.outgoing)) {
                            contributes = true;
                            if (style == ReservationStyle.SE && !filters.contains(p.sender)) {
                                filters.add(p.sender);
                            }
                        }
                    }
                    if (contributes) {
                        flows.add(r.flowspec);
                    }
                }
                FlowRequest merged = mergeUnblockaded(flows, qb);
                if (merged != null) {
                    descriptors.add(new UpstreamResv.Descriptor(intern(merged), List.copyOf(filters)));
                }
            }
            if (!descriptors.isEmpty()) {
                out.add(new UpstreamResv(first.previousHop, first.previousHopLih, first.incoming, style,
                    List.copyOf(descriptors), style == ReservationStyle.WF ? scopeFor(s, fromHop) : null));
            }
        }
        return out;
    }

    /**
     * The SCOPE for a WF Resv to one previous hop (RFC 2205 §3.4): the senders behind that hop that the requests
     * select, needed when the session has several previous hops (or the requests came with a scope) so that a
     * wildcard request is not looped back toward senders it did not come for; null when not needed.
     */
    private static List<IpAddress> scopeFor(SessionState s, List<PathStateBlock> fromHop) {
        boolean scoped = false;
        for (ReservationStateBlock r : s.reservations) {
            scoped |= r.scope != null;
        }
        boolean severalHops = false;
        for (PathStateBlock p : s.paths) {
            severalHops |= !p.previousHop.equals(fromHop.get(0).previousHop);
        }
        if (!scoped && !severalHops) {
            return null;
        }
        List<IpAddress> out = new ArrayList<>();
        for (PathStateBlock p : fromHop) {
            for (ReservationStateBlock r : s.reservations) {
                if (r.selects(p.sender) && p.routesTo(r.outgoing) && !out.contains(p.sender.source())) {
                    out.add(p.sender.source());
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /**
     * The merge of {@code flows} leaving out those at least as large as the blockade flowspec (RFC 2205 §3.5);
     * when every one is blockaded they merge as usual, so a lone request keeps being tried at each refresh.
     */
    private static FlowRequest mergeUnblockaded(List<FlowRequest> flows, FlowRequest qb) {
        if (flows.isEmpty()) {
            return null;
        }
        if (qb != null) {
            List<FlowRequest> small = new ArrayList<>();
            for (FlowRequest f : flows) {
                if (!IntServMath.covers(f, qb)) {
                    small.add(f);
                }
            }
            if (!small.isEmpty()) {
                return IntServMath.mergeAll(small);
            }
        }
        return IntServMath.mergeAll(flows);
    }

    private void onResvRefresh(SessionState s) {
        boolean any = false;
        for (UpstreamResv u : s.upstream) {
            if (u.incoming() != null) {
                if (s.sentResv != null && (u == s.sentResvFor || u.equals(s.sentResvFor))) {
                    // The same Resv as last sent to this previous hop: its bytes again (decision 0014).
                    s.sentResvFor = u;
                    resend(u.incoming(), s.sentResv, MessageType.RESV, s, u.previousHop());
                } else {
                    sendResv(s, u, null);
                }
                any = true;
            }
        }
        if (any) {
            s.resvRefresh = scheduler.schedule(jitter(), () -> onResvRefresh(s));
        }
    }

    private void sendResv(SessionState s, UpstreamResv u, IpAddress confirm) {
        List<RsvpObject> objects = new ArrayList<>();
        objects.add(s.session);
        objects.add(new RsvpHop(u.incoming().address(), u.lih()));
        objects.add(timeValues());
        if (confirm != null) {
            objects.add(new ResvConfirm(confirm));
        }
        if (u.scope() != null) {
            objects.add(new Scope(u.scope()));
        }
        PolicyData priority = s.session instanceof LspTunnelSession ? null : preemption.upstream(s, u);
        if (priority != null) {
            objects.add(priority);
        }
        Dclass dclass = aggregation.active() ? aggregation.dclass(u, s) : null;
        if (dclass != null) {
            objects.add(dclass);
        }
        objects.add(Style.of(u.style()));
        if (s.session instanceof LspTunnelSession) {
            addLspDescriptors(s, u, objects);
        } else {
            addDescriptors(objects, u.style(), u.descriptors(), true);
        }
        byte[] sent = send(u.incoming(), u.incoming().address(), u.previousHop(), IP_TTL_UNICAST, false,
            new ObjectMessage(MessageType.RESV, 0, IP_TTL_UNICAST, objects), s.session);
        s.sentResv = confirm == null ? sent : null;
        s.sentResvFor = confirm == null ? u : null;
    }

    private void sendResvTear(SessionState s, UpstreamResv u, List<UpstreamResv.Descriptor> descriptors) {
        List<RsvpObject> objects = new ArrayList<>();
        objects.add(s.session);
        objects.add(new RsvpHop(u.incoming().address(), u.lih()));
        if (u.scope() != null) {
            objects.add(new Scope(u.scope()));
        }
        objects.add(Style.of(u.style()));
        addDescriptors(objects, u.style(), descriptors, false);
        sendTear(u.incoming(), u.incoming().address(), u.previousHop(), IP_TTL_UNICAST, false,
            new ObjectMessage(MessageType.RESV_TEAR, 0, IP_TTL_UNICAST, objects), s);
    }

    private static void addDescriptors(List<RsvpObject> objects, ReservationStyle style,
                                       List<UpstreamResv.Descriptor> descriptors, boolean flowspecs) {
        for (UpstreamResv.Descriptor d : descriptors) {
            if (flowspecs || style == ReservationStyle.WF) {
                objects.add(IntServMath.flowspec(d.flowspec()));
            }
            for (SenderId f : d.filters()) {
                objects.add(new FilterSpec(f));
            }
        }
    }

    /**
     * ResvConf to the receiver that asked (RFC 2205 §3.1.9): addressed to it and routed, with Router Alert like Path
     * and PathTear (RFC 2205 §3.11.5), so every RSVP router on the way sees it and sends it on.
     */
    private void sendResvConf(SessionState s, UpstreamResv u, IpAddress receiver) {
        IpAddress self = u.incoming() == null ? primaryAddress : u.incoming().address();
        List<RsvpObject> objects = new ArrayList<>();
        objects.add(s.session);
        objects.add(new ErrorSpec(self, 0, ErrorCodes.CONFIRMATION, 0));
        objects.add(new ResvConfirm(receiver));
        objects.add(Style.of(u.style()));
        addDescriptors(objects, u.style(), u.descriptors(), true);
        ObjectMessage m = new ObjectMessage(MessageType.RESV_CONF, 0, IP_TTL_UNICAST, objects);
        if (addresses.contains(receiver)) {
            onResvConf(m, s.session);
            return;
        }
        Optional<Route> r = network.routing().route(node, receiver);
        if (r.isPresent()) {
            send(r.get().outgoing(), r.get().outgoing().address(), receiver, IP_TTL_UNICAST, true, m, s.session);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // For Preemption (same thread, same state).

    Collection<SessionState> sessionStates() {
        return sessions.values();
    }

    boolean contributes(SessionState s, ReservationStateBlock r, IpAddress phop) {
        return contributesTo(s, r, phop);
    }

    boolean emitting() {
        return emitting;
    }

    void emitEvent(LongFunction<RsvpEvent> event) {
        emit(event.apply(++sequence));
    }

    long nowNanos() {
        return scheduler.nowNanos();
    }

    FlowRequest normalizeRequest(FlowRequest f) {
        return normalize(f);
    }

    void trafficControl(SessionState s) {
        updateTrafficControl(s, null);
    }

    void upstream(SessionState s) {
        updateUpstream(s);
        forgetIfEmpty(s);
    }

    /** Removes a received request (preempted). */
    void dropRequest(SessionState s, ReservationStateBlock r) {
        s.reservations.remove(r);
        if (r.timer != null) {
            r.timer.cancel();
        }
        resvEvent(StateChange.TORN_DOWN, s, r);
    }

    PreemptionPriority preemptionOf(List<ReservationStateBlock> requests) {
        return preemption.merge(requests);
    }

    /** This host's own FF request for {@code id} from {@code sender} becomes {@code f} (changed in place). */
    void setLocalRequest(SessionId id, FlowRequest f, SenderAddress sender) {
        SessionState s = session(id);
        FlowRequest n = normalize(f);
        for (ReservationStateBlock r : s.reservations) {
            if (r.local()) {
                if (!r.flowspec.equals(n)) {
                    r.flowspec = n;
                    r.priority = preemption.element(s.localPriority);
                    resvEvent(StateChange.CHANGED, s, r);
                }
                updateUpstream(s);
                return;
            }
        }
        reserve(id, ReservationStyle.FF, f, List.of(sender), false);
    }

    /** This receiver asks for at most {@code bytesPerSecond} (its answer to a reduction, RFC 4495 §5). */
    void reduceLocalRequests(SessionState s, double bytesPerSecond) {
        for (ReservationStateBlock r : s.reservations) {
            if (r.local() && r.flowspec.bandwidth() > bytesPerSecond) {
                r.flowspec = normalize(Preemption.capTo(r.flowspec, bytesPerSecond));
                resvEvent(StateChange.CHANGED, s, r);
            }
        }
        updateUpstream(s);
    }

    // ---------------------------------------------------------------------------------------------------------
    // RSVP-TE LSP tunnels (RFC 3209): head end API, label binding, explicit and recorded routes.

    /**
     * Opens an LSP from this head end (RFC 3209 §4.6): a Path for SESSION LSP_TUNNEL (tail end, tunnel ID, this
     * node's address as extended tunnel ID) from SENDER_TEMPLATE LSP_TUNNEL (this node, LSP ID) with a
     * LABEL_REQUEST, the explicit route, a SESSION_ATTRIBUTE and, when asked, a RECORD_ROUTE. The tail end answers
     * with a Resv carrying labels hop by hop. An explicit route this node cannot follow, or no route to the tail
     * end, installs nothing and is reported as an {@code ErrorReceived} "PathErr" from this node (code 24).
     */
    public LspId openLsp(LspRequest r) {
        IpAddress head = headEndAddress(r.tailEnd());
        LspTunnelSession session = new LspTunnelSession(r.tailEnd(), r.tunnelId(), head);
        LspTunnelSender sender = new LspTunnelSender(head, r.lspId());
        LspId id = TrafficEngineering.id(session, sender);
        SessionState s = sessions.get(session);
        if (s != null && findPath(s, sender) != null) {
            throw new IllegalArgumentException(name() + " already signals " + id);
        }
        PathStateBlock p = new PathStateBlock(sender, apiSender(sender));
        p.previousHop = head;
        p.adspec = PathCharacterization.INITIAL;
        p.ttl = config.initialTtl();
        p.lifetimeNanos = Long.MAX_VALUE;
        double bw = r.bandwidthBytesPerSecond();
        p.tspec = intern(IntServMath.senderTspec(new TrafficSpec(bw, 1500, bw, 64, 1500)));
        p.apiTspec = IntServMath.tspec(p.tspec);
        p.labelRequest = new LabelRequest.NoRange(r.tailEnd() instanceof Ipv4Address ? LabelRequest.L3PID_IPV4
            : LabelRequest.L3PID_IPV6);
        p.explicitRoute = r.explicitRoute().isEmpty() ? null : TrafficEngineering.subobjects(r.explicitRoute());
        p.pathRecord = r.recordRoute() ? List.of() : null;
        p.attribute = new SessionAttribute.LspTunnel(r.setupPriority(), r.holdingPriority(), r.flags(), r.name());
        long now = scheduler.nowNanos();
        p.lastRefreshNanos = now;
        p.localDelivery = addresses.contains(r.tailEnd());
        if (p.explicitRoute != null
            && te.next(p.explicitRoute, true, network.routing(), null) instanceof TrafficEngineering.Refusal no) {
            errorEvent("PathErr", session, ErrorSpec.of(head, no.error()));
            return id;
        }
        if (s == null) {
            s = new SessionState(session, sessionId(session));
            sessions.put(session, s);
        }
        p.outgoing = routeOutgoing(s, p);
        if (p.outgoing.isEmpty()) {
            forgetIfEmpty(s);
            TrafficEngineering.Refusal no = new TrafficEngineering.Refusal(TrafficEngineering.NO_ROUTE,
                "no route from " + name() + " toward " + r.tailEnd());
            errorEvent("PathErr", session, ErrorSpec.of(head, no.error()));
            return id;
        }
        s.paths.add(p);
        pathEvent(StateChange.INSTALLED, s, p);
        for (Interface oi : p.outgoing) {
            sendPath(s, p, oi);
        }
        armPathTimer(s, p, now);
        return id;
    }

    /**
     * The head end's address for an LSP to {@code tailEnd} (RFC 3209 §4.6.1, §4.6.2: LSP_TUNNEL_IPv4 or _IPv6, the
     * sender address and extended tunnel ID of the tail end's family): the first interface address of that family,
     * else one of the node's own addresses.
     */
    private IpAddress headEndAddress(IpAddress tailEnd) {
        if (primaryAddress.length() == tailEnd.length()) {
            return primaryAddress;
        }
        for (Interface i : topology.interfacesOf(node)) {
            if (i.address().length() == tailEnd.length()) {
                return i.address();
            }
        }
        for (IpAddress a : topology.addressesOf(node)) {
            if (a.length() == tailEnd.length()) {
                return a;
            }
        }
        throw new IllegalArgumentException(name() + " has no " + (tailEnd instanceof Ipv4Address ? "IPv4" : "IPv6")
            + " address to signal an LSP to " + tailEnd + " from; give it one (an interface or own address)");
    }

    /**
     * Make-before-break (RFC 3209 §2.5, §4.6.4): signals a new LSP of the same tunnel with LSP ID {@code newLspId}
     * on {@code route} (same bandwidth, priorities and flags), and tears the old LSP down once the new one's Resv
     * has arrived. With SE style (SESSION_ATTRIBUTE flag 0x04) links both routes share hold one reservation.
     */
    public LspId rerouteLsp(LspId current, int newLspId, List<org.rsvpconsole.engine.api.ExplicitHop> route) {
        SessionState s = sessions.get(new LspTunnelSession(current.tailEnd(), current.tunnelId(),
            current.extendedTunnelId()));
        LspTunnelSender old = new LspTunnelSender(current.headEnd(), current.lspId());
        PathStateBlock p = s == null ? null : findPath(s, old);
        if (p == null || !p.local()) {
            throw new IllegalArgumentException(name() + " is not the head end of " + current);
        }
        if (newLspId == current.lspId()) {
            throw new IllegalArgumentException("the new LSP needs another LSP ID than " + newLspId
                + " (RFC 3209 §4.6.4)");
        }
        SessionAttribute a = p.attribute;
        LspRequest next = new LspRequest(a.name(), current.tailEnd(), current.tunnelId(), newLspId,
            p.apiTspec.rate(), route, a.setupPriority(), a.holdingPriority(), p.pathRecord != null,
            TrafficEngineering.labelRecording(p), TrafficEngineering.seStyle(p),
            (a.flags() & SessionAttribute.FLAG_LOCAL_PROTECTION_DESIRED) != 0);
        LspId id = openLsp(next);
        if (findPath(s, new LspTunnelSender(current.headEnd(), newLspId)) != null) {
            Map<SenderId, SenderId> m = new HashMap<>(s.replaces);
            m.put(new LspTunnelSender(current.headEnd(), newLspId), old);
            s.replaces = Map.copyOf(m);
        }
        return id;
    }

    /** Tears an LSP down from its head end: PathTear along its route (RFC 3209 §4.6, RFC 2205 §3.1.7). */
    public void closeLsp(LspId id) {
        SessionState s = sessions.get(new LspTunnelSession(id.tailEnd(), id.tunnelId(), id.extendedTunnelId()));
        PathStateBlock p = s == null ? null : findPath(s, new LspTunnelSender(id.headEnd(), id.lspId()));
        if (p != null && p.local()) {
            removePath(s, p, StateChange.TORN_DOWN, true);
        }
    }

    /** The labels this node allocates (its per-platform label space, RFC 3209 §4.1); default 16..1048575. */
    public void labelRange(long first, long last) {
        te.labelRange(first, last);
    }

    /** The LSPs with path state here, in session order. */
    public List<LspView> lsps() {
        List<LspView> out = new ArrayList<>();
        for (SessionState s : sessions.values()) {
            if (s.session instanceof LspTunnelSession t) {
                for (PathStateBlock p : s.paths) {
                    if (p.lsp() && p.sender instanceof LspTunnelSender ls) {
                        boolean down = reservedDownstream(s, p);
                        ReservationStyle style = s.reservations.isEmpty() ? null : s.reservations.get(0).style;
                        boolean up = p.local() ? down && p.outLabel != LabelEntry.NONE : p.inLabel != LabelEntry.NONE;
                        out.add(te.view(TrafficEngineering.id(t, ls), p, down, style, up));
                    }
                }
            }
        }
        return out;
    }

    /** This node's label table: one row per LSP with a label bound here (RFC 3209 §4.1). */
    public List<LabelEntry> labelTable() {
        List<LabelEntry> out = new ArrayList<>();
        for (LspView v : lsps()) {
            if (v.labels().inLabel() != LabelEntry.NONE || v.labels().outLabel() != LabelEntry.NONE) {
                out.add(v.labels());
            }
        }
        return out;
    }

    /**
     * The checks of a Path with a LABEL_REQUEST before it installs state: the L3PID (RFC 3209 §4.2.4, 24/10), a
     * non-RSVP router upstream (§4.2.4, 24/8), a loop in the RECORD_ROUTE (§4.4.3, 24/7) and the explicit route
     * (§4.3.4, 24/1..4); null when it may go ahead.
     */
    private TrafficEngineering.Refusal checkLsp(LabelRequest r, List<EroSubobject> explicitRoute,
                                                List<RroSubobject> pathRecord, Interface in, boolean nonRsvp) {
        if (!TrafficEngineering.supported(r)) {
            return new TrafficEngineering.Refusal(TrafficEngineering.UNSUPPORTED_L3PID, String.format(
                "L3PID 0x%04x is not carried here", r.l3pid()));
        }
        if (nonRsvp) {
            return new TrafficEngineering.Refusal(TrafficEngineering.NON_RSVP_ROUTER,
                "a router that does not run RSVP stands between the previous hop and " + name());
        }
        if (te.loops(pathRecord)) {
            return new TrafficEngineering.Refusal(TrafficEngineering.RRO_LOOP, "the RECORD_ROUTE already names "
                + name());
        }
        if (explicitRoute != null && te.next(explicitRoute, false, network.routing(), in)
            instanceof TrafficEngineering.Refusal no) {
            return no;
        }
        return null;
    }

    /** An LSP's Path (RFC 3209 §4.3.x message format): ERO, LABEL_REQUEST, SESSION_ATTRIBUTE, RRO added. */
    private ObjectMessage lspPath(SessionState s, PathStateBlock p, Interface oi, int ttl, PathCharacterization out) {
        List<RsvpObject> objects = new ArrayList<>(11);
        objects.add(s.session);
        objects.add(new RsvpHop(oi.address(), oi.index()));
        objects.add(timeValues());
        if (!p.onwardRoute.isEmpty()) {
            objects.add(new ExplicitRoute(p.onwardRoute));
        }
        objects.add(p.labelRequest);
        if (p.attribute != null) {
            objects.add(p.attribute);
        }
        objects.add(new SenderTemplate(p.sender));
        objects.add(p.tspec);
        objects.add(adspecOf(out));
        if (p.pathRecord != null) {
            // §4.4.3: each node pushes the address of the interface the Path leaves by.
            objects.add(new RecordRoute(TrafficEngineering.push(p.pathRecord, oi.address(), LabelEntry.NONE)));
        }
        return new ObjectMessage(MessageType.PATH, 0, ttl, objects);
    }

    /**
     * The tail end answers every LSP's Path with a reservation (RFC 3209 §4.1.1.2): Shared Explicit for all the
     * tunnel's LSPs when their SESSION_ATTRIBUTE asks for it (§4.7.1 flag 0x04, so make-before-break shares the
     * links of both routes), else Fixed Filter per LSP, each for the bandwidth of its SENDER_TSPEC.
     */
    private void egressReserve(SessionState s) {
        List<PathStateBlock> lsps = new ArrayList<>();
        boolean shared = false;
        for (PathStateBlock p : s.paths) {
            if (p.lsp() && p.localDelivery) {
                lsps.add(p);
                shared |= TrafficEngineering.seStyle(p);
            }
        }
        List<ReservationStateBlock> wanted = new ArrayList<>();
        if (shared && !lsps.isEmpty()) {
            TrafficSpec most = null;
            List<SenderId> filters = new ArrayList<>();
            for (PathStateBlock p : lsps) {
                filters.add(p.sender);
                most = most == null || p.apiTspec.rate() > most.rate() ? p.apiTspec : most;
            }
            wanted.add(new ReservationStateBlock(primaryAddress, null, ReservationStyle.SE, List.copyOf(filters),
                normalize(FlowRequest.controlledLoad(most))));
        } else {
            for (PathStateBlock p : lsps) {
                wanted.add(new ReservationStateBlock(primaryAddress, null, ReservationStyle.FF, List.of(p.sender),
                    normalize(FlowRequest.controlledLoad(p.apiTspec))));
            }
        }
        List<ReservationStateBlock> have = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (r.local()) {
                have.add(r);
            }
        }
        boolean same = have.size() == wanted.size();
        for (int i = 0; same && i < have.size(); i++) {
            same = have.get(i).style == wanted.get(i).style && have.get(i).filters.equals(wanted.get(i).filters)
                && have.get(i).flowspec.equals(wanted.get(i).flowspec);
        }
        if (same) {
            return;
        }
        dropLocalRequests(s);
        for (ReservationStateBlock r : wanted) {
            addLocalRsb(s, r.style, r.filters, r.flowspec, false);
        }
    }

    /** A reservation from downstream selects this LSP on its outgoing interface. */
    private static boolean reservedDownstream(SessionState s, PathStateBlock p) {
        for (ReservationStateBlock r : s.reservations) {
            if (!r.local() && r.selects(p.sender) && p.routesTo(r.outgoing)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reservedLocally(SessionState s, PathStateBlock p) {
        for (ReservationStateBlock r : s.reservations) {
            if (r.local() && r.selects(p.sender)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Labels follow reservations (RFC 3209 §4.1.1.1): an LSP reserved downstream with the next hop's label (or at
     * the tail end by this node) gets an in-label for the Resv upstream; one no longer reserved releases it. The
     * tail end advertises Implicit NULL (RFC 3032 §2.1, penultimate hop popping). When the label space is used up,
     * the LSP is refused with PathErr "MPLS label allocation failure" (24/9) toward the head end and its
     * reservation here is dropped (ResvErr with the same code downstream).
     */
    private void bindLabels(SessionState s) {
        for (PathStateBlock p : List.copyOf(s.paths)) {
            if (!p.lsp()) {
                continue;
            }
            boolean down = reservedDownstream(s, p) && p.outLabel != LabelEntry.NONE;
            if (p.local()) {
                if (down && !p.reserved) {
                    p.reserved = true;
                    labelEvent(StateChange.INSTALLED, s, p);
                    SenderId old = s.replaces.get(p.sender);
                    if (old != null) {
                        // §4.6.4: the new LSP is up; the old one goes (after this processing step).
                        scheduler.execute(() -> finishReroute(s, p.sender, old));
                    }
                } else if (!down && p.reserved) {
                    p.reserved = false;
                    labelEvent(StateChange.TORN_DOWN, s, p);
                    p.outLabel = LabelEntry.NONE;
                }
                continue;
            }
            boolean here = p.localDelivery ? reservedLocally(s, p) : down;
            if (here && p.inLabel == LabelEntry.NONE) {
                long label = p.localDelivery ? LabelEntry.IMPLICIT_NULL : te.allocate();
                if (label == LabelEntry.NONE) {
                    labelAllocationFailed(s, p);
                    continue;
                }
                p.inLabel = label;
                labelEvent(StateChange.INSTALLED, s, p);
            } else if (!here && p.inLabel != LabelEntry.NONE) {
                unbind(s, p);
            }
        }
    }

    private void labelAllocationFailed(SessionState s, PathStateBlock p) {
        RsvpError error = new RsvpError(ErrorCodes.ROUTING_PROBLEM, TrafficEngineering.LABEL_ALLOCATION_FAILURE);
        sendPathErr(s.session, p.previousHop, p.incoming, p.sender, p.tspec, error);
        for (ReservationStateBlock r : List.copyOf(s.reservations)) {
            if (!r.local() && r.selects(p.sender) && p.routesTo(r.outgoing)) {
                dropRequest(s, r);
                sendResvErr(s.session, r.outgoing, r.nextHop, Style.of(r.style), IntServMath.flowspec(r.flowspec),
                    r.filters, error);
            }
        }
        updateTrafficControl(s, null);
    }

    private void unbind(SessionState s, PathStateBlock p) {
        if (p.inLabel != LabelEntry.NONE) {
            labelEvent(StateChange.TORN_DOWN, s, p);
            te.release(p.inLabel);
            p.inLabel = LabelEntry.NONE;
        } else if (p.local() && p.reserved) {
            p.reserved = false;
            labelEvent(StateChange.TORN_DOWN, s, p);
        }
    }

    private void finishReroute(SessionState s, SenderId fresh, SenderId old) {
        Map<SenderId, SenderId> m = new HashMap<>(s.replaces);
        m.remove(fresh);
        s.replaces = Map.copyOf(m);
        PathStateBlock p = findPath(s, old);
        if (p != null && p.local() && sessions.get(s.session) == s) {
            removePath(s, p, StateChange.TORN_DOWN, true);
        }
    }

    /** The labels and recorded routes a Resv brought for its LSPs (RFC 3209 §4.1.1.1, §4.4.3). */
    private boolean resvLabels(SessionState s, Interface oi, IpAddress nhop, Map<SenderId, Long> labels,
                               Map<SenderId, List<RroSubobject>> records) {
        boolean changed = false;
        for (Map.Entry<SenderId, Long> e : labels.entrySet()) {
            PathStateBlock p = findPath(s, e.getKey());
            if (p == null || !p.lsp() || !p.routesTo(oi)) {
                continue;
            }
            boolean fromHere = false;
            for (ReservationStateBlock r : s.reservations) {
                fromHere |= !r.local() && r.outgoing == oi && r.nextHop.equals(nhop) && r.selects(p.sender);
            }
            if (!fromHere) {
                continue;
            }
            long old = p.outLabel;
            p.outLabel = e.getValue();
            p.outLabelHop = nhop;
            List<RroSubobject> rr = records.get(e.getKey());
            changed |= !Objects.equals(rr, p.resvRecord) || old == LabelEntry.NONE;
            p.resvRecord = rr;
            if (old != LabelEntry.NONE && old != p.outLabel && (p.inLabel != LabelEntry.NONE || p.reserved)) {
                labelEvent(StateChange.CHANGED, s, p);
            }
        }
        return changed;
    }

    /** Resv flow descriptors of an LSP session: LABEL and RECORD_ROUTE after each FILTER_SPEC (§4.1, §4.4.3). */
    private void addLspDescriptors(SessionState s, UpstreamResv u, List<RsvpObject> objects) {
        for (UpstreamResv.Descriptor d : u.descriptors()) {
            if (u.style() == ReservationStyle.SE) {
                objects.add(IntServMath.flowspec(d.flowspec()));
            }
            for (SenderId f : d.filters()) {
                if (u.style() == ReservationStyle.FF) {
                    objects.add(IntServMath.flowspec(d.flowspec()));
                }
                objects.add(new FilterSpec(f));
                PathStateBlock p = findPath(s, f);
                if (p == null || !p.lsp() || p.inLabel == LabelEntry.NONE) {
                    continue;
                }
                objects.add(TrafficEngineering.label(p.inLabel));
                if (p.pathRecord != null) {
                    objects.add(new RecordRoute(TrafficEngineering.push(p.resvRecord, u.incoming().address(),
                        TrafficEngineering.labelRecording(p) ? p.inLabel : LabelEntry.NONE)));
                }
            }
        }
    }

    private void labelEvent(StateChange change, SessionState s, PathStateBlock p) {
        if (emitting && s.session instanceof LspTunnelSession t && p.sender instanceof LspTunnelSender ls) {
            Interface out = p.outgoing.isEmpty() ? null : p.outgoing.get(0);
            emit(new RsvpEvent.LabelBound(now(), name(), ++sequence, change, s.id, TrafficEngineering.id(t, ls),
                p.local() ? LabelEntry.NONE : p.inLabel, p.incoming == null ? "" : p.incoming.name(),
                p.localDelivery ? LabelEntry.NONE : p.outLabel, out == null ? "" : out.name()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers.

    /** Encodes and sends {@code m}; returns the datagram (never changed afterwards: the link sends a copy). */
    private byte[] send(Interface out, IpAddress src, IpAddress dst, int ttl, boolean routerAlert, ObjectMessage m,
                        Session key) {
        if (neighbours != null) {
            // The neighbour layer sends (MESSAGE_ID, Bundle, Srefresh, INTEGRITY): no cached datagram to resend.
            neighbours.send(out, src, dst, ttl, routerAlert, m, key);
            return null;
        }
        writer.reset();
        RsvpCodec.encode(m, writer);
        byte[] datagram = new IpEncapsulation(src, dst, ttl, routerAlert, false).wrap(writer.array(), 0,
            writer.position());
        if ((m.type() == MessageType.PATH || m.type() == MessageType.PATH_TEAR) && aggregation.active()
            && aggregation.entersRegion(out, sessionId(key))) {
            IpHeader.markE2eIgnore(datagram);
        }
        if (emitting) {
            emit(new RsvpEvent.MessageSent(now(), name(), ++sequence, m.type().displayName(), sessionId(key),
                out.name(), dst, datagram.length, datagram));
        }
        network.send(out, datagram);
        return datagram;
    }

    /** Sends a datagram built before (a refresh of unchanged state). */
    private void resend(Interface out, byte[] datagram, MessageType type, SessionState s, IpAddress dst) {
        if (emitting) {
            emit(new RsvpEvent.MessageSent(now(), name(), ++sequence, type.displayName(), s.id, out.name(), dst,
                datagram.length, datagram));
        }
        network.send(out, datagram);
    }

    private TimeValues timeValues() {
        return new TimeValues(config.refreshPeriodNanos() / 1_000_000L);
    }

    /** A refresh interval drawn uniformly from [0.5R, 1.5R] (RFC 2205 §3.7). */
    private long jitter() {
        long r = config.refreshPeriodNanos();
        return r / 2 + (long) (random.nextDouble() * r);
    }

    private SessionState session(SessionId id) {
        if (id.protocol() == 0) {
            SessionState s = lookup(id);
            if (s == null) {
                throw new IllegalArgumentException(id + " names an LSP tunnel (protocol 0), which " + name()
                    + " does not know; open it with openLsp");
            }
            return s;
        }
        return sessions.computeIfAbsent(key(id), k -> new SessionState(k, id));
    }

    /**
     * The session an API identity names: an IP session by its key; an LSP tunnel (protocol 0, RFC 2205 A.1 never
     * gives an IP session protocol 0) by its tail end and tunnel ID.
     */
    private SessionState lookup(SessionId id) {
        if (id.protocol() != 0) {
            return sessions.get(key(id));
        }
        for (SessionState s : sessions.values()) {
            if (s.session instanceof LspTunnelSession t && t.endpoint().equals(id.destination())
                && t.tunnelId() == id.port()) {
                return s;
            }
        }
        return null;
    }

    private void forgetIfEmpty(SessionState s) {
        if (s.isEmpty() && s.blockades.isEmpty() && sessions.get(s.session) == s) {
            sessions.remove(s.session);
        }
    }

    /**
     * The wire session an API identity names: an aggregate this node aggregates or deaggregates is an RFC 3175 §3.1
     * RSVP-AGGREGATE session (deaggregator, DSCP), anything else an IP session.
     */
    private Session key(SessionId id) {
        if (aggregation.active() && aggregation.isAggregate(id)) {
            return new AggregateSession(id.destination(), 0, id.port());
        }
        return new IpSession(id.destination(), id.protocol(), 0, id.port());
    }

    /** A sender of {@code s} in its layout: the aggregator (no port) for an aggregate (RFC 3175 §3.1), else IP. */
    private static SenderId senderId(SessionState s, IpAddress address, int port) {
        return s.session instanceof AggregateSession ? new AggregateSender(address) : new IpSender(address, port);
    }

    private static Session normalize(Session s) {
        return s instanceof IpSession ip && ip.flags() != 0
            ? new IpSession(ip.destination(), ip.protocolId(), 0, ip.destinationPort()) : s;
    }

    private static SessionId sessionId(Session session) {
        if (session instanceof LspTunnelSession t) {
            return LspId.tunnelSession(t.endpoint(), t.tunnelId());
        }
        if (session instanceof AggregateSession a) {
            // The API names an aggregate by its deaggregator and DSCP (AggregateConfig.session()).
            return new SessionId(a.destination(), AggregateConfig.PROTOCOL, a.dscp());
        }
        IpSession s = (IpSession) session;
        return new SessionId(s.destination(), s.protocolId(), s.destinationPort());
    }

    private static PathStateBlock findPath(SessionState s, SenderId sender) {
        for (PathStateBlock p : s.paths) {
            if (p.sender.equals(sender)) {
                return p;
            }
        }
        return null;
    }

    private boolean isLocalDestination(IpAddress dest) {
        if (addresses.contains(dest)) {
            return true;
        }
        return isMulticast(dest) && node.isHost() && network.members(dest).contains(node);
    }

    private static boolean isMulticast(IpAddress a) {
        return a instanceof Ipv4Address v4 ? v4.isMulticast() : ((Ipv6Address) a).isMulticast();
    }

    private FlowRequest request(Flowspec f) {
        if (f == lastFlowspec || f.equals(lastFlowspec)) {
            return lastRequest;
        }
        FlowRequest r = intern(IntServMath.request(f));
        lastFlowspec = f;
        lastRequest = r;
        return r;
    }

    /** A request as it will look after crossing the wire (floats), so local and received requests compare. */
    private FlowRequest normalize(FlowRequest f) {
        return request(IntServMath.flowspec(f));
    }

    @SuppressWarnings("unchecked")
    private <T> T intern(T value) {
        // Most values handed in are already the shared instance (a PSB's TSpec, an RSB's flowspec): an identity
        // look-up spares hashing records of doubles on every message.
        if (internedIdentity.containsKey(value)) {
            return value;
        }
        if (interned.size() > INTERN_LIMIT) {
            interned.clear();
            internedIdentity.clear();
        }
        Object known = interned.putIfAbsent(value, value);
        T shared = known == null ? value : (T) known;
        internedIdentity.put(shared, Boolean.TRUE);
        return shared;
    }

    static List<SenderAddress> apiSenders(List<SenderId> senders) {
        List<SenderAddress> out = new ArrayList<>(senders.size());
        for (SenderId s : senders) {
            out.add(apiSender(s));
        }
        return out;
    }

    /** A sender as the API names it: address and port, or an LSP's head end and LSP ID (RFC 3209 §4.6.2). */
    static SenderAddress apiSender(SenderId s) {
        return new SenderAddress(s.source(), s instanceof LspTunnelSender l ? l.lspId() : s instanceof IpSender ip
            ? ip.port() : 0);
    }

    /**
     * The sender layouts this node processes: IPv4/IPv6 address and port, RSVP-TE LSPs and RFC 3175 aggregators;
     * null for others.
     */
    private static SenderId usable(SenderId s) {
        return s instanceof IpSender || s instanceof LspTunnelSender || s instanceof AggregateSender ? s : null;
    }

    private static List<String> names(List<Interface> ifs) {
        List<String> out = new ArrayList<>(ifs.size());
        for (Interface i : ifs) {
            out.add(i.name());
        }
        return out;
    }

    private long now() {
        return scheduler.nowNanos();
    }

    private void emit(RsvpEvent e) {
        sink.accept(e);
    }

    private void pathEvent(StateChange change, SessionState s, PathStateBlock p) {
        if (emitting) {
            emit(new RsvpEvent.PathState(now(), name(), ++sequence, change, s.id, p.apiSender,
                p.incoming == null ? "" : p.incoming.name(), p.previousHop, p.apiTspec, names(p.outgoing)));
        }
    }

    private void resvEvent(StateChange change, SessionState s, ReservationStateBlock r) {
        if (emitting) {
            emit(new RsvpEvent.ResvState(now(), name(), ++sequence, change, s.id, r.style,
                r.outgoing == null ? "" : r.outgoing.name(), r.nextHop, apiSenders(r.filters), r.flowspec));
        }
    }

    private void errorEvent(String type, Session key, ErrorSpec e) {
        if (emitting) {
            emit(new RsvpEvent.ErrorReceived(now(), name(), ++sequence, type, sessionId(key), e.errorNode(),
                e.errorCode(), e.errorValue(), e.errorCodeName(), e.errorValueName()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Neighbours (refresh reduction, integrity, Hello: NeighbourLayer).

    /** Each neighbour's refresh-reduction, integrity and Hello state and counters; empty for plain RFC 2205. */
    public List<NeighbourView> neighbourViews() {
        return neighbours == null ? List.of() : neighbours.views();
    }

    /** Messages per interface name and type, sent ({@code true}) or received; empty for plain RFC 2205. */
    public Map<String, Map<String, Long>> interfaceCounters(boolean sent) {
        return neighbours == null ? Map.of() : neighbours.interfaceCounters(sent);
    }

    /**
     * A neighbour is dead (Hello, RFC 3209 §5.3): path state from it and reservations from it go as if they had
     * timed out, with the tears and upstream updates that brings.
     */
    private void neighbourDown(IpAddress neighbour) {
        for (SessionState s : List.copyOf(sessions.values())) {
            boolean any = false;
            for (ReservationStateBlock r : List.copyOf(s.reservations)) {
                if (!r.local() && r.nextHop.equals(neighbour)) {
                    s.reservations.remove(r);
                    if (r.timer != null) {
                        r.timer.cancel();
                    }
                    resvEvent(StateChange.TIMED_OUT, s, r);
                    any = true;
                }
            }
            for (PathStateBlock p : List.copyOf(s.paths)) {
                if (!p.local() && p.previousHop.equals(neighbour) && s.paths.contains(p)) {
                    removePath(s, p, StateChange.TIMED_OUT, true);
                }
            }
            if (any && sessions.get(s.session) == s) {
                updateTrafficControl(s, null);
                updateUpstream(s);
                forgetIfEmpty(s);
            }
        }
    }

    /** What the neighbour layer calls back: the wire, RFC 2205 processing and events. */
    private final class LayerHost implements NeighbourLayer.Host {
        @Override
        public void transmit(Interface out, IpAddress dst, String type, org.rsvpconsole.engine.codec.Session session,
                             byte[] datagram, boolean quiet) {
            if (emitting && !quiet) {
                emit(new RsvpEvent.MessageSent(now(), name(), ++sequence, type,
                    session instanceof IpSession || session instanceof LspTunnelSession
                        || session instanceof AggregateSession ? sessionId(session) : null,
                    out.name(), dst, datagram.length,
                    datagram));
            }
            network.send(out, datagram);
        }

        @Override
        public void deliver(Interface in, IpHeader ip, ObjectMessage m, byte[] datagram, boolean refresh) {
            dispatch(in, ip, m, datagram, refresh, RefreshFingerprint.NONE);
        }

        @Override
        public void decodeFailed(Interface in, String reason, byte[] datagram) {
            if (emitting) {
                emit(new RsvpEvent.DecodeFailed(now(), name(), ++sequence, in.name(), reason, datagram));
            }
        }

        @Override
        public void malformed(Interface in, DecodeResult.Malformed bad, byte[] datagram) {
            RsvpNode.this.malformed(in, bad, datagram);
        }

        @Override
        public void received(Interface in, IpAddress source, String type, byte[] datagram) {
            if (emitting) {
                emit(new RsvpEvent.MessageReceived(now(), name(), ++sequence, type, null, in.name(), source,
                    datagram.length, datagram));
            }
        }

        @Override
        public void event(IpAddress neighbour, Interface itf, String kind, String detail) {
            if (emitting) {
                emit(new RsvpEvent.NeighbourEvent(now(), name(), ++sequence, neighbour, itf == null ? ""
                    : itf.name(), kind, detail));
            }
        }

        @Override
        public void neighbourDown(IpAddress neighbour) {
            RsvpNode.this.neighbourDown(neighbour);
        }
    }
}
