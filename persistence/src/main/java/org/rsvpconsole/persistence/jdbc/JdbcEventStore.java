package org.rsvpconsole.persistence.jdbc;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.flywaydb.core.Flyway;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.BandwidthPoint;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.NetworkStateReducer;
import org.rsvpconsole.persistence.api.StoreException;
import org.rsvpconsole.persistence.api.StoreStatus;
import org.rsvpconsole.persistence.api.StoredEntry;

/** The JDBC store behind {@link EventStore}: H2 or PostgreSQL, one writer thread, batched appends. */
public final class JdbcEventStore implements EventStore {

    /** Buffer bound: about ten seconds of a busy network's events. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    static final int BATCH = 8192;
    static final long MAX_COMMIT_DELAY_MS = 100;
    /** A snapshot every this many entries bounds replay work for any instant. */
    static final int SNAPSHOT_EVERY = 10_000;

    private final String url;
    private final Connection writeConnection;
    private final ArrayBlockingQueue<HistoryEntry> queue;
    private final int capacity;
    private final Thread writer;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile long lostFrom;
    private volatile long committedId;
    private volatile long committedOffers;
    private volatile String failure;
    private volatile boolean closing;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> streamSeq = new HashMap<>();
    private final NetworkStateReducer reducer;
    private long lastLostWritten;
    private int sinceSnapshot;

    private JdbcEventStore(String url, Connection c, int capacity) throws SQLException {
        this.url = url;
        this.writeConnection = c;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT stream, MAX(seq) FROM event_log GROUP BY stream")) {
            while (rs.next()) {
                streamSeq.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM event_log")) {
            rs.next();
            committedId = rs.getLong(1);
        }
        c.commit();
        reducer = new NetworkStateReducer(stateAt(Long.MAX_VALUE));
        writer = Thread.ofPlatform().daemon().name("history-writer").start(this::writeLoop);
    }

    public static EventStore open(String urlOrPath) {
        return open(urlOrPath, DEFAULT_CAPACITY);
    }

