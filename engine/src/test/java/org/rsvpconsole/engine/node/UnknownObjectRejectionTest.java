package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.Octets;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.RsvpObject;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.codec.UnknownObject;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Interface;

/**
 * RFC 2205 §3.10 at a node: an object of unknown class whose Class-Num starts with bit 0, or an unknown C-Type of a
 * known class, makes a Path answered with PathErr and a Resv with ResvErr (Error Code 13 or 14, Error Value
 * Class-Num and C-Type, Appendix B), and installs nothing. Real datagrams from R1 into R2 of a four-router square.
 */
class UnknownObjectRejectionTest {

    private static final IpAddress R1 = IpAddress.of("10.0.12.1");
    private static final IpAddress DEST = IpAddress.of("192.0.2.4");
    private static final IpSession SESSION = new IpSession(DEST, 17, 0, 5004);

    /** R2 gets {@code m} from R1; returns what R1 hears back. */
    private static List<RsvpEvent.ErrorReceived> answer(Scenario sc, ObjectMessage m, boolean routerAlert) {
        Interface in = sc.net.topology().interfaceWithAddress(IpAddress.of("10.0.12.2")).orElseThrow();
        byte[] rsvp = RsvpCodec.encode(m);
        IpAddress dst = routerAlert ? DEST : IpAddress.of("10.0.12.2");
        byte[] datagram = new IpEncapsulation(R1, dst, 64, routerAlert, false).wrap(rsvp, 0, rsvp.length);
        sc.time.execute(() -> sc.net.node("R2").receive(in, datagram));
        sc.settle();
        return sc.events(RsvpEvent.ErrorReceived.class, "R1");
    }

    private static List<RsvpObject> path(RsvpObject extra) {
        List<RsvpObject> objects = new ArrayList<>(List.of(SESSION, new RsvpHop(R1, 0), new TimeValues(30_000)));
        objects.add(extra);
        objects.add(new SenderTemplate(new IpSender(R1, 5004)));
        objects.add(IntServMath.senderTspec(TrafficSpec.of(125_000, 1500)));
        return objects;
    }

    @Test
    void anUnknownClassWithItsHighBitClearRejectsThePathWithCode13() {
        Scenario sc = new Scenario(LspTunnelTest.square());
        // Class 100 = 0b01100100: "reject the message and return an error" (RFC 2205 §3.10).
        List<RsvpEvent.ErrorReceived> errs = answer(sc, new ObjectMessage(MessageType.PATH, 0, 64,
            path(new UnknownObject(100, 1, Octets.of(new byte[4])))), true);
        assertEquals(1, errs.size(), errs.toString());
        assertEquals("PathErr", errs.get(0).messageType());
        assertEquals(13, errs.get(0).errorCode());
        assertEquals(100 << 8 | 1, errs.get(0).errorValue());
        assertEquals(0, sc.net.node("R2").pathStateCount(), "nothing installed");
        assertTrue(sc.events(RsvpEvent.DecodeFailed.class, "R2").get(0).reason().contains("PathErr 13/25601"),
            sc.events(RsvpEvent.DecodeFailed.class, "R2").toString());
    }

    @Test
    void anUnknownCTypeOfAKnownClassRejectsThePathWithCode14() {
        Scenario sc = new Scenario(LspTunnelTest.square());
        // TIME_VALUES (class 5) has only C-Type 1; a second one with C-Type 7 is unknown.
        List<RsvpEvent.ErrorReceived> errs = answer(sc, new ObjectMessage(MessageType.PATH, 0, 64,
            path(new UnknownObject(5, 7, Octets.of(new byte[4])))), true);
        assertEquals(1, errs.size(), errs.toString());
        assertEquals("PathErr", errs.get(0).messageType());
        assertEquals(14, errs.get(0).errorCode());
        assertEquals(5 << 8 | 7, errs.get(0).errorValue());
        assertEquals(0, sc.net.node("R2").pathStateCount(), "nothing installed");
    }

    @Test
    void anUnknownCTypeInAResvIsAnsweredWithResvErr() {
        Scenario sc = new Scenario(LspTunnelTest.square());
        TrafficSpec t = TrafficSpec.of(125_000, 1500);
        List<RsvpObject> objects = new ArrayList<>(List.of(SESSION, new RsvpHop(R1, 0), new TimeValues(30_000),
            new UnknownObject(5, 7, Octets.of(new byte[4])), Style.FF,
            IntServMath.flowspec(org.rsvpconsole.engine.api.FlowRequest.controlledLoad(t)),
            new FilterSpec(new IpSender(IpAddress.of("10.0.23.3"), 5004))));
        List<RsvpEvent.ErrorReceived> errs = answer(sc, new ObjectMessage(MessageType.RESV, 0, 64, objects),
            false);
        assertEquals(1, errs.size(), errs.toString());
        assertEquals("ResvErr", errs.get(0).messageType());
        assertEquals(14, errs.get(0).errorCode());
        assertEquals(5 << 8 | 7, errs.get(0).errorValue());
        assertEquals(0, sc.net.node("R2").receivedReservationCount());
    }

    @Test
    void anUnknownClassThatMayBeIgnoredChangesNothing() {
        Scenario sc = new Scenario(LspTunnelTest.square());
        // Class 200 = 0b11001000: forwarded unchanged / ignored, never an error.
        List<RsvpEvent.ErrorReceived> errs = answer(sc, new ObjectMessage(MessageType.PATH, 0, 64,
            path(new UnknownObject(200, 1, Octets.of(new byte[4])))), true);
        assertTrue(errs.isEmpty(), errs.toString());
        assertEquals(1, sc.net.node("R2").pathStateCount());
    }
}
