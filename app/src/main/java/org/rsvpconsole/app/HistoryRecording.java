package org.rsvpconsole.app;

import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.live.TopologyViews;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoreException;
import org.rsvpconsole.persistence.api.StoreStatus;

/**
 * {@code simulate --db}: a run recorded into a history store, topology first, virtual time 0 at wall time now.
 * {@code daemon --db}: a live node recorded the same way, its monotonic clock mapped to wall time; its events are
 * only offered (the engine never waits on the store).
 */
final class HistoryRecording implements AutoCloseable {

    private final EventStore store;
    private final long originNanos;
    private boolean closed;

    private HistoryRecording(EventStore store, long originNanos) {
        this.store = store;
        this.originNanos = originNanos;
    }

    static HistoryRecording open(String db, Topology topology) {
        EventStore store = store(db);
        long origin = wallNanos();
        HistoryRecording r = new HistoryRecording(store, origin);
        r.topology(topology, origin);
        return r;
    }

    private static EventStore store(String db) {
        try {
            return EventStore.open(db);
        } catch (StoreException e) {
            throw new UserException(e.getMessage());
        }
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * A live node's recording (the daemon): engine times are {@link System#nanoTime()}, mapped to wall time from
     * now. Its topology comes with {@link #topology} once the node knows its interfaces, stamped with this moment,
     * so it sorts before every event of the run.
     */
    static HistoryRecording live(String db) {
        EventStore store = store(db);
        long epoch = wallNanos();
        HistoryRecording r = new HistoryRecording(store, epoch - System.nanoTime());
        r.startedAt = epoch;
        return r;
    }

    private long startedAt;

    /** Records the live node's topology (its interfaces and their bandwidth) at the recording's start. */
    void topology(Topology topology) {
        topology(topology, startedAt);
    }

    private void topology(Topology topology, long atEpochNanos) {
        int version = store.status().committed() == 0 ? 1 : nextTopologyVersion(store);
        store.offer(new HistoryEntry.Topology(atEpochNanos, version, TopologyViews.of(topology)));
    }

    /** The live engine's sink: offers only; what the store cannot take is counted as lost (docs/persistence.md). */
    EventSink liveSink() {
        return store.sink(originNanos);
    }

    /** Records an operator action of the daemon (who did or tried what); offered, as its events are. */
    void action(HistoryEntry.OperatorAction a) {
        store.offer(a);
    }

    /** Entries the store had to drop (its buffer full) or a database failure, for the daemon's last words. */
    String problems() {
        StoreStatus s = store.status();
        if (s.failure() != null) {
            return "recording failed: " + s.failure();
        }
        return s.lost() > 0 ? s.lost() + " events could not be recorded (the store fell behind)" : null;
    }

    private static int nextTopologyVersion(EventStore store) {
        return store.events(org.rsvpconsole.persistence.api.EventFilter.all(Integer.MAX_VALUE).withKind("Topology"))
            .stream().mapToInt(e -> ((HistoryEntry.Topology) e.entry()).version()).max().orElse(0) + 1;
    }

    /** Every event recorded; a simulation waits for the store rather than lose events (the live engine never). */
    EventSink sink() {
        return e -> {
            try {
                store.put(new HistoryEntry.Engine(originNanos + e.timeNanos(), e));
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static EventSink both(EventSink a, EventSink b) {
        return a == EventSink.NONE ? b : e -> {
            a.accept(e);
            b.accept(e);
        };
    }

    /** Waits until everything is committed; a loss or a database failure is an error the user sees. */
    void finish() {
        try {
            store.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while recording the history");
        }
        StoreStatus s = store.status();
        if (s.failure() != null) {
            throw new UserException("--db: recording failed: " + s.failure());
        }
        if (s.lost() > 0) {
            throw new UserException("--db: " + s.lost() + " events could not be recorded (the store fell behind)");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
