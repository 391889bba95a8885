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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    /** System.nanoTime() since when entries have waited without a commit; 0 when none wait. */
    private volatile long waitingSince;
    private volatile String failure;
    private boolean writerClaimed;
    private volatile boolean closing;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> streamSeq = new HashMap<>();
    private final NetworkStateReducer reducer;
    private long lastLostWritten;
    private int sinceSnapshot;
    private final Blocks.Builder block = new Blocks.Builder(true);

    private JdbcEventStore(String url, Connection c, int capacity) throws SQLException {
        this.url = url;
        this.writeConnection = c;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        c.setAutoCommit(false);
        // Where the writer goes on: the last snapshot (state and stream sequences) and the entries after it.
        Replay r = replay(c, Long.MAX_VALUE);
        c.commit();
        committedId = r.reducer.state().lastId();
        streamSeq.putAll(r.seqs);
        reducer = r.reducer;
        sinceSnapshot = (int) (committedId - r.snapshotId);
        writer = Thread.ofPlatform().daemon().name("history-writer").start(this::writeLoop);
    }

    public static EventStore open(String urlOrPath) {
        return open(urlOrPath, DEFAULT_CAPACITY);
    }

    /** Flyway reports each migration step on java.util.logging; only its errors concern the operator. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.SEVERE);
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
        if (waitingSince == 0) {
            waitingSince = System.nanoTime();
        }
        return true;
    }

    @Override
    public void put(HistoryEntry entry) throws InterruptedException {
        if (closing) {
            throw new StoreException("the history store is closed");
        }
        queue.put(entry);
        offered.incrementAndGet();
        if (waitingSince == 0) {
            waitingSince = System.nanoTime();
        }
    }

    @Override
    public StoreStatus status() {
        long since = waitingSince;
        long waiting = since == 0 || queue.isEmpty() ? 0 : (System.nanoTime() - since) / 1_000_000L;
        return new StoreStatus(queue.size(), capacity, committedId, lost.get(), failure, waiting);
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
                waitingSince = queue.isEmpty() ? 0 : System.nanoTime();
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

    private static final String INSERT_BLOCK = "INSERT INTO event_block (first_id, last_id, min_at, max_at, payload)"
        + " VALUES (?, ?, ?, ?, ?)";

    /**
     * Before its first write, the writer makes sure it is the only one: ids and stream sequences are kept in memory
     * (one writer per history, docs/persistence.md), so a second process writing the same PostgreSQL database
     * would collide with the first. A session advisory lock says who writes; a history that grew since it was
     * opened (another writer came and went) is not written into either. Readers (`history`) take no lock.
     */
    private void claimWriter() throws SQLException {
        if (url.startsWith("jdbc:postgresql:")) {
            try (Statement st = writeConnection.createStatement();
                 ResultSet r = st.executeQuery("SELECT pg_try_advisory_lock(2205, hashtext(current_schema()))")) {
                if (!r.next() || !r.getBoolean(1)) {
                    throw new StoreException("another process is recording into " + H2Guard.display(url)
                        + " (a daemon or a console): a history has one writer. Give each daemon and console its own"
                        + " database (e.g. jdbc:postgresql://host/rsvp_r1); `history --db` reads any of them", null);
                }
            }
        }
        try (Statement st = writeConnection.createStatement();
             ResultSet r = st.executeQuery("SELECT COALESCE(MAX(last_id), 0) FROM event_block")) {
            if (r.next() && r.getLong(1) != committedId) {
                throw new StoreException("the history at " + H2Guard.display(url) + " was written by another process"
                    + " since it was opened here (entry " + r.getLong(1) + ", expected " + committedId + "): open it"
                    + " again to record into it", null);
            }
        }
        writerClaimed = true;
    }

    private void write(List<HistoryEntry> batch) throws SQLException {
        if (!writerClaimed) {
            claimWriter();
        }
        long id = committedId;
        Map<String, Long> seqs = new HashMap<>(streamSeq);
        try (PreparedStatement ps = writeConnection.prepareStatement(INSERT_BLOCK)) {
            for (HistoryEntry e : batch) {
                id++;
                long seq = seqs.merge(Entries.stream(e), 1L, Long::sum);
                block.add(id, seq, e);
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
                    // A snapshot always ends a block: replay from it starts at the next block.
                    addBlock(ps);
                    writeSnapshot(reducer.state(), seqs);
                    sinceSnapshot = 0;
                } else if (block.count >= Blocks.MAX_ENTRIES) {
                    addBlock(ps);
                }
            }
            if (block.count > 0) {
                addBlock(ps);
            }
            ps.executeBatch();
        }
        writeConnection.commit();
        streamSeq.putAll(seqs);
        committedId = id;
    }

    private void addBlock(PreparedStatement ps) throws SQLException {
        ps.setLong(1, block.firstId);
        ps.setLong(2, block.lastId);
        ps.setLong(3, block.minAt);
        ps.setLong(4, block.maxAt);
        ps.setBytes(5, block.finish());
        ps.addBatch();
    }

    private void writeSnapshot(NetworkState s, Map<String, Long> seqs) throws SQLException {
        try (PreparedStatement ps = writeConnection.prepareStatement(
            "INSERT INTO state_snapshot (last_id, at_nanos, payload) VALUES (?, ?, ?)")) {
            ps.setLong(1, s.lastId());
            ps.setLong(2, s.atNanos());
            ps.setBytes(3, EntryCodec.encodeSnapshot(s, seqs));
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

    /** A block's row without its payload. */
    private record BlockRef(long firstId, long lastId, long minAt, long maxAt) {
    }

    private static byte[] payload(Connection c, long firstId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM event_block WHERE first_id = ?")) {
            ps.setLong(1, firstId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("block " + firstId + " disappeared");
                }
                return rs.getBytes(1);
            }
        }
    }

    private static List<Blocks.Item> items(Connection c, long firstId) throws SQLException {
        try {
            return Blocks.read(payload(c, firstId));
        } catch (IllegalArgumentException e) {
            throw new StoreException("the history is damaged at entry " + firstId + ": " + e.getMessage(), e);
        }
    }

    private static StoredEntry stored(long id, Blocks.Item item) {
        HistoryEntry e = item.entry();
        return new StoredEntry(id, Entries.stream(e), item.seq(), e.atNanos(), Entries.kind(e), Entries.node(e),
            Entries.session(e), Entries.summary(e), e);
    }

    private static boolean matches(EventFilter f, StoredEntry e) {
        return e.atNanos() >= f.fromNanos() && e.atNanos() <= f.toNanos() && exact(f.session(), e.session())
            && exact(f.node(), e.node()) && exact(f.kind(), e.kind())
            && (f.text() == null || f.text().isEmpty()
                || e.summary().toLowerCase(Locale.ROOT).contains(f.text().toLowerCase(Locale.ROOT)));
    }

    private static boolean exact(String wanted, String value) {
        return wanted == null || wanted.isEmpty() || wanted.equals(value);
    }

    private static final Comparator<StoredEntry> TIME_ORDER =
        Comparator.comparingLong(StoredEntry::atNanos).thenComparingLong(StoredEntry::id);

    @Override
    public List<StoredEntry> events(EventFilter f) {
        try (Connection c = reader()) {
            c.setAutoCommit(false);
            // The blocks overlapping the range, from the index alone; payloads are read one block at a time.
            List<BlockRef> refs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT first_id, last_id, min_at, max_at FROM event_block"
                + " WHERE max_at >= ? AND min_at <= ?")) {
                ps.setLong(1, f.fromNanos());
                ps.setLong(2, f.toNanos());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refs.add(new BlockRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            refs.sort(Comparator.comparingLong(BlockRef::minAt).thenComparingLong(BlockRef::firstId));
            List<StoredEntry> out = new ArrayList<>();
            for (BlockRef ref : refs) {
                if (out.size() >= f.limit()) {
                    // Enough: only a block starting no later than the last one kept can still contribute.
                    out.sort(TIME_ORDER);
                    out.subList(f.limit(), out.size()).clear();
                    if (ref.minAt() > out.getLast().atNanos()) {
                        break;
                    }
                }
                List<Blocks.Item> items = items(c, ref.firstId());
                for (int i = 0; i < items.size(); i++) {
                    StoredEntry e = stored(ref.firstId() + i, items.get(i));
                    if (matches(f, e)) {
                        out.add(e);
                    }
                }
            }
            c.commit();
            out.sort(TIME_ORDER);
            return out.size() > f.limit() ? new ArrayList<>(out.subList(0, f.limit())) : out;
        } catch (SQLException e) {
            throw new StoreException("history query failed: " + e.getMessage(), e);
        }
    }

    /** The writer's or a query's starting point: a reducer at entry {@code upToId} and the stream sequences. */
    private record Replay(NetworkStateReducer reducer, Map<String, Long> seqs, long snapshotId) {
    }

    /** The nearest snapshot at or before {@code upToId}, then the entries after it up to {@code upToId}. */
    private static Replay replay(Connection c, long upToId) throws SQLException {
        NetworkState start = NetworkState.EMPTY;
        Map<String, Long> seqs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM state_snapshot WHERE last_id ="
            + " (SELECT MAX(last_id) FROM state_snapshot WHERE last_id <= ?)")) {
            ps.setLong(1, upToId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    try {
                        EntryCodec.Snapshot snap = EntryCodec.decodeSnapshot(rs.getBytes(1));
                        start = snap.state();
                        seqs.putAll(snap.streamSeqs());
                    } catch (IllegalArgumentException e) {
                        throw new StoreException("the history's snapshot is damaged: " + e.getMessage(), e);
                    }
                }
            }
        }
        NetworkStateReducer r = new NetworkStateReducer(start);
        List<Long> blocks = new ArrayList<>();
        // A snapshot always ends a block, so the entries after it are whole blocks.
        try (PreparedStatement ps = c.prepareStatement("SELECT first_id FROM event_block WHERE first_id > ?"
            + " AND first_id <= ? ORDER BY first_id")) {
            ps.setLong(1, start.lastId());
            ps.setLong(2, upToId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blocks.add(rs.getLong(1));
                }
            }
        }
        for (long first : blocks) {
            List<Blocks.Item> items = items(c, first);
            for (int i = 0; i < items.size() && first + i <= upToId; i++) {
                HistoryEntry e = items.get(i).entry();
                r.apply(first + i, e);
                seqs.put(Entries.stream(e), items.get(i).seq());
            }
        }
        return new Replay(r, seqs, start.lastId());
    }

    @Override
    public NetworkState stateAt(long atNanos) {
        try (Connection c = reader()) {
            c.setAutoCommit(false);
            // The state at T is the state after the log prefix that ends with the last entry at or before T. That
            // entry is in the latest block starting at or before T: every later block starts after T.
            long last = 0;
            long block = 0;
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(first_id) FROM event_block WHERE min_at <= ?")) {
                ps.setLong(1, atNanos);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    block = rs.getLong(1);
                }
            }
            if (block > 0) {
                List<Blocks.Item> items = items(c, block);
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).entry().atNanos() <= atNanos) {
                        last = block + i;
                    }
                }
            }
            NetworkState s = replay(c, last).reducer().state();
            c.commit();
            return s;
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

    /** Every entry in id order, one block at a time. */
    private void forEachEntry(Connection c, EntryVisitor visitor) throws SQLException, IOException {
        List<BlockRef> refs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT first_id, last_id, min_at, max_at FROM event_block ORDER BY first_id")) {
            while (rs.next()) {
                refs.add(new BlockRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        for (BlockRef ref : refs) {
            List<Blocks.Item> items = items(c, ref.firstId());
            if (items.size() != ref.lastId() - ref.firstId() + 1) {
                throw new StoreException("the history is damaged: block " + ref.firstId() + ".." + ref.lastId()
                    + " holds " + items.size() + " entries");
            }
            for (int i = 0; i < items.size(); i++) {
                visitor.visit(ref.firstId() + i, items.get(i));
            }
        }
    }

    private interface EntryVisitor {
        void visit(long id, Blocks.Item item) throws IOException;
    }

    @Override
    public String checkContiguous() {
        try (Connection c = reader()) {
            c.setAutoCommit(false);
            long[] expected = {1};
            String[] problem = {null};
            Map<String, Long> seqs = new HashMap<>();
            forEachEntry(c, (id, item) -> {
                if (problem[0] != null) {
                    return;
                }
                if (id != expected[0]) {
                    problem[0] = "ids are not contiguous: entry " + id + " follows " + (expected[0] - 1);
                    return;
                }
                expected[0]++;
                String stream = Entries.stream(item.entry());
                long want = seqs.getOrDefault(stream, 0L) + 1;
                if (item.seq() != want) {
                    problem[0] = "stream " + stream + " has a gap: seq " + item.seq() + " where " + want
                        + " was due (entry " + id + ")";
                }
                seqs.put(stream, item.seq());
            });
            c.commit();
            return problem[0];
        } catch (SQLException | IOException e) {
            throw new StoreException("check failed: " + e.getMessage(), e);
        }
    }

    private static final String HISTORY_HEADER = "RSVP_CONSOLE_HISTORY_EXPORT 2";

    @Override
    public void exportHistory(Path file) throws IOException {
        try (Connection c = reader(); BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            c.setAutoCommit(false);
            w.write(HISTORY_HEADER + "\n");
            Base64.Encoder b64 = Base64.getEncoder();
            forEachEntry(c, (id, item) -> {
                w.write(b64.encodeToString(EntryCodec.encode(item.entry())));
                w.write('\n');
            });
            c.commit();
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
                throw new StoreException(file + " is not an RSVP Console history export (of this version)");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            List<HistoryEntry> batch = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                batch.add(EntryCodec.decodeEntry(b64.decode(line)));
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
