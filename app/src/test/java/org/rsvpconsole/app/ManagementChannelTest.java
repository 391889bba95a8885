package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.app.attach.AttachedLiveNetwork;
import org.rsvpconsole.app.attach.AttachedNetwork;
import org.rsvpconsole.app.attach.Credentials;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.app.daemon.ControlClient;
import org.rsvpconsole.app.daemon.DaemonConfig;
import org.rsvpconsole.app.daemon.EventRing;
import org.rsvpconsole.app.daemon.ManagementConfig;
import org.rsvpconsole.app.daemon.RsvpDaemon;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.rawip.NetworkNamespaces;
import org.rsvpconsole.engine.rawip.RawIpException;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.persistence.jdbc.EntryForm;

/**
 * The management channel for real: three RSVP daemons (h1 - r1 - h2) in network namespaces, each listening with
 * TLS on its own lab address in its own namespace, and clients in h1's namespace attaching over TLS with
 * certificates and tokens made by keytool at test time.
 */
class ManagementChannelTest {

    private static final String[] NODES = {"h1", "r1", "h2"};
    private static final String OPERATOR_TOKEN = "operator-token-0123456789";
    private static final String VIEWER_TOKEN = "viewer-token-0123456789ab";
    private static final int PORT = ManagementConfig.DEFAULT_PORT;

    private static Path dir;
    private static NamespaceLab lab;
    private static TestPki pki;
    private static TestPki rogue;
    private static Path alice;
    private static Path bob;
    private static Path mallory;
    private static final Map<String, RsvpDaemon> DAEMONS = new ConcurrentHashMap<>();
    private static final Map<String, DaemonConfig> CONFIGS = new LinkedHashMap<>();

    @BeforeAll
    static void lab() throws Exception {
        dir = Files.createTempDirectory("mgmt-test");
        lab = NamespaceLab.chain(NODES);
        try {
            pki = TestPki.ca(dir, "ops");
            rogue = TestPki.ca(dir, "rogue");
            Path server = pki.server("rsvp-daemon", List.of(address("h1"), address("r1"), address("h2")));
            alice = pki.client("ops-alice");
            bob = pki.client("watch-bob");
            // Same name as the operator, but signed by a CA the daemons do not trust.
            mallory = rogue.client("ops-alice");
            List<ManagementConfig.Token> tokens = List.of(
                new ManagementConfig.Token("carol", ManagementConfig.Role.OPERATOR,
                    ManagementConfig.sha256(OPERATOR_TOKEN)),
                new ManagementConfig.Token("dave", ManagementConfig.Role.VIEWER,
                    ManagementConfig.sha256(VIEWER_TOKEN)));
            ManagementConfig m = new ManagementConfig("0.0.0.0", PORT, server, TestPki.PASSWORD.toCharArray(),
                Optional.of(pki.caPem), Map.of("ops-alice", ManagementConfig.Role.OPERATOR, "watch-bob",
                ManagementConfig.Role.VIEWER), tokens, ManagementConfig.DEFAULT_RING,
                ManagementConfig.DEFAULT_MAX_CLIENTS);
            for (int i = 0; i < NODES.length; i++) {
                List<InterfaceSpec> ifs = new ArrayList<>();
                if (i > 0) {
                    ifs.add(new InterfaceSpec("left", 10_000_000, 5_000_000));
                }
                if (i + 1 < NODES.length) {
                    ifs.add(new InterfaceSpec("right", 10_000_000, 5_000_000));
                }
                ManagementConfig own = new ManagementConfig(address(NODES[i]), m.port(), m.keystore(),
                    m.keystorePassword(), m.clientCa(), m.clients(), m.tokens(), m.ring(), m.maxClients());
                DaemonConfig c = new DaemonConfig(NODES[i], i == 1, DaemonConfig.Encapsulation.RAW,
                    dir.resolve(NODES[i] + ".sock"), NodeConfig.DEFAULT.withRefreshPeriod(Duration.ofSeconds(1)),
                    ifs, PolicyConfig.NONE).withManagement(Optional.of(own));
                CONFIGS.put(NODES[i], c);
                DAEMONS.put(NODES[i], RsvpDaemon.start(c, Optional.of(lab.ns(NODES[i])), EventSink.NONE));
            }
        } catch (Exception | Error e) {
            closeAll();
            throw e;
        }
    }

