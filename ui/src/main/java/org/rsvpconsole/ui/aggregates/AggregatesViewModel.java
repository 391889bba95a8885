package org.rsvpconsole.ui.aggregates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The Aggregates tab: one row per RFC 3175 aggregate (aggregator, deaggregator, DSCP, reserved bandwidth, microflow
 * count) from the aggregate views the pump brings with each snapshot ({@link EventPump.Batch#aggregates}, from
 * {@code NetworkSnapshot.aggregates}, twice a second), and the microflows of the selected one. It also words a
 * preemption that involves an aggregate by the aggregate's name for the console's notices. Replay feeds the views
 * the history recorded ({@code HistoryEntry.AggregateState}) the same way; a history without them (recorded before
 * they were) keeps the preemptions (Preemptions tab) but not which microflows an aggregate carries, so the tab says
 * so instead of showing a guess. FX thread only.
 */
public final class AggregatesViewModel {

    /** What the tab says while replaying a history without aggregate records. */
    public static final String NOT_RECORDED = "Aggregates are not recorded in this history (it keeps their"
        + " preemptions, in the Preemptions tab, not which microflows they carry): Back to live shows them";

    private final Map<IpAddress, String> nodeByAddress = new HashMap<>();
    private final ObservableList<AggregateRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MicroflowRow> microflows = FXCollections.observableArrayList();
    /** The key of the selected aggregate, or null. */
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No aggregates");
    private List<AggregateView> views = List.of();
    /** Per aggregate session, the last interior preemption that reduced it (for the deaggregator's notice). */
    private final Map<SessionId, RsvpEvent.Preempted> lastTaken = new HashMap<>();
    private boolean replaying;

    public AggregatesViewModel(TopologyView topology) {
        for (TopologyView.NodeView n : topology.nodes()) {
            n.addresses().forEach(a -> nodeByAddress.put(a, n.name()));
        }
        selected.addListener((o, a, b) -> showMicroflows());
    }

    /** One row per aggregate, changed in place (the table keeps its selection). */
    public ObservableList<AggregateRow> rows() {
        return rows;
    }

    /** The microflows of the selected aggregate: admitted ones oldest first, then those it preempted. */
    public ObservableList<MicroflowRow> microflows() {
        return microflows;
    }

    /** The key ({@link AggregateRow#key}) of the aggregate the operator selected, or null. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    /** A line over the table: how many aggregates and microflows, or why there are none to show. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void apply(EventPump.Batch batch) {
        if (batch.aggregates() != null) {
            // Newer than the batch's events; aggregates are set up at the start and stay.
            views = batch.aggregates();
        }
        for (RsvpEvent e : batch.events()) {
            if (e instanceof RsvpEvent.Preempted p && aggregate(p.victim()).isPresent()
                && !aggregate(p.victim()).get().deaggregator().equals(p.node())) {
                lastTaken.put(p.victim(), p);
            }
        }
        if (batch.aggregates() == null) {
            return;
        }
        List<AggregateRow> next = new ArrayList<>();
        for (AggregateView v : views) {
            next.add(row(v));
        }
        update(rows, next);
        showMicroflows();
        int admitted = next.stream().mapToInt(AggregateRow::admitted).sum();
        int preempted = next.stream().mapToInt(AggregateRow::preempted).sum();
        status.set(next.isEmpty() ? "No aggregates (a scenario's aggregates: section sets up an RFC 3175 region)"
            : next.size() + (next.size() == 1 ? " aggregate carrying " : " aggregates carrying ") + admitted
                + (admitted == 1 ? " microflow" : " microflows") + (preempted > 0 ? ", " + preempted
                    + " preempted" : ""));
    }

    /** Forgets every aggregate (replay and a new network). */
    public void reset() {
        rows.clear();
        microflows.clear();
        views = List.of();
        lastTaken.clear();
        selected.set(null);
        status.set(replaying ? NOT_RECORDED : "No aggregates");
    }

    /**
     * Replay starts empty, saying the history has no aggregates until its first recorded views arrive; back to live,
     * the next snapshot's views fill the tab (until then it shows the recording's last).
     */
    public void setReplaying(boolean on) {
        replaying = on;
        if (on) {
            reset();
        } else if (rows.isEmpty()) {
            status.set("No aggregates yet");
        }
    }

    public boolean replaying() {
        return replaying;
    }

    /** The row of the aggregate with {@code key}, or null. */
    public AggregateRow row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    /** The aggregate whose reservation is {@code session}, as the last snapshot showed it. */
    public Optional<AggregateView> aggregate(SessionId session) {
        return views.stream().filter(v -> v.session().equals(session)).findFirst();
    }

    /** What the map writes on each hop of an aggregate drawn as a bundle: its name and DSCP. */
    public static String bundleLabel(AggregateRow r) {
        return "aggregate " + r.name() + " (DSCP " + r.dscp() + ")";
    }

    /**
     * A preemption that involves a known aggregate, in one sentence with the aggregates' names: an interior router
     * reducing or preempting an aggregate for another, or a deaggregator preempting a microflow to fit its
     * reduced aggregate (with the interior reduction that caused it). Empty for other preemptions.
     */
    public Optional<String> notice(RsvpEvent.Preempted p) {
        Optional<AggregateView> victim = aggregate(p.victim());
        Optional<AggregateView> by = aggregate(p.preemptor());
        if (by.isPresent() && by.get().deaggregator().equals(p.node())) {
            // RFC 4495 §3 at the deaggregator: the microflow goes so that the rest fits what the aggregate kept.
            AggregateView a = by.get();
            RsvpEvent.Preempted cause = lastTaken.get(a.session());
            String flow = flowName(p.victim()) + " (priority " + p.defendingPriority() + ", "
                + Units.rate(p.takenBytesPerSecond()) + ")";
            String first = cause == null ? "Aggregate " + a.name() + (p.freeBytesPerSecond() > 0 ? " was reduced to "
                + Units.rate(p.freeBytesPerSecond()) : " was preempted") : taken(cause);
            return Optional.of(first + "; deaggregator " + p.node() + " preempted microflow " + flow
                + (p.freeBytesPerSecond() > 0 ? " to fit, the other microflows of " + a.name()
                    + " keep their reservation." : ": " + a.name() + " and all its microflows are torn down"
                    + " (no RFC 4495 at " + p.node() + ")."));
        }
        if (victim.isPresent() || by.isPresent()) {
            return Optional.of(taken(p) + ".");
        }
        return Optional.empty();
    }

    /** "Aggregate X (priority 200) took 80 kbit/s from aggregate Y on R10 Int8; Y reduced to 320 kbit/s (RFC 4495)" */
    private String taken(RsvpEvent.Preempted p) {
        String victim = name(p.victim());
        String victimName = aggregate(p.victim()).map(AggregateView::name).orElse(victim);
        String preemptor = name(p.preemptor());
        return Character.toUpperCase(preemptor.charAt(0)) + preemptor.substring(1) + (p.preemptionPriority() > 0
            ? " (priority " + p.preemptionPriority() + ")" : "") + " took " + Units.rate(p.takenBytesPerSecond())
            + " from " + victim + " on " + p.node() + " " + p.interfaceName() + "; " + victimName + (p.partial()
                ? " reduced to " + Units.rate(p.remainingBytesPerSecond()) + " (RFC 4495)" : " preempted");
    }

    /**
     * A session as the Preemptions tab names it: an aggregate by its name ("aggregate Y"), a microflow of a known
     * aggregate by its receiver ("microflow H8:6008 of Y"), anything else by its session.
     */
    public String sessionName(SessionId s) {
        if (aggregate(s).isPresent()) {
            return name(s);
        }
        for (AggregateView v : views) {
            if (v.microflows().stream().anyMatch(m -> m.session().equals(s))) {
                return "microflow " + flowName(s) + " of " + v.name();
            }
        }
        return s.toString();
    }

    /** An aggregate by its name, anything else by its session. */
    private String name(SessionId s) {
        return aggregate(s).map(a -> "aggregate " + a.name()).orElse(s.toString());
    }

    /** A microflow by its receiver's node and port ("H8:6008"). */
    public String flowName(SessionId s) {
        String node = nodeByAddress.get(s.destination());
        return (node == null ? s.destination().toString() : node) + ":" + s.port();
    }

    private String senderName(SenderAddress s) {
        String node = nodeByAddress.get(s.address());
        return (node == null ? s.address().toString() : node) + ":" + s.port();
    }

    private AggregateRow row(AggregateView v) {
        int admitted = v.admitted().size();
        int preempted = v.microflows().size() - admitted;
        return new AggregateRow(v.deaggregator() + "/" + v.name(), v.name(), v.aggregator(), v.deaggregator(),
            v.dscp(), v.reservedBytesPerSecond(), Units.rate(v.reservedBytesPerSecond()), admitted, preempted,
            admitted + (preempted > 0 ? " (" + preempted + " preempted)" : ""),
            Units.rate(v.bulkBytesPerSecond()) + " steps, hysteresis " + Units.rate(v.hysteresisBytesPerSecond()),
            v.priority() == null ? "-" : v.priority().toString(), v.session());
    }

    private void showMicroflows() {
        String key = selected.get();
        AggregateView v = key == null ? null : views.stream().filter(x -> (x.deaggregator() + "/" + x.name())
            .equals(key)).findFirst().orElse(null);
        List<MicroflowRow> next = new ArrayList<>();
        if (v != null) {
            for (AggregateView.Microflow m : v.microflows()) {
                next.add(new MicroflowRow(v.name(), v.dscp(), flowName(m.session()), m.session(),
                    m.senders().stream().map(this::senderName).collect(Collectors.joining(", ")),
                    m.bandwidthBytesPerSecond(), Units.rate(m.bandwidthBytesPerSecond()),
                    m.setupPriority() + "/" + m.defendingPriority(),
                    m.state() == AggregateView.State.ADMITTED ? "admitted" : "preempted"));
            }
        }
        update(microflows, next);
    }

    /** Changes {@code list} into {@code next} in place: equal rows stay, so a table keeps its selection. */
    private static <T> void update(ObservableList<T> list, List<T> next) {
        for (int i = 0; i < next.size(); i++) {
            if (i >= list.size()) {
                list.addAll(next.subList(i, next.size()));
                break;
            }
            if (!list.get(i).equals(next.get(i))) {
                list.set(i, next.get(i));
            }
        }
        if (list.size() > next.size()) {
            list.remove(next.size(), list.size());
        }
    }
}
