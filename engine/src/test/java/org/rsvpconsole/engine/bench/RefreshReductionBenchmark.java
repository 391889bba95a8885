package org.rsvpconsole.engine.bench;

import java.util.List;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;
import org.rsvpconsole.engine.virtualnet.RsvpNetwork;

/**
 * Refresh-reduction benchmark (docs/BENCHMARKS.md), not a timed test: N established sessions over the chain
 * A – R1 – R2 – R3 – B, then the steady-state RSVP datagrams per second on the link R1 – R2 (both directions),
 * without and with RFC 2961 refresh reduction (Srefresh filled up to the 1500-byte MTU).
 *
 * <pre>
 * build/bench --run-main -Xmx4g org.rsvpconsole.engine.bench.RefreshReductionBenchmark [SESSIONS] [STEADY_SECONDS]
 * </pre>
 */
public final class RefreshReductionBenchmark {

    private static final long S = 1_000_000_000L;

    /** What one run measured on R1 – R2. */
    public record Result(boolean refreshReduction, int sessions, int establishedAtR2, long datagrams,
                         long steadyVirtualNanos, long wallNanos) {

        public double perSecond() {
            return datagrams / (steadyVirtualNanos / 1e9);
        }
    }

    private RefreshReductionBenchmark() {
    }

    public static Topology chain() {
        TopologyBuilder b = Topology.builder().host("A").router("R1").router("R2").router("R3").host("B");
        b.defaults().bandwidth(100_000_000_000L).delayNanos(1_000_000L);
        b.link("A", "R1");
        b.link("R1", "R2");
        b.link("R2", "R3");
        b.link("R3", "B");
        return b.build();
    }

    /** Sets up {@code sessions} sessions, lets them settle for 3 minutes, then counts for {@code steadySeconds}. */
    public static Result run(int sessions, long steadySeconds, boolean refreshReduction) {
        long wall = System.nanoTime();
        NodeConfig config = refreshReduction ? NodeConfig.DEFAULT.withNeighbours(
            NeighbourConfig.NONE.withRefreshReduction(NeighbourConfig.RefreshReduction.ON)) : NodeConfig.DEFAULT;
        VirtualTime time = new VirtualTime();
        Topology t = chain();
        RsvpNetwork net = new RsvpNetwork(t, time, 1, n -> config, PolicyControl.ACCEPT_ALL, EventSink.NONE);
        TrafficSpec tspec = TrafficSpec.of(3000, 500);
        // Senders start evenly over 10 s; the receiver reserves 200 ms after each.
        for (int i = 0; i < sessions; i++) {
            int port = 1 + i;
            long at = i * 10 * S / sessions;
            SessionId s = new SessionId(net.node("B").address(), SessionId.UDP, port);
            time.schedule(at, () -> {
                net.openReceiver("B", s);
                net.sender("A", s, 1000, tspec);
            });
            time.schedule(at + 200_000_000L, () -> net.reserve("B", s, ReservationStyle.FF,
                FlowRequest.controlledLoad(tspec), List.of(new SenderAddress(net.node("A").address(), 1000)),
                false));
        }
        time.runUntil(180 * S);
        Link r1r2 = t.link("R1-R2").orElseThrow();
        long before = sent(net, r1r2);
        long from = time.nowNanos();
        time.runUntil(from + steadySeconds * S);
        long datagrams = sent(net, r1r2) - before;
        return new Result(refreshReduction, sessions, net.node("R2").receivedReservationCount(), datagrams,
            time.nowNanos() - from, System.nanoTime() - wall);
    }

    private static long sent(RsvpNetwork net, Link link) {
        long n = 0;
        for (Interface end : link.ends()) {
            n += net.virtualNetwork().counters(end).sent();
        }
        return n;
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 7_500;
        long steady = args.length > 1 ? Long.parseLong(args[1]) : 300;
        for (boolean rr : new boolean[] {false, true}) {
            Result r = run(sessions, steady, rr);
            System.out.printf("%s: %d sessions (%d reservations at R2), link R1-R2 both directions: %d datagrams in"
                    + " %d s = %.2f msg/s (wall %.1f s)%n", rr ? "with refresh reduction" : "RFC 2205 refreshes",
                r.sessions(), r.establishedAtR2(), r.datagrams(), r.steadyVirtualNanos() / S, r.perSecond(),
                r.wallNanos() / 1e9);
        }
    }
}
