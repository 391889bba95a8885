package org.rsvpconsole.ui.reservations;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Throttle;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The four state tables (reservations, senders, interfaces, neighbours), kept from the event stream and the
 * periodic snapshot. FX thread only; rows are immutable records replaced as state changes.
 */
public final class StateTablesViewModel {

    /** What a counter cell says during replay: the history holds events, not the nodes' counters. */
    public static final String NOT_RECORDED = "not recorded";

    /** What the tables know of one neighbour of one node: from its events, and from the snapshots' counters. */
    private static final class Neighbour {
        final String key;
        final String node;
        final String name;
        String interfaceName = "";
        long received;
        String lastHeard = "-";
        Boolean capable;
        String hello = "";
        long integrityFailures;
        long deliveryFailures;
        NeighbourView view;

        Neighbour(String key, String node, String name) {
            this.key = key;
            this.node = node;
            this.name = name;
        }
    }

    private final Map<String, String> nodeByAddress = new HashMap<>();
    private final KeyedRows<ReservationRow> reservations = new KeyedRows<>();
    private final KeyedRows<SenderRow> senders = new KeyedRows<>();
    /** Reservation rows per session, for the session count. */
    private final Map<SessionId, Integer> rowsPerSession = new HashMap<>();
    private final Map<String, long[]> counters = new HashMap<>();
    private final Map<String, Neighbour> neighbours = new LinkedHashMap<>();
    private boolean neighboursChanged;
    private boolean replaying;
    private final KeyedRows<InterfaceRow> interfaceRows = new KeyedRows<>();
    private final KeyedRows<NeighbourRow> neighbourRows = new KeyedRows<>();
    private final ReadOnlyIntegerWrapper sessionCount = new ReadOnlyIntegerWrapper();
    private final Function<SessionId, Optional<SessionPriorities>> priorities;
    private final Throttle<RsvpEvent> throttle = new Throttle<>();
    private long now;

    public StateTablesViewModel(TopologyView topology) {
        this(topology, s -> Optional.empty());
    }

    /** @param priorities the preemption priorities of a session where known (the Priorities column) */
    public StateTablesViewModel(TopologyView topology, Function<SessionId, Optional<SessionPriorities>> priorities) {
        this.priorities = priorities;
        for (TopologyView.NodeView n : topology.nodes()) {
            n.addresses().forEach(a -> nodeByAddress.put(a.toString(), n.name()));
        }
    }

    /** Reservation rows, changed in place (no order: tables sort on top). */
    public ObservableList<ReservationRow> reservations() {
        return reservations.rows();
    }

    public ObservableList<SenderRow> senders() {
        return senders.rows();
    }

    public ObservableList<InterfaceRow> interfaces() {
        return interfaceRows.rows();
    }

    public ObservableList<NeighbourRow> neighbours() {
        return neighbourRows.rows();
    }

    /** Sessions with at least one reservation somewhere. */
    public ReadOnlyIntegerProperty sessionCountProperty() {
        return sessionCount.getReadOnlyProperty();
    }

    /** The node that owns an address, or the address itself. */
    public String nodeName(Object address) {
        String a = String.valueOf(address);
        return nodeByAddress.getOrDefault(a, a);
    }

    /** Forgets every row and counter: replay rebuilds the tables from the recorded events (decision 0009). */
    public void reset() {
        reservations.clear();
        senders.clear();
        rowsPerSession.clear();
        counters.clear();
        neighbours.clear();
        neighboursChanged = false;
        interfaceRows.clear();
        neighbourRows.clear();
        sessionCount.set(0);
        now = 0;
        throttle.clear();
    }

    /**
     * Replay on or off: the neighbours' counters come from the live snapshots only, so during replay the table says
     * {@link #NOT_RECORDED} instead of showing numbers the history cannot give.
     */
    public void setReplaying(boolean on) {
        replaying = on;
        neighboursChanged = true;
    }

    public boolean replaying() {
        return replaying;
    }

    /** How often the tables follow the events (0: every batch); the console redraws them 4 times a second. */
    public void setRefreshNanos(long nanos) {
        throttle.setPeriodNanos(nanos);
    }

    /** Applies one pulse's batch (or holds it for the next refresh); the tables see each one's changes as one. */
    public void apply(EventPump.Batch batch) {
        now = batch.engineNowNanos();
        List<RsvpEvent> events = throttle.offer(batch.events(), System.nanoTime());
        int states = 0;
        for (RsvpEvent e : events) {
            if (e instanceof RsvpEvent.ResvState || e instanceof RsvpEvent.PathState) {
                states++;
            }
        }
        reservations.begin(states);
        senders.begin(states);
        try {
            applyEvents(events);
        } finally {
            reservations.end();
            senders.end();
        }
        sessionCount.set(rowsPerSession.size());
        if (batch.snapshot() != null) {
            applySnapshot(batch.snapshot());
        }
    }

