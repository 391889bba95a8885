package org.rsvpconsole.ui.reservations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The LSP table (one row per RSVP-TE LSP at its head end) and every node's label table, from the LSP views the
 * pump brings with its snapshots ({@link EventPump.Batch#lsps}, a few times a second). Replay feeds the views the
 * history recorded ({@code HistoryEntry.LspState}) the same way; a history without them (recorded before they were)
 * keeps the label bindings ({@code LabelBound}) only, so the table says so instead of showing a guess. FX thread
 * only.
 */
public final class LspTableViewModel {

    /** What the table says while replaying a history without LSP records. */
    public static final String NOT_RECORDED = "LSPs are not recorded in this history (it keeps label bindings only,"
        + " in the event log): Back to live shows them";

    private final Map<IpAddress, String> nodeByAddress = new HashMap<>();
    private final KeyedRows<LspRow> rows = new KeyedRows<>();
    private final ObjectProperty<LspId> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No LSPs");
    private List<LspView> views = List.of();
    private boolean replaying;

    public LspTableViewModel(TopologyView topology) {
        for (TopologyView.NodeView n : topology.nodes()) {
            n.addresses().forEach(a -> nodeByAddress.put(a, n.name()));
        }
    }

    /** One row per LSP at its head end, changed in place (tables sort on top). */
    public ObservableList<LspRow> rows() {
        return rows.rows();
    }

    /** The LSP the operator selected (table, event log), or null. */
    public ObjectProperty<LspId> selectedProperty() {
        return selected;
    }

    /** A line over the table: how many LSPs, or why there are none to show. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The node with an address, or the address itself. */
    public String nodeName(IpAddress a) {
        return a == null ? "" : nodeByAddress.getOrDefault(a, a.toString());
    }

    public void apply(EventPump.Batch batch) {
        if (batch.lsps() == null) {
            return;
        }
        views = batch.lsps();
        Set<String> keep = new HashSet<>();
        rows.begin(views.size());
        try {
            for (LspView v : views) {
                if (v.role() == LspView.Role.HEAD) {
                    LspRow r = row(v);
                    keep.add(r.key());
                    rows.put(r.key(), r);
                }
            }
            for (LspRow r : List.copyOf(rows.values())) {
                if (!keep.contains(r.key())) {
                    rows.remove(r.key());
                }
            }
        } finally {
            rows.end();
        }
        long up = rows.values().stream().filter(r -> r.state().equals("up")).count();
        status.set(rows.size() == 0 ? "No LSPs" : rows.size() + (rows.size() == 1 ? " LSP at its head end, "
            : " LSPs at their head ends, ") + up + " up");
    }

    /** Forgets every LSP (replay and a new network). */
    public void reset() {
        rows.clear();
        views = List.of();
        selected.set(null);
        status.set(replaying ? NOT_RECORDED : "No LSPs");
    }

    /**
     * Replay starts empty, saying the history has no LSPs until its first recorded views arrive; back to live, the
     * next snapshot's LSP views fill the table.
     */
    public void setReplaying(boolean on) {
        replaying = on;
        if (on) {
            reset();
        } else {
            status.set("No LSPs yet");
        }
    }

    public boolean replaying() {
        return replaying;
    }

    /** The head end's row of an LSP, or null. */
    public LspRow row(LspId id) {
        return rows.get(id.toString());
    }

    /** Every node's view of one LSP: head end first, then as the route goes, tail end last. */
    public List<LspView> views(LspId id) {
        List<LspView> of = new ArrayList<>(views.stream().filter(v -> v.id().equals(id)).toList());
        LspView head = of.stream().filter(v -> v.role() == LspView.Role.HEAD).findFirst().orElse(null);
        List<String> order = new ArrayList<>();
        if (head != null) {
            order.add(head.node());
            head.recordedRoute().forEach(h -> order.add(nodeName(h.address())));
        }
        of.sort(Comparator.comparingInt((LspView v) -> v.role().ordinal())
            .thenComparingInt(v -> order.indexOf(v.node()) < 0 ? Integer.MAX_VALUE : order.indexOf(v.node()))
            .thenComparing(LspView::node));
        return of;
    }

    /** A node's label table: one row per LSP it holds a binding for. */
    public List<LabelRow> labelTable(String node) {
        List<LabelRow> out = new ArrayList<>();
        for (LspView v : views) {
            if (v.node().equals(node)) {
                out.add(labelRow(v));
            }
        }
        return out;
    }

    LabelRow labelRow(LspView v) {
        LabelEntry e = v.labels();
        return new LabelRow(v.node(), v.id(), v.name(), v.role().name().toLowerCase(java.util.Locale.ROOT),
            label(e.inLabel()), e.inInterface(), label(e.outLabel()), e.outInterface(),
            e.nextHop() == null ? "" : nodeName(e.nextHop()) + " (" + e.nextHop() + ")");
    }

    /** How a label is written: "-" for none, 3 as "3 (pop)" (Implicit NULL, RFC 3032 §2.1). */
    public static String label(long label) {
        return label == LabelEntry.NONE ? "-" : label == LabelEntry.IMPLICIT_NULL ? "3 (pop)" : Long.toString(label);
    }

    /**
     * How the route taken compares with the route asked for: loose hops are expanded by routing (RFC 3209 §4.3.4),
     * so the recorded route may pass nodes the explicit route does not name. Empty when they name the same nodes
     * with strict hops only, or when nothing was recorded.
     */
    public String routeDifference(LspId id) {
        LspView head = views.stream().filter(v -> v.id().equals(id) && v.role() == LspView.Role.HEAD).findFirst()
            .orElse(null);
        if (head == null || head.recordedRoute().isEmpty() || head.explicitRoute().isEmpty()) {
            return "";
        }
        List<String> asked = head.explicitRoute().stream().map(h -> h.address() == null ? h.toString()
            : nodeName(h.address())).toList();
        List<String> taken = head.recordedRoute().stream().map(h -> nodeName(h.address())).toList();
        List<String> loose = head.explicitRoute().stream().filter(ExplicitHop::loose).map(h -> h.address() == null
            ? h.toString() : nodeName(h.address())).toList();
        if (asked.equals(taken) && loose.isEmpty()) {
            return "";
        }
        return "The recorded route differs from the explicit route" + (loose.isEmpty() ? ""
            : ": loose hop" + (loose.size() == 1 ? " " : "s ") + String.join(", ", loose) + " expanded by routing")
            + " (explicit " + String.join(" ", asked) + ", recorded " + String.join(" ", taken) + ")";
    }

    private LspRow row(LspView v) {
        LspId id = v.id();
        return new LspRow(id, v.name().isEmpty() ? "tunnel " + id.tunnelId() : v.name(), nodeName(id.headEnd()),
            nodeName(id.tailEnd()), id.tunnelId(), id.lspId(), v.up() ? "up" : "down", v.bandwidthBytesPerSecond(),
            Units.rate(v.bandwidthBytesPerSecond()), v.setupPriority() + "/" + v.holdingPriority(), flags(v.flags()),
            v.style() == null ? "-" : v.style().name(), explicitRoute(v.explicitRoute()),
            // A preempted LSP keeps the route its last Resv recorded: say so rather than show it as current.
            (v.up() || v.recordedRoute().isEmpty() ? "" : "when last up: ") + recordedRoute(v.recordedRoute()));
    }

    /** The SESSION_ATTRIBUTE flags in words (RFC 3209 §4.7.1). */
    static String flags(int f) {
        List<String> out = new ArrayList<>();
        if ((f & 0x01) != 0) {
            out.add("local protection");
        }
        if ((f & 0x02) != 0) {
            out.add("label recording");
        }
        if ((f & 0x04) != 0) {
            out.add("SE");
        }
        return out.isEmpty() ? "-" : String.join(", ", out);
    }

    private String explicitRoute(List<ExplicitHop> route) {
        if (route.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (ExplicitHop h : route) {
            out.add(h.address() == null ? h.toString() : nodeName(h.address()) + (h.loose() ? " (loose)" : ""));
        }
        return String.join(" ", out);
    }

    /** Head to tail: each node with its interface address and the label it advertised. */
    private String recordedRoute(List<RecordedHop> route) {
        if (route.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (RecordedHop h : route) {
            out.add(nodeName(h.address()) + " " + h.address() + (h.label() == RecordedHop.NO_LABEL ? ""
                : " [" + label(h.label()) + "]"));
        }
        return String.join(", ", out);
    }
}
