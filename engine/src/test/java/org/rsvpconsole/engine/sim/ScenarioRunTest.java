package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.testing.Tshark;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

class ScenarioRunTest {

    private static final long S = 1_000_000_000L;

    private static Scenario scenario(String name) throws Exception {
        return ScenarioLoader.load(Path.of("..", "examples", name + ".scenario.yaml"));
    }

    private static Topology topology(Scenario s, String name) throws Exception {
        Topology t = TopologyLoader.load(s.topologyPath(Path.of("..", "examples", name + ".scenario.yaml"))
            .orElseThrow());
        ScenarioValidator.validate(s, t);
        return t;
    }

    /** The report and every event of a run, as text. */
    private static String run(String name, long untilNanos) throws Exception {
        Scenario s = scenario(name);
        StringBuilder events = new StringBuilder();
        ScenarioRun run = ScenarioRun.start(topology(s, name), s, ScenarioRun.Options.defaults(s.seed())
            .withListener(e -> {
                TextVisitor v = new TextVisitor();
                EventFields.describe(e, v);
                events.append(v);
            }));
        run.runUntil(untilNanos);
        TextVisitor v = new TextVisitor();
        run.report().describe(v);
        return v + "\n" + events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4495-figure1", "rfc4495-figure2", "rfc4495-figure2-legacy", "sp-network",
        "neighbours-lab"})
    void everyExampleRunsTheSameTwiceAndReservesSomething(String name) throws Exception {
        Scenario s = scenario(name);
        Topology t = topology(s, name);
        // Mid-scenario, while the flows hold their reservations.
        long mid = s.endNanos() / 2;
        String first = run(name, mid);
        assertEquals(first, run(name, mid), "same files and seed, same run");
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()));
        run.runUntil(mid);
        SimulationReport r = run.report();
        assertTrue(r.reservationCount() > 0, "some reservation is in place at " + mid + " ns");
        assertEquals(t.links().size() * 2, r.links().size());
        assertEquals(t.nodes().size(), r.nodes().size());
        for (LinkReport l : r.links()) {
            assertTrue(l.view().freeBytesPerSecond() >= -1e-6, "never more reserved than the capacity: " + l);
            assertTrue(l.peakReservedBytesPerSecond() >= l.reservedBytesPerSecond() - 1e-6);
        }
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void aDifferentSeedGivesAnotherCallMix() throws Exception {
        Scenario s = scenario("sp-network");
        Scenario other = new Scenario(s.file(), s.name(), s.description(), s.topology(), s.seed() + 1,
            s.operations());
        assertNotEquals(s.expand(), other.expand());
    }

    @Test
    void figure1FlowOneIsReducedForFlowTwoOnR1Int2() throws Exception {
        Scenario s = scenario("rfc4495-figure1");
        ScenarioRun run = ScenarioRun.start(topology(s, "rfc4495-figure1"), s, ScenarioRun.Options.defaults(1));
        run.runUntil(10 * S);
        LinkReport before = run.report().links().stream().filter(l -> l.view().fromInterface().equals("Int2"))
            .findFirst().orElseThrow();
        assertEquals(12_500, before.view().capacityBytesPerSecond());
        assertEquals(10_000, before.reservedBytesPerSecond(), "Flow 1's G.711, 80 kbit/s");
        run.runUntil(11 * S);
        SimulationReport r = run.report();
        LinkReport int2 = r.links().stream().filter(l -> l.view().fromInterface().equals("Int2")).findFirst()
            .orElseThrow();
        assertEquals(12_000, int2.reservedBytesPerSecond(), "Flow 2's 80 units and Flow 1's 16 (RFC 4495)");
        assertEquals(500, int2.view().freeBytesPerSecond());
        assertEquals(2, int2.view().reservations().size());
        NodeReport r1 = r.nodes().stream().filter(n -> n.state().node().equals("R1")).findFirst().orElseThrow();
        assertEquals(0, r1.activity().admissionFailures(), "Flow 2 is admitted by reducing Flow 1");
        NodeReport h3 = r.nodes().stream().filter(n -> n.state().node().equals("H3")).findFirst().orElseThrow();
        assertEquals(1, h3.activity().errorsReceived(), "Flow 1's receiver heard of the reduction");
        assertEquals(4, r.operations());

        // After both calls end, nothing is reserved anywhere.
        run.runUntil(80 * S);
        for (LinkReport l : run.report().links()) {
            assertEquals(0, l.reservedBytesPerSecond(), 1e-9, l.view().link());
        }
        assertEquals(12_500, run.report().links().stream().filter(l -> l.view().fromInterface().equals("Int2"))
            .findFirst().orElseThrow().peakReservedBytesPerSecond(), 1e-6, "full for the instant of the reduction");
    }

    @Test
    void aReservationBeforeAnyPathIsAProblemNotACrash() throws Exception {
        Topology t = TopologyLoader.load(Path.of("..", "examples", "rfc4495-figure1.yaml"));
        Scenario s = ScenarioLoader.parse("""
            sessions:
              f: {destination: H3, port: 5004}
            operations:
              - at: 0s
                reserve: {session: f, filters: [{host: H1, port: 5004}]}
              - at: 1s
                sender: {host: H1, session: f, port: 5004, tspec: g711}
            """, "early.yaml");
        ScenarioValidator.validate(s, t);
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(1));
        run.runUntil(2 * S);
        List<RunProblem> problems = run.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(4, problems.get(0).line());
        assertEquals("reserve", problems.get(0).operation());
        assertTrue(problems.get(0).message().contains("no path state"), problems.get(0).message());
        assertEquals(2, run.report().operations());
        assertEquals(0, run.report().reservationCount());
    }

    @Test
    void routersCanBeEndPointsAndLinksFail() throws Exception {
        Scenario s = scenario("rfc4495-figure2");
        ScenarioRun run = ScenarioRun.start(topology(s, "rfc4495-figure2"), s, ScenarioRun.Options.defaults(1));
        run.runUntil(5 * S);
        LinkReport int8 = run.report().links().stream().filter(l -> l.view().fromInterface().equals("Int8"))
            .findFirst().orElseThrow();
        assertEquals(2, int8.view().reservations().size(), "aggregates X and Y share R10 Int8");
        assertEquals(100_000, int8.reservedBytesPerSecond(), "400k + 400k");
    }

    @Test
    void linkDownMovesTrafficAndIsCounted() throws Exception {
        Scenario s = scenario("sp-network");
        ScenarioRun run = ScenarioRun.start(topology(s, "sp-network"), s, ScenarioRun.Options.defaults(s.seed()));
        run.runUntil(4 * 60 * S);
        SimulationReport r = run.report();
        List<LinkReport> cut = r.links().stream().filter(l -> l.view().link().equals("lon-p1-fra-p1")).toList();
        assertEquals(2, cut.size());
        for (LinkReport l : cut) {
            assertFalse(l.view().up());
            assertEquals(0, l.view().reservations().size(), "nothing stays reserved on a link that is down");
        }
        assertTrue(r.nodes().stream().mapToLong(n -> n.activity().routeChanges()).sum() > 0, "local repair ran");
    }

    /** Every datagram that crossed a link is in the capture, and tshark decodes every one as RSVP, unharmed. */
    @Test
    void theCaptureDecodesInTshark(@TempDir Path dir) throws Exception {
        Tshark.require();
        Scenario s = scenario("rfc4495-figure1");
        Path pcap = dir.resolve("figure1.pcap");
        List<String> sent = new ArrayList<>();
        long packets;
        long delivered = 0;
        try (PcapWriter w = PcapWriter.create(pcap)) {
            PcapTap tap = new PcapTap(w);
            ScenarioRun run = ScenarioRun.start(topology(s, "rfc4495-figure1"), s, ScenarioRun.Options
                .defaults(s.seed()).withTap(tap).withListener(e -> {
                    if (e instanceof RsvpEvent.MessageSent m) {
                        sent.add(m.messageType());
                    }
                }));
            run.runUntil(s.endNanos() + S);
            packets = tap.packets();
            for (LinkReport l : run.report().links()) {
                delivered += l.datagrams().delivered();
            }
            assertTrue(tap.error().isEmpty());
        }
        assertEquals(delivered, packets, "one packet per datagram delivered over a link");
        assertTrue(Tshark.malformedOrWarnings(pcap).isEmpty(), "tshark finds nothing malformed");
        List<Tshark.Packet> decoded = Tshark.pdml(pcap);
        assertEquals(packets, decoded.size());
        Set<String> types = new TreeSet<>();
        for (Tshark.Packet p : decoded) {
            String type = p.show("rsvp.msg").orElseThrow(() -> new AssertionError("not RSVP: " + p));
            types.add(type);
            String src = p.show("ip.src").orElseThrow();
            assertFalse(src.isEmpty());
            // Path (1), PathTear (5) and ResvConf (7) carry Router Alert so that every RSVP router on the way sees
            // them (RFC 2205 §3.11.5); the others go hop by hop to an address without it.
            boolean alerted = type.equals("1") || type.equals("5") || type.equals("7");
            assertEquals(alerted, !p.named("ip.opt.ra").isEmpty(), "Router Alert on Path, PathTear, ResvConf: " + p);
        }
        // Path, Resv, ResvErr (4), PathTear, ResvTear and ResvConf all appear in Figure 1.
        assertEquals(new TreeSet<>(List.of("1", "2", "4", "5", "6", "7")), types);
        assertTrue(sent.contains("Path") && sent.contains("ResvConf"));
    }

    @Test
    void theCaptureIsByteIdenticalRunToRun() throws Exception {
        Scenario s = scenario("sp-network");
        Topology t = topology(s, "sp-network");
        byte[][] files = new byte[2][];
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapWriter w = new PcapWriter(out)) {
                ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed())
                    .withTap(new PcapTap(w)));
                run.runUntil(60 * S);
            }
            files[i] = out.toByteArray();
        }
        assertTrue(files[0].length > 100_000, "a minute of 200 calls is busy: " + files[0].length);
        assertTrue(java.util.Arrays.equals(files[0], files[1]));
        assertFalse(Files.exists(Path.of("never")));
    }

    /**
     * The topology file's neighbours: settings run in simulate, and the report carries each node's neighbours:
     * refresh reduction in use (Srefresh identifiers, acknowledgements), Hello up, and R4's stale key refused.
     */
    @Test
    void neighboursLabReportsRefreshReductionIntegrityAndHelloPerNeighbour() throws Exception {
        Scenario s = scenario("neighbours-lab");
        Topology t = topology(s, "neighbours-lab");
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()));
        run.runUntil(90 * S);
        SimulationReport r = run.report();
        NodeReport r1 = r.nodes().stream().filter(n -> n.state().node().equals("R1")).findFirst().orElseThrow();
        org.rsvpconsole.engine.api.NeighbourView r2 = r1.neighbours().stream().filter(v -> t.ownerOf(v.neighbour())
            .orElseThrow().name().equals("R2")).findFirst().orElseThrow();
        assertTrue(r2.refreshReduction());
        assertEquals("UP", r2.helloState());
        assertEquals(1, r2.integrityKeyId());
        assertTrue(r2.srefreshIdsSent() > 0 && r2.acksReceived() > 0, r2.toString());
        assertEquals(0, r2.integrityFailures());
        NodeReport atR2 = r.nodes().stream().filter(n -> n.state().node().equals("R2")).findFirst().orElseThrow();
        assertTrue(atR2.neighbours().stream().anyMatch(v -> t.ownerOf(v.neighbour()).orElseThrow().name()
            .equals("R4") && v.integrityFailures() > 50 && v.helloState().equals("DOWN")), atR2.toString());
        TextVisitor v = new TextVisitor();
        r.describe(v);
        String text = v.toString();
        assertTrue(text.contains("srefreshIdsSent") && text.contains("integrityFailures"), text);
        assertFalse(text.contains("4c6162206b6579"), "no key material in the report");
    }
}
