package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/** ResvErr codes for requests without path state (RFC 2205 Appendix B codes 3, 4), and confirmation (§3.1.9). */
class ErrorsAndConfirmationTest {

    private static final TrafficSpec TSPEC = TrafficSpec.of(200_000, 10_000);

    /** H1 ── R1 ── R2 ─┬ H2, ─┴ H3. */
    static Topology fork() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").host("H2").host("H3");
        b.defaults().bandwidth(100_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "H2");
        b.link("R2", "H3");
        return b.build();
    }

    /** Sends a hand-made Resv from H2 to R2, as a misbehaving receiver would. */
    private static void injectResv(Scenario sc, SessionId s, IpSender filter) {
        Interface h2 = sc.net.topology().interfacesOf(sc.net.topology().requireNode("H2")).get(0);
        IpAddress r2 = sc.net.topology().neighbour(h2).address();
        ObjectMessage m = ObjectMessage.of(MessageType.RESV, 64,
            new IpSession(s.destination(), s.protocol(), 0, s.port()), new RsvpHop(h2.address(), 0),
            new TimeValues(30_000), Style.FF,
            new ControlledLoadFlowspec(new TokenBucket(1000, 100, Float.POSITIVE_INFINITY, 64, 1500)),
            new FilterSpec(filter));
        byte[] rsvp = RsvpCodec.encode(m);
        sc.net.virtualNetwork().send(h2, new IpEncapsulation(h2.address(), r2, 64, false, false)
            .wrap(rsvp, 0, rsvp.length));
        sc.settle();
    }

    @Test
    void resvWithoutAnyPathStateIsNoPathInformation() {
        Scenario sc = new Scenario(fork());
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        injectResv(sc, s, new IpSender(sc.net.node("H1").address(), 1));
        RsvpEvent.ErrorReceived e = sc.events(RsvpEvent.ErrorReceived.class, "H2").get(0);
        assertEquals("ResvErr", e.messageType());
        assertEquals(ErrorCodes.NO_PATH_INFORMATION, e.errorCode());
        assertEquals(0, sc.net.node("R2").reservationStateCount());
    }

    @Test
    void resvForAnUnknownSenderIsNoSenderInformation() {
        Scenario sc = new Scenario(fork());
        SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 1);
        sc.net.openReceiver("H2", s);
        sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        injectResv(sc, s, new IpSender(sc.net.node("H1").address(), 999));
        RsvpEvent.ErrorReceived e = sc.events(RsvpEvent.ErrorReceived.class, "H2").get(0);
        assertEquals(ErrorCodes.NO_SENDER_INFORMATION, e.errorCode());
        assertEquals("No sender information for this Resv message", e.codeName());
        assertEquals(0, sc.net.node("R2").receivedReservationCount());
    }

    /**
     * Two receivers of a multicast session: the first confirmation comes from the sender's host; the second,
     * smaller request changes nothing upstream of R2, so R2 confirms it at once (RFC 2205 §3.1.4, §2.6).
     */
    @Test
    void mergePointConfirmsARequestThatChangesNothingUpstream() {
        Scenario sc = new Scenario(fork());
        SessionId g = SessionId.udp("225.1.1.1", 4000);
        sc.net.openReceiver("H2", g);
        sc.net.openReceiver("H3", g);
        sc.settle();
        SenderAddress a = sc.net.sender("H1", g, 1, TSPEC);
        sc.settle();
        sc.net.reserve("H2", g, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(100_000, 1000)),
            List.of(a), true);
        sc.settle();
        assertEquals(sc.net.node("H1").address(),
            sc.events(RsvpEvent.ConfirmationReceived.class, "H2").get(0).confirmingNode());
        int resvFromR2 = sc.sent("R2", "Resv").size();
        sc.net.reserve("H3", g, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(50_000, 1000)),
            List.of(a), true);
        sc.settle();
        List<RsvpEvent.ConfirmationReceived> c = sc.events(RsvpEvent.ConfirmationReceived.class, "H3");
        assertEquals(1, c.size());
        assertEquals("R2", sc.net.topology().ownerOf(c.get(0).confirmingNode()).orElseThrow().name());
        assertEquals(resvFromR2, sc.sent("R2", "Resv").size(), "no trigger Resv upstream");
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(50_000, sc.reserved("R2-H3", "R2"), 1e-6);
    }

    @Test
    void receiverJoiningLaterGetsThePathAtOnce() {
        Scenario sc = new Scenario(fork());
        SessionId g = SessionId.udp("225.1.1.1", 4000);
        sc.net.openReceiver("H2", g);
        sc.settle();
        sc.net.sender("H1", g, 1, TSPEC);
        sc.settle();
        assertEquals(0, sc.net.node("H3").pathStateCount());
        sc.net.openReceiver("H3", g);
        sc.settle();
        assertEquals(1, sc.net.node("H3").pathStateCount());
        assertTrue(sc.events(RsvpEvent.PathState.class, "H3").size() == 1);
    }
}
