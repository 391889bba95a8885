package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.app.RawIpNamespaceTest.assertCountersMatchWire;
import static org.rsvpconsole.app.RawIpNamespaceTest.assertNeverMoreReceivedThanSent;
import static org.rsvpconsole.app.RawIpNamespaceTest.awaitStatus;
import static org.rsvpconsole.app.RawIpNamespaceTest.channel;
import static org.rsvpconsole.app.RawIpNamespaceTest.counter;
import static org.rsvpconsole.app.RawIpNamespaceTest.list;
import static org.rsvpconsole.app.RawIpNamespaceTest.localRepairOntoAlt;
import static org.rsvpconsole.app.RawIpNamespaceTest.neighbours;
import static org.rsvpconsole.app.RawIpNamespaceTest.reserve;
import static org.rsvpconsole.app.RawIpNamespaceTest.reserveThroughPlainRouter;
import static org.rsvpconsole.app.RawIpNamespaceTest.reservedOn;
import static org.rsvpconsole.app.RawIpNamespaceTest.startCaptures;
import static org.rsvpconsole.app.RawIpNamespaceTest.statuses;
import static org.rsvpconsole.app.RawIpNamespaceTest.tearDownEndToEnd;
import static org.rsvpconsole.app.RawIpNamespaceTest.whileRunning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.app.daemon.DaemonConfig;
import org.rsvpconsole.app.daemon.RsvpDaemon;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;

/**
 * RSVP over raw IPv6 (decision 0031) in Linux network namespaces: the daemons' interfaces configured with their IPv6
 * addresses, Path, PathTear and ResvConf carrying the hop-by-hop Router Alert (RFC 2711, value 1 = RSVP), routers
 * intercepting with IPV6_ROUTER_ALERT, checked against tshark's decoding of captures on every link. Skipped loudly
 * where namespaces cannot be made (and failed instead when $CI is set), like {@link RawIpNamespaceTest}.
 */
class RawIpv6NamespaceTest {

    private static final int PORT = 5004;

    @TempDir
    Path dir;

