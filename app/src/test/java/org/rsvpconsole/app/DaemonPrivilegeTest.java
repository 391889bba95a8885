package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.app.daemon.DaemonConfig;
import org.rsvpconsole.app.daemon.RsvpDaemon;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;

/**
 * The daemon without CAP_NET_RAW: over raw IP, one clear line naming the capability and the ways forward, exit 2;
 * as a UDP-encapsulated host (RFC 2205 Appendix C, {@code --udp}) it runs and makes reservations with raw-IP
 * routers, and records its events ({@code --db}).
 */
class DaemonPrivilegeTest {

    private static final Path CAPSH = Path.of("/usr/sbin/capsh");
    /** CAP_NET_RAW's bit in /proc/PID/status CapEff (linux/capability.h). */
    private static final int CAP_NET_RAW = 13;

    @TempDir
    Path dir;

    private static void requireCapsh() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!Files.isExecutable(CAPSH) || !root) {
            String msg = "PRIVILEGE TEST SKIPPED: needs root and capsh (libcap2-bin) to drop CAP_NET_RAW";
            System.err.println("*** " + msg + " ***");
            Assumptions.assumeTrue(System.getenv("CI") == null, msg + " (CI is set)");
            Assumptions.abort(msg);
        }
    }

    /** This JVM's java, run with the test class path: {@code Main args}. */
    private static String javaMain(String args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return "exec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + System.getProperty("java.class.path")
            + "' org.rsvpconsole.app.Main " + args;
    }

    @Test
    void withoutCapNetRawTheDaemonSaysSoAndExits2() throws Exception {
        requireCapsh();
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "node: lonely\nrole: host\ncontrol-socket: " + dir.resolve("s.sock")
            + "\ninterfaces:\n  - name: lo\n    bandwidth: 1M\n");
        String cmd = javaMain("daemon --config '" + config + "'");
        Process p = new ProcessBuilder(CAPSH.toString(), "--drop=cap_net_raw", "--", "-c", cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the daemon must stop, not hang");
        assertEquals(2, p.exitValue(), err);
        assertEquals(0, out.length, new String(out, StandardCharsets.UTF_8));
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        String line = lines.get(0);
        assertTrue(line.startsWith("rsvp-console: raw IP sockets for RSVP (IP protocol 46) need the CAP_NET_RAW"
            + " capability"), line);
        assertTrue(line.contains("AmbientCapabilities=CAP_NET_RAW") && line.contains("--udp")
            && line.contains("setpriv"), line);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertFalse(Files.exists(dir.resolve("s.sock")), "nothing is left listening");
    }

    /**
     * h1 - r1 - h2 in namespaces: h1's daemon runs in its own process without CAP_NET_RAW, {@code --udp --db}; r1 (a
     * raw-IP router) and h2 (a raw-IP host) run in this JVM. h1's sender gets h2's reservation back through r1,
     * then {@code history --db} lists what h1 recorded.
     */
    @Test
    void udpHostDaemonRunsWithoutCapNetRawReservesThroughARawRouterAndRecords() throws Exception {
        requireCapsh();
        String[] nodes = {"h1", "r1", "h2"};
        try (NamespaceLab lab = NamespaceLab.chain(nodes)) {
            Path config = dir.resolve("h1.yaml");
            Path sock = dir.resolve("h1.sock");
            Path db = dir.resolve("h1-history");
            Files.writeString(config, "node: h1\nrole: host\nrefresh: 2s\ncontrol-socket: " + sock
                + "\ninterfaces:\n  - name: right\n    bandwidth: 10M\n");
            Path err = dir.resolve("h1.err");
            Process h1 = new ProcessBuilder("ip", "netns", "exec", lab.ns("h1"), CAPSH.toString(),
                "--drop=cap_net_raw", "--", "-c", javaMain("daemon --udp --db '" + db + "' --config '" + config
                    + "'")).redirectErrorStream(true).redirectOutput(err.toFile()).start();
            List<RsvpDaemon> inJvm = new ArrayList<>();
            try {
                for (int i = 0; i < 300 && !Files.exists(sock) && h1.isAlive(); i++) {
                    Thread.sleep(100);
                }
                assertTrue(Files.exists(sock), "h1's daemon did not start: " + Files.readString(err));
                assertFalse(hasCapNetRaw(h1.toHandle()), "h1's daemon must run without CAP_NET_RAW");
                // The socket exists a moment before the daemon prints that it runs.
                for (int i = 0; i < 100 && !Files.readString(err).contains("running on"); i++) {
                    Thread.sleep(50);
                }
                assertTrue(Files.readString(err).contains("over UDP (RFC 2205 Appendix C)"), Files.readString(err));

                NodeConfig nc = NodeConfig.DEFAULT.withRefreshPeriod(Duration.ofSeconds(2));
                inJvm.add(RsvpDaemon.start(new DaemonConfig("r1", true, DaemonConfig.Encapsulation.RAW,
                    dir.resolve("r1.sock"), nc, List.of(new InterfaceSpec("left", 10_000_000, 10_000_000),
                        new InterfaceSpec("right", 10_000_000, 10_000_000)), PolicyConfig.NONE),
                    Optional.of(lab.ns("r1")), EventSink.NONE));
                inJvm.add(RsvpDaemon.start(new DaemonConfig("h2", false, DaemonConfig.Encapsulation.RAW,
                    dir.resolve("h2.sock"), nc, List.of(new InterfaceSpec("left", 10_000_000, 10_000_000)),
                    PolicyConfig.NONE), Optional.of(lab.ns("h2")), EventSink.NONE));

                String h2 = lab.address(1, 2);
                Cli s = Cli.run("sender", "--socket", sock.toString(), "-d", h2, "-p", "5004", "--rate", "1M",
                    "--burst", "10kB");
                assertEquals(0, s.code(), s.toString());
                await(() -> Cli.run("status", "--json", "--socket", dir.resolve("h2.sock").toString()),
                    st -> !RawIpNamespaceTest.list(st, "senders").isEmpty(), "h1's Path at h2");
                Cli r = Cli.run("reserve", "--socket", dir.resolve("h2.sock").toString(), "-d", h2, "-p", "5004",
                    "-b", "1M");
                assertEquals(0, r.code(), r.toString());
                Map<String, Object> st = await(() -> Cli.run("status", "--json", "--socket", sock.toString()),
                    x -> !RawIpNamespaceTest.list(x, "reservations").isEmpty(), "the reservation back at h1");
                Map<?, ?> resv = (Map<?, ?>) RawIpNamespaceTest.list(st, "reservations").get(0);
                assertEquals(1_000_000.0, ((Number) resv.get("reserved_bps")).doubleValue());
                assertEquals("UDP, RFC 2205 Appendix C, port 1698", st.get("encapsulation"));
                Map<String, Object> r1 = Json.object(inJvm.get(0).statusJson());
                assertEquals(List.of(lab.address(0, 1)), RawIpNamespaceTest.list(r1, "udp_hops"),
                    "r1 learned h1 as a UDP-only hop");
            } finally {
                inJvm.forEach(RsvpDaemon::close);
                h1.destroy();
                assertTrue(h1.waitFor(20, TimeUnit.SECONDS), "h1's daemon stops on SIGTERM");
            }
            String out = Files.readString(err);
            assertFalse(out.contains("Exception") || out.contains("\tat "), out);
            assertFalse(out.contains("--db:"), "nothing lost or failed in the recording: " + out);
            Cli history = Cli.run("history", "--db", db.toString(), "--node", "h1");
            assertEquals(0, history.code(), history.toString());
            List<String> lines = history.outLines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("  MessageSent  h1  ") && l.contains("Path")),
                history.out());
            assertTrue(lines.stream().anyMatch(l -> l.contains("  MessageReceived  h1  ") && l.contains("Resv")),
                history.out());
            assertTrue(lines.stream().anyMatch(l -> l.contains("  Reservation  h1  ")), history.out());
            Cli topology = Cli.run("history", "--db", db.toString(), "--kind", "Topology");
            assertEquals(1, topology.outLines().size(), topology.toString());
        }
    }

    private static Map<String, Object> await(java.util.function.Supplier<Cli> status,
                                             java.util.function.Predicate<Map<String, Object>> ok, String what)
        throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Cli c = status.get();
            Map<String, Object> st = c.code() == 0 ? Json.object(c.out().strip()) : null;
            if (st != null && ok.test(st)) {
                return st;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + ": " + c);
            }
            Thread.sleep(100);
        }
    }

    /** Whether the process or any of its descendants holds CAP_NET_RAW in its effective set. */
    private static boolean hasCapNetRaw(ProcessHandle p) throws java.io.IOException {
        List<ProcessHandle> all = new ArrayList<>(List.of(p));
        p.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/status"))) {
                if (line.startsWith("CapEff:")
                    && (Long.parseUnsignedLong(line.substring(7).strip(), 16) >>> CAP_NET_RAW & 1) == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
