package org.rsvpconsole.ui.shell;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.ui.aggregates.AggregatesViewModel;
import org.rsvpconsole.ui.charts.ChartsViewModel;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.events.EventLogViewModel;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.events.NeighbourWords;
import org.rsvpconsole.ui.inspector.InspectorViewModel;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.preemption.PreemptionsViewModel;
import org.rsvpconsole.ui.replay.ReplayTarget;
import org.rsvpconsole.ui.replay.TimelineViewModel;
import org.rsvpconsole.ui.reservations.LspTableViewModel;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;
import org.rsvpconsole.ui.reserve.ReserveViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/**
 * The console's root view model: owns the feature view models, the status bar's text, the clock controls, the theme
 * and the operator's notices. Engine batches reach it through the {@link EventPump} only. FX thread only.
 */
public final class MainViewModel implements ReplayTarget {

    /** The two themes. */
    public enum Theme { LIGHT, DARK }

    /** How often the state tables and the event log follow the events. */
    public static final long TABLE_REFRESH_NANOS = 250_000_000L;
    /** One notice per neighbour and kind of problem in this much engine time; the rest are in the event log. */
    public static final long NEIGHBOUR_NOTICE_NANOS = 60_000_000_000L;

    private final LiveNetwork network;
    private final StateTablesViewModel tables;
    private final EventLogViewModel events;
    private final TopologyViewModel map;
    private final InspectorViewModel inspector;
    private final ChartsViewModel charts;
    private final LspTableViewModel lsps;
    private final PreemptionsViewModel preemptions;
    private final AggregatesViewModel aggregates;
    private final StringProperty clock = new SimpleStringProperty("0:00:00");
    private final StringProperty counts = new SimpleStringProperty("");
    private final StringProperty speed = new SimpleStringProperty("x1");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty trafficMix = new SimpleBooleanProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    /** Operator-words notices of failures, newest last; the view shows each as a notification. */
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private long eventCount;
    private boolean replaying;
    /** Engine time of the last notice per node, neighbour and kind of neighbour problem. */
    private final java.util.Map<String, Long> lastNeighbourNotice = new java.util.HashMap<>();
    /** Live events kept while going back from replay to live (see {@link TimelineViewModel#backToLive}). */
    private java.util.List<RsvpEvent> stash;
    /** Per node, the highest sequence fed from the recording when going back to live; null when none. */
    private java.util.Map<String, Long> recordedAlready;
    private TimelineViewModel timeline = new TimelineViewModel(null, true, this, Runnable::run, Runnable::run);
    private long lastCounts = System.nanoTime() - 1_000_000_000L;

    public MainViewModel(LiveNetwork network) {
        this.network = network;
        this.tables = new StateTablesViewModel(network.topology(), network::priorities);
        this.events = new EventLogViewModel();
        this.map = new TopologyViewModel(network.topology());
        this.inspector = new InspectorViewModel(network, tables);
        this.charts = new ChartsViewModel(network.topology());
        this.lsps = new LspTableViewModel(network.topology());
        inspector.setLsps(lsps);
        lsps.selectedProperty().addListener((o, a, b) -> showLsp(b));
        this.aggregates = new AggregatesViewModel(network.topology());
        this.preemptions = new PreemptionsViewModel(aggregates::sessionName);
        // An aggregate selected: the map draws its reservation as a bundle labelled with its name and DSCP.
        aggregates.selectedProperty().addListener((o, a, b) -> {
            var row = b == null ? null : aggregates.row(b);
            if (row != null) {
                map.highlightBundle(row.session(), AggregatesViewModel.bundleLabel(row));
            }
        });
        // A preemption selected: its victim's session, as the event log selects an event's session.
        preemptions.selectedProperty().addListener((o, a, b) -> {
            if (b != null) {
                follow(EventLogViewModel.row(b.event()));
            }
        });
        // Tables follow the events 4 times a second, not on every pulse (docs/decisions/0015).
        tables.setRefreshNanos(TABLE_REFRESH_NANOS);
        events.setRefreshNanos(TABLE_REFRESH_NANOS);
        charts.linkProperty().bind(map.selectedLinkProperty());
        charts.sessionProperty().bind(map.highlightedSessionProperty());
        paused.set(network.isPaused());
        trafficMix.set(network.trafficMix());
        speed.set(speedText(network.speed()));
        events.selectedProperty().addListener((o, a, b) -> follow(b));
        map.selectedNodeProperty().addListener((o, a, b) -> {
            if (b != null) {
                inspector.showNode(b);
            }
        });
        map.selectedLinkProperty().addListener((o, a, b) -> {
            if (b != null) {
                inspector.showLink(b, map.directionsOf(b));
            }
        });
    }

