package org.rsvpconsole.ui.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.NetworkStateReducer;
import org.rsvpconsole.persistence.api.StoreStatus;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.ui.charts.ChartsViewModel;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The replay timeline: which instant of the recorded history the console shows, and the controls that move it (play,
 * pause, step to the next or previous entry, speed x1 to x1000, jump to a time or an event, back to live).
 *
 * <p>The shown instant is a position in the run's entries: the state after the first {@code position} of them,
 * i.e. after the last entry at or before the replay time, as {@link EventStore#stateAt} defines it. Moving forward
 * folds the new entries into a {@link NetworkStateReducer} and feeds their engine events, with the reduced state as
 * the snapshot, to the {@link ReplayTarget}; moving back resets the target and refeeds from the run's start. FX
 * thread only; loading from the store runs on {@code worker}.
 */
public final class TimelineViewModel {

    /** The speeds offered, replay seconds per wall second. */
    public static final List<Integer> SPEEDS = List.of(1, 10, 100, 1000);
    private static final long SECOND = 1_000_000_000L;
    private static final DateTimeFormatter BANNER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS",
        Locale.ROOT).withZone(ZoneId.systemDefault());

    private final EventStore store;
    private final boolean live;
    private final ReplayTarget target;
    private final Executor worker;
    private final Consumer<Runnable> fx;
    private final BooleanProperty replaying = new SimpleBooleanProperty();
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final IntegerProperty speed = new SimpleIntegerProperty(1);
    private final StringProperty banner = new SimpleStringProperty("");
    private final StringProperty positionText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty recording = new SimpleStringProperty("");
    private final BooleanProperty recordingTrouble = new SimpleBooleanProperty();
    /** The replay time as a share of the run, 0..1 (the slider). */
    private final DoubleProperty fraction = new SimpleDoubleProperty();
    private HistoryRun run;
    private NetworkStateReducer reducer;
    private int position;
    private long replayNanos;
    /** The LSP views at {@link #position} (the last LspState entry), or null for a history without any. */
    private List<LspView> lsps;
    /** The aggregate views at {@link #position} (the last AggregateState entry), or null for a history without any. */
    private List<AggregateView> aggregates;

    /**
     * @param store  the history (null: not recording, so nothing to replay)
     * @param live   whether a live network runs behind the replay (false for an opened history file)
     * @param worker runs store reads off the FX thread
     * @param fx     runs a task on the FX thread
     */
    public TimelineViewModel(EventStore store, boolean live, ReplayTarget target, Executor worker,
                             Consumer<Runnable> fx) {
        this.store = store;
        this.live = live;
        this.target = target;
        this.worker = worker;
        this.fx = fx;
        refreshRecording();
    }

    /** Replays the recording of the live network, starting at its newest recorded instant. */
    public void enterReplay() {
        enterReplay(null);
    }

    /** Replays the recording of the live network at {@code event} (null: at its newest recorded instant). */
    public void enterReplay(RsvpEvent event) {
        if (store == null) {
            message.set("Not recording (--no-record): there is no history to replay");
            return;
        }
        if (busy.get()) {
            return;
        }
        busy.set(true);
        message.set("Reading the history...");
        worker.execute(() -> {
            HistoryRun loaded;
            try {
                store.flush();
                loaded = HistoryRun.latest(store);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fx.accept(() -> failed("interrupted"));
                return;
            } catch (RuntimeException e) {
                fx.accept(() -> failed(e.getMessage()));
                return;
            }
            fx.accept(() -> {
                busy.set(false);
                if (loaded == null) {
                    message.set("Nothing recorded yet");
                    return;
                }
                show(loaded);
                if (event != null) {
                    jumpToEvent(event);
                }
            });
        });
    }

    private void failed(String why) {
        busy.set(false);
        message.set("Cannot read the history: " + why);
    }

    /** Shows {@code loaded} in replay at its last entry. FX thread. */
    public void show(HistoryRun loaded) {
        run = loaded;
        target.setReplaying(true);
        replaying.set(true);
        rebuild(loaded.entries().size());
        replayNanos = loaded.endNanos();
        message.set(loaded.runs() > 1 ? "Replaying the last of " + loaded.runs() + " recorded runs"
            : "Replaying " + loaded.entries().size() + " recorded entries");
        update();
    }

    /** Starts playing from the shown instant (from the start when at the end). */
    public void play() {
        if (!replaying.get()) {
            return;
        }
        if (position == run.entries().size()) {
            seek(0, run.originNanos());
        }
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Advances a playing replay by {@code wallNanos} of wall time at the current speed; stops at the end. */
    public void tick(long wallNanos) {
        if (!playing.get() || !replaying.get()) {
            return;
        }
        long to = replayNanos + wallNanos * speed.get();
        if (to >= run.endNanos()) {
            seek(run.entries().size(), run.endNanos());
            playing.set(false);
            message.set("End of the recorded history");
            return;
        }
        seek(upperBound(to), to);
    }

    /** Shows the state after the next entry. */
    public void stepForward() {
        if (replaying.get() && position < run.entries().size()) {
            pause();
            seek(position + 1, run.entries().get(position).atNanos());
        }
    }

    /** Shows the state before the entry last applied. */
    public void stepBack() {
        if (replaying.get() && position > 0) {
            pause();
            int p = position - 1;
            seek(p, p == 0 ? run.originNanos() : run.entries().get(p - 1).atNanos());
        }
    }

    /** Shows the network as it was at {@code epochNanos} (clamped to the run). */
    public void jumpTo(long epochNanos) {
        if (!replaying.get()) {
            return;
        }
        long t = Math.clamp(epochNanos, run.originNanos(), run.endNanos());
        seek(upperBound(t), t);
    }

    /** Jumps to the share {@code f} (0..1) of the run's duration (the slider). */
    public void jumpToFraction(double f) {
        if (replaying.get()) {
            long span = run.endNanos() - run.originNanos();
            jumpTo(run.originNanos() + Math.round(span * Math.clamp(f, 0, 1)));
        }
    }

    /**
     * Jumps to what the operator typed: an engine time as the event log shows it ({@code 0:01:23.456}, {@code 83s},
     * {@code 83}) or an ISO-8601 instant ({@code 2026-11-22T06:14:00Z}). A text that is neither is refused with a
     * message saying what to write.
     */
    public boolean jumpTo(String text) {
        String t = text == null ? "" : text.trim();
        Long at = parseTime(t);
        if (at == null) {
            message.set("Not a time: '" + t + "' (write an engine time like 0:01:23 or 83s, or an instant like"
                + " 2026-11-22T06:14:00Z)");
            return false;
        }
        if (!replaying.get()) {
            message.set("Start the replay first");
            return false;
        }
        jumpTo(at);
        return true;
    }

    private Long parseTime(String t) {
        if (t.isEmpty()) {
            return null;
        }
        if (t.contains("T")) {
            try {
                Instant i = Instant.parse(t);
                return i.getEpochSecond() * SECOND + i.getNano();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (run == null) {
            return null;
        }
        try {
            String s = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
            String[] parts = s.split(":", -1);
            if (parts.length > 3) {
                return null;
            }
            double seconds = 0;
            for (int i = 0; i < parts.length; i++) {
                double v = Double.parseDouble(parts[i]);
                if (v < 0 || (i > 0 && v >= 60)) {
                    return null;
                }
                seconds = seconds * 60 + v;
            }
            return run.originNanos() + Math.round(seconds * 1e9);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Shows the state right after {@code event} (an event of the log, live or replayed). */
    public boolean jumpToEvent(RsvpEvent event) {
        if (!replaying.get() || event == null) {
            return false;
        }
        List<StoredEntry> entries = run.entries();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entry() instanceof HistoryEntry.Engine e && e.event().node().equals(event.node())
                && e.event().sequence() == event.sequence() && e.event().timeNanos() == event.timeNanos()) {
                pause();
                seek(i + 1, entries.get(i).atNanos());
                return true;
            }
        }
        message.set("That event is not in the recorded history");
        return false;
    }

    /** Sets the speed (clamped to x1..x1000). */
    public void setSpeed(int s) {
        speed.set(Math.clamp(s, 1, 1000));
    }

    /**
     * Back to the live network in one step: keeps the live events arriving from now on, waits until everything the
     * engine produced is committed, rebuilds the views from the whole recorded run and then applies the kept live
     * events that were not yet recorded (by each node's sequence), so nothing is shown twice or lost.
     */
    public void backToLive() {
        if (!replaying.get() || busy.get()) {
            return;
        }
        if (!live) {
            message.set("This history has no live network: File > Open topology runs one");
            return;
        }
        pause();
        busy.set(true);
        target.beginStash();
        worker.execute(() -> {
            HistoryRun loaded;
            try {
                store.flush();
                loaded = HistoryRun.latest(store);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loaded = run;
            } catch (RuntimeException e) {
                loaded = run;
            }
            HistoryRun r = loaded;
            fx.accept(() -> goLive(r));
        });
    }

    private void goLive(HistoryRun loaded) {
        run = loaded;
        rebuild(loaded.entries().size());
        Map<String, Long> shown = new HashMap<>();
        for (StoredEntry s : loaded.entries()) {
            if (s.entry() instanceof HistoryEntry.Engine e) {
                shown.merge(e.event().node(), e.event().sequence(), Math::max);
            }
        }
        target.resumeLive(shown, loaded.endNanos() - loaded.originNanos());
        replaying.set(false);
        busy.set(false);
        run = null;
        reducer = null;
        message.set("Live");
        update();
    }

    /** Index of the first entry after {@code t}: the number of entries at or before it. */
    private int upperBound(long t) {
        List<StoredEntry> e = run.entries();
        int lo = 0;
        int hi = e.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (e.get(mid).atNanos() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void seek(int p, long at) {
        if (p < position) {
            rebuild(p);
        } else if (p > position) {
            forward(p);
        }
        replayNanos = at;
        update();
    }

    private void rebuild(int p) {
        target.reset();
        reducer = new NetworkStateReducer(NetworkState.EMPTY);
        reducer.apply(run.start().id(), run.start().entry());
        lsps = noneYetIfRecorded(HistoryEntry.LspState.class);
        aggregates = noneYetIfRecorded(HistoryEntry.AggregateState.class);
        position = 0;
        forward(p);
    }

    /** A history with records of {@code kind} has none before the first; one without any says so (null). */
    private <T> List<T> noneYetIfRecorded(Class<? extends HistoryEntry> kind) {
        return run.entries().stream().anyMatch(e -> kind.isInstance(e.entry())) ? List.of() : null;
    }

    /**
     * Applies entries up to {@code p}, fed in slices of one engine second, each with the reduced state as its
     * snapshot where the charts keep it (their last {@link ChartsViewModel#WINDOW} seconds), so the charts are
     * refilled as live sampling filled them.
     */
    private void forward(int p) {
        List<StoredEntry> entries = run.entries();
        long origin = run.originNanos();
        if (p == 0) {
            target.feed(new EventPump.Batch(List.of(), snapshot(0), 0, lsps, aggregates));
            position = 0;
            return;
        }
        long endEngine = entries.get(p - 1).atNanos() - origin;
        long chartsFrom = endEngine - ChartsViewModel.WINDOW * SECOND;
        List<RsvpEvent> slice = new ArrayList<>();
        long sliceSecond = Long.MIN_VALUE;
        for (int i = position; i < p; i++) {
            StoredEntry s = entries.get(i);
            long engine = s.atNanos() - origin;
            long second = Math.floorDiv(engine, SECOND);
            if (second != sliceSecond && !slice.isEmpty()) {
                long sliceEnd = entries.get(i - 1).atNanos() - origin;
                // The aggregates with every slice: the preemptions in it are worded by the aggregates' names.
                target.feed(new EventPump.Batch(slice, sliceEnd >= chartsFrom ? snapshot(sliceEnd) : null,
                    sliceEnd, null, aggregates));
                slice = new ArrayList<>();
            }
            sliceSecond = second;
            reducer.apply(s.id(), s.entry());
            if (s.entry() instanceof HistoryEntry.Engine e) {
                slice.add(e.event());
            } else if (s.entry() instanceof HistoryEntry.LspState l) {
                lsps = l.lsps();
            } else if (s.entry() instanceof HistoryEntry.AggregateState a) {
                aggregates = a.aggregates();
            }
        }
        target.feed(new EventPump.Batch(slice, snapshot(endEngine), endEngine, lsps, aggregates));
        position = p;
    }

    private NetworkSnapshot snapshot(long engineNanos) {
        NetworkState s = reducer.state();
        return new NetworkSnapshot(engineNanos, s.directions(), s.nodes().stream().map(NetworkState.NodeState::view)
            .toList());
    }

    private void update() {
        if (!replaying.get()) {
            banner.set("");
            positionText.set("");
            fraction.set(1);
            return;
        }
        long span = run.endNanos() - run.originNanos();
        fraction.set(span == 0 ? 1 : (double) (replayNanos - run.originNanos()) / span);
        banner.set("REPLAY \u2014 " + BANNER_TIME.format(Instant.ofEpochSecond(0, replayNanos)));
        positionText.set("engine " + Units.clock(replayNanos - run.originNanos()) + ", entry " + position + "/"
            + run.entries().size());
    }

    /** Reads the store's status into the status bar's text; call periodically. */
    public void refreshRecording() {
        if (store == null) {
            recording.set(live ? "Not recording" : "");
            recordingTrouble.set(false);
            return;
        }
        if (!live) {
            recording.set("History file");
            recordingTrouble.set(false);
            return;
        }
        StoreStatus s = store.status();
        recordingTrouble.set(s.degraded());
        if (s.failure() != null) {
            recording.set("Recording FAILED: " + s.failure() + " (" + s.lost() + " events not recorded)");
        } else if (s.degraded()) {
            recording.set("Recording falling behind: " + s.buffered() + " of " + s.capacity() + " buffered, "
                + s.lost() + " events not recorded");
        } else {
            recording.set("Recording (" + s.committed() + " entries" + (s.buffered() > 1000 ? ", " + s.buffered()
                + " waiting" : "") + ")");
        }
    }

    /** The engine time of the shown instant (replay) for the status bar's clock. */
    public long engineNanos() {
        return run == null ? 0 : replayNanos - run.originNanos();
    }

    public int position() {
        return position;
    }

    public int size() {
        return run == null ? 0 : run.entries().size();
    }

    public long replayNanos() {
        return replayNanos;
    }

    public HistoryRun run() {
        return run;
    }

    public boolean live() {
        return live;
    }

    public BooleanProperty replayingProperty() {
        return replaying;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public IntegerProperty speedProperty() {
        return speed;
    }

    public StringProperty bannerProperty() {
        return banner;
    }

    /** Where the replay is: engine time and entry number. */
    public StringProperty positionTextProperty() {
        return positionText;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty recordingProperty() {
        return recording;
    }

    public BooleanProperty recordingTroubleProperty() {
        return recordingTrouble;
    }

    public DoubleProperty fractionProperty() {
        return fraction;
    }
}
