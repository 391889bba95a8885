package org.rsvpconsole.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.scenario.FlowRequest;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioOperation;
import org.rsvpconsole.engine.scenario.SenderRef;
import org.rsvpconsole.engine.scenario.SessionRef;
import org.rsvpconsole.engine.sim.LinkReport;
import org.rsvpconsole.engine.sim.ScenarioRun;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * Scale benchmark (docs/BENCHMARKS.md), not a timed test: N unicast sessions, each a G.729 sender on host A and a
 * Controlled-Load FF reservation by host B, across a chain of routers, set up through {@link ScenarioRun} in
 * virtual time. Prints the wall time until every session is established on every hop, the retained heap per
 * session per node, and the steady refresh rate (messages per virtual second, and how fast they are processed).
 *
 * <pre>
 * build/bench --run-main -Xmx8g org.rsvpconsole.engine.bench.ScaleBenchmark [SESSIONS] [ROUTERS] [STEADY_SECONDS]
 * </pre>
 */
public final class ScaleBenchmark {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    /** G.729 with headers: 24 kbit/s = 3000 bytes/s (RFC 4495's example codec). */
    private static final TokenBucket G729 = ScenarioLoader.BUILT_IN_PROFILES.get("g729");

    /** What one run measured. */
    public record Result(int sessions, int nodes, long setupWallNanos, long setupVirtualNanos, long heapBefore,
                         long heapAfter, long steadyMessages, long steadyVirtualNanos, long steadyWallNanos,
                         long steadyUnchanged, long setupCpuNanos, long steadyCpuNanos, boolean allEstablished,
                         String establishedDetail) {

        public double heapPerSessionPerNode() {
            return (double) (heapAfter - heapBefore) / ((double) sessions * nodes);
        }

        public double refreshPerVirtualSecond() {
            return steadyMessages / (steadyVirtualNanos / 1e9);
        }

        public double refreshPerWallSecond() {
            return steadyWallNanos == 0 ? 0 : steadyMessages / (steadyWallNanos / 1e9);
        }

        /** Messages per CPU second of the simulation thread: what the engine costs, whatever the machine's load. */
        public double refreshPerCpuSecond() {
            return steadyCpuNanos == 0 ? 0 : steadyMessages / (steadyCpuNanos / 1e9);
        }
    }

    private ScaleBenchmark() {
    }

    /** A – R1 – … – Rn – B, with room for every reservation. */
    public static Topology chain(int routers) throws Exception {
        StringBuilder y = new StringBuilder("name: chain\naddressing: {pool: 10.0.0.0/16}\n"
            + "defaults: {bandwidth: 10T, delay: 1ms}\nnodes:\n  A: host\n  B: host\n");
        for (int i = 1; i <= routers; i++) {
            y.append("  R").append(i).append(": router\n");
        }
        y.append("links:\n  - ends: [A, R1]\n");
        for (int i = 1; i < routers; i++) {
            y.append("  - ends: [R").append(i).append(", R").append(i + 1).append("]\n");
        }
        y.append("  - ends: [R").append(routers).append(", B]\n");
        return TopologyLoader.parse(y.toString(), "chain.yaml");
    }

    /**
     * Session i: B's address, port 1 + i / 2, UDP for even i and TCP for odd (RFC 2205 sessions differ by
     * protocol too), so 100 000 sessions fit the port space. Senders start every {@code spacing}, each receiver
     * reserves 200 ms after its sender.
     */
    public static List<ScenarioOperation> operations(int sessions, long spacingNanos) {
        List<ScenarioOperation> ops = new ArrayList<>(2 * sessions);
        FlowRequest cl = FlowRequest.controlledLoad();
        for (int i = 0; i < sessions; i++) {
            SessionRef s = SessionRef.toNode("B", 1 + i / 2, (i & 1) == 0 ? 17 : 6);
            long t = i * spacingNanos;
            ops.add(new ScenarioOperation.StartSender(t, 0, "A", s, 1000, G729));
            ops.add(new ScenarioOperation.Reserve(t + 200 * MS, 0, "B", s, ReservationStyle.FF, cl,
                List.of(new SenderRef("A", 1000)), Optional.empty()));
        }
        return ops;
    }

