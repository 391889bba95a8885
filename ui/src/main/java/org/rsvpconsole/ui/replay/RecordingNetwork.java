package org.rsvpconsole.ui.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * A live network whose history is recorded: a new run (a {@link HistoryEntry.Topology} entry at engine time 0), then
 * every engine event through the store's sink, and every operator action (who, what, on what, when, and the result
 * once the engine answered) as a {@link HistoryEntry.OperatorAction}, and the views replay cannot rebuild from the
 * events, as the console asks for them, whenever they change: LSPs ({@link HistoryEntry.LspState}) and aggregates
 * ({@link HistoryEntry.AggregateState}). Times are the run's origin plus engine time, so events, actions and views
 * share one time line. Everything else is passed through.
 */
public final class RecordingNetwork implements LiveNetwork {

    private final LiveNetwork network;
    private final EventStore store;
    private final long origin;
    private final String who;
    /** The views replay cannot rebuild from the events, each recorded when it changes. */
    private final ChangedViews<LspView> lspViews = new ChangedViews<>(HistoryEntry.LspState::new);
    private final ChangedViews<AggregateView> aggregateViews = new ChangedViews<>(HistoryEntry.AggregateState::new);

    private RecordingNetwork(LiveNetwork network, EventStore store, long origin, String who) {
        this.network = network;
        this.store = store;
        this.origin = origin;
        this.who = who;
    }

    /**
     * Starts recording {@code network} into {@code store}: call before anything else subscribes, so that the store
     * has every event before the console's views see it (going back to live relies on that order).
     */
    public static RecordingNetwork start(LiveNetwork network, EventStore store, String who) {
        long origin = System.currentTimeMillis() * 1_000_000L - network.nowNanos();
        store.offer(new HistoryEntry.Topology(origin, HistoryRun.nextVersion(store), network.topology()));
        network.subscribe(store.sink(origin));
        return new RecordingNetwork(network, store, origin, who);
    }

    /** The recorded network's time origin: engine time 0 in epoch nanoseconds. */
    public long origin() {
        return origin;
    }

    public EventStore store() {
        return store;
    }

    private void record(String action, String target, String result) {
        store.offer(new HistoryEntry.OperatorAction(origin + network.nowNanos(), who, action, target, result));
    }

    private <T> CompletableFuture<T> recorded(String action, String target, CompletableFuture<T> f) {
        return f.whenComplete((v, ex) -> record(action, target, ex == null ? "ok"
            + (v instanceof SessionId s ? " " + s : "") : "failed: " + (ex.getCause() != null
            ? ex.getCause().getMessage() : ex.getMessage())));
    }

    @Override
    public TopologyView topology() {
        return network.topology();
    }

    @Override
    public void subscribe(EventSink sink) {
        network.subscribe(sink);
    }

    @Override
    public long nowNanos() {
        return network.nowNanos();
    }

    @Override
    public CompletableFuture<NetworkSnapshot> snapshot() {
        // The aggregate views as the console asks for them (twice a second, with the snapshot), recorded when they
        // changed: replay shows the Aggregates tab from them (HistoryEntry.AggregateState).
        return network.snapshot().thenApply(s -> {
            aggregateViews.record(s.aggregates());
            return s;
        });
    }

    @Override
    public CompletableFuture<AdmissionPreview> preview(ReserveRequest request) {
        return network.preview(request);
    }

    @Override
    public CompletableFuture<SessionId> reserve(ReserveRequest request) {
        return recorded("reserve", request.senderHost() + " -> " + request.receiverHost() + " port " + request.port()
            + " " + request.style() + " " + request.flow().bandwidth() + " B/s", network.reserve(request));
    }

    @Override
    public CompletableFuture<Void> tearDown(SessionId session) {
        return recorded("teardown", session.toString(), network.tearDown(session));
    }

    @Override
    public CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond) {
        return recorded("change-bandwidth", session + " to " + bandwidthBytesPerSecond + " B/s",
            network.changeBandwidth(session, bandwidthBytesPerSecond));
    }

    @Override
    public Optional<SessionPriorities> priorities(SessionId session) {
        return network.priorities(session);
    }

    @Override
    public CompletableFuture<List<LspView>> lsps() {
        // The views as the console asks for them (twice a second), recorded when they changed: replay shows the
        // LSPs tab from them (HistoryEntry.LspState).
        return network.lsps().thenApply(views -> {
            lspViews.record(views);
            return views;
        });
    }

    /**
     * Views of one kind (LSPs, aggregates) that the events do not carry: each list the console is given is stored
     * as an entry when it differs from the last one stored (none before the first), at the engine's time then.
     */
    private final class ChangedViews<T> {
        private final BiFunction<Long, List<T>, HistoryEntry> entry;
        private List<T> last;

        ChangedViews(BiFunction<Long, List<T>, HistoryEntry> entry) {
            this.entry = entry;
        }

        synchronized void record(List<T> views) {
            if (!views.equals(last)) {
                last = List.copyOf(views);
                store.offer(entry.apply(origin + network.nowNanos(), last));
            }
        }
    }

    @Override
    public List<DissectedField> dissect(byte[] datagram) {
        return network.dissect(datagram);
    }

    @Override
    public void savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        network.savePcap(file, messages);
    }

    @Override
    public boolean isPaused() {
        return network.isPaused();
    }

    @Override
    public void pause() {
        network.pause();
        record("pause", "clock", "ok");
    }

    @Override
    public void resume() {
        network.resume();
        record("resume", "clock", "ok");
    }

    @Override
    public double speed() {
        return network.speed();
    }

    @Override
    public void setSpeed(double speed) {
        network.setSpeed(speed);
        record("speed", "clock", "x" + network.speed());
    }

    @Override
    public boolean trafficMix() {
        return network.trafficMix();
    }

    @Override
    public void setTrafficMix(boolean on) {
        network.setTrafficMix(on);
        record("traffic-mix", on ? "on" : "off", "ok");
    }

    @Override
    public void close() {
        network.close();
    }
}
