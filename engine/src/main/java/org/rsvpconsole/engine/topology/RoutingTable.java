package org.rsvpconsole.engine.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;

/**
 * Shortest-path routes of a topology for one set of links up: an immutable snapshot, replaced (with a higher
 * {@link #version()}) whenever a link goes down or up, so RSVP can notice route changes and repair locally
 * (RFC 2205 §3.6).
 *
 * <p>Routes minimise the sum of link metrics (Dijkstra, computed toward every destination). Hosts never forward:
 * no route passes through a host. Among equal-cost next hops a node picks the one whose neighbour interface has
 * the lowest address (IPv4 before IPv6, then numerically), a rule that depends only on the topology, so routes
 * are the same on every run. Because each destination's routes form one tree, following next hops hop by hop
 * gives exactly the path {@link #path} reports.
 */
public final class RoutingTable implements RouteLookup {

    /** Lowest address first: IPv4 before IPv6, each numerically. */
    public static final Comparator<IpAddress> ADDRESS_ORDER = (x, y) -> {
        if (x instanceof Ipv4Address a && y instanceof Ipv4Address b) {
            return a.compareTo(b);
        }
        if (x instanceof Ipv6Address a && y instanceof Ipv6Address b) {
            int c = Long.compareUnsigned(a.high(), b.high());
            return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
        }
        return x instanceof Ipv4Address ? -1 : 1;
    };

    private static final long UNREACHABLE = Long.MAX_VALUE;

    private final Topology topology;
    private final long version;
    private final boolean[] linkUp;
    /** nextInterface[destination][node]: index of the interface of node toward destination, or -1. */
    private final int[][] nextInterface;
    /** distance[destination][node], or UNREACHABLE. */
    private final long[][] distance;

    private RoutingTable(Topology topology, long version, boolean[] linkUp, int[][] nextInterface,
                         long[][] distance) {
        this.topology = topology;
        this.version = version;
        this.linkUp = linkUp;
        this.nextInterface = nextInterface;
        this.distance = distance;
    }

    /** Routes with every link in its initial state ({@link Link#initiallyUp()}), version 0. */
    public static RoutingTable initial(Topology topology) {
        return compute(topology, i -> topology.links().get(i).initiallyUp(), 0);
    }

    /**
     * Computes all routes.
     *
     * @param linkUp tells by link index whether a link is up
     * @param version the version this snapshot carries
     */
    public static RoutingTable compute(Topology topology, IntPredicate linkUp, long version) {
        int n = topology.nodes().size();
        if (n >= 1 << 20) {
            throw new IllegalArgumentException("too many nodes to route: " + n);
        }
        boolean[] up = new boolean[topology.links().size()];
        for (int i = 0; i < up.length; i++) {
            up[i] = linkUp.test(i);
        }
        int[][] next = new int[n][];
        long[][] dist = new long[n][];
        for (int d = 0; d < n; d++) {
            dist[d] = distancesTo(topology, up, d);
            next[d] = nextHopsTo(topology, up, d, dist[d]);
        }
        return new RoutingTable(topology, version, up, next, dist);
    }

