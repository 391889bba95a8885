package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;

/** RFC 3209 §5 Hello: a dead neighbour is found within 3.5 Hello intervals and its state is cleaned at once. */
class HelloTest {

    @Test
    void aDeadNeighbourIsDetectedAndItsStateCleanedLongBeforeTimeouts() {
        NodeConfig hello = NodeConfig.DEFAULT.withNeighbours(NeighbourConfig.NONE.withHello(
            NeighbourConfig.Hello.ON));
        Scenario sc = new Scenario(RefreshReductionTest.chain(0), n -> hello, 1);
        RefreshReductionTest.establish(sc, 3);
        sc.run(Duration.ofSeconds(5));
        assertEquals(3 * 10_000, sc.reserved("H1-R1", "H1"), 1e-6);
        NeighbourView r2 = RefreshReductionTest.neighbour(sc, "R1", "R2");
        assertEquals("UP", r2.helloState());
        assertTrue(r2.received().getOrDefault("Hello", 0L) > 500, r2.toString());
        assertTrue(sc.events(RsvpEvent.NeighbourEvent.class, "R1").stream()
            .anyMatch(e -> e.kind().equals("HELLO_UP")));

        long crashAt = sc.time.nowNanos();
        sc.net.crash("R2");
        // Dead after 3.5 intervals of 5 ms without a Hello, noticed at the next 5 ms tick: 25 ms at most.
        sc.time.runUntil(crashAt + 25 * Scenario.MS);
        RsvpEvent.NeighbourEvent down = sc.events(RsvpEvent.NeighbourEvent.class, "R1").stream()
            .filter(e -> e.kind().equals("HELLO_DOWN")).findFirst().orElseThrow();
        assertTrue(down.timeNanos() - crashAt >= 17 * Scenario.MS, "not before 3.5 intervals");
        assertTrue(down.detail().contains("no Hello for"), down.detail());
        assertEquals("DOWN", RefreshReductionTest.neighbour(sc, "R1", "R2").helloState());
        sc.time.runUntil(crashAt + 50 * Scenario.MS);
        // Upstream: R1 dropped the reservations from R2 and tore them toward H1; downstream: R3 dropped the
        // path state from R2 and tore it toward H2. No waiting for L (157.5 s).
        assertEquals(0, sc.net.node("R1").receivedReservationCount());
        assertEquals(0, sc.reserved("H1-R1", "H1"), 1e-6);
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(0, sc.net.node("R3").pathStateCount());
        assertEquals(0, sc.net.node("H2").pathStateCount());
        assertEquals(3, sc.events(RsvpEvent.ResvState.class, "R1").stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT && e.timeNanos() > crashAt).count());
        assertEquals(3, sc.events(RsvpEvent.PathState.class, "R3").stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT && e.timeNanos() > crashAt).count());
        // R1 still has its senders' path state (H1 is alive) and H1 heard the reservations go.
        assertEquals(3, sc.net.node("R1").pathStateCount());
        assertTrue(sc.events(RsvpEvent.ResvState.class, "H1").stream()
            .anyMatch(e -> e.change() == StateChange.TORN_DOWN && e.timeNanos() > crashAt));
    }
}
