package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.app.RawIpNamespaceTest.awaitStatus;
import static org.rsvpconsole.app.RawIpNamespaceTest.counter;
import static org.rsvpconsole.app.RawIpNamespaceTest.list;
import static org.rsvpconsole.app.RawIpNamespaceTest.neighbours;
import static org.rsvpconsole.app.RawIpNamespaceTest.reservedOn;
import static org.rsvpconsole.app.RawIpNamespaceTest.statuses;

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
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;

/**
 * RSVP over raw IPv6 (decision 0025) in Linux network namespaces: the daemons' interfaces configured with their IPv6
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
            List<Path> pcaps = startCaptures(lab, nodes);
            Map<String, RsvpDaemon> daemons = startDaemons(lab, nodes, List.of(nodes));
            try {
                String h1 = lab.address(0, 1);
                String h2 = lab.address(3, 2);
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

                assertEquals(0, cli("teardown", "--socket", sock("h2"), "-d", h2, "-p", "" + PORT).code());
                for (String n : List.of("h1", "r1", "r2", "r3")) {
                    awaitStatus(daemons.get(n), st -> list(st, "reservations").isEmpty(), "reservation gone at " + n);
                }
                assertEquals(0, cli("teardown", "--socket", sock("h1"), "-d", h2, "-p", "" + PORT).code());
                for (String n : List.of("r1", "r2", "r3", "h2")) {
                    awaitStatus(daemons.get(n), st -> list(st, "senders").isEmpty(), "path state gone at " + n);
                }
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
                            assertEquals(p.hopLimit(), p.sendTtl(), "an RSVP hop resends with hop limit = Send_TTL");
                            // Each router decremented Send_TTL: it intercepted the Path rather than forwarding it.
                            firstSendTtl = firstSendTtl < 0 ? p.sendTtl() : firstSendTtl;
                            assertEquals(firstSendTtl - k, p.sendTtl(), "Send_TTL on link " + k + ": " + p);
                        }
                        if (p.type() == 2 || p.type() == 6) {
                            assertEquals(lab.address(k, 2), p.hop(), "RSVP_HOP of the Resv's sender on link " + k);
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
                for (int k = 0; k < links.size(); k++) {
                    Map<String, Object> left = status.get(nodes[k]);
                    Map<String, Object> right = status.get(nodes[k + 1]);
                    List<Packet6> wire = links.get(k);
                    for (String[] t : new String[][] {{"Path", "1"}, {"PathTear", "5"}}) {
                        long n = count(wire, Integer.parseInt(t[1]));
                        assertEquals(n, counter(left, t[0], "sent"), nodes[k] + " " + t[0] + " sent vs link " + k);
                        assertEquals(n, counter(right, t[0], "received"), nodes[k + 1] + " " + t[0] + " received");
                    }
                    for (String[] t : new String[][] {{"Resv", "2"}, {"ResvTear", "6"}}) {
                        long n = count(wire, Integer.parseInt(t[1]));
                        assertEquals(n, counter(right, t[0], "sent"), nodes[k + 1] + " " + t[0] + " sent");
                        assertEquals(n, counter(left, t[0], "received"), nodes[k] + " " + t[0] + " received");
                    }
                }
                assertEquals(count(links.get(3), 7), counter(status.get("h2"), "ResvConf", "received"));
            } catch (AssertionError e) {
                daemons.forEach((n, d) -> System.err.println("status of " + n + " at the failure: " + d.statusJson()));
                throw e;
            } finally {
                daemons.values().forEach(RsvpDaemon::close);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<Path> startCaptures(NamespaceLab lab, String[] nodes) throws Exception {
        List<Path> pcaps = new ArrayList<>();
        for (int k = 0; k + 1 < nodes.length; k++) {
            Path f = dir.resolve("link" + k + ".pcap");
            lab.capture(nodes[k], "right", f);
            pcaps.add(f);
        }
        return pcaps;
    }

    /** The daemons of {@code running}, each interface configured with its IPv6 address (R = 5 s). */
    private Map<String, RsvpDaemon> startDaemons(NamespaceLab lab, String[] nodes, List<String> running)
        throws Exception {
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
                boolean router = i > 0 && i + 1 < nodes.length;
                DaemonConfig c = new DaemonConfig(nodes[i], router, DaemonConfig.Encapsulation.RAW,
                    Path.of(sock(nodes[i])), NodeConfig.DEFAULT.withRefreshPeriod(Duration.ofSeconds(5)), ifs,
                    PolicyConfig.NONE);
                daemons.put(nodes[i], RsvpDaemon.start(c, Optional.of(lab.ns(nodes[i])), EventSink.NONE));
            }
        } catch (Exception | Error e) {
            daemons.values().forEach(RsvpDaemon::close);
            throw e;
        }
        return daemons;
    }

    private String sock(String node) {
        return dir.resolve(node + ".sock").toString();
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
                   String hop, int sendTtl, boolean malformedOrWarning) {
    }

    static List<Packet6> packets(Path pcap) throws IOException, InterruptedException {
        NamespaceLab.Result r = NamespaceLab.exec("tshark", "-n", "-r", pcap.toString(), "-Y", "rsvp && !icmpv6",
            "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "ipv6.src", "-e", "ipv6.dst", "-e",
            "ipv6.hlim", "-e", "ipv6.opt.router_alert", "-e", "rsvp.msg", "-e", "rsvp.neighbor_address_ipv6", "-e",
            "rsvp.sending_ttl", "-e", "_ws.malformed", "-e", "_ws.expert.severity");
        assertEquals(0, r.code(), r.output());
        List<Packet6> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            boolean bad = !f[8].isEmpty() || f[9].matches(".*\\b([6-9]\\d{6}|[1-9]\\d{7,})\\b.*");
            out.add(new Packet6(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4],
                Integer.parseInt(f[5]), f[6], f[7].isEmpty() ? -1 : Integer.parseInt(f[7]), bad));
        }
        assertTrue(Files.size(pcap) > 24, "nothing captured in " + pcap);
        return out;
    }
}
