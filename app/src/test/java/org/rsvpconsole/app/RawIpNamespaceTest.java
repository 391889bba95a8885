package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.app.daemon.DaemonConfig;
import org.rsvpconsole.app.daemon.RsvpDaemon;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.rawip.RawIpException;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;
import org.rsvpconsole.engine.topology.LinkUnits;

/**
 * The engine on a real network: RSVP daemons over raw IP (protocol 46) in Linux network namespaces joined by veth
 * links, driven through the command line, checked against tshark's decoding of captures on every link.
 * Skipped loudly where namespaces cannot be made (and failed instead when $CI is set).
 */
class RawIpNamespaceTest {

    private static final int PORT = 5004;

    @TempDir
    Path dir;

    /** Daemons given an AS number (the configuration's {@code as:}). */
    private final Map<String, Integer> asNumbers = new LinkedHashMap<>();

    /** The daemons' neighbour events (Hello, integrity, refresh reduction), in order. */
    private final java.util.Queue<RsvpEvent.NeighbourEvent> neighbourEvents =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final EventSink events = e -> {
        if (e instanceof RsvpEvent.NeighbourEvent n) {
            neighbourEvents.add(n);
        }
    };

    /** h1 - r1 - r2 - r3 - h2, every router running RSVP. */
    @Test
    void reservationEndToEndOverRawIpWithRouterAlertAtEveryRouter() throws Exception {
        endToEnd(false);
    }

    /**
     * The same chain with h1 and h2 UDP-only hosts (RFC 2205 Appendix C) and the routers on raw IP: r1 learns from
     * h1's UDP Path that its interface needs UDP, r3 is configured so for h2's LAN (which sends no Path).
     */
    @Test
    void reservationEndToEndWithUdpEncapsulatedHostsThroughRawIpRouters() throws Exception {
        endToEnd(true);
    }

