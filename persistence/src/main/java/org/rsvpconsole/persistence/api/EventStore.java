package org.rsvpconsole.persistence.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.persistence.jdbc.JdbcEventStore;

/**
 * The history store: an append-only log written by one background thread, and the queries replay needs.
 * {@link #offer} never blocks (the engine never waits on the database); see docs/persistence.md for the
 * durability rule and what happens when the buffer is full.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Opens (creating and migrating when needed) the store at a JDBC URL ({@code jdbc:h2:...} or
     * {@code jdbc:postgresql://...}) or at an H2 file path. An existing H2 file is checked as a user-chosen file.
     */
    static EventStore open(String urlOrPath) {
        return JdbcEventStore.open(urlOrPath);
    }

    /** The default embedded store: {@code $XDG_DATA_HOME/rsvp-console/history} (or ~/.local/share/...). */
    static Path defaultLocation() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("rsvp-console").resolve("history");
    }

    /** Queues an entry for writing; false (and counted as lost, then logged as such) when the buffer is full. */
    boolean offer(HistoryEntry entry);

    /**
     * Queues an entry, waiting for room when the buffer is full: for recordings that may wait (a simulation, an
     * import), never for the live engine. Implementations without waiting refuse with a {@link StoreException}.
     */
    default void put(HistoryEntry entry) throws InterruptedException {
        if (!offer(entry)) {
            throw new StoreException("the history store's buffer is full");
        }
    }

    /** An engine event sink that records every event, mapping engine time to wall time from {@code originNanos}. */
    default EventSink sink(long originEpochNanos) {
        return e -> offer(new HistoryEntry.Engine(originEpochNanos + e.timeNanos(), e));
    }

    StoreStatus status();

    /** Called on the writer thread with the last committed id after each commit. */
    void onCommit(LongConsumer listener);

    /** Waits until everything offered so far is committed. */
    void flush() throws InterruptedException;

    /** Entries in time order (then log order) matching the filter. Reads committed data only. */
    List<StoredEntry> events(EventFilter filter);

    /** The network as it was after the last entry at or before {@code atNanos}: snapshot plus replay. */
    NetworkState stateAt(long atNanos);

    /** Reserved bandwidth over time, per link direction or per session, starting with the state at {@code from}. */
    List<BandwidthPoint> bandwidth(long fromNanos, long toNanos, boolean perSession);

    /** Checks that every stream's sequence and the global id are contiguous from 1; the problem, or null. */
    String checkContiguous();

    /** Writes the whole history (every entry, self-describing) to a file {@link #importHistory} reads. */
    void exportHistory(Path file) throws IOException;

    /** Appends every entry of an exported history file to this (empty) store; returns how many. */
    long importHistory(Path file) throws IOException;

    /** CSV of entries: id, stream, seq, time (ISO-8601 UTC), kind, node, session, summary. */
    static void writeCsv(List<StoredEntry> entries, Writer out) throws IOException {
        HistoryText.csv(entries, out);
    }

    /** JSON array of entries with the same fields as the CSV. */
    static void writeJson(List<StoredEntry> entries, Writer out) throws IOException {
        HistoryText.json(entries, out);
    }

    /** Stops the writer after committing what is buffered, and closes the database. */
    @Override
    void close();
}