    @AfterAll
    static void closeAll() throws Exception {
        DAEMONS.values().forEach(RsvpDaemon::close);
        DAEMONS.clear();
        if (lab != null) {
            lab.close();
        }
    }

    /** Where each daemon's management channel listens: its own lab address, inside its namespace. */
    private static String address(String node) {
        return switch (node) {
            case "h1" -> lab.address(0, 1);
            case "r1" -> lab.address(0, 2);
            default -> lab.address(1, 2);
        };
    }

    private static List<DaemonEndpoint> endpoints() {
        return Arrays.stream(NODES).map(n -> new DaemonEndpoint(address(n), PORT)).toList();
    }

    private static String endpoint(String node) {
        return address(node) + ":" + PORT;
    }

    /** Client threads live in h1's namespace, as a console on h1 would. */
    private static final ThreadFactory IN_H1 = r -> Thread.ofPlatform().daemon().name("client-h1").unstarted(() -> {
        try {
            NetworkNamespaces.enter(lab.ns("h1"));
        } catch (RawIpException e) {
            throw new IllegalStateException(e);
        }
        r.run();
    });

    private static AttachedNetwork.Options options() {
        return new AttachedNetwork.Options(Duration.ofMillis(100), Duration.ofSeconds(1), IN_H1);
    }

