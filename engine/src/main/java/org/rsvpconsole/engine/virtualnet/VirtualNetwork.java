package org.rsvpconsole.engine.virtualnet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.node.NodeTransport;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.MulticastTree;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.RoutingTable;
import org.rsvpconsole.engine.topology.Topology;

/**
 * A topology brought to life: one {@link SimulatedLink} per link, links going down and up, the routes that follow
 * and multicast group membership. Nodes attach a {@link DatagramSink} to receive and {@link #send} on their
 * interfaces. Everything runs on one {@link Scheduler} thread (the simulation thread of a
 * {@link org.rsvpconsole.engine.time.PacedVirtualTime}, or the test's own thread driving a
 * {@link org.rsvpconsole.engine.time.VirtualTime}); other threads post their calls to it.
 *
 * <p>Routes change at once when a link changes (convergence time is not modelled); listeners hear of it in a task
 * on the scheduler, after the change, never inside the caller's call.
 */
public final class VirtualNetwork implements NodeTransport {

    private final Topology topology;
    private final Scheduler scheduler;
    private final List<SimulatedLink> links;
    private final DatagramSink[] sinks;
    private final List<Consumer<RoutingTable>> routeListeners = new ArrayList<>();
    private final List<BiConsumer<IpAddress, Set<Node>>> membershipListeners = new ArrayList<>();
    private final Map<IpAddress, Set<Node>> groups = new HashMap<>();
    private RoutingTable routing;

    /**
     * @param seed seeds every link's loss, so equal seeds give equal runs
     */
    public VirtualNetwork(Topology topology, Scheduler scheduler, long seed) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sinks = new DatagramSink[topology.nodes().size()];
        List<SimulatedLink> simulated = new ArrayList<>();
        for (Link l : topology.links()) {
            SimulatedLink s = new SimulatedLink(l, scheduler, seed);
            for (Interface end : l.ends()) {
                int node = end.node().index();
                s.connect(end, (in, datagram) -> {
                    DatagramSink sink = this.sinks[node];
                    if (sink != null) {
                        sink.receive(in, datagram);
                    }
                });
            }
            simulated.add(s);
        }
        this.links = List.copyOf(simulated);
        this.routing = RoutingTable.initial(topology);
    }

    public Topology topology() {
        return topology;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Sets who receives the datagrams arriving at {@code node}, on any of its interfaces (one sink per node). */
    public void attach(Node node, DatagramSink sink) {
        sinks[checked(node).index()] = Objects.requireNonNull(sink, "sink");
    }

    /** Sends a copy of {@code datagram} out of {@code out} to the neighbour at the other end of its link. */
    public void send(Interface out, byte[] datagram) {
        links.get(out.linkIndex()).send(out, datagram);
    }

    public SimulatedLink simulatedLink(Link link) {
        return links.get(link.index());
    }

    /** Counters of the link direction leaving through {@code out}. */
    public LinkCounters counters(Interface out) {
        return links.get(out.linkIndex()).counters(out);
    }

    public boolean isUp(Link link) {
        return links.get(link.index()).isUp();
    }

    /**
     * Brings {@code link} down or up; when that changes anything, routes are recomputed at once with the next
     * version and the route listeners are told in a task on the scheduler.
     */
    public void setUp(Link link, boolean up) {
        SimulatedLink s = links.get(link.index());
        if (s.isUp() == up) {
            return;
        }
        s.setUp(up);
        RoutingTable next = RoutingTable.compute(topology, i -> links.get(i).isUp(), routing.version() + 1);
        routing = next;
        for (Consumer<RoutingTable> l : List.copyOf(routeListeners)) {
            scheduler.execute(() -> l.accept(next));
        }
    }

    /** The routes in force now. */
    public RoutingTable routing() {
        return routing;
    }

    /** Hears of every new routing table (RSVP local repair, RFC 2205 §3.6); called on the scheduler. */
    public void addRouteListener(Consumer<RoutingTable> listener) {
        routeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Makes {@code member} a receiver of multicast {@code group}. */
    public void join(Node member, IpAddress group) {
        checkGroup(group);
        if (groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(checked(member))) {
            membershipChanged(group);
        }
    }

    /** {@code member} no longer receives {@code group}. */
    public void leave(Node member, IpAddress group) {
        Set<Node> members = groups.get(group);
        if (members != null && members.remove(member)) {
            if (members.isEmpty()) {
                groups.remove(group);
            }
            membershipChanged(group);
        }
    }

    /** The receivers of {@code group}. */
    public Set<Node> members(IpAddress group) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(groups.getOrDefault(group, Set.of())));
    }

    /** Hears of every join and leave, with the group's members after it; called on the scheduler. */
    public void addMembershipListener(BiConsumer<IpAddress, Set<Node>> listener) {
        membershipListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The tree from {@code source} to the current members of {@code group}, on the current routes. */
    public MulticastTree multicastTree(Node source, IpAddress group) {
        checkGroup(group);
        return routing.multicastTree(checked(source), groups.getOrDefault(group, Set.of()));
    }

    private void membershipChanged(IpAddress group) {
        Set<Node> now = members(group);
        for (BiConsumer<IpAddress, Set<Node>> l : List.copyOf(membershipListeners)) {
            scheduler.execute(() -> l.accept(group, now));
        }
    }

    private Node checked(Node n) {
        if (n.index() >= topology.nodes().size() || !topology.nodes().get(n.index()).equals(n)) {
            throw new IllegalArgumentException(n + " is not a node of " + topology.name());
        }
        return n;
    }

    private static void checkGroup(IpAddress group) {
        boolean multicast = group instanceof Ipv4Address v4 ? v4.isMulticast() : ((Ipv6Address) group).isMulticast();
        if (!multicast) {
            throw new IllegalArgumentException(group + " is not a multicast group address");
        }
    }

    @Override
    public String toString() {
        return "VirtualNetwork[" + topology + ", routes v" + routing.version() + "]";
    }
}