    public static Result run(int sessions, int routers, long steadyNanos) throws Exception {
        long heapBefore = retainedHeap();
        Topology t = chain(routers);
        Scenario scenario = new Scenario("scale", "scale", "", Optional.empty(), 1, List.of());
        // All senders start within 10 s of virtual time (or 100 us apart for small runs).
        long spacing = Math.max(1_000, 10 * S / Math.max(1, sessions));
        List<ScenarioOperation> ops = operations(sessions, spacing);
        long lastReserve = ops.get(ops.size() - 1).atNanos();
        ScenarioRun run = ScenarioRun.start(t, scenario, ScenarioRun.Options.defaults(1).withStatistics(false), ops);
        ops = null;
        var threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long settled = lastReserve + 100 * MS;
        run.runUntil(settled);
        long setupWall = System.nanoTime() - wall0;
        long setupCpu = threads.getCurrentThreadCpuTime() - cpu0;
        String detail = established(run, sessions);
        boolean all = detail.isEmpty();
        long heapAfter = retainedHeap();

        // Steady state starts after one refresh round (1.5 R): the first Resv refresh of each hop differs from the
        // trigger Resv, which carried RESV_CONFIRM.
        long warm = settled + 45 * S;
        run.runUntil(warm);
        long sent0 = sentSoFar(run);
        long unchanged0 = unchangedSoFar(run);
        long wall1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        run.runUntil(warm + steadyNanos);
        long steadyWall = System.nanoTime() - wall1;
        long steadyCpu = threads.getCurrentThreadCpuTime() - cpu1;
        long steadyMessages = sentSoFar(run) - sent0;
        long steadyUnchanged = unchangedSoFar(run) - unchanged0;
        if (all) {
            detail = established(run, sessions);
            all = detail.isEmpty();
        }
        // Keep the network reachable until the heap was measured.
        java.lang.ref.Reference.reachabilityFence(run);
        return new Result(sessions, t.nodes().size(), setupWall, settled, heapBefore, heapAfter, steadyMessages,
            steadyNanos, steadyWall, steadyUnchanged, setupCpu, steadyCpu, all, detail);
    }

    /** "" when every router holds path and reservation state for every session and every hop A→B reserved it all. */
    private static String established(ScenarioRun run, int sessions) {
        StringBuilder problems = new StringBuilder();
        double expected = sessions * (double) G729.rate();
        for (RsvpNode n : run.network().nodes()) {
            if (n.node().isRouter() && (n.pathStateCount() != sessions || n.receivedReservationCount() != sessions)) {
                problems.append(n.name()).append(": ").append(n.pathStateCount()).append(" paths, ")
                    .append(n.receivedReservationCount()).append(" reservations; ");
            }
        }
        for (LinkReport l : run.report().links()) {
            boolean towardB = position(l.view().toNode()) > position(l.view().fromNode());
            if (towardB && Math.abs(l.reservedBytesPerSecond() - expected) > 1e-3 * expected) {
                problems.append(l.view().link()).append(" from ").append(l.view().fromNode()).append(": reserved ")
                    .append(l.reservedBytesPerSecond()).append(" of ").append(expected).append("; ");
            }
        }
        return problems.toString();
    }

    /** A is 0, Ri is i, B is after the last router. */
    private static int position(String node) {
        return switch (node) {
            case "A" -> 0;
            case "B" -> Integer.MAX_VALUE;
            default -> Integer.parseInt(node.substring(1));
        };
    }

    private static long sentSoFar(ScenarioRun run) {
        long n = 0;
        for (LinkReport l : run.report().links()) {
            n += l.datagrams().sent();
        }
        return n;
    }

    /** Received refreshes the nodes recognised as unchanged without decoding (decision 0014). */
    private static long unchangedSoFar(ScenarioRun run) {
        long n = 0;
        for (RsvpNode node : run.network().nodes()) {
            n += node.unchangedRefreshes();
        }
        return n;
    }

    /** Used heap after full collections, settled. */
    static long retainedHeap() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            long used = mem.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 1 << 16) {
                return used;
            }
            last = used;
        }
        return last;
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int routers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long steady = (args.length > 2 ? Long.parseLong(args[2]) : 60) * S;
        Result r = run(sessions, routers, steady);
        System.out.printf("sessions                       %,d over %d routers (%d nodes)%n", r.sessions(), routers,
            r.nodes());
        System.out.printf("all established                %s%s%n", r.allEstablished(),
            r.allEstablished() ? "" : " (" + r.establishedDetail() + ")");
        System.out.printf("setup wall time                %.2f s (virtual %.1f s; simulation thread CPU %.2f s)%n",
            r.setupWallNanos() / 1e9, r.setupVirtualNanos() / 1e9, r.setupCpuNanos() / 1e9);
        System.out.printf("retained heap                  %,d bytes (%.0f MB)%n", r.heapAfter() - r.heapBefore(),
            (r.heapAfter() - r.heapBefore()) / 1e6);
        System.out.printf("heap per session per node      %.0f bytes%n", r.heapPerSessionPerNode());
        System.out.printf("steady refresh messages        %,.0f per virtual second (%,d in %.0f s virtual)%n",
            r.refreshPerVirtualSecond(), r.steadyMessages(), r.steadyVirtualNanos() / 1e9);
        System.out.printf("steady processing              %,.0f messages per wall second (%.2f s wall)%n",
            r.refreshPerWallSecond(), r.steadyWallNanos() / 1e9);
        System.out.printf("steady processing (CPU)        %,.0f messages per CPU second of the simulation thread"
            + " (%.2f s CPU for %.0f s virtual)%n", r.refreshPerCpuSecond(), r.steadyCpuNanos() / 1e9,
            r.steadyVirtualNanos() / 1e9);
        System.out.printf("received as unchanged          %,d (%.1f %% of the steady messages)%n",
            r.steadyUnchanged(), r.steadyMessages() == 0 ? 0 : 100.0 * r.steadyUnchanged() / r.steadyMessages());
        System.out.printf("load average                   %s%n", java.nio.file.Files.readString(
            java.nio.file.Path.of("/proc/loadavg")).strip());
    }
}