    private static <T> T inH1(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread t = IN_H1.newThread(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failed.set(e);
            }
        });
        t.start();
        t.join(60_000);
        if (failed.get() != null) {
            throw failed.get();
        }
        return result.get();
    }

    private static Cli cli(String... args) throws Exception {
        return inH1(() -> Cli.run(args));
    }

    private static Credentials certificate(Path p12) throws Exception {
        return Credentials.of(pki.caPem, Optional.of(p12), Optional.of(pki.passwordFile), Optional.empty());
    }

    private static Credentials token(String t) throws Exception {
        return Credentials.of(pki.caPem, Optional.empty(), Optional.empty(), Optional.of(t));
    }

    private static void await(BooleanSupplier ok, Duration max, String what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static AttachedNetwork.DaemonStatus status(AttachedNetwork net, String node) {
        return net.model().daemons().stream().filter(d -> d.node().equals(node)).findFirst().orElseThrow();
    }

    private static boolean allAttached(AttachedNetwork net) {
        return net.model().daemons().stream().allMatch(d -> d.state() == AttachedNetwork.LinkState.ATTACHED);
    }

    /** Every entry of a daemon's ring, decoded. */
    private static List<HistoryEntry> ring(String node) {
        return DAEMONS.get(node).ring().orElseThrow().after(0).stream().map(i -> EntryForm.decode(i.entry())).toList();
    }

    private static List<HistoryEntry.OperatorAction> actions(String node) {
        return ring(node).stream().filter(e -> e instanceof HistoryEntry.OperatorAction)
            .map(e -> (HistoryEntry.OperatorAction) e).toList();
    }

    /** Entries by daemon as a client received them: number and stored form. */
    private static final class Collector implements AttachedNetwork.Listener {
        final Map<String, List<EventRing.Item>> got = new ConcurrentHashMap<>();

        @Override
        public void entry(String daemon, long seq, HistoryEntry entry) {
            got.computeIfAbsent(daemon, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new EventRing.Item(seq, EntryForm.encode(entry)));
        }

        List<EventRing.Item> of(String daemon) {
            synchronized (got.getOrDefault(daemon, List.of())) {
                return List.copyOf(got.getOrDefault(daemon, List.of()));
            }
        }
    }

    @Test
    void threeDaemonsAttachedOverTlsAreOneNetwork() throws Exception {
        Collector c = new Collector();
        try (AttachedNetwork net = AttachedNetwork.attach(endpoints(), certificate(alice), options(), c)) {
            await(() -> allAttached(net), Duration.ofSeconds(20), "all three daemons attached");
            AttachedNetwork.Model m = net.model();
            assertEquals(Set.of("h1", "r1", "h2"), m.nodes().stream().filter(AttachedNetwork.Node::attached)
                .map(AttachedNetwork.Node::name).collect(Collectors.toSet()), m.toString());
            assertEquals(List.of(lab.address(0, 2), lab.address(1, 1)), m.node("r1").orElseThrow().addresses());

            String h2 = lab.address(1, 2);
            ControlClient.Answer s = inH1(() -> net.command("h1", "sender", Map.of("dest", h2, "port", "5004",
                "rate", "1M", "burst", "10kB")));
            assertTrue(s.ok(), s.text());
            await(() -> net.model().links().size() >= 1, Duration.ofSeconds(20), "a neighbour seen");
            ControlClient.Answer r = inH1(() -> net.command("h2", "reserve", Map.of("dest", h2, "port", "5004",
                "bandwidth", "1M")));
            assertTrue(r.ok(), r.text());

            // The topology comes from the daemons' neighbours: r1 faces h1 on its left and h2 on its right.
            await(() -> net.model().links().size() == 2 && net.model().nodes().size() == 3, Duration.ofSeconds(20),
                "h1 - r1 - h2 from the daemons' neighbours");
            Set<String> links = net.model().links().stream().map(l -> Set.of(l.a(), l.b()).stream().sorted()
                .collect(Collectors.joining("-"))).collect(Collectors.toSet());
            assertEquals(Set.of("h1-r1", "h2-r1"), links);
            assertTrue(net.model().nodes().stream().allMatch(AttachedNetwork.Node::attached));

            // The reservation's Reservation events come from r1 over the stream, and the command is on record.
            await(() -> c.of("r1").stream().map(i -> EntryForm.decode(i.entry())).anyMatch(e -> e
                instanceof HistoryEntry.Engine g && g.event() instanceof org.rsvpconsole.engine.api.RsvpEvent
                .Reservation res && res.reservedBytesPerSecond() == 125_000), Duration.ofSeconds(20),
                "r1's reservation event over the stream");
            await(() -> c.of("h2").stream().map(i -> EntryForm.decode(i.entry())).anyMatch(e -> e
                instanceof HistoryEntry.OperatorAction a && a.who().equals("ops-alice") && a.action().equals("reserve")
                && a.result().equals("ok")), Duration.ofSeconds(10), "the reserve on record with who gave it");
            for (String n : NODES) {
                assertContiguous(c.of(n), n);
            }
            assertEquals(0, inH1(() -> net.command("h2", "teardown", Map.of("dest", h2, "port", "5004")))
                .ok() ? 0 : 1);
            assertTrue(inH1(() -> net.command("h1", "teardown", Map.of("dest", h2, "port", "5004"))).ok());
        }
    }

    private static void assertContiguous(List<EventRing.Item> items, String node) {
        for (int i = 1; i < items.size(); i++) {
            assertEquals(items.get(i - 1).seq() + 1, items.get(i).seq(), node + ": entry " + i + " follows");
        }
    }

    @Test
    void wrongTokenAndUntrustedCertificateAreRefusedAndRecorded() throws Exception {
        String ca = pki.caPem.toString();
        Cli wrong = cli("status", "--daemon", endpoint("r1"), "--ca", ca, "--token", "not-the-token-0123456789");
        assertEquals(2, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("refused: the token is not known to daemon r1"), wrong.err());

        Cli untrusted = cli("status", "--daemon", endpoint("r1"), "--ca", ca, "--cert", mallory.toString(),
            "--cert-password-file", pki.passwordFile.toString());
        assertEquals(2, untrusted.code(), untrusted.toString());
        assertTrue(untrusted.err().contains("refused"), untrusted.err());

        // The daemon's own certificate checked by the client: a CA that did not sign it is not believed.
        Cli wrongCa = cli("status", "--daemon", endpoint("r1"), "--ca", rogue.caPem.toString(), "--token",
            OPERATOR_TOKEN);
        assertEquals(2, wrongCa.code(), wrongCa.toString());
        assertTrue(wrongCa.err().contains("TLS with daemon " + endpoint("r1") + " failed"), wrongCa.err());

        Cli good = cli("status", "--daemon", endpoint("r1"), "--ca", ca, "--token", OPERATOR_TOKEN);
        assertEquals(0, good.code(), good.toString());
        assertTrue(good.out().startsWith("RSVP router r1"), good.out());
        Cli byCert = cli("status", "--json", "--daemon", endpoint("r1"), "--ca", ca, "--cert", alice.toString(),
            "--cert-password-file", pki.passwordFile.toString());
        assertEquals(0, byCert.code(), byCert.toString());
        assertEquals("r1", Json.object(byCert.out().strip()).get("node"));

        List<HistoryEntry.OperatorAction> refused = actions("r1").stream()
            .filter(a -> a.result().startsWith("refused")).toList();
        assertTrue(refused.stream().anyMatch(a -> a.action().equals("hello")
            && a.result().equals("refused: the token is not known to daemon r1")), refused.toString());
        assertTrue(refused.stream().anyMatch(a -> a.result().contains("no client certificate and no token")
            || a.result().contains("TLS handshake failed")), refused.toString());
    }

    @Test
    void viewerCannotOpenCloseOrRerouteAnLsp() throws Exception {
        String ca = pki.caPem.toString();
        String h2 = lab.address(1, 2);
        for (String[] how : new String[][] {{"-b", "1M"}, {"--close"}, {"--reroute"}}) {
            List<String> args = new ArrayList<>(List.of("lsp", "--daemon", endpoint("h1"), "--ca", ca, "--token",
                VIEWER_TOKEN, "--to", h2, "--tunnel", "9"));
            args.addAll(List.of(how));
            Cli c = cli(args.toArray(String[]::new));
            assertEquals(2, c.code(), c.toString());
            assertTrue(c.err().contains("viewer 'dave' may not lsp: the operator role is needed"), c.err());
        }
        assertTrue(actions("h1").stream().anyMatch(a -> a.action().equals("lsp") && a.target().equals("tunnel 9 to "
            + h2) && a.result().startsWith("refused: viewer 'dave' may not lsp")), actions("h1").toString());
    }

    @Test
    void viewerCannotReserve() throws Exception {
        String ca = pki.caPem.toString();
        String h2 = lab.address(1, 2);
        int before = actions("h2").size();
        Cli byToken = cli("reserve", "--daemon", endpoint("h2"), "--ca", ca, "--token", VIEWER_TOKEN, "-d", h2, "-p",
            "5006", "-b", "1M", "--style", "WF");
        assertEquals(2, byToken.code(), byToken.toString());
        assertTrue(byToken.err().contains("viewer 'dave' may not reserve: the operator role is needed"),
            byToken.err());
        Cli byCert = cli("teardown", "--daemon", endpoint("h2"), "--ca", ca, "--cert", bob.toString(),
            "--cert-password-file", pki.passwordFile.toString(), "-d", h2, "-p", "5006");
        assertEquals(2, byCert.code(), byCert.toString());
        assertTrue(byCert.err().contains("viewer 'watch-bob' may not teardown"), byCert.err());
        // A viewer may look.
        Cli look = cli("status", "--daemon", endpoint("h2"), "--ca", ca, "--token", VIEWER_TOKEN);
        assertEquals(0, look.code(), look.toString());

        List<HistoryEntry.OperatorAction> after = actions("h2").subList(before, actions("h2").size());
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.get(0).who().startsWith("dave at ") && after.get(0).action().equals("reserve")
            && after.get(0).result().startsWith("refused: viewer 'dave'"), after.toString());
        assertTrue(after.get(1).who().startsWith("watch-bob at ") && after.get(1).action().equals("teardown"),
            after.toString());
        // Nothing was reserved.
        assertTrue(!DAEMONS.get("h2").statusJson().contains("\"5006\""), "no state for the refused session");
    }

    @Test
    void attachCommandShowsTheDaemonsAsOneNetworkAndFollowsTheirEvents() throws Exception {
        String h2 = lab.address(1, 2);
        String all = endpoint("h1") + "," + endpoint("r1") + "," + endpoint("h2");
        String ca = pki.caPem.toString();
        Cli s = cli("sender", "--daemon", endpoint("h1"), "--ca", ca, "--token", OPERATOR_TOKEN, "-d", h2, "-p",
            "5010", "--rate", "1M", "--burst", "10kB");
        assertEquals(0, s.code(), s.toString());
        try {
            await(() -> DAEMONS.get("h2").statusJson().contains("/5010"), Duration.ofSeconds(20), "the Path at h2");
            Cli a = cli("attach", "--daemon", all, "--ca", ca, "--token", VIEWER_TOKEN);
            assertEquals(0, a.code(), a.toString());
            for (String n : NODES) {
                assertTrue(a.out().lines().anyMatch(l -> l.matches(".*:" + PORT + " +" + n + " +attached .*")),
                    a.out());
                assertTrue(a.out().lines().anyMatch(l -> l.matches(" +" + n + " +daemon .*")), a.out());
            }
            // One line per neighbour pair, seen from whichever side reported it first.
            assertTrue(a.out().lines().anyMatch(l -> l.matches("  (h1 right -- r1|r1 left -- h1) .*")), a.out());
            assertTrue(a.out().lines().anyMatch(l -> l.matches("  (r1 right -- h2|h2 left -- r1) .*")), a.out());
            assertEquals(2, a.out().lines().filter(l -> l.contains(" -- ")).count(), a.out());

            Cli f = cli("attach", "--daemon", all, "--ca", ca, "--token", VIEWER_TOKEN, "--follow", "--entries", "6");
            assertEquals(0, f.code(), f.toString());
            long lines = f.out().lines().filter(l -> l.matches(".*  (h1|r1|h2)  #[0-9]+  [A-Za-z]+  .*")).count();
            assertEquals(6, lines, f.out());
        } finally {
            cli("teardown", "--daemon", endpoint("h1"), "--ca", ca, "--token", OPERATOR_TOKEN, "-d", h2, "-p", "5010");
        }
    }

    /** What a direction of the live network's snapshot holds for {@code port}, bytes per second. */
    private static double reservedFor(NetworkSnapshot s, String from, String to, int port) {
        return s.directions().stream().filter(d -> d.fromNode().equals(from) && d.toNode().equals(to))
            .flatMap(d -> d.reservations().stream()).filter(r -> r.session().port() == port)
            .mapToDouble(ReservationView::reservedBytesPerSecond).sum();
    }

    @Test
    void theConsolesLiveNetworkOverTheAttachedDaemons() throws Exception {
        String h2 = lab.address(1, 2);
        ControlClient.Answer s = inH1(() -> org.rsvpconsole.app.attach.ManagementClient.ask(new DaemonEndpoint(
            address("h1"), PORT), token(OPERATOR_TOKEN), "sender", Map.of("dest", h2, "port", "5012", "rate", "1M",
            "burst", "10kB")));
        assertTrue(s.ok(), s.text());
        try {
            await(() -> DAEMONS.get("h2").statusJson().contains("/5012"), Duration.ofSeconds(20), "the Path at h2");
            List<RsvpEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            Path history = dir.resolve("attached-history");
            try (AttachedLiveNetwork attached = AttachedLiveNetwork.open(endpoints(), token(OPERATOR_TOKEN),
                options(), Duration.ofSeconds(20)); EventStore store = EventStore.open(history.toString())) {
                // As the console opens it (ConsoleLaunch.openAttached): recorded into the history store.
                org.rsvpconsole.engine.api.LiveNetwork live = ConsoleLaunch.recorded(attached, store);
                live.subscribe(events::add);
                TopologyView t = live.topology();
                assertEquals(List.of("h1", "r1", "h2"), t.nodes().stream().map(TopologyView.NodeView::name).toList());
                assertEquals(List.of(true, false, true), t.nodes().stream().map(TopologyView.NodeView::host).toList());
                assertEquals(2, t.links().size(), t.toString());
                for (TopologyView.LinkView l : t.links()) {
                    assertEquals(1_250_000.0, l.capacityAtoB());
                    assertEquals(1_250_000.0, l.capacityBtoA());
                }

                TrafficSpec ts = TrafficSpec.of(125_000, 10_000);
                SessionId session = live.reserve(new ReserveRequest("h1", "h2", 5014, ts,
                    FlowRequest.controlledLoad(ts), ReservationStyle.FF)).get(30, TimeUnit.SECONDS);
                assertEquals(h2 + "/17/5014", session.toString());
                await(() -> reservedFor(live.snapshot().join(), "r1", "h2", 5014) == 125_000
                    && reservedFor(live.snapshot().join(), "h1", "r1", 5014) == 125_000, Duration.ofSeconds(20),
                    "the reservation in the live network's snapshot");
                await(() -> events.stream().anyMatch(e -> e instanceof RsvpEvent.Reservation r && r.node().equals("r1")
                    && r.session().equals(session)), Duration.ofSeconds(10), "r1's Reservation event");
                long now = live.nowNanos();
                assertTrue(events.stream().allMatch(e -> e.timeNanos() >= 0 && e.timeNanos() <= now),
                    "events on the console's clock");

                live.tearDown(session).get(30, TimeUnit.SECONDS);
                await(() -> reservedFor(live.snapshot().join(), "r1", "h2", 5014) == 0, Duration.ofSeconds(20),
                    "the reservation gone");

                // The attached daemons' events and this console's actions are in the store, as a run.
                store.flush();
                List<StoredEntry> kept = store.events(EventFilter.all(100_000));
                assertEquals("Topology", kept.getFirst().kind(), "a run starts with its topology");
                assertTrue(kept.stream().anyMatch(e -> e.kind().equals("Reservation") && e.node().equals("r1")
                    && session.toString().equals(e.session())), "r1's Reservation event recorded");
                String user = System.getProperty("user.name");
                assertTrue(kept.stream().anyMatch(e -> e.entry() instanceof HistoryEntry.OperatorAction a
                    && a.who().equals(user) && a.action().equals("reserve") && a.result().equals("ok " + session)),
                    "the console's reserve recorded with who gave it");
                assertTrue(kept.stream().anyMatch(e -> e.entry() instanceof HistoryEntry.OperatorAction a
                    && a.action().equals("teardown") && a.result().equals("ok")), "the teardown recorded");
            }
        } finally {
            inH1(() -> org.rsvpconsole.app.attach.ManagementClient.ask(new DaemonEndpoint(address("h1"), PORT),
                token(OPERATOR_TOKEN), "teardown", Map.of("dest", h2, "port", "5012")));
        }
    }

    @Test
    void consoleOpensOnTheAttachedDaemons() throws Exception {
        AtomicReference<TopologyView> shown = new AtomicReference<>();
        ConsoleLaunch.AttachOpener before = Main.attachOpener;
        AtomicReference<String> history = new AtomicReference<>();
        Main.attachOpener = (net, settings) -> {
            shown.set(net.topology());
            history.set(settings.history());
            net.close();
        };
        try {
            String all = endpoint("h1") + "," + endpoint("r1") + "," + endpoint("h2");
            Cli c = cli("--attach", all, "--ca", pki.caPem.toString(), "--token", VIEWER_TOKEN);
            assertEquals(0, c.code(), c.toString());
            assertEquals(List.of("h1", "r1", "h2"), shown.get().nodes().stream().map(TopologyView.NodeView::name)
                .toList());
            // The same from the console's configuration file: daemons, CA and token file (relative to the file).
            Path tokenFile = dir.resolve("viewer.token");
            Files.writeString(tokenFile, VIEWER_TOKEN + "\n");
            Path config = dir.resolve("console.yaml");
            Files.writeString(config, """
                version: 1
                history: console-history
                attach:
                  daemons: [%s, %s, %s]
                  ca: %s
                  token-file: viewer.token
                """.formatted(endpoint("h1"), endpoint("r1"), endpoint("h2"), pki.caPem));
            shown.set(null);
            Cli fromFile = cli("--config", config.toString());
            assertEquals(0, fromFile.code(), fromFile.toString());
            assertEquals(List.of("h1", "r1", "h2"), shown.get().nodes().stream().map(TopologyView.NodeView::name)
                .toList());
            assertEquals(dir.resolve("console-history").toString(), history.get());
            // The command line over the file: its daemons, and --db over 'history:'.
            Cli over = cli("--config", config.toString(), "--attach", endpoint("h2"), "--db", "elsewhere");
            assertEquals(0, over.code(), over.toString());
            assertEquals(List.of("h2"), shown.get().nodes().stream().map(TopologyView.NodeView::name).toList());
            assertEquals("elsewhere", history.get());
            Cli none = cli("--attach", lab.address(0, 1) + ":1", "--ca", pki.caPem.toString(), "--token",
                VIEWER_TOKEN);
            assertEquals(2, none.code(), none.toString());
            assertTrue(none.err().contains("no daemon attached within 20 s: " + lab.address(0, 1) + ":1: cannot reach"),
                none.err());
        } finally {
            Main.attachOpener = before;
        }
    }

    /** The daemon command from a configuration file with a management section, in a namespace of its own. */
    @Test
    void daemonCommandServesTheManagementChannelFromItsConfigurationFile() throws Exception {
        try (NamespaceLab own = NamespaceLab.chain("m1", "m2")) {
            String addr = own.address(0, 1);
            Path server = pki.server("m1-daemon", List.of(addr));
            Path good = dir.resolve("m1.pass");
            Files.writeString(good, TestPki.PASSWORD + "\n");
            Files.writeString(dir.resolve("wrong.pass"), "not-the-password\n");
            String yaml = """
                node: m1
                role: host
                control-socket: %s
                interfaces:
                  - {name: right, bandwidth: 10M}
                management:
                  listen: %s:%d
                  keystore: %s
                  keystore-password-file: %s
                  tokens:
                    - {name: erin, role: viewer, token: %s}
                """;
            Path file = dir.resolve("m1.yaml");
            // Recording too: operator actions go into the store with the events (relative to the file).
            Files.writeString(file, yaml.formatted(dir.resolve("m1.sock"), addr, PORT, server.getFileName(),
                good.getFileName(), VIEWER_TOKEN) + "store: m1-history\n");
            Path wrong = dir.resolve("m1-wrong.yaml");
            Files.writeString(wrong, yaml.formatted(dir.resolve("m1w.sock"), addr, PORT, server.getFileName(),
                "wrong.pass", VIEWER_TOKEN));
            ThreadFactory inM1 = r -> Thread.ofPlatform().daemon().unstarted(() -> {
                try {
                    NetworkNamespaces.enter(own.ns("m1"));
                } catch (RawIpException e) {
                    throw new IllegalStateException(e);
                }
                r.run();
            });

            AtomicReference<Cli> bad = new AtomicReference<>();
            Thread b = inM1.newThread(() -> bad.set(Cli.run("daemon", "--config", wrong.toString())));
            b.start();
            b.join(30_000);
            assertEquals(2, bad.get().code(), bad.get().toString());
            assertTrue(bad.get().err().contains("cannot open keystore " + server + ": wrong password?"),
                bad.get().err());

            DaemonCommands.Daemon.stop = new java.util.concurrent.CountDownLatch(1);
            AtomicReference<Cli> ran = new AtomicReference<>();
            Thread d = inM1.newThread(() -> ran.set(Cli.run("daemon", "--config", file.toString())));
            d.start();
            try {
                AtomicReference<Cli> st = new AtomicReference<>();
                await(() -> {
                    Thread t = inM1.newThread(() -> st.set(Cli.run("status", "--daemon", addr + ":" + PORT, "--ca",
                        pki.caPem.toString(), "--token", VIEWER_TOKEN)));
                    t.start();
                    try {
                        t.join(30_000);
                    } catch (InterruptedException e) {
                        return false;
                    }
                    return st.get().code() == 0;
                }, Duration.ofSeconds(30), "status over the channel of the daemon started from its file");
                assertTrue(st.get().out().startsWith("RSVP host m1"), st.get().out());
                // A command over the control socket, and a refused one over the management channel.
                Cli local = Cli.run("sender", "--socket", dir.resolve("m1.sock").toString(), "-d", own.address(0, 2),
                    "-p", "5020", "--rate", "1M", "--burst", "10kB");
                assertEquals(0, local.code(), local.toString());
                AtomicReference<Cli> refused = new AtomicReference<>();
                Thread t = inM1.newThread(() -> refused.set(Cli.run("reserve", "--daemon", addr + ":" + PORT, "--ca",
                    pki.caPem.toString(), "--token", VIEWER_TOKEN, "-d", own.address(0, 2), "-p", "5020", "-b", "1M",
                    "--style", "WF")));
                t.start();
                t.join(30_000);
                assertEquals(2, refused.get().code(), refused.get().toString());
            } finally {
                DaemonCommands.Daemon.stop.countDown();
                d.join(30_000);
                DaemonCommands.Daemon.stop = null;
            }
            assertEquals(0, ran.get().code(), ran.get().toString());
            assertTrue(ran.get().err().contains("management (TLS) on " + addr + ":" + PORT), ran.get().err());
            Cli h = Cli.run("history", "--db", dir.resolve("m1-history").toString(), "--kind", "OperatorAction");
            assertEquals(0, h.code(), h.toString());
            String session = own.address(0, 2) + "/17/5020";
            assertTrue(h.out().lines().anyMatch(l -> l.contains("local:" + System.getProperty("user.name")
                + " sender " + session + ": ok")), h.out());
            assertTrue(h.out().lines().anyMatch(l -> l.contains("erin at ") && l.contains(" reserve "
                + own.address(0, 2) + "/udp/5020: refused: viewer 'erin' may not reserve")), h.out());
        }
    }

    @Test
    void lostDaemonIsReattachedWithNoEntryLostOrDuplicated() throws Exception {
        String h2 = lab.address(1, 2);
        ControlClient.Answer s = inH1(() -> org.rsvpconsole.app.attach.ManagementClient.ask(new DaemonEndpoint(
            address("h1"), PORT), token(OPERATOR_TOKEN), "sender", Map.of("dest", h2, "port", "5008", "rate", "1M",
            "burst", "10kB")));
        assertTrue(s.ok(), s.text());
        Collector c = new Collector();
        try (AttachedNetwork net = AttachedNetwork.attach(endpoints(), token(OPERATOR_TOKEN), options(), c)) {
            await(() -> allAttached(net), Duration.ofSeconds(20), "all attached");
            EventRing ring = DAEMONS.get("h2").ring().orElseThrow();
            await(() -> status(net, "h2").lastSeq() >= ring.first() + 5, Duration.ofSeconds(20),
                "h2's refreshes over the stream");

            // Killed: every connection reset, nothing listening. The node goes on (Path refreshes every second).
            DAEMONS.get("h2").stopManagement(true);
            await(() -> status(net, "h2").state() != AttachedNetwork.LinkState.ATTACHED, Duration.ofSeconds(10),
                "the loss noticed");
            long seenBefore = status(net, "h2").lastSeq();
            await(() -> ring.last() >= seenBefore + 10, Duration.ofSeconds(20), "entries made while unreachable");
            DAEMONS.get("h2").startManagement();
            long back = System.nanoTime();
            long madeBy = ring.last();
            await(() -> status(net, "h2").state() == AttachedNetwork.LinkState.ATTACHED
                && status(net, "h2").lastSeq() >= madeBy, Duration.ofSeconds(20), "re-attached and caught up");
            System.out.printf("MANAGEMENT REATTACH: %.0f ms from the server's return to caught up (%d entries"
                + " missed while away)%n", (System.nanoTime() - back) / 1e6, madeBy - seenBefore);

            AttachedNetwork.DaemonStatus st = status(net, "h2");
            assertEquals(2, st.attachments());
            assertEquals(0, st.lost());
            List<EventRing.Item> got = c.of("h2");
            assertContiguous(got, "h2");
            // Exactly the daemon's entries, each once: compare with its ring, number by number, byte by byte.
            Map<Long, byte[]> kept = ring.after(0).stream().collect(Collectors.toMap(EventRing.Item::seq,
                EventRing.Item::entry));
            for (EventRing.Item i : got) {
                assertTrue(Arrays.equals(kept.get(i.seq()), i.entry()), "entry " + i.seq() + " as the daemon has it");
            }
            assertEquals(got.size(), got.stream().map(EventRing.Item::seq).distinct().count(), "no duplicates");
            assertTrue(got.getLast().seq() >= madeBy);

            // A real restart: a new daemon (a new epoch) numbers from 1 again; the client says so and follows it.
            DAEMONS.remove("h2").close();
            await(() -> status(net, "h2").state() != AttachedNetwork.LinkState.ATTACHED, Duration.ofSeconds(10),
                "the restart noticed");
            int already = c.of("h2").size();
            DAEMONS.put("h2", RsvpDaemon.start(CONFIGS.get("h2"), Optional.of(lab.ns("h2")), EventSink.NONE));
            EventRing fresh = DAEMONS.get("h2").ring().orElseThrow();
            await(() -> status(net, "h2").restarts() == 1 && status(net, "h2").state()
                == AttachedNetwork.LinkState.ATTACHED && status(net, "h2").lastSeq() >= 3, Duration.ofSeconds(20),
                "the new daemon attached");
            List<EventRing.Item> after = c.of("h2").subList(already, c.of("h2").size());
            assertEquals(1, after.getFirst().seq(), "the new daemon's first entry");
            assertContiguous(after, "h2 after restart");
            assertTrue(Arrays.equals(fresh.after(0).getFirst().entry(), after.getFirst().entry()));
        } finally {
            inH1(() -> org.rsvpconsole.app.attach.ManagementClient.ask(new DaemonEndpoint(address("h1"), PORT),
                token(OPERATOR_TOKEN), "teardown", Map.of("dest", h2, "port", "5008")));
        }
    }
}
