package org.rsvpconsole.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.RsvpEvent;

/**
 * The one place engine state reaches the FX thread. The engine's thread only appends events to a lock-free queue;
 * once per JavaFX pulse the pump drains it and hands the whole batch to the view models, together with the newest
 * network snapshot (requested a few times a second). So the engine never waits for the UI, the UI never blocks on the
 * engine, and however many events arrive between two frames the view models are updated once per frame.
 */
public final class EventPump {

    /** How often a fresh snapshot of link state is requested. */
    public static final long SNAPSHOT_PERIOD_NANOS = 500_000_000L;

    /**
     * A batch for the view models: the events since the last pulse, a snapshot if a new one arrived, and the views
     * that replay cannot rebuild from events, so a history records them apart: the LSP views
     * ({@link LiveNetwork#lsps}) and the aggregate views ({@link NetworkSnapshot#aggregates}) if new ones arrived
     * (null when none did, or, in replay, when a history has none to give).
     */
    public record Batch(List<RsvpEvent> events, NetworkSnapshot snapshot, long engineNowNanos, List<LspView> lsps,
                        List<AggregateView> aggregates) {

        public Batch(List<RsvpEvent> events, NetworkSnapshot snapshot, long engineNowNanos) {
            this(events, snapshot, engineNowNanos, null, null);
        }

        public Batch(List<RsvpEvent> events, NetworkSnapshot snapshot, long engineNowNanos, List<LspView> lsps) {
            this(events, snapshot, engineNowNanos, lsps, null);
        }

        /** A live pulse's batch: the aggregate views are the snapshot's. */
        public static Batch live(List<RsvpEvent> events, NetworkSnapshot snapshot, long engineNowNanos,
                                 List<LspView> lsps) {
            return new Batch(events, snapshot, engineNowNanos, lsps, snapshot == null ? null : snapshot.aggregates());
        }

        /** The same batch with other events (the views stay). */
        public Batch withEvents(List<RsvpEvent> other) {
            return new Batch(other, snapshot, engineNowNanos, lsps, aggregates);
        }
    }

    private final LiveNetwork network;
    private final Queue<RsvpEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<NetworkSnapshot> latestSnapshot = new AtomicReference<>();
    private final AtomicReference<List<LspView>> latestLsps = new AtomicReference<>();
    private final AtomicBoolean snapshotPending = new AtomicBoolean();
    private final List<Consumer<Batch>> listeners = new ArrayList<>();
    private final PulseStatistics statistics = new PulseStatistics();
    private long lastSnapshotRequest;
    private AnimationTimer timer;

    public EventPump(LiveNetwork network) {
        this.network = network;
        network.subscribe(queue::add);
    }

    /** Registers a view model; FX thread. */
    public void addListener(Consumer<Batch> listener) {
        listeners.add(listener);
    }

    /** Starts draining once per pulse; FX thread. */
    public void start() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse(now);
            }
        };
        timer.start();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    public PulseStatistics statistics() {
        return statistics;
    }

    /** One pulse: drain, apply, maybe ask for a snapshot. Public so tests can drive it without a timer. */
    public void pulse(long nowNanos) {
        long t0 = System.nanoTime();
        List<RsvpEvent> events = new ArrayList<>();
        RsvpEvent e;
        while ((e = queue.poll()) != null) {
            events.add(e);
        }
        NetworkSnapshot snapshot = latestSnapshot.getAndSet(null);
        List<LspView> lsps = latestLsps.getAndSet(null);
        if (nowNanos - lastSnapshotRequest >= SNAPSHOT_PERIOD_NANOS && snapshotPending.compareAndSet(false, true)) {
            lastSnapshotRequest = nowNanos;
            // The LSP views are asked for first, on the same engine thread, so they are there by the time the
            // snapshot completes: the pulse that brings a snapshot brings the LSPs of the same moment.
            CompletableFuture<List<LspView>> l = network.lsps();
            network.snapshot().whenComplete((s, ex) -> {
                // A failed or late LSP request costs this round its LSP views, never the snapshots after it.
                List<LspView> v = l.isDone() && !l.isCompletedExceptionally() ? l.getNow(null) : null;
                if (v != null) {
                    latestLsps.set(v);
                }
                if (s != null) {
                    latestSnapshot.set(s);
                }
                snapshotPending.set(false);
            });
        }
        Batch batch = Batch.live(events, snapshot, network.nowNanos(), lsps);
        for (Consumer<Batch> l : listeners) {
            l.accept(batch);
        }
        statistics.record(System.nanoTime() - t0, events.size());
    }
}
