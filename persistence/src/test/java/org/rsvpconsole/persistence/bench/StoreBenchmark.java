package org.rsvpconsole.persistence.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.rsvpconsole.engine.live.TopologyViews;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.sim.ScenarioRun;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.StoreStatus;

/**
 * The store benchmark (docs/BENCHMARKS.md), a program rather than a timed test: records the events of the
 * examples' service-provider scenario (voice and video calls, a core link failure) repeated until there are
 * {@code N} of them, into a fresh H2 file, as fast as one producer thread can offer them; then reopens the file
 * and asks for the network state at random instants.
 *
 * <pre>
 * build/bench-store [EVENTS] [QUERIES] [DIR]      (defaults 1000000 20 a temporary directory)
 * </pre>
 *
 * Prints: sustained ingest (entries per second from the first offer until the last is committed), the store's
 * size per million entries, the open time, and the time of each state query (min, median, max).
 */
public final class StoreBenchmark {

    private StoreBenchmark() {
    }

    /** The examples' scenario's events in time order, with the topology first, as history entries. */
    static List<HistoryEntry> scenarioEntries(Path examples, long originNanos) throws Exception {
        Path scenarioFile = examples.resolve("sp-network.scenario.yaml");
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        Topology topology = TopologyLoader.load(examples.resolve("sp-network.yaml"));
        List<HistoryEntry> out = new ArrayList<>();
        out.add(new HistoryEntry.Topology(originNanos, 1, TopologyViews.of(topology)));
        ScenarioRun run = ScenarioRun.start(topology, scenario, ScenarioRun.Options.defaults(scenario.seed())
            .withListener(e -> out.add(new HistoryEntry.Engine(originNanos + e.timeNanos(), e))));
        run.runUntil(scenario.endNanos() + 1_000_000_000L);
        return out;
    }

    /** The scenario's events repeated, each repetition later by the run's length, until {@code n} entries. */
    static List<HistoryEntry> history(Path examples, int n, long originNanos) throws Exception {
        List<HistoryEntry> one = scenarioEntries(examples, originNanos);
        long span = one.getLast().atNanos() - originNanos + 1_000_000L;
        List<HistoryEntry> all = new ArrayList<>(n);
        all.add(one.getFirst());
        for (int round = 0; all.size() < n; round++) {
            long shift = round * span;
            for (int i = 1; i < one.size() && all.size() < n; i++) {
                HistoryEntry.Engine e = (HistoryEntry.Engine) one.get(i);
                all.add(round == 0 ? e : new HistoryEntry.Engine(e.atNanos() + shift, e.event()));
            }
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("store-bench");
        Path examples = Path.of(System.getProperty("examples", "examples"));
        long origin = 1_700_000_000_000_000_000L;

        long t0 = System.nanoTime();
        List<HistoryEntry> entries = history(examples, n, origin);
        System.out.printf("generated %,d entries in %.1f s (%s)%n", entries.size(), (System.nanoTime() - t0) / 1e9,
            mix(entries));

        Path base = dir.resolve("bench-history");
        Files.deleteIfExists(dir.resolve("bench-history.mv.db"));
        long start;
        long end;
        StoreStatus status;
        long writerCpu;
        long cpuStart;
        long cpuEnd;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (EventStore store = EventStore.open(base.toString())) {
            cpuStart = os.getProcessCpuTime();
            start = System.nanoTime();
            for (HistoryEntry e : entries) {
                while (!store.offer(e)) {
                    throw new IllegalStateException("buffer full: the benchmark must not lose entries");
                }
            }
            long offered = System.nanoTime();
            store.flush();
            end = System.nanoTime();
            cpuEnd = os.getProcessCpuTime();
            writerCpu = storeThreadsCpu();
            status = store.status();
            System.out.printf("offered in %.2f s (%,.0f/s on the producer)%n", (offered - start) / 1e9,
                entries.size() / ((offered - start) / 1e9));
        }
        long closed = System.nanoTime();
        if (status.committed() != entries.size() || status.lost() != 0 || status.failure() != null) {
            throw new IllegalStateException("not everything was committed: " + status);
        }
        double seconds = (end - start) / 1e9;
        long size = Files.size(dir.resolve("bench-history.mv.db"));
        System.out.printf("INGEST %,d entries in %.2f s = %,.0f entries/s sustained (close %.2f s)%n",
            entries.size(), seconds, entries.size() / seconds, (closed - end) / 1e9);
        double cpu = (cpuEnd - cpuStart) / 1e9;
        System.out.printf("CPU %.2f s of process CPU time for the ingest (all threads, GC included) = %,.0f entries"
            + " per CPU-second (%.1f us per entry)%n", cpu, entries.size() / cpu, cpu * 1e6 / entries.size());
        System.out.printf("WRITER %.2f s of CPU on the store's threads (history-writer, MVStore) = %.1f us per entry"
            + " = %,.0f entries/s on one free core%n", writerCpu / 1e9, writerCpu / 1e3 / entries.size(),
            entries.size() / (writerCpu / 1e9));
        System.out.printf("SIZE %,d bytes = %.1f MB per million entries (%.0f bytes per entry)%n", size,
            size / 1e6 / (entries.size() / 1e6), (double) size / entries.size());

        long o0 = System.nanoTime();
        try (EventStore store = EventStore.open(base.toString())) {
            System.out.printf("OPEN %.2f s (file checks, migration check, writer state)%n",
                (System.nanoTime() - o0) / 1e9);
            long first = entries.getFirst().atNanos();
            long last = entries.getLast().atNanos();
            Random random = new Random(42);
            store.stateAt(first + (last - first) / 2); // one warm-up query: class loading, JIT
            double[] ms = new double[queries];
            double[] cpuMs = new double[queries];
            var threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < queries; i++) {
                long at = first + (long) (random.nextDouble() * (last - first));
                long q = System.nanoTime();
                long qc = threads.getCurrentThreadCpuTime();
                NetworkState s = store.stateAt(at);
                ms[i] = (System.nanoTime() - q) / 1e6;
                cpuMs[i] = (threads.getCurrentThreadCpuTime() - qc) / 1e6;
                long reservations = s.directions().stream().mapToLong(d -> d.reservations().size()).sum();
                System.out.printf("  stateAt #%d: entry %,d, %d reservations, %.1f ms (%.1f ms CPU)%n", i + 1,
                    s.lastId(), reservations, ms[i], cpuMs[i]);
            }
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            System.out.printf("STATE_AT %d queries: min %.1f ms, median %.1f ms, max %.1f ms; CPU min %.1f ms,"
                + " median %.1f ms, max %.1f ms%n", queries, ms[0], ms[queries / 2], ms[queries - 1], cpuMs[0],
                cpuMs[queries / 2], cpuMs[queries - 1]);
        }
    }

    /** CPU time of the store's own threads (its writer and H2's background writer) so far. */
    private static long storeThreadsCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("history-writer") || t.getName().startsWith("MVStore")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
            }
        }
        return sum;
    }

    private static String mix(List<HistoryEntry> entries) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (HistoryEntry e : entries) {
            String k = e instanceof HistoryEntry.Engine g ? g.event().getClass().getSimpleName()
                : e.getClass().getSimpleName();
            counts.merge(k, 1L, Long::sum);
        }
        return String.join(", ", Stream.of(counts.entrySet().toArray(java.util.Map.Entry[]::new))
            .map(x -> x.getKey() + " " + x.getValue()).toList());
    }
}
