package org.rsvpconsole.engine.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.node.AggregateConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.node.PreemptionSettings;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.scenario.AggregateSpec;
import org.rsvpconsole.engine.scenario.LinkRef;
import org.rsvpconsole.engine.scenario.Preemption;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioOperation;
import org.rsvpconsole.engine.scenario.SenderRef;
import org.rsvpconsole.engine.scenario.SessionRef;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.LinkDirection;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.virtualnet.RsvpNetwork;
import org.rsvpconsole.engine.virtualnet.VirtualNetwork;

/**
 * Runs a scenario (docs/scenario-format.md) on an {@link RsvpNetwork} in virtual time: each operation becomes the
 * node API call it stands for, at its time, on one {@link VirtualTime}; {@link #report()} then collects what the
 * network holds. The same topology, scenario and seed give the same run, event for event.
 *
 * <p>How operations map to the nodes: {@code sender} and {@code change-tspec} declare the sender's TSpec (a Path
 * goes out at once), {@code teardown} withdraws it (PathTear), {@code reserve} makes the receiver's request with a
 * ResvConf asked for, {@code release} withdraws it (ResvTear), {@code link-down}/{@code link-up} fail and restore
 * links. End points may be hosts or routers (aggregators). A flowspec that leaves out its token bucket takes the
 * senders' TSpecs as the receiver learnt them from Path: per sender for FF, their least upper bound (RFC 2215) for
 * SE and WF; if no Path has arrived yet the operation is reported as a {@link RunProblem} and skipped. The
 * receivers of a multicast session join its group at the start. A reservation's {@code priority} becomes the
 * RFC 3181 PREEMPTION_PRI element of its Resv, and its {@code reduce-to} bandwidths the receiver's answer to an
 * RFC 4495 reduction.
 */
public final class ScenarioRun {

    /**
     * How to run.
     *
     * @param seed       seeds link loss and refresh jitter (generators are expanded with the scenario's own seed)
     * @param configs    each node's protocol parameters
     * @param policy     the local policy the nodes consult ({@code PolicyRequest.node()} tells which node asks)
     * @param listener   receives every event as it happens ({@link EventSink#NONE} for none)
     * @param tap        sees every datagram that crossed a link (null for none)
     * @param statistics count events per node and the peak reserved per link; off, the nodes build no events at
     *                   all unless a listener wants them (the scale benchmark)
     */
    public record Options(long seed, Function<Node, NodeConfig> configs, PolicyControl policy, EventSink listener,
                          LinkTap tap, boolean statistics) {

        public Options {
            Objects.requireNonNull(configs, "configs");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(listener, "listener");
        }

        /** Default nodes, no policy, no listener, no tap, statistics on. */
        public static Options defaults(long seed) {
            return new Options(seed, n -> NodeConfig.DEFAULT, PolicyControl.ACCEPT_ALL, EventSink.NONE, null, true);
        }

        public Options withPolicy(PolicyControl p) {
            return new Options(seed, configs, p, listener, tap, statistics);
        }

        public Options withListener(EventSink l) {
            return new Options(seed, configs, policy, l, tap, statistics);
        }

        public Options withTap(LinkTap t) {
            return new Options(seed, configs, policy, listener, t, statistics);
        }

        public Options withConfigs(Function<Node, NodeConfig> c) {
            return new Options(seed, c, policy, listener, tap, statistics);
        }

        public Options withStatistics(boolean on) {
            return new Options(seed, configs, policy, listener, tap, on);
        }
    }

    private final Topology topology;
    private final Scenario scenario;
    private final Options options;
    private final VirtualTime time;
    private final RsvpNetwork network;
    private final List<RunProblem> problems = new ArrayList<>();
    private final Map<SessionId, String> sessionNames = new HashMap<>();
    /** The LSPs the scenario opened, by name: the current LSP of each (make-before-break moves it). */
    private final Map<String, LspId> lsps = new HashMap<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final long[][] activity;
    private final double[] capacity;
    private final double[] peakReserved;
    private int operationsRun;

