package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.PolicyData;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.topology.Interface;

/**
 * RFC 3181 and RFC 4495 admission rules on the chain H1 ── R1 ── R2 ── H2 (1.25 MB/s reservable per direction,
 * 500,000 B/s per flow): victims in order, nothing touched in vain, at most one reduction per event, merging.
 */
class PreemptionRulesTest {

    private static final TrafficSpec SENDER = TrafficSpec.of(500_000, 10_000);

    private final Scenario chain = new Scenario(PathAndFixedFilterTest.chain());

    /** A flow of {@code bytes}/s from H1 to H2 on {@code port}, reserved with priorities (null: none). */
    private SessionId flow(int port, double bytes, SessionPriorities p) {
        SessionId s = new SessionId(chain.net.node("H2").address(), SessionId.UDP, port);
        chain.net.openReceiver("H2", s);
        SenderAddress a = chain.net.sender("H1", s, port, SENDER);
        chain.settle();
        chain.net.node("H2").priorities(s, p, List.of());
        chain.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(bytes, 1000)),
            List.of(a), false);
        chain.settle();
        return s;
    }

    private double on(SessionId s) {
        return chain.net.linkDirection("R2-H2", "R2").reservedBytesPerSecond(s);
    }

    private List<RsvpEvent.Preempted> preemptedAt(String node) {
        return chain.events(RsvpEvent.Preempted.class, node);
    }

    @Test
    void lowestDefendingPriorityFirstThenNewestAndOnlyOneIsReduced() {
        SessionId a = flow(1, 400_000, new SessionPriorities(50, 50));
        SessionId b = flow(2, 400_000, new SessionPriorities(10, 10));
        SessionId c = flow(3, 400_000, new SessionPriorities(10, 10));
        SessionId d = flow(4, 400_000, new SessionPriorities(100, 100));
        // 1.2 MB/s held, 50,000 free: D needs 350,000 more. B and C defend with 10; C is newer: C is reduced.
        List<RsvpEvent.Preempted> atR2 = preemptedAt("R2");
        assertEquals(1, atR2.size(), atR2.toString());
        assertEquals(c, atR2.get(0).victim());
        assertTrue(atR2.get(0).partial());
        assertEquals(50_000, atR2.get(0).remainingBytesPerSecond(), 1e-6);
        assertEquals(400_000, on(d), 1e-6);
        assertEquals(400_000, on(a), 1e-6);
        assertEquals(400_000, on(b), 1e-6);
        assertEquals(50_000, on(c), 1e-6, "C's receiver took what may stay");
        // R1 and H1 reduced C too (the old request still held there: every hop of the chain is full); H2 heard
        // three reductions to the same 50,000 and reduced once (Req#4).
        assertEquals(1, preemptedAt("R1").size());
        assertEquals(1, preemptedAt("H1").size());
        List<RsvpEvent.ReductionAnswered> answers = chain.events(RsvpEvent.ReductionAnswered.class, "H2");
        assertEquals(3, answers.size(), answers.toString());
        assertEquals(50_000, answers.get(0).newBytesPerSecond(), 1e-6);
        for (RsvpEvent.ReductionAnswered dup : answers.subList(1, 3)) {
            assertTrue(dup.explanation().contains("duplicate"), dup.explanation());
        }
        assertEquals(0, chain.sent("R2", "ResvTear").size(), "a reduction sends no ResvTear");
    }

    @Test
    void whenOneIsNotEnoughTheLowerOnesArePreemptedWholeAndTheLastReduced() {
        SessionId a = flow(1, 400_000, new SessionPriorities(10, 10));
        SessionId b = flow(2, 400_000, new SessionPriorities(20, 20));
        SessionId c = flow(3, 400_000, new SessionPriorities(30, 30));
        SessionId d = flow(4, 500_000, new SessionPriorities(100, 100));
        // D needs 450,000 more: A (400,000, defending 10) goes whole, B (20) gives 50,000.
        List<RsvpEvent.Preempted> atR2 = preemptedAt("R2");
        assertEquals(2, atR2.size(), atR2.toString());
        assertEquals(a, atR2.get(0).victim());
        assertFalse(atR2.get(0).partial());
        assertEquals(b, atR2.get(1).victim());
        assertTrue(atR2.get(1).partial());
        assertEquals(350_000, atR2.get(1).remainingBytesPerSecond(), 1e-6);
        assertEquals(0, on(a), 1e-9);
        assertEquals(350_000, on(b), 1e-6);
        assertEquals(400_000, on(c), 1e-6);
        assertEquals(500_000, on(d), 1e-6);
        assertEquals(1, atR2.stream().filter(RsvpEvent.Preempted::partial).count(), "RFC 4495 §5.5");
    }

    @Test
    void nothingIsTouchedWhenTheVictimsCannotFreeEnough() {
        SessionId a = flow(1, 400_000, new SessionPriorities(10, 10));
        flow(2, 400_000, new SessionPriorities(200, 200));
        flow(3, 400_000, new SessionPriorities(200, 200));
        SessionId d = flow(4, 500_000, new SessionPriorities(100, 100));
        // Only A may be taken: 400,000 + 50,000 free < 500,000.
        assertTrue(chain.events(RsvpEvent.Preempted.class).isEmpty());
        assertEquals(400_000, on(a), 1e-6);
        assertEquals(0, on(d), 1e-9);
        assertEquals("interface bandwidth", chain.events(RsvpEvent.AdmissionFailed.class).get(0).reason());
    }

    @Test
    void withoutPrioritiesNothingIsPreempted() {
        flow(1, 400_000, null);
        flow(2, 400_000, null);
        flow(3, 400_000, null);
        SessionId d = flow(4, 400_000, new SessionPriorities(0, 0));
        assertTrue(chain.events(RsvpEvent.Preempted.class).isEmpty(), "0 does not beat a default defence of 0");
        assertEquals(0, on(d), 1e-9);
    }

    @Test
    void theElementTravelsUpstreamInPolicyData() {
        flow(1, 400_000, new SessionPriorities(300, 100));
        RsvpEvent.MessageSent resv = chain.sent("R2", "Resv").get(0);
        byte[] d = resv.datagram();
        int ihl = (d[0] & 0x0f) * 4;
        ObjectMessage m = (ObjectMessage) ((DecodeResult.Decoded) new RsvpDecoder().decode(d, ihl, d.length - ihl))
            .message();
        PreemptionPriority p = (PreemptionPriority) m.first(PolicyData.class).orElseThrow().elements().get(0);
        assertEquals(300, p.preemptionPriority());
        assertEquals(100, p.defendingPriority());
        assertEquals(PreemptionPriority.MERGE_HIGHEST_PRIORITY, p.mergeStrategy());
    }

    private static ReservationStateBlock rsb(double bytes, PreemptionPriority p) {
        return rsb(null, bytes, p);
    }

    private static ReservationStateBlock rsb(Interface oi, double bytes, PreemptionPriority p) {
        ReservationStateBlock r = new ReservationStateBlock(Ipv4Address.of("10.0.0.1"), oi, ReservationStyle.FF,
            List.of(), FlowRequest.controlledLoad(TrafficSpec.of(bytes, 100)));
        r.priority = p;
        return r;
    }

    @Test
    void mergeStrategiesOfRfc3181() {
        Preemption merging = new Preemption(chain.net.node("R1"));
        // 1: the priority of the request with the highest QoS.
        PreemptionPriority big = new PreemptionPriority(0, 1, 0, 10, 20);
        PreemptionPriority small = new PreemptionPriority(0, 1, 0, 300, 200);
        PreemptionPriority m1 = merging.merge(List.of(rsb(1_000, small), rsb(9_000, big)));
        assertEquals(10, m1.preemptionPriority());
        assertEquals(20, m1.defendingPriority());
        // 2: the highest of each.
        PreemptionPriority m2 = merging.merge(List.of(rsb(1_000, new PreemptionPriority(0, 2, 0, 300, 20)),
            rsb(9_000, new PreemptionPriority(0, 2, 0, 10, 200))));
        assertEquals(300, m2.preemptionPriority());
        assertEquals(200, m2.defendingPriority());
        // None: no element.
        assertNull(merging.merge(List.of(rsb(1_000, null))));
    }

    @Test
    void strategyThreeRefusesAHeterogeneousMerge() {
        SessionId s = new SessionId(chain.net.node("H2").address(), SessionId.UDP, 9);
        SessionState st = new SessionState(new IpSession(s.destination(), s.protocol(), 0, s.port()), s);
        Interface oi = chain.net.topology().interfaces().get(0);
        st.reservations.add(rsb(oi, 1_000, new PreemptionPriority(0, 3, 0, 100, 100)));
        Preemption p = new Preemption(chain.net.node("R1"));
        assertFalse(p.heterogeneous(st, oi));
        st.reservations.add(rsb(oi, 1_000, new PreemptionPriority(0, 2, 0, 100, 100)));
        assertFalse(p.heterogeneous(st, oi), "the same priorities merge");
        st.reservations.add(rsb(oi, 1_000, new PreemptionPriority(0, 3, 0, 200, 100)));
        assertTrue(p.heterogeneous(st, oi), "RFC 3181 §5.1.3");
    }
}
