package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.policy.PolicyDecision;
import org.rsvpconsole.engine.policy.PolicyRequest;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;
import org.rsvpconsole.engine.topology.TopologyLoader;

/** Admission control (RFC 2205 Appendix B code 1), policy failures (code 2), and blockade state (§3.5). */
class AdmissionAndBlockadeTest {

    private static final TrafficSpec BIG = TrafficSpec.of(2_000_000, 10_000);

    /** Chain H1 ── R1 ── R2 ── H2 with 10 Mbit/s reservable per direction and 4 Mbit/s per flow. */
    private final Scenario chain = new Scenario(PathAndFixedFilterTest.chain());

    private SessionId session(Scenario sc, int port) {
        return new SessionId(sc.net.node("H2").address(), SessionId.UDP, port);
    }

    private SenderAddress pathTo(Scenario sc, SessionId s, int port) {
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, port, BIG);
        sc.settle();
        return a;
    }

    @Test
    void perFlowLimitRefusesWithBandwidthUnavailable() {
        SessionId s = session(chain, 5000);
        SenderAddress a = pathTo(chain, s, 1);
        // 600,000 bytes/s = 4.8 Mbit/s > the 4 Mbit/s per-flow maximum of R2's interface toward H2.
        chain.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(600_000, 1000)),
            List.of(a), false);
        chain.settle();
        RsvpEvent.AdmissionFailed f = chain.events(RsvpEvent.AdmissionFailed.class).get(0);
        assertEquals("R2", f.node());
        assertEquals("per-flow limit", f.reason());
        assertEquals(500_000, f.perFlowMaxBytesPerSecond(), 1e-9);
        RsvpEvent.ErrorReceived e = chain.events(RsvpEvent.ErrorReceived.class, "H2").get(0);
        assertEquals(ErrorCodes.ADMISSION_CONTROL_FAILURE, e.errorCode());
        assertEquals(ErrorCodes.AC_BANDWIDTH_UNAVAILABLE, e.errorValue());
        assertEquals(0, chain.reserved("R2-H2", "R2"), 1e-9);
        assertEquals(0, chain.net.node("R2").receivedReservationCount());
    }

    @Test
    void totalLimitRefusesTheReservationThatDoesNotFit() {
        FlowRequest half = FlowRequest.controlledLoad(TrafficSpec.of(500_000, 1000));
        for (int port = 1; port <= 3; port++) {
            SessionId s = session(chain, 5000 + port);
            SenderAddress a = pathTo(chain, s, port);
            chain.net.reserve("H2", s, ReservationStyle.FF, half, List.of(a), false);
            chain.settle();
        }
        // 1.25 MB/s reservable: two of 500,000 fit, the third does not.
        assertEquals(1_000_000, chain.reserved("R2-H2", "R2"), 1e-6);
        assertEquals(1_000_000, chain.reserved("R1-R2", "R1"), 1e-6);
        RsvpEvent.AdmissionFailed f = chain.events(RsvpEvent.AdmissionFailed.class).get(0);
        assertEquals("interface bandwidth", f.reason());
        assertEquals(250_000, f.freeBytesPerSecond(), 1e-6);
        assertEquals(1, chain.events(RsvpEvent.ErrorReceived.class, "H2").size());
    }

    @Test
    void aPacketSizeAboveTheInterfaceMtuIsRefusedWithMtuTooBig() throws Exception {
        // H1 ── R1 ══ R2 ── H2: the R1-R2 link has the old 576-byte MTU (topology file key 'mtu').
        Scenario sc = new Scenario(TopologyLoader.parse("""
            defaults: {bandwidth: 10M, delay: 1ms}
            nodes: {H1: host, R1: router, R2: router, H2: host}
            links:
              - ends: [H1, R1]
              - {ends: [R1, R2], mtu: 576}
              - ends: [R2, H2]
            """, "mtu.yaml"));
        SessionId big = session(sc, 5000);
        SenderAddress a = pathTo(sc, big, 1);
        // The ADSPEC tells the receiver the path MTU (RFC 2210 §3.3.6 composed MTU).
        assertEquals(576, sc.net.node("H2").adspec(big, a).orElseThrow().mtu());
        TrafficSpec m1500 = new TrafficSpec(10_000, 3000, Double.POSITIVE_INFINITY, 64, 1500);
        sc.net.reserve("H2", big, ReservationStyle.FF, FlowRequest.controlledLoad(m1500), List.of(a), false);
        sc.settle();
        RsvpEvent.AdmissionFailed f = sc.events(RsvpEvent.AdmissionFailed.class).get(0);
        assertEquals("R1", f.node());
        assertEquals(ErrorCodes.AC_MTU_TOO_BIG, f.errorValue());
        assertTrue(f.reason().contains("1500") && f.reason().contains("576"), f.reason());
        RsvpEvent.ErrorReceived e = sc.events(RsvpEvent.ErrorReceived.class, "H2").get(0);
        assertEquals(ErrorCodes.ADMISSION_CONTROL_FAILURE, e.errorCode());
        assertEquals(ErrorCodes.AC_MTU_TOO_BIG, e.errorValue());
        assertEquals("MTU in flowspec larger than interface MTU", e.valueName());
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-9);
        assertEquals(0, sc.net.node("R1").receivedReservationCount());

        // The same flow with packets of at most 512 bytes fits the MTU and is reserved end to end.
        SessionId small = session(sc, 5001);
        SenderAddress b = pathTo(sc, small, 2);
        TrafficSpec m512 = new TrafficSpec(10_000, 3000, Double.POSITIVE_INFINITY, 64, 512);
        sc.net.sender("H1", small, 2, m512);
        sc.settle();
        sc.net.reserve("H2", small, ReservationStyle.FF, FlowRequest.controlledLoad(m512), List.of(b), false);
        sc.settle();
        assertEquals(1, sc.events(RsvpEvent.AdmissionFailed.class).size());
        assertEquals(10_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(10_000, sc.reserved("H1-R1", "H1"), 1e-6);
    }

    @Test
    void guaranteedRateBelowTokenRateCannotMeetAnyDelayBound() {
        SessionId s = session(chain, 5000);
        SenderAddress a = pathTo(chain, s, 1);
        chain.net.reserve("H2", s, ReservationStyle.FF,
            FlowRequest.guaranteed(TrafficSpec.of(200_000, 1000), 100_000, 0), List.of(a), false);
        chain.settle();
        RsvpEvent.ErrorReceived e = chain.events(RsvpEvent.ErrorReceived.class, "H2").get(0);
        assertEquals(ErrorCodes.ADMISSION_CONTROL_FAILURE, e.errorCode());
        assertEquals(ErrorCodes.AC_DELAY_BOUND, e.errorValue());
    }

    @Test
    void guaranteedReservationTakesItsRate() {
        SessionId s = session(chain, 5000);
        SenderAddress a = pathTo(chain, s, 1);
        chain.net.reserve("H2", s, ReservationStyle.FF,
            FlowRequest.guaranteed(TrafficSpec.of(200_000, 1000), 300_000, 0), List.of(a), true);
        chain.settle();
        assertEquals(300_000, chain.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(1, chain.events(RsvpEvent.ConfirmationReceived.class, "H2").size());
    }

    /**
     * Guaranteed service from a delay target (RFC 2212): the ADSPEC at H2 says Ctot = 4500 bytes and
     * Dtot = 3600 us over three hops; with b = 10,000 bytes and infinite peak the bound is (b + Ctot)/R + Dtot.
     */
    @Test
    void guaranteedDelayTargetPicksTheRateOrFailsWithDelayBound() {
        SessionId s = session(chain, 5000);
        chain.net.openReceiver("H2", s);
        SenderAddress a = chain.net.sender("H1", s, 1, TrafficSpec.of(100_000, 10_000));
        chain.settle();
        // 40 ms: R = 14,500 / 0.0364 = 398,351.6 bytes/s, reserved hop by hop.
        assertTrue(chain.net.reserveGuaranteed("H2", s, a, 40_000, true));
        chain.settle();
        assertEquals(398_352, chain.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(1, chain.events(RsvpEvent.ConfirmationReceived.class, "H2").size());
        // 3 ms is below Dtot; 10 ms needs 2.27 MB/s, more than the path's 1.25 MB/s.
        assertFalse(chain.net.reserveGuaranteed("H2", s, a, 3000, false));
        assertFalse(chain.net.reserveGuaranteed("H2", s, a, 10_000, false));
        List<RsvpEvent.AdmissionFailed> f = chain.events(RsvpEvent.AdmissionFailed.class, "H2");
        assertEquals(2, f.size());
        assertTrue(f.stream().allMatch(e -> e.errorValue() == ErrorCodes.AC_DELAY_BOUND));
        assertEquals(398_352, chain.reserved("R1-R2", "R1"), 1e-6, "the reservation in place stays");
    }

    @Test
    void policyRejectingAPathAnswersWithPathErr() {
        PolicyControl noPaths = r -> r.direction() == PolicyRequest.Direction.PATH && r.node().equals("R2")
            ? new PolicyDecision.Reject(new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE,
                ErrorCodes.PC_GENERIC_REJECTION), "no senders here")
            : PolicyDecision.accept(r);
        Scenario sc = new Scenario(PathAndFixedFilterTest.chain(), n -> NodeConfig.DEFAULT, noPaths, 1);
        SessionId s = session(sc, 5000);
        pathTo(sc, s, 1);
        assertEquals(0, sc.net.node("R2").pathStateCount());
        assertEquals(0, sc.net.node("H2").pathStateCount());
        RsvpEvent.ErrorReceived e = sc.events(RsvpEvent.ErrorReceived.class, "H1").get(0);
        assertEquals("PathErr", e.messageType());
        assertEquals(ErrorCodes.POLICY_CONTROL_FAILURE, e.errorCode());
        assertEquals(1, sc.events(RsvpEvent.PolicyRejected.class, "R2").size());
    }

    /**
     * The killer reservation problem (RFC 2205 §3.5): R2 merges a small request from H2 with a huge one from H3;
     * the merge fails at R1. R2 then blockades the huge request toward R1, forwards the ResvErr to H3 only, and
     * the small reservation goes through.
     * <pre>
     *   H1 ── R1 ══(2 Mbit/s)══ R2 ─┬ H2 (small)
     *                               └ H3 (killer)
     * </pre>
     */
    @Test
    void killerReservationIsBlockadedAndTheSmallOneGetsThrough() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").host("H2").host("H3");
        b.defaults().bandwidth(100_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1");
        b.link("R1", "R2").bandwidth(2_000_000);
        b.link("R2", "H2");
        b.link("R2", "H3");
        Scenario sc = new Scenario(b.build());
        SessionId g = SessionId.udp("224.9.9.9", 9000);
        sc.net.openReceiver("H2", g);
        sc.net.openReceiver("H3", g);
        sc.settle();
        SenderAddress a = sc.net.sender("H1", g, 1, BIG);
        sc.settle();
        // The killer asks first: its request fails at R1 and R2 records the blockade.
        sc.net.reserve("H3", g, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(1_000_000, 1000)),
            List.of(a), false);
        sc.settle();
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
        // Without blockade state R2 would keep forwarding the merge (the killer's size) and H2 would never get in.
        sc.net.reserve("H2", g, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(100_000, 1000)),
            List.of(a), false);
        sc.settle();
        // 2 Mbit/s = 250,000 bytes/s on R1 -> R2: the small request fits, the merge with the killer does not.
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertTrue(sc.events(RsvpEvent.Blockade.class, "R2").get(0).set());
        assertFalse(sc.events(RsvpEvent.ErrorReceived.class, "H3").isEmpty());
        assertEquals(0, sc.events(RsvpEvent.ErrorReceived.class, "H2").size());
        // Both receivers are still served locally at R2 (its own links are big enough).
        assertEquals(1_000_000, sc.reserved("R2-H3", "R2"), 1e-6);
        assertEquals(100_000, sc.reserved("R2-H2", "R2"), 1e-6);
    }
}