    /** Wires this view model to the pump: called once, FX thread. */
    public void attach(EventPump pump) {
        pump.addListener(this::fromPump);
    }

    private void fromPump(EventPump.Batch batch) {
        if (!replaying) {
            apply(recordedAlready == null ? batch : withoutRecorded(batch));
        } else if (stash != null) {
            stash.addAll(batch.events());
        }
    }

    /**
     * Drops events already fed from the recording when going back to live. Those can only be in the pump's first
     * batches after the switch: once a non-empty batch had none, the filter is dropped.
     */
    private EventPump.Batch withoutRecorded(EventPump.Batch batch) {
        java.util.List<RsvpEvent> keep = new java.util.ArrayList<>(batch.events().size());
        for (RsvpEvent e : batch.events()) {
            if (e.sequence() > recordedAlready.getOrDefault(e.node(), 0L)) {
                keep.add(e);
            }
        }
        if (!batch.events().isEmpty() && keep.size() == batch.events().size()) {
            recordedAlready = null;
        }
        return batch.withEvents(keep);
    }

    /** The replay timeline (one without a history when nothing is recorded). */
    public TimelineViewModel timeline() {
        return timeline;
    }

    public void setTimeline(TimelineViewModel timeline) {
        this.timeline = timeline;
    }

    public boolean replaying() {
        return replaying;
    }

    @Override
    public void reset() {
        tables.reset();
        lsps.reset();
        aggregates.reset();
        preemptions.reset();
        events.reset();
        map.reset();
        charts.reset();
        inspector.clear();
        eventCount = 0;
        lastCounts = System.nanoTime() - 1_000_000_000L;
    }

    @Override
    public void feed(EventPump.Batch batch) {
        apply(batch);
        lastCounts = System.nanoTime() - 1_000_000_000L;
        updateCounts();
    }

    @Override
    public void setReplaying(boolean on) {
        replaying = on;
        lsps.setReplaying(on);
        aggregates.setReplaying(on);
        // Replay feeds whole jumps and steps and the pump no longer drives the views: nothing may be held back.
        long refresh = on ? 0 : TABLE_REFRESH_NANOS;
        tables.setReplaying(on);
        tables.setRefreshNanos(refresh);
        events.setRefreshNanos(refresh);
        status.set(on ? "Replay: the views show the recorded history; Back to live returns" : "Live");
    }

    @Override
    public void beginStash() {
        stash = new java.util.ArrayList<>();
    }

    @Override
    public void resumeLive(java.util.Map<String, Long> recorded, long engineNowNanos) {
        java.util.List<RsvpEvent> kept = stash == null ? java.util.List.of() : stash;
        stash = null;
        recordedAlready = new java.util.HashMap<>(recorded);
        setReplaying(false);
        apply(withoutRecorded(new EventPump.Batch(kept, null, Math.max(engineNowNanos, network.nowNanos()))));
        recordedAlready = new java.util.HashMap<>(recorded);
        updateCounts();
    }

    void apply(EventPump.Batch batch) {
        tables.apply(batch);
        lsps.apply(batch);
        if (batch.lsps() != null) {
            inspector.refreshLsp();
        }
        events.apply(batch);
        // The aggregates first: the preemption rows name aggregates by the views of the same batch.
        aggregates.apply(batch);
        preemptions.apply(batch);
        map.apply(batch);
        charts.apply(batch);
        eventCount += batch.events().size();
        for (RsvpEvent e : batch.events()) {
            notice(e);
        }
        clock.set(Units.clock(batch.engineNowNanos()));
        // The counts change with every pulse; a label re-laid out 60 times a second is wasted work: 4 a second.
        long wall = System.nanoTime();
        if (wall - lastCounts < 250_000_000L) {
            return;
        }
        lastCounts = wall;
        updateCounts();
    }

    private void updateCounts() {
        counts.set(network.topology().nodes().size() + " nodes, " + network.topology().links().size() + " links, "
            + tables.sessionCountProperty().get() + " sessions, " + tables.reservations().size() + " reservations, "
            + eventCount + " events");
    }