    private void applyEvents(List<RsvpEvent> events) {
        for (RsvpEvent e : events) {
            switch (e) {
                case RsvpEvent.ResvState r -> {
                    ReservationRow row = row(r);
                    if (r.change() == StateChange.INSTALLED || r.change() == StateChange.CHANGED) {
                        ReservationRow old = reservations.get(row.key());
                        reservations.put(row.key(), old == null ? row : withInstalled(row, old.installedNanos(),
                            r.change() == StateChange.CHANGED ? "Changed" : old.state()));
                        if (old == null) {
                            rowsPerSession.merge(row.session(), 1, Integer::sum);
                        }
                    } else if (reservations.remove(row.key()) != null) {
                        rowsPerSession.computeIfPresent(row.session(), (k, v) -> v == 1 ? null : v - 1);
                    }
                }
                case RsvpEvent.PathState p -> {
                    SenderRow row = row(p);
                    if (p.change() == StateChange.INSTALLED || p.change() == StateChange.CHANGED) {
                        senders.put(row.key(), row);
                    } else {
                        senders.remove(row.key());
                    }
                }
                case RsvpEvent.MessageSent s -> count(s.node(), s.interfaceName(), s.messageType(), 0);
                case RsvpEvent.MessageReceived m -> {
                    count(m.node(), m.interfaceName(), m.messageType(), 2);
                    Neighbour n = neighbour(m.node(), m.source());
                    n.interfaceName = m.interfaceName();
                    n.received++;
                    n.lastHeard = Units.clock(m.timeNanos());
                    neighboursChanged = true;
                }
                case RsvpEvent.NeighbourEvent ne -> {
                    Neighbour n = neighbour(ne.node(), ne.neighbour());
                    if (!ne.interfaceName().isEmpty()) {
                        n.interfaceName = ne.interfaceName();
                    }
                    switch (ne.kind()) {
                        case "RR_CAPABLE" -> n.capable = true;
                        case "RR_NOT_CAPABLE" -> n.capable = false;
                        case "HELLO_UP" -> n.hello = "UP";
                        case "HELLO_DOWN" -> n.hello = "DOWN";
                        case "INTEGRITY_FAILED" -> n.integrityFailures++;
                        case "DELIVERY_FAILED" -> n.deliveryFailures++;
                        default -> { }
                    }
                    neighboursChanged = true;
                }
                default -> { }
            }
        }
    }

    private Neighbour neighbour(String node, Object address) {
        String key = node + "|" + address;
        return neighbours.computeIfAbsent(key, k -> new Neighbour(k, node, nodeName(address) + " (" + address
            + ")"));
    }

    private NeighbourRow row(Neighbour n) {
        NeighbourView v = replaying ? null : n.view;
        String none = replaying ? NOT_RECORDED : "-";
        if (v == null) {
            return new NeighbourRow(n.key, n.node, n.name, n.interfaceName, n.capable == null ? "-"
                : n.capable ? "capable" : "not capable", (replaying ? "key " + NOT_RECORDED : "off")
                + failures(n.integrityFailures), n.integrityFailures, hello(n.hello), replaying ? NOT_RECORDED
                : Long.toString(n.received), none, none, none, none, none, replaying || n.deliveryFailures > 0
                ? Long.toString(n.deliveryFailures) : "-", none, n.lastHeard, null);
        }
        return new NeighbourRow(n.key, n.node, n.name, v.interfaceName().isEmpty() ? n.interfaceName
            : v.interfaceName(), !v.capabilityKnown() ? "-" : v.refreshReduction() ? "capable" : "not capable",
            (v.integrity() ? "key "
            + v.integrityKeyId() : "off") + failures(v.integrityFailures()), v.integrityFailures(),
            hello(v.helloState()), Long.toString(sum(v.received())), Long.toString(sum(v.sent())),
            Long.toString(v.retransmissions()), v.acksSent() + " / " + v.acksReceived(), v.nacksSent() + " / "
            + v.nacksReceived(), v.srefreshIdsSent() + " / " + v.srefreshIdsReceived(),
            Long.toString(v.deliveryFailures()), Integer.toString(v.unacknowledged()), n.lastHeard, v);
    }

    /**
     * A source the node only received forwarded messages from (a ResvConf on its way to a receiver) and never sent
     * to, heard a Hello from or learnt the capability of: no RSVP neighbour, so no row.
     */
    private static boolean onlyPassedThrough(NeighbourView v) {
        return v != null && !v.capabilityKnown() && v.helloState().isEmpty() && v.sent().isEmpty()
            && v.integrityFailures() == 0;
    }

