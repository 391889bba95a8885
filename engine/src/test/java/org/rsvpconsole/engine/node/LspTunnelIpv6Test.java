package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.codec.EroSubobject;
import org.rsvpconsole.engine.codec.ExplicitRoute;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.Label;
import org.rsvpconsole.engine.codec.LabelRequest;
import org.rsvpconsole.engine.codec.LspTunnelSender;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RecordRoute;
import org.rsvpconsole.engine.codec.RroSubobject;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.testing.Tshark;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/**
 * RSVP-TE LSP tunnels over IPv6 (RFC 3209 §4.6.1.2, §4.6.2.2, §4.3.3.2, §4.4.1.2): an LSP whose tail end is an IPv6
 * address is signalled with LSP_TUNNEL_IPv6 objects (C-Type 8), IPv6 prefix ERO subobjects and IPv6 RRO
 * subobjects, on the IPv6 square: R1..R4 with IPv4 router IDs 192.0.2.N and IPv6 loopbacks 2001:db8:ff::N,
 * every link end an IPv6 address 2001:db8:XY::X.
 */
class LspTunnelIpv6Test {

    private static final long MBIT = 1_000_000;

    /** R1-R2-R3-R4 and R1-R4, 100 Mbit/s, 1 ms, IPv6 links. */
    static Topology square() {
        return square(1);
    }