    /** Turns a failure into a sentence an operator understands, marks the place on the map, and queues it. */
    private void notice(RsvpEvent e) {
        String text = switch (e) {
            case RsvpEvent.AdmissionFailed a -> "Reservation refused at " + a.node() + " on " + a.interfaceName()
                + ": it asked for " + Units.rate(a.requestedBytesPerSecond()) + " but only "
                + Units.rate(a.freeBytesPerSecond()) + " is free (" + a.reason() + "). Session " + a.session() + ".";
            case RsvpEvent.PolicyRejected p -> "Local policy at " + p.node() + " refused the " + p.direction()
                + " of session " + p.session() + ": " + p.reason() + ".";
            case RsvpEvent.ResvState r when r.change() == StateChange.TIMED_OUT -> "The reservation of session "
                + r.session() + " at " + r.node() + " timed out: its next hop stopped refreshing it.";
            case RsvpEvent.PathState p when p.change() == StateChange.TIMED_OUT -> "The path of sender " + p.sender()
                + " at " + p.node() + " timed out: no Path refresh arrived in time.";
            case RsvpEvent.Preempted p when p.victim().protocol() == 0 && p.preemptor().protocol() == 0 ->
                // RSVP-TE LSPs (protocol 0, port = tunnel ID): their priorities in RFC 3209's terms, 0 best.
                "LSP tunnel " + p.preemptor().port() + " (setup priority " + (7 - p.preemptionPriority())
                    + ") preempted LSP tunnel " + p.victim().port() + " (holding priority "
                    + (7 - p.defendingPriority()) + ") on " + p.node() + " " + p.interfaceName() + ", taking "
                    + Units.rate(p.takenBytesPerSecond()) + "; LSPs are preempted whole.";
            // An aggregate's preemption in its own words, else the sessions'.
            case RsvpEvent.Preempted p -> aggregates.notice(p).orElseGet(() -> p.preemptor()
                + (p.preemptionPriority() > 0 ? " (priority " + p.preemptionPriority() + ")" : "") + " took "
                + Units.rate(p.takenBytesPerSecond()) + " from " + p.victim() + " on " + p.node() + " "
                + p.interfaceName() + "; " + p.victim() + (p.partial()
                    ? " reduced to " + Units.rate(p.remainingBytesPerSecond()) + " (RFC 4495)." : " preempted."));
            case RsvpEvent.NeighbourEvent n -> neighbourNotice(n);
            default -> null;
        };
        if (text != null) {
            map.markTrouble(e.node());
            if (replaying) {
                return; // the replayed log shows it; no popups for the past
            }
            notices.add(text);
            if (notices.size() > 200) {
                notices.remove(0);
            }
        }
    }

    /**
     * A neighbour problem in operator words; the same problem with the same neighbour again within
     * {@link #NEIGHBOUR_NOTICE_NANOS} (a mis-keyed neighbour fails every message) is only in the event log.
     */
    private String neighbourNotice(RsvpEvent.NeighbourEvent n) {
        String key = n.node() + "|" + n.neighbour() + "|" + n.kind();
        Long last = lastNeighbourNotice.get(key);
        if (last != null && n.timeNanos() - last < NEIGHBOUR_NOTICE_NANOS && n.timeNanos() >= last) {
            return null;
        }
        java.util.Optional<String> text = NeighbourWords.notice(n, tables.nodeName(n.neighbour()) + " ("
            + n.neighbour() + ")");
        text.ifPresent(t -> lastNeighbourNotice.put(key, n.timeNanos()));
        return text.orElse(null);
    }

    private void follow(EventRow row) {
        if (row == null) {
            return;
        }
        map.selectedNodeProperty().set(row.node());
        if (row.session() != null) {
            map.highlight(row.session());
        }
        inspector.showEvent(row);
        if (row.event() instanceof RsvpEvent.LabelBound l) {
            // A label binding belongs to one LSP: select it (table, map, inspector follow).
            if (l.lsp().equals(lsps.selectedProperty().get())) {
                showLsp(l.lsp());
            } else {
                lsps.selectedProperty().set(l.lsp());
            }
        }
    }

