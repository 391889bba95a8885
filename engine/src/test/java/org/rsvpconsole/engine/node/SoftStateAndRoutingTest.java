package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.tc.PathCharacterization;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/** Soft state timeouts (RFC 2205 §3.7), non-RSVP clouds (§2.9) and local repair (§3.6). */
class SoftStateAndRoutingTest {

    private static final TrafficSpec TSPEC = TrafficSpec.of(100_000, 10_000);
    private static final FlowRequest CL = FlowRequest.controlledLoad(TSPEC);
    /** L = (3 + 0.5) · 1.5 · 30 s = 157.5 s. */
    private static final long L = 157_500 * Scenario.MS;

    @Test
    void lifetimeFollowsRfcFormula() {
        assertEquals(L, NodeConfig.DEFAULT.lifetimeNanos(NodeConfig.DEFAULT.refreshPeriodNanos()));
    }

    @Test
    void stateTimesOutExactlyLAfterTheLastRefreshWhenTheSenderVanishes() {
        Scenario sc = new Scenario(PathAndFixedFilterTest.chain());
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        sc.net.reserve("H2", s, ReservationStyle.FF, CL, List.of(a), false);
        sc.run(Duration.ofMinutes(5));
        long crashAt = sc.time.nowNanos();
        sc.net.crash("H1");
        long lastRefresh = sc.events(RsvpEvent.MessageReceived.class, "R1").stream()
            .filter(e -> e.messageType().equals("Path")).mapToLong(RsvpEvent::timeNanos).max().orElseThrow();
        // Not before L ...
        sc.time.runUntil(lastRefresh + L - Scenario.MS);
        assertEquals(1, sc.net.node("R1").pathStateCount());
        assertTrue(sc.reserved("R1-R2", "R1") > 0);
        // ... and gone right at L, everywhere downstream too (PathTear follows the timeout).
        sc.settle();
        RsvpEvent.PathState out = sc.events(RsvpEvent.PathState.class, "R1").stream()
            .filter(e -> e.change() == StateChange.TIMED_OUT).findFirst().orElseThrow();
        assertEquals(lastRefresh + L, out.timeNanos());
        assertTrue(out.timeNanos() <= crashAt + L);
        for (String n : List.of("R1", "R2", "H2")) {
            assertEquals(0, sc.net.node(n).pathStateCount(), n);
            assertEquals(0, sc.net.node(n).receivedReservationCount(), n);
        }
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-9);
        assertEquals(0, sc.reserved("R2-H2", "R2"), 1e-9);
    }

    @Test
    void reservationTimesOutWhenTheReceiverVanishes() {
        Scenario sc = new Scenario(PathAndFixedFilterTest.chain());
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        sc.net.reserve("H2", s, ReservationStyle.FF, CL, List.of(a), false);
        sc.run(Duration.ofMinutes(2));
        sc.net.crash("H2");
        sc.run(Duration.ofSeconds(157));
        // Somewhat before L no refresh has been missed for long enough... but by L + 1.5R it is all gone.
        sc.run(Duration.ofSeconds(46));
        assertEquals(0, sc.reserved("R2-H2", "R2"), 1e-9);
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-9);
        assertEquals(0, sc.reserved("H1-R1", "H1"), 1e-9);
        assertTrue(sc.events(RsvpEvent.ResvState.class, "R2").stream()
            .anyMatch(e -> e.change() == StateChange.TIMED_OUT));
        // Path state stays: H1 still refreshes it.
        assertEquals(1, sc.net.node("R2").pathStateCount());
    }

    /** H1 ── R1 ── X ── R2 ── H2 where X forwards IP but does not run RSVP. */
    @Test
    void nonRsvpHopIsDetectedThroughSendTtlAndTheReservationCrossesIt() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("X").router("R2").host("H2");
        b.defaults().bandwidth(10_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1");
        b.link("R1", "X");
        b.link("X", "R2");
        b.link("R2", "H2");
        Scenario sc = new Scenario(b.build(), n -> n.name().equals("X") ? NodeConfig.DEFAULT.withRsvp(false)
            : NodeConfig.DEFAULT, 1);
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        assertEquals(0, sc.net.node("X").pathStateCount());
        RsvpEvent.NonRsvpHopDetected d = sc.events(RsvpEvent.NonRsvpHopDetected.class).get(0);
        assertEquals("R2", d.node());
        assertEquals(d.sendTtl() - 1, d.ipTtl());
        assertEquals(1, sc.events(RsvpEvent.NonRsvpHopDetected.class).size());
        PathCharacterization at = sc.net.node("H2").adspec(s, a).orElseThrow();
        assertTrue(at.generalBreak(), "break bit set after a non-RSVP hop");
        assertEquals(3, at.hops(), "H1, R1 and R2 are IS hops; X is not");
        sc.net.reserve("H2", s, ReservationStyle.FF, CL, List.of(a), false);
        sc.settle();
        // R2's Resv goes to its PHOP, R1, straight through X.
        assertEquals(100_000, sc.reserved("R1-X", "R1"), 1e-6);
        assertEquals(100_000, sc.reserved("R2-H2", "R2"), 1e-6);
        assertEquals(0, sc.reserved("X-R2", "X"), 1e-6);
    }

    /**
     * Local repair: the reservation H1 → H2 uses R1 ── R2 ── R4; when R1 ── R2 fails, R1 sends the Path by R3 at
     * once and the reservation follows; the old route is torn down.
     * <pre>
     *   H1 ── R1 ── R2 ── R4 ── H2
     *          \          /
     *           R3 ──────
     * </pre>
     */
    @Test
    void localRepairMovesPathAndReservationToTheNewRoute() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").router("R3").router("R4")
            .host("H2");
        b.defaults().bandwidth(10_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "R4");
        b.link("R1", "R3").metric(5);
        b.link("R3", "R4").metric(5);
        b.link("R4", "H2");
        Scenario sc = new Scenario(b.build());
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        sc.net.reserve("H2", s, ReservationStyle.FF, CL, List.of(a), true);
        sc.settle();
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(0, sc.net.node("R3").pathStateCount());
        long failedAt = sc.time.nowNanos();
        sc.net.failLink("R1-R2");
        sc.settle();
        RsvpEvent.RouteChanged rc = sc.events(RsvpEvent.RouteChanged.class, "R1").get(0);
        assertTrue(rc.timeNanos() - failedAt < Scenario.SECOND);
        assertEquals(100_000, sc.reserved("R1-R3", "R1"), 1e-6);
        assertEquals(100_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertEquals(100_000, sc.reserved("R4-H2", "R4"), 1e-6);
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
        // R4 tore down the reservation toward its old previous hop at once: R2 -> R4 is free again.
        assertEquals(0, sc.reserved("R2-R4", "R2"), 1e-6);
        // R2's orphaned path state times out; the repaired state survives many refreshes.
        sc.run(Duration.ofMinutes(10));
        assertEquals(0, sc.net.node("R2").pathStateCount());
        assertEquals(1, sc.net.node("R4").pathStateCount());
        assertEquals(100_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertFalse(sc.events(RsvpEvent.PathState.class, "R4").stream()
            .anyMatch(e -> e.change() == StateChange.TIMED_OUT || e.change() == StateChange.TORN_DOWN));
    }
}