    /** The square with the direct R1-R4 link at {@code directMetric}. */
    static Topology square(int directMetric) {
        TopologyBuilder b = Topology.builder();
        for (int i = 1; i <= 4; i++) {
            b.router("R" + i, "192.0.2." + i, "2001:db8:ff::" + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        link(b, 1, 2);
        link(b, 2, 3);
        link(b, 3, 4);
        link(b, 1, 4).metric(directMetric);
        return b.build();
    }

    static TopologyBuilder.LinkSpec link(TopologyBuilder b, int x, int y) {
        return b.link("R" + x, "R" + y).address(0, ip("2001:db8:" + x + y + "::" + x))
            .address(1, ip("2001:db8:" + x + y + "::" + y));
    }

    static IpAddress ip(String s) {
        return IpAddress.of(s);
    }

    static ExplicitHop strict(String a) {
        return ExplicitHop.strict(ip(a));
    }

    static ExplicitHop loose(String a) {
        return ExplicitHop.loose(ip(a));
    }

    static final IpAddress TAIL = ip("2001:db8:ff::4");

    @Test
    void anIpv6LspFollowsItsExplicitRouteWithLabelsAndRecordedRoute() {
        Scenario sc = new Scenario(square());
        sc.net.node("R2").labelRange(200, 299);
        sc.net.node("R3").labelRange(300, 399);
        LspId id = sc.net.node("R1").openLsp(LspRequest.of("R1-to-R4-v6", TAIL, 7, 1_250_000,
            List.of(strict("2001:db8:12::2"), strict("2001:db8:23::3"), strict("2001:db8:34::4"))));
        sc.settle();

        assertEquals(1_250_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(1_250_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertEquals(1_250_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertEquals(0, sc.reserved("R1-R4", "R1"), 1e-6);

        // The tunnel is named by IPv6 addresses: the head end's address toward R2 is sender and extended tunnel ID.
        assertEquals(new LspId(TAIL, 7, ip("2001:db8:12::1"), ip("2001:db8:12::1"), 1), id);
        LspView r1 = LspTunnelTest.lsp(sc, "R1");
        assertTrue(r1.up());
        assertEquals(LspView.Role.HEAD, r1.role());
        assertEquals(LspView.Role.TRANSIT, LspTunnelTest.lsp(sc, "R3").role());
        assertEquals(LspView.Role.TAIL, LspTunnelTest.lsp(sc, "R4").role());
        for (String n : List.of("R1", "R2", "R3", "R4")) {
            assertEquals(id, LspTunnelTest.lsp(sc, n).id(), n);
        }

        // Labels bound hop by hop (RFC 3209 §4.1), next hops IPv6.
        LabelEntry head = r1.labels();
        assertEquals(200, head.outLabel());
        assertEquals(ip("2001:db8:12::2"), head.nextHop());
        assertEquals(200, LspTunnelTest.lsp(sc, "R2").labels().inLabel());
        assertEquals(300, LspTunnelTest.lsp(sc, "R2").labels().outLabel());
        assertEquals(ip("2001:db8:23::3"), LspTunnelTest.lsp(sc, "R2").labels().nextHop());
        assertEquals(300, LspTunnelTest.lsp(sc, "R3").labels().inLabel());
        assertEquals(LabelEntry.IMPLICIT_NULL, LspTunnelTest.lsp(sc, "R3").labels().outLabel());
        assertEquals(LabelEntry.IMPLICIT_NULL, LspTunnelTest.lsp(sc, "R4").labels().inLabel());

        // Explicit routes as each node sent them on, and the recorded routes.
        assertEquals(List.of(strict("2001:db8:12::2"), strict("2001:db8:23::3"), strict("2001:db8:34::4")),
            r1.explicitRoute());
        assertEquals(List.of(strict("2001:db8:23::3"), strict("2001:db8:34::4")),
            LspTunnelTest.lsp(sc, "R2").explicitRoute());
        assertEquals(List.of(new RecordedHop(ip("2001:db8:12::2"), 200), new RecordedHop(ip("2001:db8:23::3"), 300),
            new RecordedHop(ip("2001:db8:34::4"), 3)), r1.recordedRoute());
        assertEquals(List.of(new RecordedHop(ip("2001:db8:34::3"), -1), new RecordedHop(ip("2001:db8:23::2"), -1),
            new RecordedHop(ip("2001:db8:12::1"), -1)), LspTunnelTest.lsp(sc, "R4").recordedRoute());

        // R2's Path toward R3, decoded: an IPv6 datagram with the IPv6 forms of every object.
        RsvpEvent.MessageSent pathOut = sc.sent("R2", "Path").get(0);
        assertEquals(6, IpHeader.parse(pathOut.datagram()).version());
        ObjectMessage path = RefreshReductionTest.decode(pathOut.datagram());
        Session session = path.first(Session.class).orElseThrow();
        assertEquals(LspTunnelSession.C_TYPE_IPV6, session.cType());
        assertEquals(new LspTunnelSession(TAIL, 7, ip("2001:db8:12::1")), session);
        SenderTemplate st = path.first(SenderTemplate.class).orElseThrow();
        assertEquals(LspTunnelSender.C_TYPE_IPV6, st.sender().cType());
        assertEquals(new LspTunnelSender(ip("2001:db8:12::1"), 1), st.sender());
        RsvpHop phop = path.first(RsvpHop.class).orElseThrow();
        assertEquals(2, phop.cType());
        assertEquals(ip("2001:db8:23::2"), phop.hop());
        assertEquals(LabelRequest.L3PID_IPV6, path.first(LabelRequest.class).orElseThrow().l3pid());
        List<EroSubobject> ero = path.first(ExplicitRoute.class).orElseThrow().subobjects();
        assertEquals(List.of(new EroSubobject.IpPrefix(false, ip("2001:db8:23::3"), 128),
            new EroSubobject.IpPrefix(false, ip("2001:db8:34::4"), 128)), ero);
        assertTrue(ero.stream().allMatch(o -> o.type() == EroSubobject.TYPE_IPV6_PREFIX));
        List<RroSubobject> rro = path.first(RecordRoute.class).orElseThrow().subobjects();
        assertEquals(List.of(new RroSubobject.Address(ip("2001:db8:23::2"), 128, 0),
            new RroSubobject.Address(ip("2001:db8:12::1"), 128, 0)), rro);
        assertTrue(rro.stream().allMatch(o -> o.type() == RroSubobject.TYPE_IPV6_ADDRESS));

        // R2's Resv toward R1: FILTER_SPEC C-Type 8, its label, and the RRO with IPv6 addresses and labels.
        RsvpEvent.MessageSent resvOut = sc.sent("R2", "Resv").get(0);
        assertEquals(ip("2001:db8:12::1"), resvOut.destination());
        ObjectMessage resv = RefreshReductionTest.decode(resvOut.datagram());
        assertEquals(LspTunnelSession.C_TYPE_IPV6, resv.first(Session.class).orElseThrow().cType());
        FilterSpec fs = resv.first(FilterSpec.class).orElseThrow();
        assertEquals(LspTunnelSender.C_TYPE_IPV6, fs.sender().cType());
        assertEquals(new LspTunnelSender(ip("2001:db8:12::1"), 1), fs.sender());
        assertEquals(new Label(200), resv.first(Label.class).orElseThrow());
        assertEquals(2, resv.first(RsvpHop.class).orElseThrow().cType());
        assertEquals(List.of(new RroSubobject.Address(ip("2001:db8:12::2"), 128, 0),
            RroSubobject.RecordedLabel.of(0, 200), new RroSubobject.Address(ip("2001:db8:23::3"), 128, 0),
            RroSubobject.RecordedLabel.of(0, 300), new RroSubobject.Address(ip("2001:db8:34::4"), 128, 0),
            RroSubobject.RecordedLabel.of(0, 3)), resv.first(RecordRoute.class).orElseThrow().subobjects());

        for (String n : List.of("R1", "R2", "R3", "R4")) {
            assertEquals(1, sc.events(RsvpEvent.LabelBound.class, n).size(), n);
        }
        sc.net.node("R1").closeLsp(id);
        sc.settle();
        assertEquals(0, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(sc.net.node("R2").labelTable().isEmpty());
        assertEquals(StateChange.TORN_DOWN, sc.events(RsvpEvent.LabelBound.class, "R3").get(1).change());
        assertTrue(sc.net.node("R4").lsps().isEmpty());
    }

    @Test
    void aLooseIpv6HopIsExpandedByRoutingIntoStrictIpv6Hops() {
        Scenario sc = new Scenario(square(10));
        sc.net.node("R1").openLsp(LspRequest.of("loose-v6", TAIL, 2, 125_000, List.of(loose("2001:db8:ff::4"))));
        sc.settle();
        // R1 routes round (metric 3 against 10) and writes the way it chose as strict IPv6 hops (§4.3.4 step 4b).
        assertEquals(List.of(strict("2001:db8:12::2"), strict("2001:db8:23::3"), strict("2001:db8:ff::4")),
            LspTunnelTest.lsp(sc, "R1").explicitRoute());
        assertEquals(List.of(strict("2001:db8:23::3"), strict("2001:db8:ff::4")),
            LspTunnelTest.lsp(sc, "R2").explicitRoute());
        assertEquals(125_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertEquals(0, sc.reserved("R1-R4", "R1"), 1e-6);
        assertTrue(LspTunnelTest.lsp(sc, "R1").up());
        ObjectMessage path = RefreshReductionTest.decode(sc.sent("R1", "Path").get(0).datagram());
        assertEquals(List.of(new EroSubobject.IpPrefix(false, ip("2001:db8:12::2"), 128),
            new EroSubobject.IpPrefix(false, ip("2001:db8:23::3"), 128),
            new EroSubobject.IpPrefix(false, ip("2001:db8:ff::4"), 128)),
            path.first(ExplicitRoute.class).orElseThrow().subobjects());
    }

    @Test
    void aLooseIpv6PrefixInTheMiddleIsExpandedWhereItIsReached() {
        Scenario sc = new Scenario(square(10));
        // Strict to R2, then loose to the R3-R4 link's /64: R2 reaches it at R3 (2001:db8:34::3 is in it) and sends
        // it on as a strict prefix (an abstract node, §4.3.2); R3 is in it and routes on to the tail end normally.
        sc.net.node("R1").openLsp(LspRequest.of("mid-v6", TAIL, 3, 125_000,
            List.of(strict("2001:db8:12::2"), new ExplicitHop(ip("2001:db8:34::"), 64, -1, true))));
        sc.settle();
        assertEquals(List.of(strict("2001:db8:12::2"), new ExplicitHop(ip("2001:db8:34::"), 64, -1, true)),
            LspTunnelTest.lsp(sc, "R1").explicitRoute());
        assertEquals(List.of(new ExplicitHop(ip("2001:db8:34::"), 64, -1, false)),
            LspTunnelTest.lsp(sc, "R2").explicitRoute());
        assertEquals(List.of(), LspTunnelTest.lsp(sc, "R3").explicitRoute());
        assertEquals(125_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertEquals(125_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertTrue(LspTunnelTest.lsp(sc, "R1").up());
    }

    @Test
    void anIpv6StrictHopThatIsNotAdjacentIsBadStrictNodeAndAnUnreachableLooseOneBadLooseNode() {
        Scenario sc = new Scenario(square());
        // R2 is not adjacent to R4's link address 2001:db8:34::4: PathErr 24/2 from R2.
        sc.net.node("R1").openLsp(LspRequest.of("bad-v6", TAIL, 4, 125_000,
            List.of(strict("2001:db8:12::2"), strict("2001:db8:34::4"))));
        sc.settle();
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(0);
        assertEquals("PathErr", err.messageType());
        assertEquals(24, err.errorCode());
        assertEquals(2, err.errorValue());
        assertEquals("Bad strict node", err.valueName());
        assertEquals(ip("2001:db8:12::2"), err.errorNode());
        assertTrue(sc.net.node("R2").lsps().isEmpty());
        assertEquals(1, sc.sent("R2", "PathErr").size());
        ObjectMessage pathErr = RefreshReductionTest.decode(sc.sent("R2", "PathErr").get(0).datagram());
        assertEquals(LspTunnelSession.C_TYPE_IPV6, pathErr.first(Session.class).orElseThrow().cType());

        // A loose IPv6 hop no node has (24/3), a strict one not adjacent to the head end and one no node has (24/2)
        // are refused at the head end; nothing more is sent.
        int paths = sc.sent("R1", "Path").size();
        sc.net.node("R1").openLsp(LspRequest.of("nowhere-v6", TAIL, 5, 125_000, List.of(loose("2001:db8:99::1"))));
        sc.net.node("R1").openLsp(LspRequest.of("far-v6", TAIL, 6, 125_000, List.of(strict("2001:db8:23::3"))));
        sc.net.node("R1").openLsp(LspRequest.of("void-v6", TAIL, 8, 125_000, List.of(strict("2001:db8:99::1"))));
        sc.settle();
        List<RsvpEvent.ErrorReceived> errs = sc.events(RsvpEvent.ErrorReceived.class, "R1");
        assertEquals(List.of(2, 3, 2, 2), errs.stream().map(RsvpEvent.ErrorReceived::errorValue).toList());
        assertEquals(List.of(24, 24, 24, 24), errs.stream().map(RsvpEvent.ErrorReceived::errorCode).toList());
        assertEquals("Bad loose node", errs.get(1).valueName());
        assertEquals("Bad strict node", errs.get(3).valueName());
        assertEquals(ip("2001:db8:12::1"), errs.get(3).errorNode(), "the head end, by its IPv6 address");
        assertEquals(paths, sc.sent("R1", "Path").size());
    }

    @Test
    void aDualStackHeadEndWhoseFirstInterfaceIsIpv4SignalsFromItsIpv6Address() {
        // R1's first interface is the IPv4 link to host H1: its primary address is 10.0.0.1, yet an LSP to an IPv6
        // tail end names the tunnel by R1's first IPv6 interface address (the objects are all of one family).
        TopologyBuilder b = Topology.builder().host("H1");
        for (int i = 1; i <= 4; i++) {
            b.router("R" + i, "192.0.2." + i, "2001:db8:ff::" + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        b.link("R1", "H1");
        link(b, 1, 2);
        link(b, 2, 3);
        link(b, 3, 4);
        Scenario sc = new Scenario(b.build());
        assertEquals(ip("10.0.0.1"), sc.net.node("R1").address());
        LspId id = sc.net.node("R1").openLsp(LspRequest.of("dual", TAIL, 9, 125_000, List.of()));
        sc.settle();
        assertEquals(new LspId(TAIL, 9, ip("2001:db8:12::1"), ip("2001:db8:12::1"), 1), id);
        assertTrue(LspTunnelTest.lsp(sc, "R1").up());
        assertEquals(125_000, sc.reserved("R3-R4", "R3"), 1e-6);
        ObjectMessage path = RefreshReductionTest.decode(sc.sent("R1", "Path").get(0).datagram());
        assertEquals(LspTunnelSession.C_TYPE_IPV6, path.first(Session.class).orElseThrow().cType());
        assertEquals(LspTunnelSender.C_TYPE_IPV6,
            path.first(SenderTemplate.class).orElseThrow().sender().cType());
        assertEquals(ip("2001:db8:12::1"), path.first(RsvpHop.class).orElseThrow().hop());
    }

    @Test
    void aHeadEndWithoutAnIpv6AddressSaysSo() {
        Scenario sc = new Scenario(LspTunnelTest.square());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> sc.net.node("R1").openLsp(LspRequest.of("no-v6", TAIL, 1, 125_000, List.of())));
        assertEquals("R1 has no IPv6 address to signal an LSP to 2001:db8:ff::4 from; give it one (an interface or"
            + " own address)", e.getMessage());
        assertTrue(sc.net.node("R1").lsps().isEmpty());
    }

    /**
     * The independent check: R2's Path and Resv of an IPv6 LSP, as sent on the virtual network, decoded by tshark.
     * Wireshark 4.0's dissector has two gaps for LSP_TUNNEL_IPv6, which it reports on every such message and which
     * are the only things it may say: it puts the 16-byte tunnel end point and tunnel sender addresses into its
     * IPv4 fields ("Trying to fetch an IPv4 address with length 16": it shows 32.1.13.184, the first four bytes of
     * 2001:db8::) and its conversation tracking knows no IPv6-LSP ("Unknown session type"). Its summary line and
     * every other field show our values.
     */
    @Test
    void tsharkDecodesTheIpv6LspPathAndResv(@TempDir Path dir) throws IOException {
        Tshark.require();
        Scenario sc = new Scenario(square(10));
        sc.net.node("R2").labelRange(200, 299);
        sc.net.node("R3").labelRange(300, 399);
        sc.net.node("R1").openLsp(LspRequest.of("R1-to-R4-v6", TAIL, 7, 1_250_000,
            List.of(strict("2001:db8:12::2"), loose("2001:db8:ff::4"))));
        sc.settle();
        Path pcap = dir.resolve("lsp-ipv6.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            w.writePacket(Instant.EPOCH, sc.sent("R2", "Path").get(0).datagram());
            w.writePacket(Instant.EPOCH, sc.sent("R2", "Resv").get(0).datagram());
        }
        List<Tshark.Packet> packets = Tshark.pdml(pcap);
        assertEquals(2, packets.size());
        for (Tshark.Packet p : packets) {
            // No dissector exception (a top-level Malformed Packet); the two items of group Malformed are the IPv4
            // fetches inside SESSION and SENDER_TEMPLATE / FILTER_SPEC.
            assertEquals(List.of(2, 2), p.named("_ws.malformed").stream().map(Tshark.Field::depth).toList());
            assertEquals(List.of("Trying to fetch an IPv4 address with length 16",
                "Trying to fetch an IPv4 address with length 16", "Unknown session type"),
                p.shows("_ws.expert.message").stream().sorted().toList());
            assertTrue(p.named("rsvp.message_checksum").get(0).showname().contains("[correct]"));
            assertEquals(List.of("8"), p.shows("rsvp.ctype.session"));
            assertEquals(List.of("8"), p.shows("rsvp.ctype.template"));
            assertEquals(List.of("2"), p.shows("rsvp.ctype.hop"));
            assertEquals(List.of("7"), p.shows("rsvp.session.tunnel_id"));
            assertEquals(List.of("2001:db8:12::1"), p.shows("rsvp.session.ext_tunnel_id_ipv6"));
            assertEquals(List.of("1"), p.shows("rsvp.sender.lsp_id"));
            String summary = p.named("rsvp").get(0).showname();
            assertTrue(summary.contains("SESSION: IPv6-LSP, Destination 2001:db8:ff::4,"), summary);
            assertTrue(summary.contains("IPv6-LSP, Tunnel Source: 2001:db8:12::1,"), summary);
        }
        Tshark.Packet path = packets.get(0);
        assertEquals(List.of("1"), path.shows("rsvp.msg"));
        assertEquals(List.of("1"), path.shows("ipv6.opt.router_alert"));
        assertEquals(List.of("2001:db8:23::2"), path.shows("rsvp.neighbor_address_ipv6"));
        assertEquals(List.of("0x86dd"), path.shows("rsvp.label_request.l3pid"));
        // The ERO R2 expanded (two strict IPv6 hops), then the RRO (R2, R1), every subobject type 2, /128.
        assertEquals(List.of("2001:db8:23::3", "2001:db8:ff::4", "2001:db8:23::2", "2001:db8:12::1"),
            path.shows("rsvp.ero_rro_subobjects.ipv6_hop"));
        assertEquals(List.of("2", "2", "2", "2"), path.shows("rsvp.type"));
        assertEquals(List.of("0", "0"), path.shows("rsvp.loose_hop"));
        Tshark.Packet resv = packets.get(1);
        assertEquals(List.of("2"), resv.shows("rsvp.msg"));
        assertEquals(List.of("2001:db8:12::2"), resv.shows("rsvp.neighbor_address_ipv6"));
        assertEquals(List.of("200"), resv.shows("rsvp.label.label"));
        assertEquals(List.of("2001:db8:12::2", "2001:db8:23::3", "2001:db8:34::4"),
            resv.shows("rsvp.ero_rro_subobjects.ipv6_hop"));
        assertEquals(List.of("200", "300", "3"), resv.shows("rsvp.ero_rro_subobjects.label"));
    }
}
