package org.rsvpconsole.persistence.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TopologyView;

/**
 * Folds history entries into a {@link NetworkState}. The one place where events change replayed state: the store's
 * writer uses it to take snapshots, queries use it to replay from a snapshot, and the console's replay uses it too.
 * {@link #reduce} is the pure form; an instance is the same fold with mutable working state for long runs.
 */
public final class NetworkStateReducer {

    private long lastId;
    private long atNanos;
    private int topologyVersion;
    private TopologyView topology;
    /** Directions keyed by "node/interface", the sending end. */
    private final Map<String, Direction> directions = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private static final class Direction {
        LinkDirectionView base;
        double free;
        final Map<ReservationKey, ReservationView> reservations = new LinkedHashMap<>();
    }

    private record ReservationKey(SessionId session, ReservationStyle style, List<SenderAddress> senders) {
    }

    private record FlowKey(SessionId session, String interfaceName) {
    }

    private static final class Node {
        final Set<NetworkState.PathKey> paths = new LinkedHashSet<>();
        final Set<NetworkState.ResvKey> resvs = new LinkedHashSet<>();
        final Set<NetworkState.BlockadeKey> blockades = new LinkedHashSet<>();
        /** The flowspec of the last Resv per session and outgoing interface: what traffic control installs. */
        final Map<FlowKey, FlowRequest> lastFlowspec = new LinkedHashMap<>();
    }

    public NetworkStateReducer(NetworkState start) {
        lastId = start.lastId();
        atNanos = start.atNanos();
        topologyVersion = start.topologyVersion();
        topology = start.topology();
        for (LinkDirectionView d : start.directions()) {
            Direction dir = new Direction();
            dir.base = d;
            dir.free = d.freeBytesPerSecond();
            for (ReservationView r : d.reservations()) {
                dir.reservations.put(key(r.session(), r.style(), r.senders()), r);
            }
            directions.put(d.fromNode() + "/" + d.fromInterface(), dir);
        }
        for (NetworkState.NodeState n : start.nodes()) {
            Node node = node(n.node());
            node.paths.addAll(n.paths());
            node.resvs.addAll(n.reservations());
            node.blockades.addAll(n.blockades());
        }
    }

    /** The pure fold: the state after applying {@code entry} (with log id {@code id}) to {@code state}. */
    public static NetworkState reduce(NetworkState state, long id, HistoryEntry entry) {
        NetworkStateReducer r = new NetworkStateReducer(state);
        r.apply(id, entry);
        return r.state();
    }

    private static ReservationKey key(SessionId s, ReservationStyle style, List<SenderAddress> senders) {
        // FF has one reservation per sender; WF and SE one shared per session and interface (RFC 2205 §1.3).
        return new ReservationKey(s, style, style == ReservationStyle.FF ? List.copyOf(senders) : List.of());
    }

    private Node node(String name) {
        return nodes.computeIfAbsent(name, k -> new Node());
    }

    public void apply(long id, HistoryEntry entry) {
        lastId = id;
        atNanos = entry.atNanos();
        switch (entry) {
            case HistoryEntry.Topology t -> applyTopology(t);
            case HistoryEntry.Engine e -> applyEvent(e.event());
            case HistoryEntry.OperatorAction a -> { }
            case HistoryEntry.EntriesLost l -> { }
            case HistoryEntry.LspState l -> { }
            case HistoryEntry.AggregateState a -> { }
        }
    }

    private void applyTopology(HistoryEntry.Topology t) {
        topologyVersion = t.version();
        topology = t.topology();
        Map<String, Direction> old = new LinkedHashMap<>(directions);
        directions.clear();
        for (TopologyView.LinkView l : t.topology().links()) {
            addDirection(old, l.name(), l.nodeA(), l.interfaceA(), l.nodeB(), l.capacityAtoB());
            addDirection(old, l.name(), l.nodeB(), l.interfaceB(), l.nodeA(), l.capacityBtoA());
        }
        for (TopologyView.NodeView n : t.topology().nodes()) {
            node(n.name());
        }
    }

    private void addDirection(Map<String, Direction> old, String link, String from, String iface, String to,
                              double capacity) {
        String k = from + "/" + iface;
        Direction d = old.get(k);
        if (d == null) {
            d = new Direction();
            d.free = capacity;
        } else {
            d.free = Math.max(0, d.free + capacity - d.base.capacityBytesPerSecond());
        }
        d.base = new LinkDirectionView(link, from, iface, to, true, capacity, capacity, d.free, List.of());
        directions.put(k, d);
    }