    private static String failures(long n) {
        return n == 0 ? "" : ", " + n + " failed";
    }

    private static String hello(String state) {
        return switch (state) {
            case "UP" -> "up";
            case "DOWN" -> "DOWN";
            default -> "-";
        };
    }

    private static long sum(Map<String, Long> counts) {
        long t = 0;
        for (long c : counts.values()) {
            t += c;
        }
        return t;
    }

    private void count(String node, String iface, String type, int offset) {
        long[] c = counters.computeIfAbsent(node + "|" + iface, k -> new long[5]);
        if ("Path".equals(type)) {
            c[offset]++;
        } else if ("Resv".equals(type)) {
            c[offset + 1]++;
        } else {
            c[4]++;
        }
    }

    private void applySnapshot(NetworkSnapshot s) {
        // Changed in place, as the other tables: most interfaces' rows are the same from one snapshot to the next.
        interfaceRows.begin(0);
        for (LinkDirectionView d : s.directions()) {
            long[] c = counters.getOrDefault(d.fromNode() + "|" + d.fromInterface(), new long[5]);
            InterfaceRow row = new InterfaceRow(d.fromNode(), d.fromInterface(), d.link(), d.toNode(), d.up(),
                Units.rate(d.capacityBytesPerSecond()), Units.rate(d.capacityBytesPerSecond() - d.freeBytesPerSecond()),
                Units.rate(d.freeBytesPerSecond()), d.reservations().size(), c[0], c[1], c[2], c[3], c[4]);
            interfaceRows.put(row.key(), row);
        }
        interfaceRows.end();
        if (!replaying) {
            for (NetworkSnapshot.Neighbour nv : s.neighbours()) {
                Neighbour n = neighbour(nv.node(), nv.view().neighbour());
                n.view = nv.view();
                neighboursChanged = true;
            }
        }
        // Neighbours' counters change with every message: the table follows at the snapshots' pace.
        if (neighboursChanged) {
            neighbourRows.begin(0);
            for (Neighbour n : neighbours.values()) {
                if (!replaying && onlyPassedThrough(n.view)) {
                    neighbourRows.remove(n.key);
                    continue;
                }
                NeighbourRow row = row(n);
                if (!row.equals(neighbourRows.get(n.key))) {
                    neighbourRows.put(n.key, row);
                }
            }
            neighbourRows.end();
            neighboursChanged = false;
        }
    }

    /** How long a row's reservation has been installed, as h:mm:ss. */
    public String age(ReservationRow row) {
        return Units.clock(now - row.installedNanos());
    }

    private ReservationRow row(RsvpEvent.ResvState r) {
        SessionId s = r.session();
        String from = r.style() == ReservationStyle.WF || r.senders().isEmpty() ? "*"
            : r.senders().size() == 1 ? nodeName(r.senders().get(0).address())
            : r.senders().size() + " senders";
        String sport = r.senders().size() == 1 ? Integer.toString(r.senders().get(0).port()) : "*";
        String service = r.flowspec().service() == ServiceClass.GUARANTEED ? "RATE" : "LOAD";
        String nextHop = r.nextHop() == null ? "local" : nodeName(r.nextHop());
        return new ReservationRow(r.node(), s, nodeName(s.destination()), from, protocol(s.protocol()), s.port(), sport,
            nextHop, r.interfaceName().isEmpty() ? "-" : r.interfaceName(), r.style().name(), service,
            r.flowspec().bandwidth(), Units.rate(r.flowspec().bandwidth()),
            priorities.apply(s).map(SessionPriorities::toString).orElse("-"), "Installed", r.timeNanos());
    }

    private static ReservationRow withInstalled(ReservationRow r, long installed, String state) {
        return new ReservationRow(r.node(), r.session(), r.to(), r.from(), r.protocol(), r.destPort(), r.sourcePort(),
            r.nextHop(), r.interfaceName(), r.style(), r.service(), r.bandwidthBytesPerSecond(), r.bandwidth(),
            r.priorities(), state, installed);
    }

    private SenderRow row(RsvpEvent.PathState p) {
        SessionId s = p.session();
        return new SenderRow(p.node(), s, nodeName(s.destination()), nodeName(p.sender().address()),
            protocol(s.protocol()), s.port(), p.sender().port(),
            p.interfaceName().isEmpty() ? "local" : nodeName(p.previousHop()),
            p.interfaceName().isEmpty() ? "-" : p.interfaceName(), Units.rate(p.tspec().rate()), "Installed");
    }

    static String protocol(int p) {
        return switch (p) {
            case 17 -> "UDP";
            case 6 -> "TCP";
            case 0 -> "LSP"; // an RSVP-TE tunnel (LspId.session(): protocol 0, port = tunnel ID)
            default -> Integer.toString(p);
        };
    }
}
