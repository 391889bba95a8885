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
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/** An ordinary RSVP session (RFC 2205) over an IPv6-only chain of the virtual network: IPv6 objects end to end. */
class Ipv6ReservationTest {

    /** H1 ── R1 ── R2 ── H2, every link end an address of 2001:db8:N::/64, 10 Mbit/s each way. */
    static Topology chain() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").host("H2");
        b.defaults().bandwidth(10_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1").address(0, ip("2001:db8:1::1")).address(1, ip("2001:db8:1::2"));
        b.link("R1", "R2").address(0, ip("2001:db8:2::1")).address(1, ip("2001:db8:2::2"));
        b.link("R2", "H2").address(0, ip("2001:db8:3::1")).address(1, ip("2001:db8:3::2"));
        return b.build();
    }

    static IpAddress ip(String s) {
        return IpAddress.of(s);
    }

    @Test
    void anIpv6ReservationIsInstalledHopByHopWithIpv6ObjectsOnTheWire() {
        Scenario sc = new Scenario(chain());
        SessionId session = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 5000);
        assertEquals(ip("2001:db8:3::2"), session.destination());
        TrafficSpec tspec = TrafficSpec.of(100_000, 10_000);
        sc.net.openReceiver("H2", session);
        SenderAddress s1 = sc.net.sender("H1", session, 4000, tspec);
        sc.settle();
        assertEquals(ip("2001:db8:1::1"), s1.address());
        sc.net.reserve("H2", session, ReservationStyle.FF, FlowRequest.controlledLoad(tspec), List.of(s1), true);
        sc.settle();
        for (String n : List.of("H1", "R1", "R2", "H2")) {
            assertEquals(1, sc.net.node(n).pathStateCount(), n);
        }
        assertEquals(100_000, sc.reserved("H1-R1", "H1"), 1e-3);
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-3);
        assertEquals(100_000, sc.reserved("R2-H2", "R2"), 1e-3);
        assertEquals(0, sc.reserved("R1-R2", "R2"), 1e-3);
        assertEquals(1, sc.events(RsvpEvent.ConfirmationReceived.class, "H2").size());

        // On the wire (RFC 2205 A.1, A.2, A.9, A.10): C-Type 2, the IPv6 forms, in IPv6 datagrams.
        RsvpEvent.MessageSent pathOut = sc.sent("R1", "Path").get(0);
        assertEquals(6, IpHeader.parse(pathOut.datagram()).version());
        assertEquals(ip("2001:db8:3::2"), pathOut.destination());
        ObjectMessage path = RefreshReductionTest.decode(pathOut.datagram());
        Session ps = path.first(Session.class).orElseThrow();
        assertEquals(2, ps.cType());
        assertEquals(new IpSession(ip("2001:db8:3::2"), 17, 0, 5000), ps);
        RsvpHop phop = path.first(RsvpHop.class).orElseThrow();
        assertEquals(2, phop.cType());
        assertEquals(ip("2001:db8:2::1"), phop.hop());
        SenderTemplate st = path.first(SenderTemplate.class).orElseThrow();
        assertEquals(2, st.sender().cType());
        assertEquals(new IpSender(ip("2001:db8:1::1"), 4000), st.sender());

        RsvpEvent.MessageSent resvOut = sc.sent("R2", "Resv").get(0);
        assertEquals(6, IpHeader.parse(resvOut.datagram()).version());
        assertEquals(ip("2001:db8:2::1"), resvOut.destination());
        ObjectMessage resv = RefreshReductionTest.decode(resvOut.datagram());
        assertEquals(2, resv.first(Session.class).orElseThrow().cType());
        RsvpHop nhop = resv.first(RsvpHop.class).orElseThrow();
        assertEquals(2, nhop.cType());
        assertEquals(ip("2001:db8:2::2"), nhop.hop());
        FilterSpec fs = resv.first(FilterSpec.class).orElseThrow();
        assertEquals(2, fs.sender().cType());
        assertEquals(new IpSender(ip("2001:db8:1::1"), 4000), fs.sender());

        // Tearing down works the same way.
        sc.net.close("H1", session);
        sc.settle();
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-3);
        assertTrue(sc.net.node("R2").pathStateCount() == 0);
    }
}