    /** An LSP selected anywhere: the map draws its recorded route with labels, the inspector its hops. */
    private void showLsp(org.rsvpconsole.engine.api.LspId id) {
        if (id == null) {
            return;
        }
        map.highlightLsp(id);
        inspector.showLsp(id);
    }

    public void togglePause() {
        if (network.isPaused()) {
            network.resume();
        } else {
            network.pause();
        }
        paused.set(network.isPaused());
        status.set(paused.get() ? "Simulation clock paused" : "Simulation clock running");
    }

    /** Multiplies the clock's speed by {@code factor} (within x0.1..x1000). */
    public void changeSpeed(double factor) {
        double s = Math.clamp(network.speed() * factor, 0.1, 1000);
        network.setSpeed(s);
        speed.set(speedText(s));
        status.set("Simulation clock at " + speedText(s) + (s == 1000 || s == 0.1 ? " (the limit)" : ""));
    }

    /** Back to real time (x1). */
    public void realTime() {
        network.setSpeed(1);
        speed.set(speedText(1));
        status.set("Simulation clock at real time");
    }

    public void setTrafficMix(boolean on) {
        network.setTrafficMix(on);
        trafficMix.set(network.trafficMix());
        status.set(trafficMix.get() ? "Traffic mix on: calls start and stop on their own"
            : "Traffic mix off: no new calls start");
    }

    public CompletableFuture<Void> tearDown(SessionId session) {
        if (replaying) {
            return refusedInReplay();
        }
        status.set("Tearing down " + session);
        return network.tearDown(session);
    }

    /**
     * Changes a reservation's bandwidth to what the operator typed (bit/s, like 128k or 2M); a text that is not a
     * positive bandwidth is refused with a status saying so, and nothing is sent.
     *
     * @return the engine's answer, or empty when refused
     */
    public java.util.Optional<CompletableFuture<Void>> changeBandwidth(SessionId session, String text) {
        var rate = Units.parseRate(text == null ? "" : text.trim());
        if (rate.isEmpty() || !(rate.getAsDouble() > 0)) {
            status.set("Not a bandwidth: '" + text + "' (write bit/s, e.g. 128k or 2M)");
            return java.util.Optional.empty();
        }
        CompletableFuture<Void> f = changeBandwidth(session, rate.getAsDouble());
        f.whenComplete((v, ex) -> {
            if (ex != null) {
                javafx.application.Platform.runLater(() -> status.set("Could not change " + session + ": "
                    + (ex.getCause() == null ? ex.getMessage() : ex.getCause().getMessage())));
            }
        });
        return java.util.Optional.of(f);
    }

    public CompletableFuture<Void> changeBandwidth(SessionId session, double bytesPerSecond) {
        if (replaying) {
            return refusedInReplay();
        }
        status.set("Changing " + session + " to " + Units.rate(bytesPerSecond));
        return network.changeBandwidth(session, bytesPerSecond);
    }

    private CompletableFuture<Void> refusedInReplay() {
        status.set("The console is replaying the past: Back to live to change reservations");
        return CompletableFuture.failedFuture(new IllegalStateException("replaying: back to live first"));
    }

    public ReserveViewModel newReservation() {
        return new ReserveViewModel(network);
    }

    private static String speedText(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "x%.0f", s) : String.format(Locale.ROOT, "x%.1f", s);
    }

    public String networkName() {
        return network.topology().name();
    }

    public LiveNetwork network() {
        return network;
    }

    public StateTablesViewModel tables() {
        return tables;
    }

    public EventLogViewModel events() {
        return events;
    }

    public TopologyViewModel map() {
        return map;
    }

    /** The LSP table and the nodes' label tables (RSVP-TE). */
    public LspTableViewModel lsps() {
        return lsps;
    }

    /** The RFC 3175 aggregates and the microflows of the selected one. */
    public AggregatesViewModel aggregates() {
        return aggregates;
    }

    /** The preemption history (RFC 3181 preemptions and RFC 4495 reductions), newest first. */
    public PreemptionsViewModel preemptions() {
        return preemptions;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public StringProperty clockProperty() {
        return clock;
    }

    public StringProperty countsProperty() {
        return counts;
    }

    public StringProperty speedProperty() {
        return speed;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty trafficMixProperty() {
        return trafficMix;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObservableList<String> notices() {
        return notices;
    }

    public StringProperty statusProperty() {
        return status;
    }
}