    private void endToEnd(boolean udp) throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = udp
                ? startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(5), Map.of(), Set.of("h1", "h2"),
                    Map.of("r3", "right"))
                : startDaemons(lab, nodes, List.of(nodes));
            whileRunning(daemons, () -> {
                String h2 = lab.address(3, 2);
                reserve(dir, daemons, h2, "1M", List.of("h1", "r1", "r2", "r3"));
                awaitStatus(daemons.get("h2"), st -> counter(st, "ResvConf", "received") >= 1, "ResvConf at h2");

                // status --json through the command line says the same as the daemon.
                Cli json = cli("status", "--json", "--socket", sock("r2"));
                assertEquals(0, json.code(), json.err());
                Map<String, Object> r2 = Json.object(json.out().strip());
                assertEquals(1_000_000.0, reservedOn(r2, "right"));
                assertEquals(List.of(lab.address(1, 1)), neighbours(r2, "previous-hop"));
                assertEquals(List.of(lab.address(2, 2)), neighbours(r2, "next-hop"));
                if (udp) {
                    // Appendix C: r1 learned h1 and its interface from the UDP Path; r3 knows h2 from its Resv.
                    Map<String, Object> r1 = Json.object(daemons.get("r1").statusJson());
                    assertEquals(List.of(lab.address(0, 1)), list(r1, "udp_hops"));
                    assertEquals(List.of("left"), list(r1, "udp_interfaces"));
                    Map<String, Object> r3 = Json.object(daemons.get("r3").statusJson());
                    assertEquals(List.of(h2), list(r3, "udp_hops"));
                    assertEquals(List.of("right"), list(r3, "udp_interfaces"));
                    assertEquals(List.of(), list(r2, "udp_hops"), "r2 has no UDP-only neighbour");
                    assertEquals("UDP, RFC 2205 Appendix C, port 1698",
                        Json.object(daemons.get("h1").statusJson()).get("encapsulation"));
                }

                tearDownEndToEnd(dir, daemons, h2, nodes);
                Thread.sleep(300);
                Map<String, Map<String, Object>> status = statuses(daemons);
                lab.stopCaptures();

                List<List<Packet>> links = new ArrayList<>();
                for (int k = 0; k < pcaps.size(); k++) {
                    List<Packet> wire = Tshark.packets(pcaps.get(k));
                    links.add(wire);
                    for (Packet p : wire) {
                        assertFalse(p.malformedOrWarning(), "malformed/warning on link " + k + ": " + p);
                        if (p.udpPort() < 0 && (p.type() == 1 || p.type() == 5 || p.type() == 7)) {
                            assertTrue(p.routerAlert(), "Path, PathTear, ResvConf carry Router Alert: " + p);
                        }
                        if (p.type() == 1 || p.type() == 5) {
                            assertEquals(lab.address(k, 1), p.hop(), "RSVP_HOP of the Path's sender on link " + k);
                            if (p.udpPort() < 0) {
                                assertEquals(p.ipTtl(), p.sendTtl(), "an RSVP hop resends with TTL = Send_TTL: " + p);
                            }
                        }
                        if (p.type() == 2 || p.type() == 6) {
                            assertEquals(lab.address(k, 2), p.hop(), "RSVP_HOP of the Resv's sender on link " + k);
                        }
                    }
                    assertTrue(count(wire, 1) >= 1 && count(wire, 2) >= 1 && count(wire, 5) >= 1
                        && count(wire, 6) >= 1 && count(wire, 7) >= 1, "every message type crossed link " + k);
                }
                Tshark.assertChecksumsCorrect(pcaps, dir.resolve("all.pcap"));
                if (udp) {
                    assertUdpOnTheHostLinks(lab, links);
                    // After the captures, junk on the Appendix C port: not RSVP (dropped), and an RSVP header whose
                    // length lies (a decode failure the operator sees); the node goes on.
                    String ra = lab.address(0, 2);
                    NamespaceLab.Result junk = NamespaceLab.exec("ip", "netns", "exec", lab.ns("h1"), "bash", "-c",
                        "printf 'junk' > /dev/udp/" + ra + "/1698; printf '\\x10\\x01\\x00\\x00\\x40\\x00\\x00\\x30'"
                            + " > /dev/udp/" + ra + "/1698");
                    assertEquals(0, junk.code(), junk.output());
                    Map<String, Object> after = awaitStatus(daemons.get("r1"), st -> !list(st, "problems").isEmpty(),
                        "the undecodable message reported at r1");
                    assertTrue(list(after, "problems").get(0).toString().startsWith("undecodable message on left"),
                        after.toString());
                    assertEquals(0, cli("status", "--socket", sock("r1")).code(), "r1 goes on");
                    return;
                }
                assertCountersMatchWire(nodes, status, (k, type) -> count(links.get(k), type));
            });
        }
    }

    /**
     * Appendix C on the wire: everything the hosts send is UDP to port Pu (1698), Path and PathTear to the first-hop
     * router's address; the routers answer h1 in UDP only, and on h2's LAN send Path both raw and UDP to D.
     */
    private static void assertUdpOnTheHostLinks(NamespaceLab lab, List<List<Packet>> links) {
        String h1 = lab.address(0, 1);
        String h2 = lab.address(3, 2);
        List<Packet> first = links.get(0);
        List<Packet> last = links.get(3);
        for (Packet p : first) {
            if (p.source().equals(h1)) {
                assertEquals(1698, p.udpPort(), "h1 sends UDP to port 1698: " + p);
                if (p.type() == 1 || p.type() == 5) {
                    assertEquals(lab.address(0, 2), p.destination(), "h1's Path goes to its router Ra: " + p);
                }
            } else {
                assertEquals(h1, p.destination(), p.toString());
                assertEquals(1698, p.udpPort(), "r1 answers h1 in UDP only: " + p);
            }
        }
        for (Packet p : last) {
            if (p.source().equals(h2)) {
                assertEquals(1698, p.udpPort(), "h2 sends UDP to port 1698: " + p);
                assertEquals(lab.address(3, 1), p.destination(), "h2's messages go to its previous hop r3: " + p);
            }
        }
        assertTrue(last.stream().anyMatch(p -> p.type() == 1 && p.udpPort() == 1698 && p.destination().equals(h2)),
            "r3 sends Path to h2 as UDP(D, Pu)");
        assertTrue(last.stream().anyMatch(p -> p.type() == 1 && p.udpPort() < 0 && p.routerAlert()),
            "and raw with Router Alert, for raw hosts on that LAN");
        assertTrue(last.stream().anyMatch(p -> p.type() == 7 && p.udpPort() == 1698 && p.destination().equals(h2)),
            "ResvConf reaches h2 in UDP");
        for (int k = 1; k < 3; k++) {
            assertTrue(links.get(k).stream().filter(p -> p.type() == 1 || p.type() == 2).allMatch(p -> p.udpPort() < 0),
                "between the routers RSVP stays raw IP on link " + k);
        }
    }

    /** h1 - r1 - p - r3 - h2 where p forwards IP but runs no RSVP: r3 sees Send_TTL above the IP TTL. */
    @Test
    void plainRouterInTheMiddleIsDetectedThroughSendTtl() throws Exception {
        plainRouterInTheMiddle(false);
    }

    /** The same with UDP-only hosts: between the routers it is raw IP, so r3 still sees the cloud. */
    @Test
    void plainRouterInTheMiddleIsDetectedWithUdpEncapsulatedHosts() throws Exception {
        plainRouterInTheMiddle(true);
    }

    private void plainRouterInTheMiddle(boolean udp) throws Exception {
        String[] nodes = {"h1", "r1", "p", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of("h1", "r1", "r3", "h2"),
                Duration.ofSeconds(5), Map.of(), udp ? Set.of("h1", "h2") : Set.of(),
                udp ? Map.of("r3", "right") : Map.of());
            whileRunning(daemons, () -> {
                reserveThroughPlainRouter(dir, lab, daemons);
                lab.stopCaptures();
                List<Packet> before = Tshark.packets(pcaps.get(1));
                List<Packet> after = Tshark.packets(pcaps.get(2));
                assertTrue(before.stream().anyMatch(p -> p.type() == 1 && p.sendTtl() == p.ipTtl()));
                assertTrue(after.stream().filter(p -> p.type() == 1).allMatch(p -> p.sendTtl() == p.ipTtl() + 1),
                    "behind the plain router the IP TTL is one below Send_TTL: " + after);
                assertTrue(after.stream().anyMatch(p -> p.type() == 1));
            });
        }
    }

    /**
     * A second path r1 -alt- r3 (higher metric): when r2 dies, the kernel's routes change, the rtnetlink monitor
     * tells the nodes, and local repair (RFC 2205 §3.6) moves the Path and then the reservation onto it.
     */
    @Test
    void linkFailureMovesTheReservationToTheSecondPathByLocalRepair() throws Exception {
        localRepair(false);
    }

    /** The same with UDP-only hosts at both ends. */
    @Test
    void linkFailureMovesTheReservationByLocalRepairWithUdpEncapsulatedHosts() throws Exception {
        localRepair(true);
    }

    private void localRepair(boolean udp) throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            lab.link("r1", "alt", "r3", "alt", 9);
            lab.ip("r1", "route add " + subnet(lab, 3) + " via " + lab.address(9, 2) + " metric 20");
            lab.ip("r3", "route add " + subnet(lab, 0) + " via " + lab.address(9, 1) + " metric 20");
            for (String r : List.of("r1", "r3")) {
                lab.sysctl(r, "net.ipv4.conf.all.ignore_routes_with_linkdown=1");
            }
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(5),
                Map.of("r1", "alt", "r3", "alt"), udp ? Set.of("h1", "h2") : Set.of(),
                udp ? Map.of("r3", "right") : Map.of());
            whileRunning(daemons, () -> {
                localRepairOntoAlt(dir, lab, daemons);
            });
        }
    }

    /** 10% of RSVP datagrams lost at every node: soft state refreshes still bring the reservation up. */
    @Test
    void reservationConvergesWithTenPercentLossOnEveryLink() throws Exception {
        convergesWithLoss(false);
    }

    /** The same with UDP-only hosts (RFC 2205 Appendix C): UDP-encapsulated RSVP is lost too. */
    @Test
    void reservationConvergesWithTenPercentLossWithUdpEncapsulatedHosts() throws Exception {
        convergesWithLoss(true);
    }

    private void convergesWithLoss(boolean udp) throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            String how = lab.loss(10);
            System.err.println("10% loss through " + how);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(1),
                Map.of(), udp ? Set.of("h1", "h2") : Set.of(), udp ? Map.of("r3", "right") : Map.of());
            whileRunning(daemons, () -> {
                reserveEndToEnd(lab, daemons);
                assertNeverMoreReceivedThanSent(daemons);
            });
        }
    }

    /** A second UDP daemon on one host: one clear message about port 1698, nothing left listening. */
    @Test
    void aSecondUdpDaemonOnAHostIsRefusedWithAClearMessage() throws Exception {
        String[] nodes = {"h1", "r1"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of("h1"), Duration.ofSeconds(5),
                Map.of(), Set.of("h1"), Map.of());
            whileRunning(daemons, () -> {
                DaemonConfig second = daemons.get("h1").config().withControlSocket(dir.resolve("again.sock"));
                RawIpException e = assertThrows(RawIpException.class,
                    () -> RsvpDaemon.start(second, Optional.of(lab.ns("h1")), EventSink.NONE));
                assertTrue(e.getMessage().startsWith("UDP port 1698 could not be opened: ")
                    && e.getMessage().endsWith("is another RSVP daemon running on this host?"), e.getMessage());
                assertFalse(e.missingPrivilege());
                assertFalse(Files.exists(dir.resolve("again.sock")));
                assertEquals(0, cli("status", "--socket", sock("h1")).code(), "the first one runs on");
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Issue 8 on a real network: refresh reduction (RFC 2961), integrity (RFC 2747), Hello (RFC 3209 §5).

    /**
     * Every node with refresh reduction (R = 2 s): the reservation forms with MESSAGE_ID and acknowledgements, and
     * once acknowledged, refreshes cross every link as Srefresh identifiers instead of full Path and Resv messages.
     * Bundling is off so that tshark's per-packet view is per message.
     */
    @Test
    void refreshReductionOverRawIpRefreshesWithSrefreshInsteadOfFullMessages() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        NeighbourConfig rr = neighbours("""
              refresh-reduction: {summary-hold: 100ms, bundling: false}
            """);
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(2),
                Map.of(), Set.of(), Map.of(), rr);
            whileRunning(daemons, () -> {
                reserveEndToEnd(lab, daemons);
                // Two Srefreshes each way on every link: at least one whole refresh period after the first.
                for (String n : nodes) {
                    // The RSVP neighbours (a ResvConf's originator, routed through, is counted without an interface).
                    awaitStatus(daemons.get(n), st -> {
                        List<Map<?, ?>> hops = list(st, "neighbour_channels").stream()
                            .<Map<?, ?>>map(c -> (Map<?, ?>) c).filter(c -> !"".equals(c.get("interface"))).toList();
                        return hops.size() == (n.startsWith("h") ? 1 : 2) && hops.stream().allMatch(c ->
                            Boolean.TRUE.equals(c.get("refresh_reduction")) && num(c, "srefresh_ids_sent") >= 2
                                && num(c, "srefresh_ids_received") >= 2);
                    }, "two Srefreshes each way at " + n);
                }
                Map<String, Map<String, Object>> before = statuses(daemons);
                Thread.sleep(300);
                lab.stopCaptures();
                Map<String, Map<String, Object>> after = statuses(daemons);
                Tshark.assertChecksumsCorrect(pcaps, dir.resolve("all.pcap"));
                for (int k = 0; k < pcaps.size(); k++) {
                    String left = lab.address(k, 1);
                    String right = lab.address(k, 2);
                    List<Objects> wire = Tshark.objects(pcaps.get(k));
                    assertTrue(wire.stream().anyMatch(o -> o.type() == 1 && o.messageIds() == 1),
                        "a Path with MESSAGE_ID on link " + k);
                    assertTrue(wire.stream().anyMatch(o -> o.type() == 2 && o.messageIds() == 1),
                        "a Resv with MESSAGE_ID on link " + k);
                    assertTrue(wire.stream().anyMatch(o -> o.acks() > 0), "acknowledgements on link " + k);
                    for (String[] way : new String[][] {{left, "1", right}, {right, "2", left}}) {
                        int type = Integer.parseInt(way[1]);
                        List<Objects> from = wire.stream().filter(o -> o.source().equals(way[0])).toList();
                        int first = from.stream().filter(o -> o.type() == 15).mapToInt(Objects::frame).min()
                            .orElseThrow(() -> new AssertionError("no Srefresh from " + way[0] + " on link"));
                        assertEquals(List.of(), from.stream().filter(o -> o.type() == type && o.frame() > first)
                            .toList(), "no full " + (type == 1 ? "Path" : "Resv") + " refresh from " + way[0]
                            + " after its first Srefresh on link " + k);
                        assertTrue(from.stream().filter(o -> o.type() == 15).count() >= 2, "Srefreshes from "
                            + way[0]);
                        // What the receiver counted is what crossed the link (between two status snapshots).
                        String node = nodes[way[0].equals(left) ? k + 1 : k];
                        long ids = from.stream().filter(o -> o.type() == 15).mapToLong(Objects::listIds).sum();
                        long acks = from.stream().mapToLong(Objects::acks).sum();
                        assertBetween(channel(before.get(node), way[0]), channel(after.get(node), way[0]),
                            "srefresh_ids_received", ids, node);
                        assertBetween(channel(before.get(node), way[0]), channel(after.get(node), way[0]),
                            "acks_received", acks, node);
                        assertEquals(0, num(channel(after.get(node), way[0]), "nacks_received"), node);
                    }
                }
            });
        }
    }

    /**
     * Every node signs with HMAC-SHA-256 (RFC 2747); a ResvTear forged on h2's link by a process without the key
     * (the premature teardown of RFC 4495 §7) is dropped by r3, counted, and goes no further: the reservation stays.
     */
    @Test
    void integrityOverRawIpDropsAForgedResvTearFromAHostWithoutTheKey() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        Files.writeString(dir.resolve("shared.key"),
            "6b6579206f6620746865206e616d6573706163652073756974652031323334\n");
        NeighbourConfig keyed = neighbours("""
              integrity:
                keys:
                  - {id: 0x51, algorithm: hmac-sha256, key-file: shared.key}
            """);
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(2),
                Map.of(), Set.of(), Map.of(), keyed);
            whileRunning(daemons, () -> {
                reserveEndToEnd(lab, daemons);
                Map<String, Object> r3 = Json.object(daemons.get("r3").statusJson());
                String h2 = lab.address(3, 2);
                assertEquals(0x51, num(channel(r3, h2), "integrity_key_id"));
                assertEquals(0, num(channel(r3, h2), "integrity_failures"));
                Cli text = cli("status", "--socket", sock("r3"));
                assertTrue(text.out().contains("Neighbours (refresh reduction, Hello, integrity)"), text.out());
                for (String st : List.of(text.out(), daemons.get("r3").statusJson())) {
                    assertFalse(st.contains("6b6579") || st.toLowerCase(java.util.Locale.ROOT).contains("secret"),
                        "the key is never shown: " + st);
                }

                forgeResvTear(lab, h2, lab.address(3, 1), lab.address(0, 1));
                Map<String, Object> dropped = awaitStatus(daemons.get("r3"),
                    st -> num(channel(st, h2), "integrity_failures") == 1, "the forged ResvTear counted at r3");
                assertTrue(list(dropped, "problems").stream().anyMatch(p -> p.toString().startsWith(
                    "INTEGRITY_FAILED " + h2 + " on right: ResvTear dropped: no INTEGRITY object")),
                    dropped.toString());
                assertTrue(neighbourEvents.stream().anyMatch(e -> e.node().equals("r3")
                    && e.kind().equals("INTEGRITY_FAILED")), "the event");
                String row = cli("status", "--socket", sock("r3")).out().lines()
                    .filter(l -> l.strip().startsWith(h2 + " ")).findFirst().orElse("");
                assertTrue(row.matches("\\s*" + java.util.regex.Pattern.quote(h2)
                    + "\\s+right\\s+no\\s+-\\s+81\\s+1\\s.*"),
                    "status: h2 on right, no RR, no Hello, key id 81 (0x51), one integrity failure: '" + row + "'");
                Thread.sleep(1000);
                for (String n : List.of("h1", "r1", "r2", "r3")) {
                    assertEquals(1_000_000.0, reservedOn(Json.object(daemons.get(n).statusJson()), "right"),
                        "the reservation stays at " + n);
                }
                lab.stopCaptures();
                Tshark.assertChecksumsCorrect(pcaps, dir.resolve("all.pcap"));
                for (int k = 0; k < pcaps.size(); k++) {
                    List<Objects> wire = Tshark.objects(pcaps.get(k));
                    List<Objects> tears = wire.stream().filter(o -> o.type() == 6).toList();
                    List<Objects> unsigned = wire.stream().filter(o -> o.integrity() == 0).toList();
                    if (k == 3) {
                        assertEquals(1, tears.size(), "the forged ResvTear on h2's link: " + tears);
                        assertEquals(tears, unsigned, "it alone is unsigned");
                    } else {
                        assertEquals(List.of(), tears, "no ResvTear went upstream on link " + k);
                        assertEquals(List.of(), unsigned, "INTEGRITY on every message on link " + k);
                    }
                    assertTrue(wire.stream().filter(o -> o.integrity() == 1).count() >= 3, "signed messages");
                }
            });
        }
    }

    /** The control: on plain RFC 2205 the same forged ResvTear works, tearing the reservation all the way up. */
    @Test
    void withoutIntegrityTheSameForgedResvTearTearsTheReservationDown() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(2),
                Map.of());
            whileRunning(daemons, () -> {
                reserveEndToEnd(lab, daemons);
                forgeResvTear(lab, lab.address(3, 2), lab.address(3, 1), lab.address(0, 1));
                for (String n : List.of("r3", "r2", "r1", "h1")) {
                    awaitStatus(daemons.get(n), st -> reservedOn(st, "right") == 0, "the reservation torn at " + n);
                }
            });
        }
    }

    /**
     * A ResvTear for h2's reservation, as h2 would send it (IP source and RSVP_HOP h2's, the logical interface
     * handle sniffed from r3's next Path on the link), built with the engine's codec and sent from h2's namespace
     * through a raw socket of a process that has no key.
     */
    private void forgeResvTear(NamespaceLab lab, String from, String to, String sender) throws Exception {
        // Like an attacker on the link: read the handle from r3's next refresh (a Path keeps h1's IP source, so:
        // RSVP to h2; a ResvConf has no RSVP_HOP).
        NamespaceLab.Result sniffed = NamespaceLab.exec("ip", "netns", "exec", lab.ns("h2"), "timeout", "20",
            "tshark", "-n", "-i", "left", "-c", "2", "-f", "ip proto 46 and dst host " + from, "-T", "fields", "-e",
            "rsvp.hop.logical_interface");
        String lih = sniffed.output().lines().map(String::strip).filter(l -> l.matches("(0x)?[0-9a-fA-F]+"))
            .findFirst().orElseThrow(() -> new AssertionError("no Path sniffed on h2's link: " + sniffed.output()));
        int handle = (int) (lih.startsWith("0x") ? Long.parseLong(lih.substring(2), 16) : Long.parseLong(lih));
        IpAddress src = IpAddress.of(from);
        ObjectMessage tear = ObjectMessage.of(MessageType.RESV_TEAR, 64,
            new IpSession(src, 17, 0, PORT), new RsvpHop(src, handle), Style.of(ReservationStyle.FF),
            new FilterSpec(new IpSender(IpAddress.of(sender), PORT)));
        byte[] rsvp = RsvpCodec.encode(tear);
        Path f = dir.resolve("forged.bin");
        Files.write(f, IpEncapsulation.of(src, IpAddress.of(to), 64).wrap(rsvp, 0, rsvp.length));
        NamespaceLab.Result r = NamespaceLab.exec("ip", "netns", "exec", lab.ns("h2"), "python3", "-c",
            "import socket,sys\ns=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_RAW)\n"
                + "s.sendto(open(sys.argv[1],'rb').read(),(sys.argv[2],0))", f.toString(), to);
        assertEquals(0, r.code(), r.output());
    }

    /**
     * Hello everywhere (interval 100 ms, dead after 3.5): r2's daemon stops abruptly (no tears); r1 and h2 declare
     * it down after the dead interval, long before the RSVP lifetime (R = 30 s), and drop the state through it.
     */
    @Test
    void helloOverRawIpDeclaresAStoppedNeighbourDownAndCleansItsState() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "h2"};
        NeighbourConfig hello = neighbours("""
              hello: {interval: 100ms, dead-intervals: 3.5}
            """);
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Duration.ofSeconds(30),
                Map.of(), Set.of(), Map.of(), hello);
            whileRunning(daemons, () -> {
                reserve(dir, daemons, lab.address(2, 2), "1M", List.of("h1", "r1", "r2"));
                String r2left = lab.address(1, 2);
                String r2right = lab.address(2, 1);
                awaitStatus(daemons.get("r1"), st -> "UP".equals(channel(st, r2left).get("hello")), "Hello up at r1");
                awaitStatus(daemons.get("h2"), st -> "UP".equals(channel(st, r2right).get("hello")),
                    "Hello up at h2");

                long stopped = System.nanoTime();
                daemons.remove("r2").close();
                Map<String, Object> r1 = awaitStatus(daemons.get("r1"), st -> "DOWN".equals(channel(st, r2left)
                    .get("hello")), "r2 declared down at r1");
                long downMillis = (System.nanoTime() - stopped) / 1_000_000;
                System.err.println("Hello: r2 declared down " + downMillis + " ms after it stopped");
                // The last Hello heard was up to one interval before the stop; detection is on a Hello tick.
                assertTrue(downMillis >= 200 && downMillis < 3000, downMillis + " ms: the dead interval (350 ms) within"
                    + " a Hello interval, plus scheduling");
                r1 = awaitStatus(daemons.get("r1"), st -> list(st, "requests").isEmpty()
                    && reservedOn(st, "right") == 0, "r2's reservation gone at r1");
                assertTrue(list(r1, "problems").stream().anyMatch(p -> p.toString().startsWith("HELLO_DOWN "
                    + r2left + " on right")), r1.toString());
                assertEquals(1, list(r1, "senders").size(), "h1's path state stays: h1 is alive");
                awaitStatus(daemons.get("h2"), st -> list(st, "senders").isEmpty(), "path state from r2 gone at h2");
                awaitStatus(daemons.get("h1"), st -> reservedOn(st, "right") == 0, "h1's reservation gone upstream");
                for (String[] at : new String[][] {{"r1", r2left}, {"h2", r2right}}) {
                    assertEquals(1, neighbourEvents.stream().filter(e -> e.node().equals(at[0])
                        && e.kind().equals("HELLO_DOWN") && e.neighbour().toString().equals(at[1])).count(),
                        "one HELLO_DOWN event at " + at[0]);
                }
                assertEquals("UP", channel(Json.object(daemons.get("r1").statusJson()), lab.address(0, 1))
                    .get("hello"), "h1 stays up at r1");
            });
        }
    }

    /**
     * RSVP-TE over raw IP (RFC 3209): r1 opens an LSP to r3 across r2 with the {@code lsp} command; every node's
     * status shows the LSP and its label binding, the labels chain hop by hop (what a node advertised upstream is
     * what its previous hop sends with), tshark decodes the Path's LABEL_REQUEST and EXPLICIT_ROUTE and the Resv's
     * LABEL with the same values, and {@code lsp --close} removes the state everywhere.
     */
    @Test
    void lspAcrossThreeRoutersBindsChainedLabelsShownInStatusAndOnTheWire() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        String[] routers = {"r1", "r2", "r3"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                Path f = dir.resolve("lsp-link" + k + ".pcap");
                lab.capture(nodes[k], "right", f);
                pcaps.add(f);
            }
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(routers));
            whileRunning(daemons, () -> {
                String r2 = lab.address(1, 2);
                String r3 = lab.address(2, 2);
                // Bad input: one clear line each, exit 2, nothing signalled.
                for (String[] bad : new String[][] {
                    {"--route", r2 + "/lose"}, {"--route", "10.0.0.x"}, {"--setup", "2", "--hold", "5"},
                    {"--setup", "9"}}) {
                    List<String> args = new ArrayList<>(List.of("lsp", "--socket", sock("r1"), "--to", r3,
                        "--tunnel", "7", "-b", "2M"));
                    args.addAll(List.of(bad));
                    Cli c = cli(args.toArray(String[]::new));
                    assertEquals(2, c.code(), String.join(" ", bad) + ": " + c.err());
                    assertEquals(1, c.err().strip().lines().count(), c.err());
                    assertFalse(c.err().contains("Exception"), c.err());
                }
                Cli noBandwidth = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "7");
                assertEquals(2, noBandwidth.code());
                assertTrue(noBandwidth.err().contains("--bandwidth"), noBandwidth.err());
                assertEquals(List.of(), list(Json.object(daemons.get("r1").statusJson()), "lsps"));

                Cli open = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "7", "-b", "2M", "--setup",
                    "3", "--hold", "2", "--route", r2 + "," + r3 + "/loose", "--se", "--record-labels");
                assertEquals(0, open.code(), open.err());
                assertTrue(open.out().contains("signalled"), open.out());
                Cli again = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "7", "-b", "2M");
                assertEquals(2, again.code());
                assertTrue(again.err().contains("already open"), again.err());

                Map<String, Map<?, ?>> lsp = new LinkedHashMap<>();
                Map<String, Map<?, ?>> label = new LinkedHashMap<>();
                for (String n : routers) {
                    Map<String, Object> st = awaitStatus(daemons.get(n), x -> list(x, "lsps").size() == 1
                        && Boolean.TRUE.equals(((Map<?, ?>) list(x, "lsps").get(0)).get("up"))
                        && list(x, "labels").size() == 1, "the LSP up with a label at " + n);
                    lsp.put(n, (Map<?, ?>) list(st, "lsps").get(0));
                    label.put(n, (Map<?, ?>) list(st, "labels").get(0));
                }
                Map<?, ?> head = lsp.get("r1");
                assertEquals("head", head.get("role"));
                assertEquals("transit", lsp.get("r2").get("role"));
                assertEquals("tail", lsp.get("r3").get("role"));
                assertEquals(7, num(head, "tunnel_id"));
                assertEquals(1, num(head, "lsp_id"));
                assertEquals(r3, head.get("tail_end"));
                assertEquals(2_000_000, num(head, "bandwidth_bps"));
                assertEquals(3, num(head, "setup_priority"));
                assertEquals(2, num(head, "holding_priority"));
                assertEquals(0x06, num(head, "flags"), "label recording and SE style (RFC 3209 §4.7.1)");
                assertEquals("SE", head.get("style"));
                assertEquals(List.of(r2 + " strict", r3 + " loose"), head.get("explicit_route"));
                assertFalse(((List<?>) head.get("recorded_route")).isEmpty(), head.toString());
                for (String n : routers) {
                    assertEquals(lsp.get("r1").get("head_end"), lsp.get(n).get("head_end"), n);
                    assertEquals(7, num(lsp.get(n), "tunnel_id"), n);
                }
                // The chain: r1 pushes what r2 advertised, r2 swaps to what r3 advertised, r3 has no out-label.
                assertEquals(-1, num(label.get("r1"), "in_label"));
                assertEquals("right", label.get("r1").get("out_interface"));
                assertEquals(r2, label.get("r1").get("next_hop"));
                assertEquals(num(label.get("r2"), "in_label"), num(label.get("r1"), "out_label"));
                assertEquals("left", label.get("r2").get("in_interface"));
                assertEquals("right", label.get("r2").get("out_interface"));
                assertEquals(r3, label.get("r2").get("next_hop"));
                assertEquals(num(label.get("r3"), "in_label"), num(label.get("r2"), "out_label"));
                assertEquals("left", label.get("r3").get("in_interface"));
                assertEquals(-1, num(label.get("r3"), "out_label"));
                assertTrue(num(label.get("r2"), "in_label") >= 16, "a label from the label space: " + label);

                Cli text = cli("status", "--socket", sock("r2"));
                assertEquals(0, text.code(), text.err());
                assertTrue(text.out().contains("LSPs (RSVP-TE tunnels):") && text.out().contains(" transit up ")
                    && text.out().contains(num(label.get("r2"), "in_label") + " left -> "), text.out());
                Map<String, Object> viaCli = Json.object(cli("status", "--json", "--socket", sock("r2")).out()
                    .strip());
                assertEquals(List.of(label.get("r2")), list(viaCli, "labels"));

                Thread.sleep(200);
                lab.stopCaptures();
                long[] onWire = {num(label.get("r1"), "out_label"), num(label.get("r2"), "out_label")};
                for (int k = 0; k < 2; k++) {
                    String f = pcaps.get(k).toString();
                    NamespaceLab.Result paths = NamespaceLab.exec("tshark", "-n", "-r", f, "-Y", "rsvp.msg == 1",
                        "-T", "fields", "-e", "rsvp.label_request.l3pid", "-e", "frame.number");
                    assertEquals(0, paths.code(), paths.output());
                    List<String> pl = Tshark.lines(paths);
                    assertFalse(pl.isEmpty(), "a Path on link " + (k + 1));
                    pl.forEach(l -> assertTrue(l.startsWith("0x0800"), "LABEL_REQUEST L3PID IPv4: " + l));
                    NamespaceLab.Result ero = NamespaceLab.exec("tshark", "-n", "-r", f, "-Y",
                        "rsvp.msg == 1 && !rsvp.explicit_route");
                    assertEquals(List.of(), Tshark.lines(ero),
                        "every Path on link " + (k + 1) + " carries an EXPLICIT_ROUTE");
                    NamespaceLab.Result resv = NamespaceLab.exec("tshark", "-n", "-r", f, "-Y", "rsvp.msg == 2",
                        "-T", "fields", "-e", "rsvp.label.label");
                    List<String> rl = Tshark.lines(resv);
                    assertFalse(rl.isEmpty(), "a Resv on link " + (k + 1));
                    for (String l : rl) {
                        assertEquals(onWire[k], Long.decode(l.strip()), "the Resv's LABEL on link " + (k + 1));
                    }
                }
                Tshark.assertChecksumsCorrect(pcaps, dir.resolve("lsp-all.pcap"));

                Cli close = cli("lsp", "--socket", sock("r1"), "--close", "--to", r3, "--tunnel", "7");
                assertEquals(0, close.code(), close.err());
                for (String n : routers) {
                    awaitStatus(daemons.get(n), x -> list(x, "lsps").isEmpty() && list(x, "labels").isEmpty(),
                        "the LSP gone at " + n);
                }
                Cli closeAgain = cli("lsp", "--socket", sock("r1"), "--close", "--to", r3, "--tunnel", "7");
                assertEquals(2, closeAgain.code());
                assertTrue(closeAgain.err().contains("heads no tunnel 7"), closeAgain.err());
            });
        }
    }

    /**
     * RFC 3209 §4.3.4 over raw IP: r1 opens tunnel 8 with one loose hop, r3's far address; r1 and then r2 expand
     * it through the kernel's route (its gateway becomes a strict hop), so the EROs in status and on the wire show
     * the expanded strict hops and the RRO the same route. Then make-before-break with the daemon's
     * {@code lsp --reroute}: tunnel 7 (SE) moves to LSP ID 2 on another explicit route over the same links, the
     * Resv on the wire lists both LSPs under one flowspec, and the links never hold more than the tunnels' sum.
     */
    @Test
    void lspLooseHopIsExpandedThroughKernelRoutesAndRerouteMakesBeforeBreak() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        String[] routers = {"r1", "r2", "r3"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            List<Path> pcaps = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                Path f = dir.resolve("loose-link" + k + ".pcap");
                lab.capture(nodes[k], "right", f);
                pcaps.add(f);
            }
            asNumbers.put("r3", 65003);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(routers));
            whileRunning(daemons, () -> {
                String r1 = lab.address(1, 1);
                String r2 = lab.address(1, 2);
                String r2right = lab.address(2, 1);
                String r3 = lab.address(2, 2);
                String r3far = lab.address(3, 1);
                Cli open = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "8", "-b", "1M", "--route",
                    r3far + "/loose", "--record-labels");
                assertEquals(0, open.code(), open.err());
                Map<String, Map<?, ?>> lsp = new LinkedHashMap<>();
                Map<String, Map<?, ?>> label = new LinkedHashMap<>();
                for (String n : routers) {
                    Map<String, Object> st = awaitStatus(daemons.get(n), x -> lspUp(x, 8, 1)
                        && list(x, "labels").size() == 1, "tunnel 8 up with a label at " + n);
                    lsp.put(n, lspOf(st, 8, 1).orElseThrow());
                    label.put(n, (Map<?, ?>) list(st, "labels").get(0));
                }
                // r1: the kernel's gateway toward r3far (r2) inserted strict before the loose hop; r2: its gateway
                // (r3's near address) inserted in turn; r3 is in the loose hop: the route has ended there.
                assertEquals(List.of(r2 + " strict", r3far + " loose"), lsp.get("r1").get("explicit_route"));
                assertEquals(List.of(r3 + " strict", r3far + " loose"), lsp.get("r2").get("explicit_route"));
                assertEquals(List.of(), lsp.get("r3").get("explicit_route"));
                // The recorded route follows the expansion: in the Resv each hop with its label, in the Path
                // nearest first.
                assertEquals(List.of(r2 + "(label " + num(label.get("r2"), "in_label") + ")", r3 + "(label "
                    + num(label.get("r3"), "in_label") + ")"), lsp.get("r1").get("recorded_route"));
                assertEquals(List.of(r2right, r1), lsp.get("r3").get("recorded_route"));
                assertEquals(r2, label.get("r1").get("next_hop"));
                assertEquals(r3, label.get("r2").get("next_hop"));

                // An AS subobject (RFC 3209 §4.3.3.4) naming r3's AS (its daemon's 'as: 65003'): r3 is in it, the
                // route ends there. One naming an AS no daemon is in: r3 answers PathErr Bad loose node.
                Cli inAs = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "9", "-b", "1M", "--route",
                    r2 + "," + r3 + ",AS65003/loose");
                assertEquals(0, inAs.code(), inAs.err());
                awaitStatus(daemons.get("r1"), x -> lspUp(x, 9, 1), "tunnel 9 through AS 65003 up at r1");
                assertEquals(List.of(r3 + " strict", "AS 65003 loose"), lspOf(Json.object(daemons.get("r2")
                    .statusJson()), 9, 1).orElseThrow().get("explicit_route"));
                Cli noAs = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "10", "-b", "1M", "--route",
                    r2 + "," + r3 + ",AS65009/loose");
                assertEquals(0, noAs.code(), noAs.err());
                awaitStatus(daemons.get("r1"), x -> list(x, "problems").stream().anyMatch(p -> p.toString()
                    .matches("PathErr for \\S+/0/10 from \\S+: Routing Problem, Bad loose node")),
                    "r3's PathErr at r1");
                assertTrue(lspOf(Json.object(daemons.get("r3").statusJson()), 10, 1).isEmpty());
                Cli badAs = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "11", "-b", "1M", "--route",
                    "AS70000");
                assertEquals(2, badAs.code());
                assertTrue(badAs.err().contains("'AS70000' is not an AS number"), badAs.err());
                for (String t : List.of("9", "10")) {
                    assertEquals(0, cli("lsp", "--socket", sock("r1"), "--close", "--to", r3, "--tunnel", t).code());
                }
                for (String n : routers) {
                    awaitStatus(daemons.get(n), x -> lspOf(x, 9, 1).isEmpty() && lspOf(x, 10, 1).isEmpty(),
                        "tunnels 9 and 10 gone at " + n);
                }

                // Make-before-break on the daemon: bad requests first, one clear line each, nothing changed.
                Cli none = cli("lsp", "--socket", sock("r1"), "--reroute", "--to", r3, "--tunnel", "9");
                assertEquals(2, none.code());
                assertTrue(none.err().contains("heads no tunnel 9"), none.err());
                Cli withBandwidth = cli("lsp", "--socket", sock("r1"), "--reroute", "--to", r3, "--tunnel", "8",
                    "-b", "2M");
                assertEquals(2, withBandwidth.code());
                assertTrue(withBandwidth.err().contains("keeps the tunnel's bandwidth"), withBandwidth.err());
                Cli both = cli("lsp", "--socket", sock("r1"), "--reroute", "--close", "--to", r3, "--tunnel", "8");
                assertEquals(2, both.code());
                assertEquals(1, both.err().strip().lines().count(), both.err());

                Cli t7 = cli("lsp", "--socket", sock("r1"), "--to", r3, "--tunnel", "7", "-b", "2M", "--se",
                    "--route", r2 + "," + r3);
                assertEquals(0, t7.code(), t7.err());
                for (String n : routers) {
                    awaitStatus(daemons.get(n), x -> lspUp(x, 7, 1), "tunnel 7 up at " + n);
                }
                for (String n : List.of("r1", "r2")) {
                    assertEquals(3_000_000, reservedOn(Json.object(daemons.get(n).statusJson()), "right"), n);
                }
                Cli reroute = cli("lsp", "--socket", sock("r1"), "--reroute", "--to", r3, "--tunnel", "7",
                    "--route", r3far + "/loose");
                assertEquals(0, reroute.code(), reroute.err());
                assertTrue(reroute.out().contains("LSP ID 1 is torn down when its Resv arrives")
                    && reroute.out().contains("SE style"), reroute.out());
                // While both LSPs live (too briefly on loopback to poll; the wire below shows it), the shared
                // links hold 2M for tunnel 7, never 4M.
                double peak = 0;
                long end = System.nanoTime() + 15_000_000_000L;
                while (true) {
                    Map<String, Object> h = Json.object(daemons.get("r1").statusJson());
                    Map<String, Object> t = Json.object(daemons.get("r2").statusJson());
                    peak = Math.max(peak, Math.max(reservedOn(h, "right"), reservedOn(t, "right")));
                    if (lspOf(h, 7, 1).isEmpty() && lspUp(h, 7, 2)) {
                        break;
                    }
                    assertTrue(System.nanoTime() < end, "LSP 2 up and LSP 1 gone at r1: " + h.get("lsps"));
                    Thread.sleep(10);
                }
                assertTrue(peak <= 3_000_000, "never more than 2M + 1M on the shared links: " + peak);
                for (String n : routers) {
                    Map<String, Object> st = awaitStatus(daemons.get(n), x -> lspOf(x, 7, 1).isEmpty()
                        && lspUp(x, 7, 2), "only LSP 2 of tunnel 7 at " + n);
                    if (!n.equals("r3")) {
                        assertEquals(3_000_000, reservedOn(st, "right"), n);
                    }
                }
                assertEquals(List.of(r2 + " strict", r3far + " loose"), lspOf(Json.object(daemons.get("r1")
                    .statusJson()), 7, 2).orElseThrow().get("explicit_route"));

                Thread.sleep(200);
                lab.stopCaptures();
                // tshark, independently: every Path of tunnel 8 on link 1 carries ERO r2 strict, r3far loose; on
                // link 2 r3 strict, r3far loose.
                String[][] eros = {{r2 + " strict", r3far + " loose"}, {r3 + " strict", r3far + " loose"}};
                for (int k = 0; k < 2; k++) {
                    List<List<String>> seen = Tshark.explicitRoutes(pcaps.get(k), 8);
                    assertFalse(seen.isEmpty(), "a Path of tunnel 8 on link " + (k + 1));
                    for (List<String> ero : seen) {
                        assertEquals(List.of(eros[k]), ero, "the EXPLICIT_ROUTE on link " + (k + 1));
                    }
                }
                // One Resv on link 1 reserved for both LSPs of tunnel 7 at once: SE, two FILTER_SPECs, one
                // FLOWSPEC of 2M (250,000 bytes/s).
                NamespaceLab.Result se = NamespaceLab.exec("tshark", "-n", "-r", pcaps.get(0).toString(), "-Y",
                    "rsvp.msg == 2 && rsvp.session.tunnel_id == 7", "-T", "fields", "-E", "aggregator=;", "-e",
                    "rsvp.style.style", "-e", "rsvp.sender.lsp_id", "-e", "rsvp.flowspec.token_bucket_rate");
                List<String> resvs = Tshark.lines(se);
                assertTrue(resvs.stream().anyMatch(l -> l.matches("\\S+\t(1;2|2;1)\t250000")), String.join("\n",
                    resvs));
                Tshark.assertChecksumsCorrect(pcaps, dir.resolve("loose-all.pcap"));
            });
        }
    }

    /** Whether the status has the LSP of {@code tunnel} with {@code lspId}, and it is up. */
    private static boolean lspUp(Map<String, Object> st, int tunnel, int lspId) {
        return lspOf(st, tunnel, lspId).map(l -> Boolean.TRUE.equals(l.get("up"))).orElse(false);
    }

    /** The status's LSP of {@code tunnel} with {@code lspId}, if any. */
    private static Optional<Map<?, ?>> lspOf(Map<String, Object> st, int tunnel, int lspId) {
        return list(st, "lsps").stream().<Map<?, ?>>map(l -> (Map<?, ?>) l).filter(l -> num(l, "tunnel_id") == tunnel
            && num(l, "lsp_id") == lspId).findFirst();
    }

    /** h1 sends to h2 at the chain's far end, h2 reserves 1M: reserved at every node's right interface. */
    private void reserveEndToEnd(NamespaceLab lab, Map<String, RsvpDaemon> daemons) throws Exception {
        reserve(dir, daemons, lab.address(3, 2), "1M", List.of("h1", "r1", "r2", "r3"));
    }

    /**
     * h1 announces a sender to {@code dest} at {@code rate} (10 kB burst), awaited at h2, and h2 reserves
     * {@code rate}: awaited on the right interface of every node of {@code reservedAt}.
     */
    static void reserve(Path dir, Map<String, RsvpDaemon> daemons, String dest, String rate,
        List<String> reservedAt) throws InterruptedException {
        Cli s = cli("sender", "--socket", sock(dir, "h1"), "-d", dest, "-p", "" + PORT, "--rate", rate, "--burst",
            "10kB");
        assertEquals(0, s.code(), s.err());
        awaitStatus(daemons.get("h2"), st -> !list(st, "senders").isEmpty(), "Path at h2");
        Cli r = cli("reserve", "--socket", sock(dir, "h2"), "-d", dest, "-p", "" + PORT, "-b", rate);
        assertEquals(0, r.code(), r.err());
        long bps = LinkUnits.parseBitsPerSecond(rate);
        for (String n : reservedAt) {
            awaitStatus(daemons.get(n), st -> reservedOn(st, "right") == bps, rate + " reserved at " + n);
        }
    }

    /**
     * On h1 - r1 - p - r3 - h2 with p running no RSVP: h1's Path (2M) shows r3 a non-RSVP hop on its left
     * (Send_TTL one above the IP TTL, RFC 2205 §3.8) and r1 as its previous hop; h2 reserves 2M through the cloud,
     * its own previous hop r3 runs RSVP; then a Path refresh at r3, so the captures hold a Path even if the first
     * one raced dumpcap's start.
     */
    static void reserveThroughPlainRouter(Path dir, NamespaceLab lab, Map<String, RsvpDaemon> daemons)
        throws InterruptedException {
        String h2 = lab.address(3, 2);
        assertEquals(0, cli("sender", "--socket", sock(dir, "h1"), "-d", h2, "-p", "" + PORT, "--rate", "2M",
            "--burst", "10kB").code());
        Map<String, Object> r3 = awaitStatus(daemons.get("r3"), st -> !list(st, "non_rsvp_hops").isEmpty(),
            "non-RSVP hop at r3");
        Map<?, ?> hop = (Map<?, ?>) list(r3, "non_rsvp_hops").get(0);
        assertEquals(1L, ((Number) hop.get("send_ttl")).longValue() - ((Number) hop.get("ip_ttl")).longValue());
        assertEquals("left", hop.get("interface"));
        // r3's previous hop is r1 across the cloud: the Resv goes there through p.
        assertEquals(List.of(lab.address(1, 1)), neighbours(r3, "previous-hop"));
        awaitStatus(daemons.get("h2"), st -> !list(st, "senders").isEmpty(), "Path at h2");
        assertEquals(0, cli("reserve", "--socket", sock(dir, "h2"), "-d", h2, "-p", "" + PORT, "-b", "2M").code());
        for (String n : List.of("h1", "r1", "r3")) {
            awaitStatus(daemons.get(n), st -> reservedOn(st, "right") == 2_000_000, "2M reserved at " + n);
        }
        assertTrue(list(Json.object(daemons.get("h2").statusJson()), "non_rsvp_hops").isEmpty(),
            "h2's previous hop r3 runs RSVP");
        awaitStatus(daemons.get("r3"), st -> counter(st, "Path", "received") >= 2, "a Path refresh at r3");
    }

    /**
     * Local repair (RFC 2205 §3.6) on h1 - r1 - r2 - r3 - h2 with a second path r1 -alt- r3 (link 9): 1M reserved,
     * then r2's links go down; the reservation moves to r1's alt and the Path to r3's alt, r3's reservation stays.
     * Gives how long after the links went down r1's reservation was on alt, in ms.
     */
    static long localRepairOntoAlt(Path dir, NamespaceLab lab, Map<String, RsvpDaemon> daemons) throws Exception {
        reserve(dir, daemons, lab.address(3, 2), "1M", List.of("r1"));
        assertEquals(0.0, reservedOn(Json.object(daemons.get("r1").statusJson()), "alt"));

        long down = System.nanoTime();
        lab.ip("r2", "link set left down");
        lab.ip("r2", "link set right down");

        Map<String, Object> r1 = awaitStatus(daemons.get("r1"), st -> reservedOn(st, "alt") == 1_000_000
            && reservedOn(st, "right") == 0, "reservation moved to r1's alt");
        long millis = (System.nanoTime() - down) / 1_000_000;
        assertEquals(List.of("alt"), ((Map<?, ?>) list(r1, "senders").get(0)).get("outgoing"));
        Map<String, Object> r3 = awaitStatus(daemons.get("r3"), st -> !list(st, "senders").isEmpty()
            && "alt".equals(((Map<?, ?>) list(st, "senders").get(0)).get("interface")), "Path on r3's alt");
        assertEquals(lab.address(9, 1), ((Map<?, ?>) list(r3, "senders").get(0)).get("previous_hop"));
        awaitStatus(daemons.get("r3"), st -> reservedOn(st, "right") == 1_000_000, "1M still on r3 right");
        return millis;
    }

    /** With loss, no daemon counts more Path and Resv received than all sent; says how many of how many. */
    static String assertNeverMoreReceivedThanSent(Map<String, RsvpDaemon> daemons) {
        long received = 0;
        long sent = 0;
        for (RsvpDaemon d : daemons.values()) {
            Map<String, Object> st = Json.object(d.statusJson());
            received += counter(st, "Path", "received") + counter(st, "Resv", "received");
            sent += counter(st, "Path", "sent") + counter(st, "Resv", "sent");
        }
        assertTrue(received <= sent, "never more received than sent: " + received + " > " + sent);
        return received + " of " + sent + " Path/Resv received";
    }

    /**
     * h2 tears its reservation down, awaited gone at every node before it in the chain {@code nodes}; then h1 its
     * sender, awaited gone at every node after it.
     */
    static void tearDownEndToEnd(Path dir, Map<String, RsvpDaemon> daemons, String dest, String[] nodes)
        throws InterruptedException {
        List<String> chain = List.of(nodes);
        assertEquals(0, cli("teardown", "--socket", sock(dir, "h2"), "-d", dest, "-p", "" + PORT).code());
        for (String n : chain.subList(0, chain.size() - 1)) {
            awaitStatus(daemons.get(n), st -> list(st, "reservations").isEmpty(), "reservation gone at " + n);
        }
        assertEquals(0, cli("teardown", "--socket", sock(dir, "h1"), "-d", dest, "-p", "" + PORT).code());
        for (String n : chain.subList(1, chain.size())) {
            awaitStatus(daemons.get(n), st -> list(st, "senders").isEmpty(), "path state gone at " + n);
        }
    }

    /**
     * What each node of the chain counted is what crossed its links: Path and PathTear sent by the left end and
     * received by the right, Resv and ResvTear the other way, and the ResvConfs the last node received;
     * {@code onLink} counts one message type on link k.
     */
    static void assertCountersMatchWire(String[] nodes, Map<String, Map<String, Object>> status,
        BiFunction<Integer, Integer, Long> onLink) {
        for (int k = 0; k + 1 < nodes.length; k++) {
            Map<String, Object> left = status.get(nodes[k]);
            Map<String, Object> right = status.get(nodes[k + 1]);
            for (String[] t : new String[][] {{"Path", "1"}, {"PathTear", "5"}}) {
                long n = onLink.apply(k, Integer.parseInt(t[1]));
                assertEquals(n, counter(left, t[0], "sent"), nodes[k] + " " + t[0] + " sent vs link " + k);
                assertEquals(n, counter(right, t[0], "received"), nodes[k + 1] + " " + t[0] + " received");
            }
            for (String[] t : new String[][] {{"Resv", "2"}, {"ResvTear", "6"}}) {
                long n = onLink.apply(k, Integer.parseInt(t[1]));
                assertEquals(n, counter(right, t[0], "sent"), nodes[k + 1] + " " + t[0] + " sent");
                assertEquals(n, counter(left, t[0], "received"), nodes[k] + " " + t[0] + " received");
            }
        }
        String last = nodes[nodes.length - 1];
        assertEquals(onLink.apply(nodes.length - 2, 7), counter(status.get(last), "ResvConf", "received"));
    }

    /** The body of a test with daemons running: may throw whatever the test may. */
    interface WithDaemons {
        void run() throws Exception;
    }

    /** Runs {@code body}; a failed assertion prints every daemon's status first; the daemons are closed after. */
    static void whileRunning(Map<String, RsvpDaemon> daemons, WithDaemons body) throws Exception {
        try {
            body.run();
        } catch (AssertionError e) {
            daemons.forEach((n, d) -> System.err.println("status of " + n + " at the failure: " + d.statusJson()));
            throw e;
        } finally {
            daemons.values().forEach(RsvpDaemon::close);
        }
    }

    /** A daemon configuration's {@code neighbours:} section (read as the daemon reads it, key files beside it). */
    private NeighbourConfig neighbours(String section) throws Exception {
        Path f = dir.resolve("neighbours.yaml");
        Files.writeString(f, "interfaces:\n  - {name: lo, bandwidth: 1M}\nneighbours:\n" + section);
        return DaemonConfig.load(f).nodeConfig().neighbours();
    }

    /** The status's neighbour_channels entry for {@code address}, empty when there is none. */
    static Map<?, ?> channel(Map<String, Object> st, String address) {
        return list(st, "neighbour_channels").stream().map(c -> (Map<?, ?>) c)
            .filter(c -> address.equals(c.get("address"))).findFirst().orElse(Map.of());
    }

    private static long num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? -1 : ((Number) v).longValue();
    }

    private static void assertBetween(Map<?, ?> before, Map<?, ?> after, String key, long wire, String node) {
        assertTrue(num(before, key) <= wire && wire <= num(after, key), node + " " + key + ": the wire has "
            + wire + ", the status " + num(before, key) + " then " + num(after, key));
    }

    /** One RSVP message's RFC 2961 / RFC 2747 objects as tshark decoded them (how many of each). */
    record Objects(int frame, String source, String destination, int type, int messageIds, int acks, int integrity,
                   int listIds) {
    }

    private static String subnet(NamespaceLab lab, int k) {
        return "10." + lab.base + "." + k + ".0/24";
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A capture on every link of the chain, at its left end's right interface: link k in linkk.pcap. */
    static List<Path> startCaptures(Path dir, NamespaceLab lab, String[] nodes) throws Exception {
        List<Path> pcaps = new ArrayList<>();
        for (int k = 0; k + 1 < nodes.length; k++) {
            Path f = dir.resolve("link" + k + ".pcap");
            lab.capture(nodes[k], "right", f);
            pcaps.add(f);
        }
        return pcaps;
    }

    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running)
        throws Exception {
        return startDaemons(lab, nodes, running, Duration.ofSeconds(5), Map.of());
    }

    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running,
                                                 Duration refresh, Map<String, String> extraInterface)
        throws Exception {
        return startDaemons(lab, nodes, running, refresh, extraInterface, Set.of(), Map.of());
    }

    /** {@code udpHosts}: hosts on UDP encapsulation; {@code udpHostsOn}: router interfaces configured udp-hosts. */
    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running,
                                                 Duration refresh, Map<String, String> extraInterface,
                                                 Set<String> udpHosts, Map<String, String> udpHostsOn)
        throws Exception {
        return startDaemons(lab, nodes, running, refresh, extraInterface, udpHosts, udpHostsOn, NeighbourConfig.NONE);
    }

    /** Every daemon with the same {@code neighbours} (RFC 2961, RFC 2747, Hello); events go to {@link #events}. */
    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running,
                                                 Duration refresh, Map<String, String> extraInterface,
                                                 Set<String> udpHosts, Map<String, String> udpHostsOn,
                                                 NeighbourConfig neighbours)
        throws Exception {
        Map<String, RsvpDaemon> daemons = new LinkedHashMap<>();
        try {
            for (int i = 0; i < nodes.length; i++) {
                if (!running.contains(nodes[i])) {
                    continue;
                }
                List<InterfaceSpec> ifs = new ArrayList<>();
                for (String side : List.of("left", "right")) {
                    if (side.equals("left") ? i > 0 : i + 1 < nodes.length) {
                        ifs.add(new InterfaceSpec(side, 10_000_000, 5_000_000,
                            side.equals(udpHostsOn.get(nodes[i]))));
                    }
                }
                if (extraInterface.containsKey(nodes[i])) {
                    ifs.add(new InterfaceSpec(extraInterface.get(nodes[i]), 10_000_000, 5_000_000));
                }
                boolean router = i > 0 && i + 1 < nodes.length;
                DaemonConfig c = new DaemonConfig(nodes[i], router, udpHosts.contains(nodes[i])
                    ? DaemonConfig.Encapsulation.UDP : DaemonConfig.Encapsulation.RAW,
                    Path.of(sock(nodes[i])), NodeConfig.DEFAULT.withRefreshPeriod(refresh).withNeighbours(neighbours),
                    ifs, PolicyConfig.NONE);
                if (asNumbers.containsKey(nodes[i])) {
                    c = c.withAsNumber(asNumbers.get(nodes[i]));
                }
                daemons.put(nodes[i], RsvpDaemon.start(c, Optional.of(lab.ns(nodes[i])), events));
            }
        } catch (Exception | Error e) {
            daemons.values().forEach(RsvpDaemon::close);
            throw e;
        }
        return daemons;
    }

    private String sock(String node) {
        return sock(dir, node);
    }

    /** The control socket of {@code node}'s daemon, in the test's directory. */
    static String sock(Path dir, String node) {
        return dir.resolve(node + ".sock").toString();
    }

    private static Cli cli(String... args) {
        return Cli.run(args);
    }

    static Map<String, Map<String, Object>> statuses(Map<String, RsvpDaemon> daemons) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        daemons.forEach((n, d) -> out.put(n, Json.object(d.statusJson())));
        return out;
    }

    static Map<String, Object> awaitStatus(RsvpDaemon d, Predicate<Map<String, Object>> ok, String what)
        throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        Map<String, Object> st = Json.object(d.statusJson());
        while (!ok.test(st)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; status: " + d.statusJson());
            }
            Thread.sleep(50);
            st = Json.object(d.statusJson());
        }
        return st;
    }

    static List<?> list(Map<String, Object> st, String key) {
        return (List<?>) st.get(key);
    }

    static double reservedOn(Map<String, Object> st, String iface) {
        for (Object o : list(st, "interfaces")) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (iface.equals(m.get("name"))) {
                return ((Number) m.get("reserved_bps")).doubleValue();
            }
        }
        return -1;
    }

    static List<Object> neighbours(Map<String, Object> st, String role) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(st, "neighbours")) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (role.equals(m.get("role"))) {
                out.add(m.get("address"));
            }
        }
        return out;
    }

    static long counter(Map<String, Object> st, String type, String dir) {
        Map<?, ?> c = (Map<?, ?>) ((Map<?, ?>) st.get("counters")).get(type);
        return c == null ? 0 : ((Number) c.get(dir)).longValue();
    }

    private static long count(List<Packet> wire, int type) {
        return wire.stream().filter(p -> p.type() == type).count();
    }

    /** One RSVP packet as tshark decoded it. */
    record Packet(int frame, String source, String destination, int ipTtl, boolean routerAlert, int type, String hop,
                  int sendTtl, boolean malformedOrWarning, int udpPort) {
    }

    /** tshark as the independent decoder. */
    static final class Tshark {
        private Tshark() {
        }

        /**
         * The EXPLICIT_ROUTE of every Path of {@code tunnel} in {@code pcap} as tshark decodes it, each hop as
         * {@code "ADDR strict"} or {@code "ADDR loose"} (the L bit, RFC 3209 §4.3.3) like the status writes them.
         */
        static List<List<String>> explicitRoutes(Path pcap, int tunnel) throws IOException, InterruptedException {
            NamespaceLab.Result r = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-Y", "rsvp.msg == 1"
                + " && rsvp.session.tunnel_id == " + tunnel, "-O", "rsvp");
            java.util.regex.Pattern hop = java.util.regex.Pattern.compile(
                "^\\s+IPv4 Subobject - ([0-9.]+)(?:/32)?, (Strict|Loose)");
            List<List<String>> out = new ArrayList<>();
            List<String> current = null;
            for (String line : r.output().lines().toList()) {
                if (line.startsWith("    EXPLICIT ROUTE")) {
                    current = new ArrayList<>();
                    out.add(current);
                } else if (line.startsWith("    ") && !line.startsWith("     ") || !line.startsWith(" ")) {
                    current = null;
                } else if (current != null) {
                    java.util.regex.Matcher m = hop.matcher(line);
                    if (m.find()) {
                        current.add(m.group(1) + " " + m.group(2).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            assertTrue(r.code() == 0, r.output());
            return out;
        }

        static List<Packet> packets(Path pcap) throws IOException, InterruptedException {
            // RFC 2205 Appendix C ports decoded as RSVP; ICMP errors quoting an RSVP datagram are not RSVP packets.
            NamespaceLab.Result r = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-d",
                "udp.port==1698,rsvp", "-d", "udp.port==1699,rsvp", "-Y", "rsvp && !icmp", "-T",
                "fields", "-E", "separator=|", "-e", "frame.number", "-e", "ip.src", "-e", "ip.dst", "-e", "ip.ttl",
                "-e", "ip.opt.ra", "-e", "rsvp.msg", "-e", "rsvp.hop.neighbor_address_ipv4", "-e",
                "rsvp.sending_ttl", "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e", "udp.dstport");
            List<Packet> out = new ArrayList<>();
            for (String[] f : rows(r)) {
                out.add(new Packet(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), !f[4].isEmpty(),
                    Integer.parseInt(f[5]), f[6], f[7].isEmpty() ? -1 : Integer.parseInt(f[7]),
                    malformedOrWarning(f[8], f[9]), f[10].isEmpty() ? -1 : Integer.parseInt(f[10])));
            }
            return out;
        }

        /** The rows of a successful {@code tshark -T fields -E separator=|}: its packet lines, split into fields. */
        static List<String[]> rows(NamespaceLab.Result r) {
            assertEquals(0, r.code(), r.output());
            List<String[]> out = new ArrayList<>();
            for (String line : r.output().split("\n")) {
                if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                    out.add(line.split("\\|", -1));
                }
            }
            return out;
        }

        /** tshark's {@code _ws.malformed} and {@code _ws.expert.severity} fields: malformed, or a warning or worse. */
        static boolean malformedOrWarning(String malformed, String severity) {
            return !malformed.isEmpty() || severity.matches(".*\\b([6-9]\\d{6}|[1-9]\\d{7,})\\b.*");
        }

        /** tshark's output lines without the warning it prints when run as root. */
        static List<String> lines(NamespaceLab.Result r) {
            return r.output().lines().filter(l -> !l.startsWith("Running as")).toList();
        }

        /** The RFC 2961 and RFC 2747 objects of every RSVP message (not the ones quoted in ICMP errors). */
        static List<Objects> objects(Path pcap) throws IOException, InterruptedException {
            NamespaceLab.Result r = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-Y", "rsvp && !icmp",
                "-T", "fields", "-E", "separator=|", "-E", "aggregator=,", "-e", "frame.number", "-e", "ip.src", "-e",
                "ip.dst", "-e", "rsvp.msg", "-e", "rsvp.message_id.message_id", "-e",
                "rsvp.message_id_ack.message_id", "-e", "rsvp.integrity.key_identifier", "-e",
                "rsvp.message_id_list.message_id");
            List<Objects> out = new ArrayList<>();
            for (String[] f : rows(r)) {
                out.add(new Objects(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), occurrences(f[4]),
                    occurrences(f[5]), occurrences(f[6]), occurrences(f[7])));
            }
            return out;
        }

        private static int occurrences(String field) {
            return field.isEmpty() ? 0 : field.split(",").length;
        }

        /** Every RSVP message checksum on every link is [correct] in tshark's verbose decoding. */
        static void assertChecksumsCorrect(List<Path> pcaps, Path merged) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("mergecap", "-F", "pcap", "-w", merged.toString()));
            pcaps.forEach(p -> cmd.add(p.toString()));
            NamespaceLab.Result m = NamespaceLab.exec(cmd.toArray(String[]::new));
            assertEquals(0, m.code(), m.output());
            NamespaceLab.Result v = NamespaceLab.exec("tshark", "-n", "-r", merged.toString(), "-d",
                "udp.port==1698,rsvp", "-d", "udp.port==1699,rsvp", "-V", "-Y", "rsvp");
            assertEquals(0, v.code(), v.output());
            // Also the RSVP quoted in ICMP errors (a raw Path to a UDP-only host draws "protocol unreachable").
            long messages = v.output().lines().filter(l -> l.strip().startsWith("Resource ReserVation Protocol"))
                .count();
            long correct = v.output().lines().filter(l -> l.contains("Message Checksum") && l.contains("[correct]"))
                .count();
            assertTrue(messages > 0, "no RSVP in the captures");
            assertFalse(v.output().contains("incorrect"), "a checksum tshark calls incorrect");
            assertEquals(messages, correct, "every RSVP message's checksum is [correct]");
            NamespaceLab.Result bad = NamespaceLab.exec("tshark", "-n", "-r", merged.toString(), "-d",
                "udp.port==1698,rsvp", "-d", "udp.port==1699,rsvp", "-Y",
                "_ws.malformed || _ws.expert.severity >= warning");
            // tshark warns on stderr when run as root; only packet lines count.
            List<String> packets = Tshark.lines(bad);
            assertEquals(List.of(), packets, "malformed or warning items");
            Files.deleteIfExists(merged);
        }
    }
}
