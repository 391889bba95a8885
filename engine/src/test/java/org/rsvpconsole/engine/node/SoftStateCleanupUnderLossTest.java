package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.topology.Node;

/**
 * Issue 3's soft-state proof under loss, in plain RFC 2205 (no refresh reduction): 20% loss on every link of a
 * 6-hop path, 200 reservations established, then the sender host vanishes without any PathTear. The first hop
 * times out its path state at most L = (K + 0.5) · 1.5 · R = 157.5 s after the sender's last refresh (K = 3,
 * R = 30 s, RFC 2205 §3.7) and sends PathTear on (§3.1.5); each node sends every teardown 8 times (decision 0025),
 * so the tear crosses each 20% link with probability 1 - 0.2^8 and every node's state is gone at crash + L,
 * instead of up to one L per hop later ({@link LossAndDeterminismTest}).
 */
class SoftStateCleanupUnderLossTest {

    private static final long L = 157_500 * Scenario.MS;
    private static final int TEAR_COPIES = 8;
    private static final List<String> ROUTERS = List.of("R1", "R2", "R3", "R4", "R5");

    /** K = 3 and R = 30 s on every node, as issue 3 sets them: the cleanup bound holds. */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 23})
    void withKThreeEveryNodesStateIsGoneWithinLOfTheSendersVanishing(long seed) {
        Result r = run(n -> NodeConfig.DEFAULT.withTearCopies(TEAR_COPIES), seed);
        // K = 3 lets K - 1 = 2 successive refreshes be lost (§3.7); at 20% loss a state block now and then loses
        // four or five in a row and times out while its sender lives (counted and reported, not asserted: the
        // other test shows the RFC's remedy). The bound itself holds whatever happened before.
        System.out.printf("K=3 seed %d: live timeouts path %d resv %d; first hop gone at crash + %.3f s, last state"
            + " gone at crash + %.3f s (L = %.1f s)%n", seed, r.livePathTimeouts, r.liveResvTimeouts,
            r.firstHopGoneSeconds, r.lastGoneSeconds, L / 1e9);
    }

    /**
     * RFC 2205 §3.7's remedy for lossy hops, "a larger K value", with the first hop's lifetime kept at L: every
     * node runs K = 10, and the sender host refreshes every R = 10 s, so the first hop keeps its path state
     * (10 + 0.5) · 1.5 · 10 s = 157.5 s = L and sees at least 10 refreshes in it. No live state times out (nor is
     * torn down) while the sender lives, and everything is gone within L of its vanishing.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 23})
    void withLargerKOnLossyHopsNoLiveStateTimesOutAndEverythingIsGoneWithinL(long seed) {
        NodeConfig router = NodeConfig.DEFAULT.withKeepMultiplier(10).withTearCopies(TEAR_COPIES);
        NodeConfig sender = router.withRefreshPeriod(Duration.ofSeconds(10));
        assertEquals(L, router.lifetimeNanos(sender.refreshPeriodNanos()));
        Result r = run(n -> n.name().equals("H1") ? sender : router, seed);
        assertEquals(0, r.livePathTimeouts);
        assertEquals(0, r.liveResvTimeouts);
        assertEquals(0, r.liveRemovals, "no state removed at all while the sender lived");
        System.out.printf("K=10 seed %d: live timeouts path %d resv %d; first hop gone at crash + %.3f s, last state"
            + " gone at crash + %.3f s (L = %.1f s)%n", seed, r.livePathTimeouts, r.liveResvTimeouts,
            r.firstHopGoneSeconds, r.lastGoneSeconds, L / 1e9);
    }

    private record Result(long livePathTimeouts, long liveResvTimeouts, long liveRemovals, double firstHopGoneSeconds,
                          double lastGoneSeconds) {
    }

    private static Result run(Function<Node, NodeConfig> configs, long seed) {
        Scenario sc = new Scenario(LossAndDeterminismTest.sixHops(0.2), configs, seed);
        LossAndDeterminismTest.establishForTest(sc, 200);
        sc.run(Duration.ofMinutes(20));
        long established = sc.events(RsvpEvent.ResvState.class, "H1").stream()
            .filter(e -> e.change() == StateChange.INSTALLED).map(RsvpEvent.ResvState::session).distinct().count();
        assertEquals(200, established);
        long lost = sc.net.virtualNetwork().counters(sc.net.topology().interfacesOf(
            sc.net.topology().requireNode("R1")).get(1)).lost();
        assertTrue(lost > 0, "the links really lose datagrams");
        long livePath = sc.events(RsvpEvent.PathState.class).stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT).count();
        long liveResv = sc.events(RsvpEvent.ResvState.class).stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT).count();
        long liveRemovals = sc.events(RsvpEvent.PathState.class).stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT || e.change() == StateChange.TORN_DOWN).count()
            + sc.events(RsvpEvent.ResvState.class).stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT || e.change() == StateChange.TORN_DOWN).count();

        // The sender host vanishes: no PathTear from it, its refreshes just stop.
        long crashAt = sc.time.nowNanos();
        int before = sc.events.size();
        sc.net.crash("H1");
        sc.time.runUntil(crashAt + L);
        for (NodeStateView v : sc.net.nodeStates()) {
            assertEquals(0, v.paths(), v.node());
            // Only H2's applications' own requests remain (their Resv has nowhere to go).
            assertEquals(v.node().equals("H2") ? 200 : 0, v.reservations(), v.node());
            assertEquals(0, v.blockades(), v.node());
        }
        for (String n : ROUTERS) {
            assertEquals(0, sc.net.node(n).sessionCount(), n);
        }
        for (var d : sc.net.linkDirections()) {
            assertEquals(0, d.reservations().size(), d.link());
        }
        List<RsvpEvent> after = sc.events.subList(before, sc.events.size());
        long firstHopGone = after.stream().filter(e -> e instanceof RsvpEvent.PathState p && p.node().equals("R1"))
            .mapToLong(RsvpEvent::timeNanos).max().orElseThrow();
        long lastGone = after.stream().filter(e -> e instanceof RsvpEvent.PathState
            || e instanceof RsvpEvent.ResvState).mapToLong(RsvpEvent::timeNanos).max().orElseThrow();
        // The first hop's own timeout started it: R1 timed out all 200 and nobody tore R1 down.
        assertEquals(200, after.stream().filter(e -> e instanceof RsvpEvent.PathState p && p.node().equals("R1")
            && p.change() == StateChange.TIMED_OUT).count());
        // Nothing comes back later either.
        sc.time.runUntil(crashAt + 4 * L);
        for (NodeStateView v : sc.net.nodeStates()) {
            assertEquals(0, v.paths(), v.node());
        }
        assertEquals(lastGone, sc.events.subList(before, sc.events.size()).stream()
            .filter(e -> e instanceof RsvpEvent.PathState || e instanceof RsvpEvent.ResvState)
            .mapToLong(RsvpEvent::timeNanos).max().orElseThrow());
        return new Result(livePath, liveResv, liveRemovals, (firstHopGone - crashAt) / 1e9,
            (lastGone - crashAt) / 1e9);
    }
}