    /** Reverse Dijkstra: the distance from every node to {@code dest}, never through a host. */
    private static long[] distancesTo(Topology t, boolean[] up, int dest) {
        int n = t.nodes().size();
        long[] dist = new long[n];
        Arrays.fill(dist, UNREACHABLE);
        boolean[] done = new boolean[n];
        dist[dest] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
            : Long.compare(x[1], y[1]));
        queue.add(new long[] {0, dest});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int u = (int) top[1];
            if (done[u]) {
                continue;
            }
            done[u] = true;
            Node nu = t.nodes().get(u);
            if (u != dest && nu.isHost()) {
                continue; // a path may end at a host but not pass through one
            }
            for (Interface i : t.interfacesOf(nu)) {
                Link l = t.link(i);
                if (!up[l.index()]) {
                    continue;
                }
                int v = l.other(i).node().index();
                long candidate = dist[u] + l.metric();
                if (candidate < dist[v]) {
                    dist[v] = candidate;
                    queue.add(new long[] {candidate, v});
                }
            }
        }
        return dist;
    }

    private static int[] nextHopsTo(Topology t, boolean[] up, int dest, long[] dist) {
        int n = t.nodes().size();
        int[] next = new int[n];
        Arrays.fill(next, -1);
        for (int v = 0; v < n; v++) {
            if (v == dest || dist[v] == UNREACHABLE) {
                continue;
            }
            Interface best = null;
            IpAddress bestAddress = null;
            for (Interface i : t.interfacesOf(t.nodes().get(v))) {
                Link l = t.link(i);
                if (!up[l.index()]) {
                    continue;
                }
                Interface far = l.other(i);
                int u = far.node().index();
                if (dist[u] == UNREACHABLE || (u != dest && far.node().isHost())
                    || dist[u] + l.metric() != dist[v]) {
                    continue;
                }
                if (best == null || ADDRESS_ORDER.compare(far.address(), bestAddress) < 0) {
                    best = i;
                    bestAddress = far.address();
                }
            }
            next[v] = best == null ? -1 : best.index();
        }
        return next;
    }

    public Topology topology() {
        return topology;
    }

    /** Increases with every change of the links up; equal versions mean equal routes. */
    public long version() {
        return version;
    }

    public boolean isUp(Link l) {
        return linkUp[l.index()];
    }

    /** The route from {@code from} to node {@code to}; empty if unreachable or {@code from == to}. */
    public Optional<Route> route(Node from, Node to) {
        int i = nextInterface[to.index()][from.index()];
        if (i < 0) {
            return Optional.empty();
        }
        Interface out = topology.interfaces().get(i);
        return Optional.of(new Route(from, to, out, topology.neighbour(out), distance[to.index()][from.index()]));
    }

    /**
     * The route from {@code from} toward the node that has {@code destination} (an interface address or a node's
     * own address). Empty if no node has that address, it is unreachable, or it is {@code from}'s own address
     * (check with {@link Topology#ownerOf}).
     */
    public Optional<Route> route(Node from, IpAddress destination) {
        return topology.ownerOf(destination).flatMap(owner -> route(from, owner));
    }

    /** The sum of metrics from {@code from} to {@code to}; 0 to itself; empty if unreachable. */
    public OptionalLong distance(Node from, Node to) {
        long d = distance[to.index()][from.index()];
        return d == UNREACHABLE ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /** The nodes a datagram visits from {@code from} to {@code to}, both included; empty if unreachable. */
    public List<Node> path(Node from, Node to) {
        if (distance[to.index()][from.index()] == UNREACHABLE) {
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        Node cur = from;
        out.add(cur);
        while (!cur.equals(to)) {
            cur = route(cur, to).orElseThrow().nextNode();
            out.add(cur);
        }
        return List.copyOf(out);
    }

    /**
     * The distribution tree from {@code source} to {@code receivers} (see {@link MulticastTree}). The source
     * itself among the receivers is ignored.
     */
    public MulticastTree multicastTree(Node source, Collection<Node> receivers) {
        Map<Node, Interface> incoming = new HashMap<>();
        Map<Node, Set<Interface>> outgoing = new HashMap<>();
        Comparator<Interface> byIndex = Comparator.comparingInt(Interface::index);
        outgoing.put(source, new TreeSet<>(byIndex));
        Set<Node> onTree = new HashSet<>(Set.of(source));
        Set<Node> reached = new HashSet<>();
        Set<Node> unreachable = new HashSet<>();
        List<Node> ordered = new ArrayList<>(new HashSet<>(receivers));
        ordered.sort(Comparator.comparingInt(Node::index));
        for (Node r : ordered) {
            if (r.equals(source)) {
                continue;
            }
            if (distance[source.index()][r.index()] == UNREACHABLE) {
                unreachable.add(r);
                continue;
            }
            reached.add(r);
            Node cur = r;
            // Join toward the source until meeting the tree (reverse-path forwarding).
            while (!onTree.contains(cur)) {
                onTree.add(cur);
                Route toSource = route(cur, source).orElseThrow();
                incoming.put(cur, toSource.outgoing());
                outgoing.computeIfAbsent(cur, k -> new TreeSet<>(byIndex));
                Node parent = toSource.nextNode();
                outgoing.computeIfAbsent(parent, k -> new TreeSet<>(byIndex)).add(toSource.nextHop());
                cur = parent;
            }
        }
        Map<Node, List<Interface>> out = new HashMap<>();
        outgoing.forEach((node, set) -> out.put(node, List.copyOf(set)));
        return new MulticastTree(source, reached, unreachable, incoming, out);
    }

    @Override
    public String toString() {
        return "RoutingTable[version " + version + ", " + topology + "]";
    }
}