    private void applyEvent(RsvpEvent event) {
        Node n = node(event.node());
        switch (event) {
            case RsvpEvent.PathState p -> {
                var k = new NetworkState.PathKey(p.session(), p.sender(), p.interfaceName());
                // One PSB per session and sender (RFC 2209 §1.2): a Path arriving on another interface after a
                // route change updates it rather than adding one.
                n.paths.removeIf(old -> old.session().equals(p.session()) && old.sender().equals(p.sender()));
                if (!removes(p.change())) {
                    n.paths.add(k);
                }
            }
            case RsvpEvent.ResvState r -> {
                if (reachedItsSender(r)) {
                    return;
                }
                var k = new NetworkState.ResvKey(r.session(), r.interfaceName(), r.nextHop());
                if (removes(r.change())) {
                    n.resvs.remove(k);
                } else {
                    n.resvs.add(k);
                    n.lastFlowspec.put(new FlowKey(r.session(), r.interfaceName()), r.flowspec());
                    // The Reservation event may come first: give the installed reservation this flowspec.
                    Direction d = directions.get(r.node() + "/" + r.interfaceName());
                    if (d != null) {
                        d.reservations.replaceAll((key, v) -> key.session().equals(r.session())
                            && (r.style() != ReservationStyle.FF || r.senders().containsAll(v.senders()))
                            ? new ReservationView(v.session(), v.style(), v.senders(), r.flowspec(),
                                v.reservedBytesPerSecond()) : v);
                    }
                }
            }
            case RsvpEvent.Blockade b -> {
                var k = new NetworkState.BlockadeKey(b.session(), b.previousHop());
                if (b.set()) {
                    n.blockades.add(k);
                } else {
                    n.blockades.remove(k);
                }
            }
            case RsvpEvent.Reservation r -> {
                Direction d = directions.get(r.node() + "/" + r.interfaceName());
                if (d == null) {
                    return; // a host's local interface or an unknown link: nothing drawn for it
                }
                d.free = r.freeBytesPerSecond();
                ReservationKey k = key(r.session(), r.style(), r.senders());
                if (r.reservedBytesPerSecond() <= 0) {
                    d.reservations.remove(k);
                } else {
                    d.reservations.put(k, new ReservationView(r.session(), r.style(), r.senders(),
                        n.lastFlowspec.get(new FlowKey(r.session(), r.interfaceName())), r.reservedBytesPerSecond()));
                }
            }
            default -> { }
        }
    }

    /**
     * A Resv that arrived at a sender on this host (the RAPI reservation upcall, RFC 2205 §3.11) is reported as a
     * ResvState with no interface, like the host's own request, but it is not reservation state: its filters name
     * this host as the sender.
     */
    private boolean reachedItsSender(RsvpEvent.ResvState r) {
        if (!r.interfaceName().isEmpty() || topology == null) {
            return false;
        }
        for (TopologyView.NodeView n : topology.nodes()) {
            if (n.name().equals(r.node())) {
                return r.senders().stream().anyMatch(s -> n.addresses().contains(s.address()));
            }
        }
        return false;
    }

    private static boolean removes(StateChange c) {
        return c == StateChange.TIMED_OUT || c == StateChange.TORN_DOWN;
    }

    /** The state so far, as an immutable value. */
    public NetworkState state() {
        List<LinkDirectionView> dirs = new ArrayList<>(directions.size());
        for (Direction d : directions.values()) {
            LinkDirectionView b = d.base;
            dirs.add(new LinkDirectionView(b.link(), b.fromNode(), b.fromInterface(), b.toNode(), b.up(),
                b.capacityBytesPerSecond(), b.perFlowMaxBytesPerSecond(), d.free,
                List.copyOf(d.reservations.values())));
        }
        List<NetworkState.NodeState> ns = new ArrayList<>(nodes.size());
        nodes.forEach((name, n) -> ns.add(new NetworkState.NodeState(name, List.copyOf(n.paths),
            List.copyOf(n.resvs), List.copyOf(n.blockades))));
        return new NetworkState(lastId, atNanos, topologyVersion, topology, dirs, ns);
    }

    /** Reserved bandwidth per session summed over every direction, for the bandwidth-over-time query. */
    public Map<String, Double> reservedPerSession() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Direction d : directions.values()) {
            for (ReservationView r : d.reservations.values()) {
                m.merge(Objects.toString(r.session()), r.reservedBytesPerSecond(), Double::sum);
            }
        }
        return m;
    }

    /** Reserved bandwidth on the direction sent from {@code node}'s {@code iface}, with its key, or null. */
    public BandwidthPoint reservedOn(String node, String iface) {
        Direction d = directions.get(node + "/" + iface);
        if (d == null) {
            return null;
        }
        double sum = d.reservations.values().stream().mapToDouble(ReservationView::reservedBytesPerSecond).sum();
        return new BandwidthPoint(atNanos, d.base.link() + " " + d.base.fromNode() + ">" + d.base.toNode(), sum);
    }
}