    private ScenarioRun(Topology topology, Scenario scenario, Options options, List<ScenarioOperation> operations) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.options = Objects.requireNonNull(options, "options");
        this.time = new VirtualTime();
        for (Node n : topology.nodes()) {
            nodeIndex.put(n.name(), n.index());
        }
        this.activity = new long[topology.nodes().size()][9];
        this.capacity = new double[topology.interfaces().size()];
        this.peakReserved = new double[topology.interfaces().size()];
        for (Link l : topology.links()) {
            for (LinkDirection d : List.of(l.forward(), l.reverse())) {
                capacity[d.from().index()] = d.reservableBps() / 8.0;
            }
        }
        EventSink sink = sink(options);
        this.network = new RsvpNetwork(topology, time, options.seed(), options.configs(), options.policy(), sink);
        if (options.tap() != null) {
            VirtualNetwork vn = network.virtualNetwork();
            LinkTap tap = options.tap();
            for (RsvpNode rn : network.nodes()) {
                vn.attach(rn.node(), (in, datagram) -> {
                    tap.datagram(time.nowNanos(), in, datagram);
                    rn.receive(in, datagram);
                });
            }
        }
        joinMulticastReceivers(operations);
        for (String name : scenario.withoutRfc4495()) {
            if (nodeIndex.containsKey(name)) {
                node(name).preemptionSettings(PreemptionSettings.WITHOUT_RFC4495);
            } else {
                problems.add(new RunProblem(0, 0, "without-rfc4495", "node '" + name + "' is not in the topology"));
            }
        }
        for (AggregateSpec a : scenario.aggregates()) {
            time.scheduleAt(0, () -> aggregate(a));
        }
        for (ScenarioOperation op : operations) {
            time.scheduleAt(op.atNanos(), () -> apply(op));
        }
    }

    /**
     * Builds the network at virtual time 0 and schedules every operation of {@code scenario} (generators expanded);
     * nothing runs until {@link #runUntil}. The scenario should have passed
     * {@link org.rsvpconsole.engine.scenario.ScenarioValidator}; a name it does not know fails that operation only.
     */
    public static ScenarioRun start(Topology topology, Scenario scenario, Options options) {
        return new ScenarioRun(topology, scenario, options, scenario.expand());
    }

    /** As {@link #start}, with operations made by a program rather than read from a file (benchmarks, tests). */
    public static ScenarioRun start(Topology topology, Scenario scenario, Options options,
                                    List<ScenarioOperation> operations) {
        return new ScenarioRun(topology, scenario, options, List.copyOf(operations));
    }

    public VirtualTime time() {
        return time;
    }

    public RsvpNetwork network() {
        return network;
    }

    /** Runs everything due up to {@code nanos} of virtual time (operations and the protocol they set off). */
    public void runUntil(long nanos) {
        time.runUntil(nanos);
    }

    /** Operations carried out so far. */
    public int operationsRun() {
        return operationsRun;
    }

    public List<RunProblem> problems() {
        return List.copyOf(problems);
    }

    /** The network now: per link direction its reservations, per node its state and activity. */
    public SimulationReport report() {
        List<LinkReport> links = new ArrayList<>();
        VirtualNetwork vn = network.virtualNetwork();
        List<LinkDirectionView> views = network.linkDirections();
        int k = 0;
        for (Link l : topology.links()) {
            for (LinkDirection d : List.of(l.forward(), l.reverse())) {
                LinkDirectionView v = views.get(k++);
                int i = d.from().index();
                double now = v.capacityBytesPerSecond() - v.freeBytesPerSecond();
                links.add(new LinkReport(v, Math.max(peakReserved[i], now), vn.counters(d.from())));
            }
        }
        List<NodeReport> nodes = new ArrayList<>();
        for (NodeStateView s : network.nodeStates()) {
            long[] a = activity[nodeIndex.get(s.node())];
            NodeActivity act = options.statistics()
                ? new NodeActivity(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]) : NodeActivity.NONE;
            RsvpNode node = network.node(s.node());
            nodes.add(new NodeReport(s, act, node.lsps(), node.neighbourViews()));
        }
        Map<IpAddress, String> owners = new LinkedHashMap<>();
        for (Node n : topology.nodes()) {
            for (IpAddress a : topology.addressesOf(n)) {
                owners.put(a, n.name());
            }
        }
        return new SimulationReport(scenario.name(), topology.name(), options.seed(), time.nowNanos(),
            operationsRun, links, nodes, problems, sessionNames, owners);
    }

    // Operations --------------------------------------------------------------------------------------------------

    private void apply(ScenarioOperation op) {
        operationsRun++;
        try {
            switch (op) {
                case ScenarioOperation.StartSender s ->
                    node(s.host()).sender(session(s.session()), s.sourcePort(), IntServMath.tspec(s.tspec()));
                case ScenarioOperation.ChangeTspec c ->
                    node(c.host()).sender(session(c.session()), c.sourcePort(), IntServMath.tspec(c.tspec()));
                case ScenarioOperation.TearDown t -> node(t.host()).releaseSender(session(t.session()), t.sourcePort());
                case ScenarioOperation.Reserve r -> reserve(r);
                case ScenarioOperation.Release r -> node(r.receiver()).releaseReservation(session(r.session()));
                case ScenarioOperation.LinkDown l -> network.virtualNetwork().setUp(link(l.link()), false);
                case ScenarioOperation.LinkUp l -> network.virtualNetwork().setUp(link(l.link()), true);
                case ScenarioOperation.Calls c -> throw new IllegalStateException("generators are expanded first");
                case ScenarioOperation.OpenLsp l -> {
                    LspId id = node(l.head()).openLsp(l.request(topology));
                    lsps.put(l.name(), id);
                    sessionNames.putIfAbsent(id.session(), "LSP " + l.name());
                }
                case ScenarioOperation.RerouteLsp l -> {
                    LspId old = lsps.get(l.name());
                    lsps.put(l.name(), headEnd(old).rerouteLsp(old, l.lspId(), l.explicitRoute(topology)));
                }
                case ScenarioOperation.CloseLsp l -> {
                    LspId id = lsps.remove(l.name());
                    headEnd(id).closeLsp(id);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            problem(op, e.getMessage());
        }
    }

    /** Sets up an aggregate of an RFC 3175 region: the aggregator sends its Path, the deaggregator sizes it. */
    private void aggregate(AggregateSpec a) {
        try {
            node(a.aggregator());
            node(a.deaggregator());
            SessionPriorities p = a.priority().map(Preemption::priorities).orElse(null);
            AggregateConfig c = network.aggregate(a.name(), a.aggregator(), a.deaggregator(), a.dscp(), a.bulkBps(),
                a.hysteresisBps(), p);
            sessionNames.putIfAbsent(c.session(), "aggregate " + a.name());
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(new RunProblem(time.nowNanos(), a.line(), "aggregates", e.getMessage()));
        }
    }

    private void reserve(ScenarioOperation.Reserve r) {
        SessionId id = session(r.session());
        RsvpNode receiver = node(r.receiver());
        if (r.priority().isPresent()) {
            Preemption p = r.priority().get();
            receiver.priorities(id, p.priorities(), p.reduceToBytesPerSecond());
        }
        Map<SenderAddress, TrafficSpec> paths = receiver.paths(id);
        org.rsvpconsole.engine.scenario.FlowRequest flow = r.flow();
        boolean needsPath = flow.tspec().isEmpty();
        if (r.style() == ReservationStyle.FF) {
            Map<SenderAddress, FlowRequest> flows = new LinkedHashMap<>();
            for (SenderRef f : r.filters()) {
                SenderAddress s = sender(f);
                TrafficSpec t = paths.get(s);
                if (t == null && needsPath) {
                    problem(r, r.receiver() + " has no path state from " + f + " for session " + r.session()
                        + ", so the flowspec cannot take its TSpec; give the flowspec a token bucket or reserve"
                        + " after the Path arrives");
                    continue;
                }
                flows.put(s, request(flow, t));
            }
            if (!flows.isEmpty()) {
                receiver.reserveFixedFilter(id, flows, true);
            }
            return;
        }
        List<SenderAddress> filters = new ArrayList<>();
        for (SenderRef f : r.filters()) {
            filters.add(sender(f));
        }
        TrafficSpec lub = null;
        for (Map.Entry<SenderAddress, TrafficSpec> e : paths.entrySet()) {
            if (r.style() == ReservationStyle.WF || filters.contains(e.getKey())) {
                lub = lub == null ? e.getValue() : IntServMath.lub(lub, e.getValue());
            }
        }
        if (lub == null && needsPath) {
            problem(r, r.receiver() + " has no path state for session " + r.session() + " from the senders it"
                + " selects, so the flowspec cannot take their TSpec; give the flowspec a token bucket or reserve"
                + " after the Path arrives");
            return;
        }
        receiver.reserve(id, r.style(), request(flow, lub), filters, true);
    }

    /** The scenario's request made concrete with the senders' TSpec where it leaves the token bucket out. */
    private static FlowRequest request(org.rsvpconsole.engine.scenario.FlowRequest flow, TrafficSpec senders) {
        TokenBucket bucket = flow.tspec().orElseGet(() -> IntServMath.bucket(senders));
        return IntServMath.request(flow.toFlowspec(bucket));
    }

    private void joinMulticastReceivers(List<ScenarioOperation> operations) {
        for (ScenarioOperation op : operations) {
            if (op instanceof ScenarioOperation.Reserve r && r.session().address().isPresent()
                && isMulticast(r.session().address().get())) {
                RsvpNode n = node(r.receiver());
                network.virtualNetwork().join(n.node(), r.session().address().get());
                n.openReceiver(session(r.session()));
            }
        }
    }

    /** The node that signals {@code id}: the owner of its head end address (an IPv6 LSP's need not be primary). */
    private RsvpNode headEnd(LspId id) {
        return node(topology.ownerOf(id.headEnd()).orElseThrow(() -> new IllegalStateException(
            "no node has the head end address " + id.headEnd() + " of " + id)).name());
    }

    private RsvpNode node(String name) {
        if (!nodeIndex.containsKey(name)) {
            throw new IllegalArgumentException("node '" + name + "' is not in the topology");
        }
        return network.nodes().get(nodeIndex.get(name));
    }

    private SessionId session(SessionRef ref) {
        IpAddress destination = ref.node().isPresent() ? node(ref.node().get()).address() : ref.address().get();
        SessionId id = new SessionId(destination, ref.protocol(), ref.port());
        if (!ref.name().isEmpty()) {
            sessionNames.putIfAbsent(id, ref.name());
        }
        return id;
    }

    private SenderAddress sender(SenderRef ref) {
        return new SenderAddress(node(ref.node()).address(), ref.port());
    }

    private Link link(LinkRef ref) {
        if (ref.name().isPresent()) {
            return topology.link(ref.name().get())
                .orElseThrow(() -> new IllegalArgumentException("link '" + ref.name().get() + "' is not in the"
                    + " topology"));
        }
        List<Link> between = topology.linksBetween(node(ref.ends().get(0)).node(), node(ref.ends().get(1)).node());
        if (between.size() != 1) {
            throw new IllegalArgumentException(between.size() + " links join " + ref.ends().get(0) + " and "
                + ref.ends().get(1) + "; name the link");
        }
        return between.get(0);
    }

    private void problem(ScenarioOperation op, String message) {
        problems.add(new RunProblem(time.nowNanos(), op.line(), op.keyword(), message));
    }

    private static boolean isMulticast(IpAddress a) {
        return switch (a) {
            case Ipv4Address v4 -> v4.isMulticast();
            case Ipv6Address v6 -> v6.isMulticast();
        };
    }

    // Statistics --------------------------------------------------------------------------------------------------

    private EventSink sink(Options o) {
        if (!o.statistics()) {
            return o.listener();
        }
        EventSink listener = o.listener();
        return e -> {
            count(e);
            if (listener != EventSink.NONE) {
                listener.accept(e);
            }
        };
    }

    private void count(RsvpEvent e) {
        Integer idx = nodeIndex.get(e.node());
        if (idx == null) {
            return;
        }
        long[] a = activity[idx];
        switch (e) {
            case RsvpEvent.MessageSent m -> a[0]++;
            case RsvpEvent.MessageReceived m -> a[1]++;
            case RsvpEvent.AdmissionFailed f -> a[2]++;
            case RsvpEvent.PolicyRejected p -> a[3]++;
            case RsvpEvent.ErrorReceived r -> a[4]++;
            case RsvpEvent.ConfirmationReceived c -> a[5]++;
            case RsvpEvent.PathState p -> a[6] += p.change() == StateChange.TIMED_OUT ? 1 : 0;
            case RsvpEvent.ResvState r -> a[6] += r.change() == StateChange.TIMED_OUT ? 1 : 0;
            case RsvpEvent.RouteChanged r -> a[7]++;
            case RsvpEvent.DecodeFailed d -> a[8]++;
            case RsvpEvent.Reservation r -> peak(idx, r);
            default -> {
                // Blockades and non-RSVP hops are in the state counts and the event stream.
            }
        }
    }

    private void peak(int nodeIdx, RsvpEvent.Reservation r) {
        Optional<Interface> i = topology.interfaceOf(topology.nodes().get(nodeIdx), r.interfaceName());
        if (i.isPresent()) {
            int k = i.get().index();
            peakReserved[k] = Math.max(peakReserved[k], capacity[k] - r.freeBytesPerSecond());
        }
    }
}