    /** h1 - r1 - r2 - r3 - h2 on IPv6, every router running RSVP. */
    @Test
    void reservationEndToEndOverRawIpv6WithRouterAlertInterceptedAtEveryRouter() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes));
            whileRunning(daemons, () -> {
                String h1 = lab.address(0, 1);
                String h2 = lab.address(3, 2);
                // One address family per node: an IPv4 session on this IPv6 node is refused in one line.
                Cli v4 = cli("sender", "--socket", sock("h1"), "-d", "192.0.2.9", "-p", "" + PORT, "--rate", "1M",
                    "--burst", "10kB");
                assertEquals(2, v4.code(), v4.out());
                assertEquals(1, v4.err().strip().lines().count(), v4.err());
                assertTrue(v4.err().contains("192.0.2.9 is an IPv4 address and this node runs IPv6 (its interfaces'"
                    + " addresses); run a second daemon for IPv4 beside it"), v4.err());
                assertEquals(List.of(), list(Json.object(daemons.get("h1").statusJson()), "senders"));
                Cli s = cli("sender", "--socket", sock("h1"), "-d", h2, "-p", "" + PORT, "--rate", "1M", "--burst",
                    "10kB");
                assertEquals(0, s.code(), s.err());
                assertTrue(s.out().contains("sender [" + h1 + "]:"), s.out());
                awaitStatus(daemons.get("h2"), st -> !list(st, "senders").isEmpty(), "Path at h2");

                Cli r = cli("reserve", "--socket", sock("h2"), "-d", h2, "-p", "" + PORT, "-b", "1M");
                assertEquals(0, r.code(), r.err());
                for (String n : List.of("h1", "r1", "r2", "r3")) {
                    awaitStatus(daemons.get(n), st -> reservedOn(st, "right") == 1_000_000, "1M reserved at " + n);
                }
                awaitStatus(daemons.get("h2"), st -> counter(st, "ResvConf", "received") >= 1, "ResvConf at h2");

                // status --json through the command line: IPv6 hops on both sides of r2.
                Cli json = cli("status", "--json", "--socket", sock("r2"));
                assertEquals(0, json.code(), json.err());
                Map<String, Object> r2 = Json.object(json.out().strip());
                assertEquals(1_000_000.0, reservedOn(r2, "right"));
                assertEquals(List.of(lab.address(1, 1)), neighbours(r2, "previous-hop"));
                assertEquals(List.of(lab.address(2, 2)), neighbours(r2, "next-hop"));
                Map<?, ?> sender = (Map<?, ?>) list(r2, "senders").get(0);
                assertEquals(lab.address(1, 1), sender.get("previous_hop"));
                assertEquals(List.of(), list(r2, "non_rsvp_hops"), "every hop runs RSVP");
                assertEquals("raw IPv6 (protocol 46, hop-by-hop Router Alert)", r2.get("encapsulation"));

                tearDownEndToEnd(dir, daemons, h2, nodes);
                Thread.sleep(300);
                Map<String, Map<String, Object>> status = statuses(daemons);
                lab.stopCaptures();

                List<List<Packet6>> links = new ArrayList<>();
                int firstSendTtl = -1;
                for (int k = 0; k < pcaps.size(); k++) {
                    List<Packet6> wire = packets(pcaps.get(k));
                    links.add(wire);
                    for (Packet6 p : wire) {
                        assertFalse(p.malformedOrWarning(), "malformed/warning on link " + k + ": " + p);
                        if (p.type() == 1 || p.type() == 5 || p.type() == 7) {
                            assertEquals("1", p.routerAlert(), "Path, PathTear, ResvConf carry the hop-by-hop"
                                + " Router Alert with value 1 (RSVP, RFC 2711): " + p);
                        } else {
                            assertEquals("", p.routerAlert(), "Resv and ResvTear go hop by hop without it: " + p);
                        }
                        if (p.type() == 1 || p.type() == 5) {
                            assertEquals(h1, p.source(), "Path keeps the sender's source address on link " + k);
                            assertEquals(h2, p.destination(), "Path goes to the session's address on link " + k);
                            assertEquals(lab.address(k, 1), p.hop(), "RSVP_HOP of the Path's sender on link " + k);
                            assertEquals(h1, p.senderAddress(), "the IPv6 SENDER_TEMPLATE names h1: " + p);
                            assertEquals(p.hopLimit(), p.sendTtl(), "an RSVP hop resends with hop limit = Send_TTL");
                            // Each router decremented Send_TTL: it intercepted the Path rather than forwarding it.
                            firstSendTtl = firstSendTtl < 0 ? p.sendTtl() : firstSendTtl;
                            assertEquals(firstSendTtl - k, p.sendTtl(), "Send_TTL on link " + k + ": " + p);
                        }
                        if (p.type() == 2 || p.type() == 6) {
                            assertEquals(lab.address(k, 2), p.hop(), "RSVP_HOP of the Resv's sender on link " + k);
                            assertEquals(h1, p.senderAddress(), "the IPv6 FILTER_SPEC names h1: " + p);
                            assertEquals(lab.address(k, 1), p.destination(), "Resv goes to the previous hop");
                        }
                        if (p.type() == 7) {
                            assertEquals(h2, p.destination(), "ResvConf goes to the receiver: " + p);
                        }
                    }
                    for (int type : new int[] {1, 2, 5, 6, 7}) {
                        assertTrue(count(wire, type) >= 1, "message type " + type + " crossed link " + k);
                    }
                }
                RawIpNamespaceTest.Tshark.assertChecksumsCorrect(pcaps, dir.resolve("all.pcap"));
                // What each node counted is what crossed its links.
                assertCountersMatchWire(nodes, status, (k, type) -> count(links.get(k), type));
            });
        }
    }

    /**
     * h1 - r1 - p - r3 - h2 on IPv6 where p forwards but runs no RSVP: p's kernel forwards the Path (Router Alert
     * left in place) and decrements the hop limit only, so r3 sees Send_TTL one above the hop limit (RFC 2205
     * §3.8) and reports p; the reservation still forms through it.
     */
    @Test
    void plainIpv6RouterInTheMiddleIsDetectedThroughSendTtlAndHopLimit() throws Exception {
        String[] nodes = {"h1", "r1", "p", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            List<Path> pcaps = startCaptures(dir, lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of("h1", "r1", "r3", "h2"));
            whileRunning(daemons, () -> {
                reserveThroughPlainRouter(dir, lab, daemons);
                lab.stopCaptures();
                List<Packet6> before = packets(pcaps.get(1));
                List<Packet6> after = packets(pcaps.get(2));
                assertTrue(before.stream().anyMatch(p -> p.type() == 1), "a Path on r1-p");
                assertTrue(before.stream().filter(p -> p.type() == 1).allMatch(p -> p.sendTtl() == p.hopLimit()),
                    "r1 sends with hop limit = Send_TTL: " + before);
                assertTrue(after.stream().anyMatch(p -> p.type() == 1), "a Path on p-r3");
                assertTrue(after.stream().filter(p -> p.type() == 1).allMatch(p -> p.sendTtl() == p.hopLimit() + 1
                    && "1".equals(p.routerAlert()) && p.hop().equals(lab.address(1, 1))),
                    "behind the plain router the hop limit is one below Send_TTL, Router Alert and r1's RSVP_HOP"
                        + " unchanged: " + after);
                RawIpNamespaceTest.Tshark.assertChecksumsCorrect(pcaps, dir.resolve("all.pcap"));
            });
        }
    }

    /**
     * A second path r1 -alt- r3 (IPv6 routes of a higher metric than the chain's 1024): when r2's links go down,
     * the kernel's IPv6 routes change, the rtnetlink monitor tells the nodes, and local repair (RFC 2205 §3.6)
     * moves the Path and then the reservation onto it.
     */
    @Test
    void ipv6LinkFailureMovesTheReservationToTheSecondPathByLocalRepair() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            lab.link("r1", "alt", "r3", "alt", 9);
            lab.ip("r1", "route add " + lab.subnet(3) + " via " + lab.address(9, 2) + " metric 2000");
            lab.ip("r3", "route add " + lab.subnet(0) + " via " + lab.address(9, 1) + " metric 2000");
            for (String r : List.of("r1", "r3")) {
                lab.sysctl(r, "net.ipv6.conf.all.ignore_routes_with_linkdown=1");
            }
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Map.of(
                "r1", List.of(alt(lab.address(9, 1))), "r3", List.of(alt(lab.address(9, 2)))), Duration.ofSeconds(5));
            whileRunning(daemons, () -> {
                long millis = localRepairOntoAlt(dir, lab, daemons);
                System.err.println("IPv6 local repair: reservation on alt " + millis + " ms after the links went down");
            });
        }
    }

    /** 10% of RSVP datagrams lost at every node (R = 1 s): soft state refreshes still bring the reservation up. */
    @Test
    void ipv6ReservationConvergesWithTenPercentLossOnEveryLink() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "r3", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            System.err.println("IPv6: 10% loss through " + lab.loss(10));
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Map.of(),
                Duration.ofSeconds(1));
            whileRunning(daemons, () -> {
                reserve(dir, daemons, lab.address(3, 2), "1M", List.of("h1", "r1", "r2", "r3"));
                System.err.println("IPv6 with loss: " + assertNeverMoreReceivedThanSent(daemons));
            });
        }
    }

    /**
     * Refresh reduction (RFC 2961) and Hello (RFC 3209 §5) toward IPv6 neighbours on h1 - r1 - r2 - h2 (R = 2 s):
     * refreshes cross as Srefresh, Hello comes up with every neighbour, and when r2's daemon stops r1 declares it
     * down and drops the reservation through it.
     */
    @Test
    void refreshReductionAndHelloWorkTowardIpv6Neighbours() throws Exception {
        String[] nodes = {"h1", "r1", "r2", "h2"};
        NeighbourConfig config = DaemonConfig.parse("interfaces:\n  - {name: lo, bandwidth: 1M}\nneighbours:\n"
            + "  refresh-reduction: {summary-hold: 100ms, bundling: false}\n"
            + "  hello: {interval: 100ms, dead-intervals: 3.5}\n", "n.yaml").nodeConfig().neighbours();
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            Path pcap = dir.resolve("r1-r2.pcap");
            lab.capture("r1", "right", pcap);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes), Map.of(),
                Duration.ofSeconds(2), config);
            whileRunning(daemons, () -> {
                String r2left = lab.address(1, 2);
                reserve(dir, daemons, lab.address(2, 2), "1M", List.of("h1", "r1", "r2"));
                Map<String, Object> r1 = awaitStatus(daemons.get("r1"), st -> {
                    Map<?, ?> c = channel(st, r2left);
                    return "UP".equals(c.get("hello")) && Boolean.TRUE.equals(c.get("refresh_reduction"))
                        && c.get("srefresh_ids_received") instanceof Number n && n.longValue() >= 1;
                }, "Hello up and a Srefresh from r2 at r1");
                assertEquals(0L, ((Number) channel(r1, r2left).get("nacks_received")).longValue());
                Thread.sleep(300);
                lab.stopCaptures();
                NamespaceLab.Result srefresh = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-Y",
                    "rsvp.msg == 15 && ipv6.src == " + r2left);
                assertTrue(srefresh.output().lines().anyMatch(l -> l.contains("RSVP")), "a Srefresh from r2 on the"
                    + " wire: " + NamespaceLab.exec("tshark", "-n", "-r", pcap.toString()).output());
                RawIpNamespaceTest.Tshark.assertChecksumsCorrect(List.of(pcap), dir.resolve("all.pcap"));

                daemons.remove("r2").close();
                r1 = awaitStatus(daemons.get("r1"), st -> "DOWN".equals(channel(st, r2left).get("hello"))
                    && reservedOn(st, "right") == 0, "r2 declared down at r1, its reservation gone");
                assertTrue(list(r1, "problems").stream().anyMatch(p -> p.toString().startsWith("HELLO_DOWN " + r2left
                    + " on right")), r1.toString());
            });
        }
    }

    /** An IPv6 address the interface does not have, and IPv6 with UDP encapsulation: one clear message each. */
    @Test
    void aMissingIpv6AddressOrUdpOnIpv6StopsTheDaemonWithAClearMessage() throws Exception {
        String[] nodes = {"h1", "r1"};
        try (NamespaceLab lab = NamespaceLab.chain6(nodes)) {
            DaemonConfig wrong = new DaemonConfig("h1", false, DaemonConfig.Encapsulation.RAW,
                Path.of(sock("h1")), NodeConfig.DEFAULT, List.of(new InterfaceSpec("right", 1_000_000, 1_000_000,
                    false, IpAddress.of("2001:db8::7"))), PolicyConfig.NONE);
            org.rsvpconsole.engine.rawip.RawIpException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rsvpconsole.engine.rawip.RawIpException.class,
                () -> RsvpDaemon.start(wrong, Optional.of(lab.ns("h1")), EventSink.NONE));
            assertTrue(e.getMessage().startsWith("interface 'right' does not have the address 2001:db8::7 (it has "
                + lab.address(0, 1)), e.getMessage());
            assertTrue(e.getMessage().endsWith("; give it that address (ip -6 addr add 2001:db8::7/LEN dev right), or"
                + " configure one it has"), e.getMessage());
            assertFalse(e.missingPrivilege());
            org.rsvpconsole.engine.rawip.RawIpException udp = org.junit.jupiter.api.Assertions.assertThrows(
                org.rsvpconsole.engine.rawip.RawIpException.class,
                () -> RsvpDaemon.start(new DaemonConfig("h1", false, DaemonConfig.Encapsulation.UDP,
                    Path.of(sock("h1")), NodeConfig.DEFAULT, List.of(new InterfaceSpec("right", 1_000_000, 1_000_000,
                    false, IpAddress.of(lab.address(0, 1)))), PolicyConfig.NONE), Optional.of(lab.ns("h1")),
                    EventSink.NONE));
            assertTrue(udp.getMessage().contains("UDP encapsulation (RFC 2205 Appendix C) is for IPv4"),
                udp.getMessage());
            assertFalse(Files.exists(Path.of(sock("h1"))), "nothing left listening");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The daemons of {@code running}, each interface configured with its IPv6 address (R = 5 s). */
    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running)
        throws Exception {
        return startDaemons(lab, nodes, running, Map.of(), Duration.ofSeconds(5));
    }

    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running,
                                                 Map<String, List<InterfaceSpec>> extra, Duration refresh)
        throws Exception {
        return startDaemons(lab, nodes, running, extra, refresh, NeighbourConfig.NONE);
    }

    /** The same, with extra interfaces on some nodes, refresh period R and the neighbour settings. */
    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running,
                                                 Map<String, List<InterfaceSpec>> extra, Duration refresh,
                                                 NeighbourConfig neighbours) throws Exception {
        Map<String, RsvpDaemon> daemons = new LinkedHashMap<>();
        try {
            for (int i = 0; i < nodes.length; i++) {
                if (!running.contains(nodes[i])) {
                    continue;
                }
                List<InterfaceSpec> ifs = new ArrayList<>();
                if (i > 0) {
                    ifs.add(new InterfaceSpec("left", 10_000_000, 5_000_000, false,
                        IpAddress.of(lab.address(i - 1, 2))));
                }
                if (i + 1 < nodes.length) {
                    ifs.add(new InterfaceSpec("right", 10_000_000, 5_000_000, false, IpAddress.of(lab.address(i, 1))));
                }
                ifs.addAll(extra.getOrDefault(nodes[i], List.of()));
                boolean router = i > 0 && i + 1 < nodes.length;
                DaemonConfig c = new DaemonConfig(nodes[i], router, DaemonConfig.Encapsulation.RAW,
                    Path.of(sock(nodes[i])), NodeConfig.DEFAULT.withRefreshPeriod(refresh).withNeighbours(neighbours),
                    ifs, PolicyConfig.NONE);
                daemons.put(nodes[i], RsvpDaemon.start(c, Optional.of(lab.ns(nodes[i])), EventSink.NONE));
            }
        } catch (Exception | Error e) {
            daemons.values().forEach(RsvpDaemon::close);
            throw e;
        }
        return daemons;
    }

    private static InterfaceSpec alt(String address) {
        return new InterfaceSpec("alt", 10_000_000, 5_000_000, false, IpAddress.of(address));
    }

    private String sock(String node) {
        return RawIpNamespaceTest.sock(dir, node);
    }

    private static Cli cli(String... args) {
        return Cli.run(args);
    }

    private static long count(List<Packet6> wire, int type) {
        return wire.stream().filter(p -> p.type() == type).count();
    }

    /**
     * One RSVP packet on IPv6 as tshark decoded it; {@code routerAlert} is the hop-by-hop Router Alert's value
     * (empty without one).
     */
    record Packet6(int frame, String source, String destination, int hopLimit, String routerAlert, int type,
                   String hop, int sendTtl, boolean malformedOrWarning, String senderAddress) {
    }

    static List<Packet6> packets(Path pcap) throws IOException, InterruptedException {
        NamespaceLab.Result r = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-Y", "rsvp && !icmpv6",
            "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "ipv6.src", "-e", "ipv6.dst", "-e",
            "ipv6.hlim", "-e", "ipv6.opt.router_alert", "-e", "rsvp.msg", "-e", "rsvp.neighbor_address_ipv6", "-e",
            "rsvp.sending_ttl", "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e",
            "rsvp.template_filter.source_address_ipv6");
        List<Packet6> out = new ArrayList<>();
        for (String[] f : RawIpNamespaceTest.Tshark.rows(r)) {
            out.add(new Packet6(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4],
                Integer.parseInt(f[5]), f[6], f[7].isEmpty() ? -1 : Integer.parseInt(f[7]),
                RawIpNamespaceTest.Tshark.malformedOrWarning(f[8], f[9]), f[10]));
        }
        assertTrue(Files.size(pcap) > 24, "nothing captured in " + pcap);
        return out;
    }
}
