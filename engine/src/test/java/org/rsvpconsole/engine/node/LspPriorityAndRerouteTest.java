package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/**
 * RFC 3209 §4.7 setup and holding priorities in the node's admission control (the same {@link Preemption} as
 * RFC 3181), and make-before-break with SE style (§2.5, §4.6.4).
 */
class LspPriorityAndRerouteTest {

    static final long MBIT = 1_000_000;

    static IpAddress ip(String s) {
        return IpAddress.of(s);
    }

    static ExplicitHop strict(String a) {
        return ExplicitHop.strict(ip(a));
    }

    /** R1-R2-R3-R4 with a 10 Mbit/s R2-R3 link; everything else 100 Mbit/s. */
    static Topology chainWithBottleneck() {
        TopologyBuilder b = Topology.builder();
        for (int i = 1; i <= 4; i++) {
            b.router("R" + i, "192.0.2." + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        LspTunnelTest.link(b, 1, 2);
        LspTunnelTest.link(b, 2, 3).bandwidth(10 * MBIT);
        LspTunnelTest.link(b, 3, 4);
        return b.build();
    }

    static LspView view(Scenario sc, String node, int tunnel) {
        return sc.net.node(node).lsps().stream().filter(v -> v.id().tunnelId() == tunnel).findFirst()
            .orElseThrow(() -> new AssertionError(node + " has no LSP of tunnel " + tunnel));
    }

    @Test
    void aBetterSetupPriorityPreemptsAWorseHoldingPriority() {
        Scenario sc = new Scenario(chainWithBottleneck());
        IpAddress tail = ip("192.0.2.4");
        // A: 8 Mbit/s, setup 4 / hold 4. Up.
        sc.net.node("R1").openLsp(LspRequest.of("A", tail, 1, 1_000_000, List.of()).withPriorities(4, 4));
        sc.settle();
        assertEquals(1_000_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(view(sc, "R1", 1).up());
        // C: 6 Mbit/s, setup 5: 5 is not better than A's hold 4, and 6 + 8 > 10: refused, A keeps its bandwidth.
        sc.net.node("R1").openLsp(LspRequest.of("C", tail, 3, 750_000, List.of()).withPriorities(5, 5));
        sc.settle();
        assertEquals(1_000_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(sc.events(RsvpEvent.Preempted.class).isEmpty());
        RsvpEvent.AdmissionFailed refused = sc.events(RsvpEvent.AdmissionFailed.class, "R2").get(0);
        assertEquals(750_000, refused.requestedBytesPerSecond(), 1e-6);
        assertEquals(250_000, refused.freeBytesPerSecond(), 1e-6);
        assertFalse(view(sc, "R1", 3).up());
        sc.net.node("R1").closeLsp(view(sc, "R1", 3).id());
        sc.settle();

        // B: 6 Mbit/s, setup 3 / hold 3: 3 is better than A's hold 4, so B takes the link and A is preempted whole
        // (an LSP is never reduced).
        sc.net.node("R1").openLsp(LspRequest.of("B", tail, 2, 750_000, List.of()).withPriorities(3, 3));
        sc.settle();
        assertEquals(750_000, sc.reserved("R2-R3", "R2"), 1e-6);
        RsvpEvent.Preempted p = sc.events(RsvpEvent.Preempted.class, "R2").get(0);
        assertFalse(p.partial());
        assertEquals(LspId.tunnelSession(tail, 2), p.preemptor());
        assertEquals(LspId.tunnelSession(tail, 1), p.victim());
        // On the RFC 3181 scale the node compares: 7 - setup against 7 - hold.
        assertEquals(7 - 3, p.preemptionPriority());
        assertEquals(7 - 4, p.defendingPriority());
        assertEquals(1_000_000, p.takenBytesPerSecond(), 1e-6);
        assertTrue(view(sc, "R1", 2).up());
        assertFalse(view(sc, "R1", 1).up(), "the head end of A saw its reservation go");
        assertTrue(sc.net.node("R2").labelTable().stream().noneMatch(e -> e.lsp().tunnelId() == 1));
        assertTrue(sc.events(RsvpEvent.LabelBound.class, "R1").stream()
            .anyMatch(e -> e.lsp().tunnelId() == 1 && e.change() == StateChange.TORN_DOWN));
        assertEquals(750_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(750_000, sc.reserved("R3-R4", "R3"), 1e-6);
    }

    /**
     * <pre>
     *              R3
     *            /    \
     *   R1 --- R2      R4     R1-R2: 10 Mbit/s, shared by the old route (R2-R3-R4) and the new (R2-R5-R4)
     *            \    /
     *              R5
     * </pre>
     */
    static Topology twoRoutes() {
        TopologyBuilder b = Topology.builder();
        for (int i = 1; i <= 5; i++) {
            b.router("R" + i, "192.0.2." + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        LspTunnelTest.link(b, 1, 2).bandwidth(10 * MBIT);
        LspTunnelTest.link(b, 2, 3);
        LspTunnelTest.link(b, 3, 4);
        LspTunnelTest.link(b, 2, 5);
        LspTunnelTest.link(b, 4, 5);
        return b.build();
    }

    static final List<ExplicitHop> OLD = List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4"));
    static final List<ExplicitHop> NEW = List.of(strict("10.0.12.2"), strict("10.0.25.5"), strict("10.0.45.4"));

    @Test
    void makeBeforeBreakWithSharedExplicitCountsTheSharedLinkOnce() {
        Scenario sc = new Scenario(twoRoutes());
        IpAddress tail = ip("192.0.2.4");
        // 6 Mbit/s over a 10 Mbit/s first link: old and new LSP together fit only if that link is shared (SE).
        LspId old = sc.net.node("R1").openLsp(LspRequest.of("T1", tail, 1, 750_000, OLD));
        sc.settle();
        assertEquals(750_000, sc.reserved("R2-R3", "R2"), 1e-6);
        long rerouteAt = sc.time.nowNanos();
        LspId fresh = sc.net.node("R1").rerouteLsp(old, 2, NEW);
        assertEquals(old.withLspId(2), fresh);
        sc.settle();

        // The new LSP is up on R2-R5-R4, the old one gone, and R1-R2 held 6 Mbit/s throughout.
        assertEquals(750_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(750_000, sc.reserved("R2-R5", "R2"), 1e-6);
        assertEquals(750_000, sc.reserved("R4-R5", "R5"), 1e-6);
        assertEquals(0, sc.reserved("R2-R3", "R2"), 1e-6);
        assertEquals(0, sc.reserved("R3-R4", "R3"), 1e-6);
        List<LspView> atHead = sc.net.node("R1").lsps();
        assertEquals(1, atHead.size());
        assertEquals(fresh, atHead.get(0).id());
        assertTrue(atHead.get(0).up());
        assertTrue(sc.net.node("R3").lsps().isEmpty());
        assertTrue(sc.events(RsvpEvent.AdmissionFailed.class).isEmpty());
        // Every reservation R1 made on R1-R2 was for at most 6 Mbit/s, and while both LSPs were up (the moment
        // the new one's Resv reached R1, before the old one's PathTear) it was one SE reservation for both.
        List<RsvpEvent.Reservation> r1 = sc.events(RsvpEvent.Reservation.class, "R1");
        assertTrue(r1.stream().allMatch(e -> e.reservedBytesPerSecond() <= 750_000 + 1e-6), r1.toString());
        assertTrue(r1.stream().anyMatch(e -> e.timeNanos() > rerouteAt && e.senders().size() == 2
            && Math.abs(e.reservedBytesPerSecond() - 750_000) < 1e-6), r1.toString());
        // The tail end's SE reservation lists only the new LSP now, and the old LSP's labels are released.
        assertEquals(1, sc.net.node("R2").labelTable().size());
        assertEquals(2, sc.net.node("R2").labelTable().get(0).lsp().lspId());
        assertTrue(sc.events(RsvpEvent.LabelBound.class, "R1").stream()
            .anyMatch(e -> e.lsp().equals(old) && e.change() == StateChange.TORN_DOWN));
    }

    @Test
    void withoutSharedExplicitTheRerouteDoubleCountsAndIsRefused() {
        Scenario sc = new Scenario(twoRoutes());
        IpAddress tail = ip("192.0.2.4");
        LspRequest ff = new LspRequest("T1", tail, 1, 1, 750_000, OLD, 7, 7, true, true, false, false);
        LspId old = sc.net.node("R1").openLsp(ff);
        sc.settle();
        assertEquals(org.rsvpconsole.engine.api.ReservationStyle.FF, view(sc, "R1", 1).style());
        sc.net.node("R1").rerouteLsp(old, 2, NEW);
        sc.settle();
        // FF: one reservation per LSP; 6 + 6 Mbit/s do not fit R1-R2's 10, so the new LSP is refused at R1 and the
        // old one stays (make-before-break never breaks first).
        RsvpEvent.AdmissionFailed f = sc.events(RsvpEvent.AdmissionFailed.class, "R1").get(0);
        // The tunnel would need both LSPs' 6 Mbit/s on the 10 Mbit/s link (its own 6 count as free to it).
        assertEquals(1_500_000, f.requestedBytesPerSecond(), 1e-6);
        assertEquals(1_250_000, f.freeBytesPerSecond(), 1e-6);
        assertEquals(750_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(750_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertEquals(1, sc.net.node("R1").lsps().stream().filter(LspView::up).count());
        assertEquals(old, sc.net.node("R1").lsps().stream().filter(LspView::up).findFirst().orElseThrow().id());
    }
}