    public static JdbcEventStore open(String urlOrPath, int capacity) {
        String url = H2Guard.toUrl(urlOrPath);
        try {
            Connection c = DriverManager.getConnection(url, H2Guard.user(url), "");
            try {
                H2Guard.checkSchema(c, url);
                boolean h2 = url.startsWith("jdbc:h2:");
                Flyway.configure()
                    .dataSource(url, H2Guard.user(url), "")
                    .locations("classpath:org/rsvpconsole/persistence/migration")
                    .placeholders(Map.of("binary", h2 ? "VARBINARY" : "BYTEA"))
                    .load().migrate();
                H2Guard.checkOurs(c);
                if (h2) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET WRITE_DELAY 0"); // a commit is on disk before it is acknowledged
                    }
                }
                return new JdbcEventStore(url, c, capacity);
            } catch (RuntimeException | SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
            throw new StoreException("cannot open the history at " + H2Guard.display(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean offer(HistoryEntry entry) {
        if (closing || !queue.offer(entry)) {
            if (lost.getAndIncrement() == lastLostWritten) {
                lostFrom = entry.atNanos();
            }
            return false;
        }
        offered.incrementAndGet();
        return true;
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus(queue.size(), capacity, committedId, lost.get(), failure);
    }

    @Override
    public void onCommit(LongConsumer listener) {
        listeners.add(listener);
    }

    @Override
    public void flush() throws InterruptedException {
        long target = offered.get();
        while (committedOffers < target && failure == null && writer.isAlive()) {
            Thread.sleep(2);
        }
    }

    private void writeLoop() {
        List<HistoryEntry> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                HistoryEntry first = queue.poll(MAX_COMMIT_DELAY_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    if (lost.get() == lastLostWritten) {
                        continue;
                    }
                } else {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                long lostNow = lost.get();
                if (lostNow != lastLostWritten && queue.remainingCapacity() > 0) {
                    // Room again: say in the log itself how much was refused (docs/persistence.md).
                    batch.add(new HistoryEntry.EntriesLost(System.currentTimeMillis() * 1_000_000L, lostFrom,
                        lostNow - lastLostWritten, "buffer full"));
                }
                long n = batch.stream().filter(e -> !(e instanceof HistoryEntry.EntriesLost)).count();
                write(batch);
                lastLostWritten = lostNow;
                committedOffers += n;
                batch.clear();
                for (LongConsumer l : listeners) {
                    l.accept(committedId);
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                failure = e.getMessage();
                try {
                    writeConnection.rollback();
                } catch (SQLException ignored) {
                    // The failure above is what the status shows.
                }
                return;
            }
        }
    }

    private static final String INSERT = "INSERT INTO event_log (id, stream, seq, at_nanos, kind, node, session_key,"
        + " summary, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private void write(List<HistoryEntry> batch) throws SQLException {
        long id = committedId;
        Map<String, Long> seqs = new HashMap<>(streamSeq);
        try (PreparedStatement ps = writeConnection.prepareStatement(INSERT)) {
            for (HistoryEntry e : batch) {
                id++;
                String stream = Entries.stream(e);
                long seq = seqs.merge(stream, 1L, Long::sum);
                ps.setLong(1, id);
                ps.setString(2, stream);
                ps.setLong(3, seq);
                ps.setLong(4, e.atNanos());
                ps.setString(5, Entries.kind(e));
                ps.setString(6, Entries.node(e));
                ps.setString(7, Entries.session(e));
                ps.setString(8, Entries.summary(e));
                ps.setBytes(9, RecordCodec.encode(HistoryEntry.class, e));
                ps.addBatch();
                reducer.apply(id, e);
                if (e instanceof HistoryEntry.Topology t) {
                    try (PreparedStatement tv = writeConnection.prepareStatement(
                        "INSERT INTO topology_version (version, entry_id, at_nanos, name) VALUES (?, ?, ?, ?)")) {
                        tv.setInt(1, t.version());
                        tv.setLong(2, id);
                        tv.setLong(3, t.atNanos());
                        tv.setString(4, t.topology().name());
                        tv.executeUpdate();
                    }
                }
                if (++sinceSnapshot >= SNAPSHOT_EVERY) {
                    ps.executeBatch();
                    writeSnapshot(reducer.state());
                    sinceSnapshot = 0;
                }
            }
            ps.executeBatch();
        }
        writeConnection.commit();
        streamSeq.putAll(seqs);
        committedId = id;
    }

    private void writeSnapshot(NetworkState s) throws SQLException {
        try (PreparedStatement ps = writeConnection.prepareStatement(
            "INSERT INTO state_snapshot (last_id, at_nanos, payload) VALUES (?, ?, ?)")) {
            ps.setLong(1, s.lastId());
            ps.setLong(2, s.atNanos());
            ps.setBytes(3, RecordCodec.encode(NetworkState.class, s));
            ps.executeUpdate();
        }
    }

    /** A read connection: history views read committed data only. */
    private Connection reader() throws SQLException {
        Connection c = DriverManager.getConnection(url, H2Guard.user(url), "");
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    @Override
    public List<StoredEntry> events(EventFilter f) {
        StringBuilder sql = new StringBuilder("SELECT id, stream, seq, at_nanos, kind, node, session_key, summary,"
            + " payload FROM event_log WHERE at_nanos >= ? AND at_nanos <= ?");
        List<String> args = new ArrayList<>();
        addExact(sql, args, "session_key", f.session());
        addExact(sql, args, "node", f.node());
        addExact(sql, args, "kind", f.kind());
        if (f.text() != null && !f.text().isEmpty()) {
            sql.append(" AND LOWER(summary) LIKE ? ESCAPE '!'");
            args.add("%" + f.text().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY at_nanos, id");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setMaxRows(f.limit());
            ps.setLong(1, f.fromNanos());
            ps.setLong(2, f.toNanos());
            for (int i = 0; i < args.size(); i++) {
                ps.setString(3 + i, args.get(i));
            }
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        RecordCodec.decode(HistoryEntry.class, rs.getBytes(9))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("history query failed: " + e.getMessage(), e);
        }
    }

    private static void addExact(StringBuilder sql, List<String> args, String column, String value) {
        if (value != null && !value.isEmpty()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    @Override
    public NetworkState stateAt(long atNanos) {
        try (Connection c = reader()) {
            c.setAutoCommit(false);
            long last;
            // The state at T is the state after the log prefix that ends with the last entry at or before T.
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM event_log WHERE at_nanos <= ?")) {
                ps.setLong(1, atNanos);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
            }
            NetworkState start = NetworkState.EMPTY;
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM state_snapshot WHERE last_id ="
                + " (SELECT MAX(last_id) FROM state_snapshot WHERE last_id <= ?)")) {
                ps.setLong(1, last);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        start = RecordCodec.decode(NetworkState.class, rs.getBytes(1));
                    }
                }
            }
            NetworkStateReducer r = new NetworkStateReducer(start);
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, payload FROM event_log WHERE id > ? AND id <= ? ORDER BY id")) {
                ps.setFetchSize(1000);
                ps.setLong(1, start.lastId());
                ps.setLong(2, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        r.apply(rs.getLong(1), RecordCodec.decode(HistoryEntry.class, rs.getBytes(2)));
                    }
                }
            }
            c.commit();
            return r.state();
        } catch (SQLException e) {
            throw new StoreException("state query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<BandwidthPoint> bandwidth(long fromNanos, long toNanos, boolean perSession) {
        NetworkStateReducer r = new NetworkStateReducer(stateAt(fromNanos));
        List<BandwidthPoint> out = new ArrayList<>();
        Map<String, Double> last = new HashMap<>();
        for (StoredEntry e : events(new EventFilter(fromNanos + 1, toNanos, null, null, "Reservation", null,
            Integer.MAX_VALUE))) {
            r.apply(e.id(), e.entry());
            var ev = (RsvpEvent.Reservation) ((HistoryEntry.Engine) e.entry()).event();
            if (perSession) {
                String k = ev.session().toString();
                double v = r.reservedPerSession().getOrDefault(k, 0.0);
                if (!Double.valueOf(v).equals(last.put(k, v))) {
                    out.add(new BandwidthPoint(e.atNanos(), k, v));
                }
            } else {
                BandwidthPoint p = r.reservedOn(ev.node(), ev.interfaceName());
                if (p != null && !Double.valueOf(p.reservedBytesPerSecond()).equals(last.put(p.key(),
                    p.reservedBytesPerSecond()))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Override
    public String checkContiguous() {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MIN(id), 1), COALESCE(MAX(id), 0)"
                + " FROM event_log")) {
                rs.next();
                if (rs.getLong(2) != 1 || rs.getLong(3) != rs.getLong(1)) {
                    return "ids are not 1.." + rs.getLong(1) + ": from " + rs.getLong(2) + " to " + rs.getLong(3);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT stream, COUNT(*), MIN(seq), MAX(seq) FROM event_log"
                + " GROUP BY stream")) {
                while (rs.next()) {
                    if (rs.getLong(3) != 1 || rs.getLong(4) != rs.getLong(2)) {
                        return "stream " + rs.getString(1) + " has a gap: " + rs.getLong(2) + " entries, seq "
                            + rs.getLong(3) + ".." + rs.getLong(4);
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            throw new StoreException("check failed: " + e.getMessage(), e);
        }
    }

    private static final String HISTORY_HEADER = "RSVP_CONSOLE_HISTORY_EXPORT 1";

    @Override
    public void exportHistory(Path file) throws IOException {
        try (Connection c = reader(); Statement s = c.createStatement();
             BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HISTORY_HEADER + "\n");
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT payload FROM event_log ORDER BY id")) {
                Base64.Encoder b64 = Base64.getEncoder();
                while (rs.next()) {
                    w.write(b64.encodeToString(rs.getBytes(1)));
                    w.write('\n');
                }
            }
        } catch (SQLException e) {
            throw new StoreException("export failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long importHistory(Path file) throws IOException {
        if (committedId != 0 || !queue.isEmpty()) {
            throw new StoreException("import needs an empty store");
        }
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!HISTORY_HEADER.equals(r.readLine())) {
                throw new StoreException(file + " is not an RSVP Console history export");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            List<HistoryEntry> batch = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                batch.add(RecordCodec.decode(HistoryEntry.class, b64.decode(line)));
                if (batch.size() == BATCH) {
                    n += putAll(batch);
                }
            }
            n += putAll(batch);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("import interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + " is damaged: " + e.getMessage(), e);
        }
        return n;
    }

    private int putAll(List<HistoryEntry> batch) throws InterruptedException {
        for (HistoryEntry e : batch) {
            queue.put(e); // import may wait; only the live engine must not
            offered.incrementAndGet();
        }
        int n = batch.size();
        batch.clear();
        return n;
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join();
            writeConnection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new StoreException("close failed: " + e.getMessage(), e);
        }
    }
}
