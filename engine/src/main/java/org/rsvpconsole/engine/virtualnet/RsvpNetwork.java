package org.rsvpconsole.engine.virtualnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.node.AggregateConfig;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.LinkDirection;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.SoftStateSettings;
import org.rsvpconsole.engine.topology.Topology;

/**
 * The virtual RSVP network: one {@link RsvpNode} per topology node on one {@link VirtualNetwork}, the hosts'
 * application API (RAPI-like: open, send, reserve, release), link failure and recovery with local repair, and
 * read-only snapshots for reports and the console.
 *
 * <p>Everything runs on the scheduler's thread: call these methods from it (tests driving a
 * {@link org.rsvpconsole.engine.time.VirtualTime} do), or post them with {@link Scheduler#execute}. The same
 * topology, operations and seed give the same events in the same order.
 */
public final class RsvpNetwork {

    private final Topology topology;
    private final VirtualNetwork network;
    private final List<RsvpNode> nodes;

    /**
     * @param configs the configuration of each node (e.g. {@code n -> NodeConfig.DEFAULT}); a config with
     *                {@code rsvpEnabled false} makes a router that forwards IP but does not run RSVP; a config
     *                whose {@code neighbours()} switch nothing on takes the topology's {@code neighbours:}
     *                settings (Topology.neighbourSettings); R, K and the teardown copies the config leaves at
     *                {@link NodeConfig#DEFAULT}'s values take the file's {@code soft-state:} settings
     * @param policy  the local policy every node consults
     * @param sink    receives every node's events
     * @param seed    seeds link loss and each node's refresh jitter
     */
    public RsvpNetwork(Topology topology, Scheduler scheduler, long seed, Function<Node, NodeConfig> configs,
                       PolicyControl policy, EventSink sink) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.network = new VirtualNetwork(topology, scheduler, seed);
        List<RsvpNode> list = new ArrayList<>();
        for (Node n : topology.nodes()) {
            NodeConfig c = configs.apply(n);
            if (!c.neighbours().active() && topology.neighbourSettings(n).active()) {
                // The file's neighbours: settings, unless the caller configured the node's neighbours itself.
                c = c.withNeighbours(NeighbourConfig.of(topology.neighbourSettings(n)));
            }
            c = withSoftState(c, topology.softStateSettings(n));
            RsvpNode rn = new RsvpNode(n, network, c, policy, sink, seed);
            network.attach(n, rn::receive);
            list.add(rn);
        }
        this.nodes = List.copyOf(list);
        // New routes and new multicast members both change where Path messages must go (RFC 2205 §3.6).
        network.addRouteListener(routes -> routesChanged());
        network.addMembershipListener((group, members) -> routesChanged());
    }

    /** The file's soft-state settings for the parameters {@code c} leaves at their defaults (RFC 2205 §3.7). */
    private static NodeConfig withSoftState(NodeConfig c, SoftStateSettings file) {
        NodeConfig d = NodeConfig.DEFAULT;
        if (file.refreshNanos() > 0 && c.refreshPeriodNanos() == d.refreshPeriodNanos()) {
            c = c.withRefreshPeriod(Duration.ofNanos(file.refreshNanos()));
        }
        if (file.keepMultiplier() > 0 && c.keepMultiplier() == d.keepMultiplier()) {
            c = c.withKeepMultiplier(file.keepMultiplier());
        }
        if (file.tearCopies() > 0 && c.tearCopies() == d.tearCopies()) {
            c = c.withTearCopies(file.tearCopies());
        }
        return c;
    }

    /** Every node with the default configuration and no local policy. */
    public RsvpNetwork(Topology topology, Scheduler scheduler, long seed, EventSink sink) {
        this(topology, scheduler, seed, n -> NodeConfig.DEFAULT, PolicyControl.ACCEPT_ALL, sink);
    }

    private void routesChanged() {
        for (RsvpNode rn : nodes) {
            if (rn.config().rsvpEnabled() && !rn.crashed()) {
                rn.routesChanged();
            }
        }
    }

    public Topology topology() {
        return topology;
    }

    public VirtualNetwork virtualNetwork() {
        return network;
    }

    public RsvpNode node(String name) {
        return nodes.get(topology.requireNode(name).index());
    }

    public List<RsvpNode> nodes() {
        return nodes;
    }

    // Host API -----------------------------------------------------------------------------------------------

    /** A receiver application on {@code host} opens {@code session} (joining the group if it is multicast). */
    public void openReceiver(String host, SessionId session) {
        RsvpNode n = host(host);
        if (isMulticast(session)) {
            network.join(n.node(), session.destination());
        }
        n.openReceiver(session);
    }

    /** A sender application on {@code host} sends to {@code session} from {@code port} with {@code tspec}. */
    public SenderAddress sender(String host, SessionId session, int port, TrafficSpec tspec) {
        RsvpNode n = host(host);
        n.sender(session, port, tspec);
        return new SenderAddress(n.address(), port);
    }

    /** The sender changes its TSpec (RFC 2205 §3.1.3: the change goes out at once). */
    public void changeTspec(String host, SessionId session, int port, TrafficSpec tspec) {
        host(host).sender(session, port, tspec);
    }

    /** The receiver on {@code host} reserves. */
    public void reserve(String host, SessionId session, ReservationStyle style, FlowRequest flowspec,
                        List<SenderAddress> filters, boolean confirm) {
        host(host).reserve(session, style, flowspec, filters, confirm);
    }

    /** The receiver on {@code host} makes a Fixed-Filter request with a flowspec per sender (in map order). */
    public void reserveFixedFilter(String host, SessionId session, Map<SenderAddress, FlowRequest> flows,
                                   boolean confirm) {
        host(host).reserveFixedFilter(session, flows, confirm);
    }

    /** The receiver on {@code host} asks for Guaranteed service meeting a delay target (RFC 2212). */
    public boolean reserveGuaranteed(String host, SessionId session, SenderAddress sender, double delayTargetMicros,
                                     boolean confirm) {
        return host(host).reserveGuaranteed(session, sender, delayTargetMicros, confirm);
    }

    public void releaseReservation(String host, SessionId session) {
        host(host).releaseReservation(session);
    }

    public void releaseSender(String host, SessionId session, int port) {
        host(host).releaseSender(session, port);
    }

    /** The application closes the session on {@code host}: tears down its sender and reservation. */
    public void close(String host, SessionId session) {
        RsvpNode n = host(host);
        n.close(session);
        if (isMulticast(session)) {
            network.leave(n.node(), session.destination());
        }
    }

    /** The node vanishes without sending anything (no PathTear, no ResvTear): only timeouts clean up. */
    public void crash(String nodeName) {
        node(nodeName).crash();
    }

    /** Takes a link down: routes change and every node repairs locally (RFC 2205 §3.6). */
    public void failLink(String link) {
        network.setUp(requireLink(link), false);
    }

    public void restoreLink(String link) {
        network.setUp(requireLink(link), true);
    }

    // Snapshots ----------------------------------------------------------------------------------------------

    /** Per link direction: the reservations on it and the bandwidth still free, in topology order. */
    public List<LinkDirectionView> linkDirections() {
        List<LinkDirectionView> out = new ArrayList<>();
        for (Link l : topology.links()) {
            for (LinkDirection d : List.of(l.forward(), l.reverse())) {
                Interface from = d.from();
                RsvpNode n = nodes.get(from.node().index());
                double capacity = d.reservableBps() / 8.0;
                out.add(new LinkDirectionView(l.name(), from.node().name(), from.name(), d.to().node().name(),
                    network.isUp(l), capacity, d.perFlowMaxBps() / 8.0, capacity - n.reservedOn(from),
                    n.reservationsOn(from)));
            }
        }
        return out;
    }

    /** The view of the direction of {@code link} leaving {@code fromNode}. */
    public LinkDirectionView linkDirection(String link, String fromNode) {
        for (LinkDirectionView v : linkDirections()) {
            if (v.link().equals(link) && v.fromNode().equals(fromNode)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no direction of link " + link + " leaves " + fromNode);
    }

    /**
     * Every LSP (RFC 3209) as every node sees it, node by node in topology order: the head end's view has the
     * recorded route with labels, each node's has its label table row.
     */
    public List<LspView> lsps() {
        List<LspView> out = new ArrayList<>();
        for (RsvpNode n : nodes) {
            out.addAll(n.lsps());
        }
        return out;
    }

    /** Every RFC 3175 aggregate with its microflows, as its deaggregator sees it, deaggregators in topology order. */
    public List<AggregateView> aggregates() {
        List<AggregateView> out = new ArrayList<>();
        for (RsvpNode n : nodes) {
            out.addAll(n.aggregates());
        }
        return out;
    }

    /**
     * Sets up one aggregate of an RFC 3175 region (a scenario's {@code aggregates:}, for {@code simulate} and the
     * console alike): the aggregator sends the aggregate's Path, the deaggregator sizes it. Call at the start, on
     * the scheduler's thread.
     *
     * @param priority the aggregate's RFC 3181 priorities on the interior links, or null
     */
    public AggregateConfig aggregate(String name, String aggregator, String deaggregator, int dscp, long bulkBps,
                                     long hysteresisBps, SessionPriorities priority) {
        RsvpNode from = node(aggregator);
        RsvpNode to = node(deaggregator);
        AggregateConfig c = new AggregateConfig(name, from.address(), to.address(), dscp, bulkBps / 8.0,
            hysteresisBps / 8.0, priority);
        from.becomeAggregator(c);
        to.becomeDeaggregator(c);
        return c;
    }

    /** Per node: how much state it holds. */
    public List<NodeStateView> nodeStates() {
        List<NodeStateView> out = new ArrayList<>();
        for (RsvpNode n : nodes) {
            out.add(new NodeStateView(n.name(), n.config().rsvpEnabled(), n.sessionCount(), n.pathStateCount(),
                n.reservationStateCount(), n.blockadeCount()));
        }
        return out;
    }

    /** Every node's neighbours with their refresh-reduction, integrity and Hello state, in topology order. */
    public List<NetworkSnapshot.Neighbour> neighbourViews() {
        List<NetworkSnapshot.Neighbour> out = new ArrayList<>();
        for (RsvpNode n : nodes) {
            for (NeighbourView v : n.neighbourViews()) {
                out.add(new NetworkSnapshot.Neighbour(n.name(), v));
            }
        }
        return out;
    }

    private RsvpNode host(String name) {
        RsvpNode n = node(name);
        if (!n.node().isHost()) {
            throw new IllegalArgumentException(name + " is not a host: applications run on hosts");
        }
        return n;
    }

    private Link requireLink(String name) {
        return topology.link(name).orElseThrow(() -> new IllegalArgumentException("no link named " + name));
    }

    private static boolean isMulticast(SessionId s) {
        return s.destination() instanceof Ipv4Address v4 ? v4.isMulticast()
            : ((Ipv6Address) s.destination()).isMulticast();
    }
}
