package org.rsvpconsole.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Calls;
import org.rsvpconsole.engine.scenario.ScenarioOperation.ChangeTspec;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkDown;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkUp;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Release;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Reserve;
import org.rsvpconsole.engine.scenario.ScenarioOperation.StartSender;
import org.rsvpconsole.engine.scenario.ScenarioOperation.TearDown;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyException;
import org.rsvpconsole.engine.topology.TopologyLoader;

class ScenarioLoaderTest {

    private static final long S = 1_000_000_000L;
    private static final TokenBucket G711 = ScenarioLoader.BUILT_IN_PROFILES.get("g711");

    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "s.yaml");
    }

    private static String errors(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        return checked(e);
    }

    private static String checked(ScenarioException e) {
        String m = e.getMessage();
        assertFalse(m.contains("Exception") || m.contains("\tat ") || m.contains("org.snakeyaml"), m);
        assertEquals(0, e.getStackTrace().length);
        for (ConfigProblem p : e.problems()) {
            assertTrue(p.toString().startsWith("s.yaml"), p.toString());
        }
        return m;
    }

    /** One operation in a file with a session flow1 to H3. */
    private static String op(String operation) {
        return "sessions:\n  flow1: {destination: H3, port: 5004}\noperations:\n" + operation;
    }

    @Test
    void parsesEveryOperation() throws ScenarioException {
        Scenario s = parse("""
            version: 1
            name: all
            description: every operation
            topology: rfc4495-figure1.yaml
            seed: 42
            profiles:
              video: {r: 2M, b: 50kB, p: 4M, m: 64, M: 1500}
            sessions:
              flow1: {destination: H3, port: 5004, protocol: udp}
              group: {destination: 224.1.1.1, port: 6000}
            operations:
              - at: 0s
                sender: {host: H1, session: flow1, port: 5004, tspec: g711}
              - at: 1.5s
                reserve:
                  receiver: H3
                  session: flow1
                  style: SE
                  service: guaranteed
                  flowspec: {r: 80k, b: 200B, R: 96k, slack: 2ms}
                  filters: [H1, {host: H2, port: 5006}]
                  priority: {setup: 300, defend: 100}
              - at: 2m
                change-tspec: {host: H1, session: flow1, port: 5004, tspec: {r: 24k, b: 60B}}
              - at: 3m
                release: {session: flow1}
              - at: 3m
                teardown: {host: H1, session: flow1, port: 5004}
              - at: 250ms
                link-down: R1-R2
              - at: 1h
                link-up: [R1, R2]
              - at: 0.5s
                reserve: {receiver: H4, session: group, style: WF, flowspec: video}
              - at: 10s
                note: a generator
                calls: {name: v, count: 3, every: 2s, duration: 30s-90s, between: [H1, H2, H3], tspec: g729}
            """);
        assertEquals("all", s.name());
        assertEquals(Optional.of("rfc4495-figure1.yaml"), s.topology());
        assertEquals(42, s.seed());
        SessionRef flow1 = new SessionRef("flow1", Optional.of("H3"), Optional.empty(), 5004, 17);
        SessionRef group = new SessionRef("group", Optional.empty(), Optional.of(IpAddress.of("224.1.1.1")), 6000, 17);
        TokenBucket video = new TokenBucket(250_000f, 50_000f, 500_000f, 64, 1500);
        List<ScenarioOperation> ops = s.operations();
        assertEquals(9, ops.size());
        assertEquals(new StartSender(0, 12, "H1", flow1, 5004, G711), ops.get(0));
        assertEquals(new LinkDown(250_000_000L, 29, LinkRef.named("R1-R2")), ops.get(1));
        assertEquals(new Reserve(S / 2, 33, "H4", group, ReservationStyle.WF, new FlowRequest(
            FlowRequest.Service.CONTROLLED_LOAD, Optional.of(video), OptionalDouble.empty(), 0), List.of(),
            Optional.empty()), ops.get(2));
        assertEquals(new Reserve(1_500_000_000L, 14, "H3", flow1, ReservationStyle.SE, new FlowRequest(
            FlowRequest.Service.GUARANTEED, Optional.of(new TokenBucket(10_000f, 200f, Float.POSITIVE_INFINITY, 64,
            1500)), OptionalDouble.of(12_000), 2000), List.of(new SenderRef("H1", 0), new SenderRef("H2", 5006)),
            Optional.of(new Preemption(300, 100))), ops.get(3));
        Calls calls = assertInstanceOf(Calls.class, ops.get(4));
        assertEquals(10 * S, calls.atNanos());
        assertEquals(35, calls.line());
        assertEquals(List.of("H1", "H2", "H3"), calls.between());
        assertEquals(30 * S, calls.minDurationNanos());
        assertEquals(90 * S, calls.maxDurationNanos());
        assertEquals(ScenarioLoader.BUILT_IN_PROFILES.get("g729"), calls.tspec());
        assertEquals(16384, calls.firstPort());
        assertEquals(new ChangeTspec(120 * S, 23, "H1", flow1, 5004, new TokenBucket(3000f, 60f,
            Float.POSITIVE_INFINITY, 64, 1500)), ops.get(5));
        assertEquals(new Release(180 * S, 25, "H3", flow1), ops.get(6));
        assertEquals(new TearDown(180 * S, 27, "H1", flow1, 5004), ops.get(7));
        assertEquals(new LinkUp(3600 * S, 31, LinkRef.between("R1", "R2")), ops.get(8));
    }

    @Test
    void flowRequestsBecomeFlowspecs() {
        FlowRequest g = new FlowRequest(FlowRequest.Service.GUARANTEED, Optional.empty(), OptionalDouble.empty(), 7);
        assertEquals(new GuaranteedFlowspec(G711, G711.rate(), 7), g.toFlowspec(G711));
        assertEquals(new ControlledLoadFlowspec(G711), FlowRequest.controlledLoad().toFlowspec(G711));
        assertThrows(IllegalArgumentException.class, () -> new FlowRequest(FlowRequest.Service.CONTROLLED_LOAD,
            Optional.empty(), OptionalDouble.of(1), 0));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0s, 0", "1.5s, 1500000000", "250ms, 250000000", "2m, 120000000000", "1h, 3600000000000",
        "10us, 10000"})
    void timesParse(String text, long nanos) {
        assertEquals(nanos, ScenarioTime.parseNanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "1.5 sec", "soon", "-1s", "8d", "200h"})
    void badTimesSayHowToWriteThem(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioTime.parseNanos(text));
        assertTrue(e.getMessage().contains("like 0s, 1.5s, 250ms, 2m or 1h"), e.getMessage());
    }

    @Test
    void timesFormatAsTheyParse() {
        assertEquals("0s", ScenarioTime.format(0));
        assertEquals("1.5s", ScenarioTime.format(1_500_000_000L));
        assertEquals("250ms", ScenarioTime.format(250_000_000L));
        assertEquals("1234567.891us", ScenarioTime.format(1_234_567_891L));
        assertEquals("0.5us", ScenarioTime.format(500L));
    }

    @Test
    void operationsAtTheSameTimeKeepFileOrder() throws ScenarioException {
        Scenario s = parse(op("""
              - {at: 1s, release: {session: flow1}}
              - {at: 0s, sender: {host: H1, session: flow1, tspec: g711}}
              - {at: 1s, teardown: {host: H1, session: flow1}}
            """));
        assertEquals(List.of("sender", "release", "teardown"), s.operations().stream()
            .map(ScenarioOperation::keyword).toList());
    }

    @Test
    void callsExpandTheSameWayForTheSameSeed() throws ScenarioException {
        String text = """
            seed: %d
            operations:
              - at: 5s
                calls: {count: 10, every: 2s, duration: 30s-90s, between: [A, B, C, D], tspec: g711,
                        service: guaranteed, answer-after: 1s}
            """;
        List<ScenarioOperation> a = parse(text.formatted(1)).expand();
        assertEquals(a, parse(text.formatted(1)).expand());
        assertNotEquals(a, parse(text.formatted(2)).expand());
        assertEquals(10 * 2 * 4, a.size(), "both ways: sender, reserve, release, teardown each");
        for (ScenarioOperation op : a) {
            if (op instanceof StartSender st) {
                assertNotEquals(st.host(), st.session().node().orElseThrow());
                assertTrue(st.atNanos() >= 5 * S && st.atNanos() <= 23 * S);
                assertEquals(st.sourcePort(), st.session().port());
                assertEquals(0, (st.session().port() - 16384) % 2);
            }
            if (op instanceof Reserve r) {
                assertEquals(ReservationStyle.FF, r.style());
                assertEquals(FlowRequest.Service.GUARANTEED, r.flow().service());
                assertEquals(r.receiver(), r.session().node().orElseThrow());
            }
            if (op instanceof Release r) {
                assertTrue(r.atNanos() >= 35 * S && r.atNanos() <= 113 * S, "30-90 s after the start");
            }
        }
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i - 1).atNanos() <= a.get(i).atNanos(), "time order");
        }
    }

    // --- errors in the file

    @Test
    void structuralErrorsSayWhatIsExpected() {
        assertTrue(errors("").contains("s.yaml: the file is empty; a scenario needs an 'operations:' list"));
        assertTrue(errors("name: x\n").contains("s.yaml: there is no 'operations:' list"));
        assertTrue(errors("operations: {at: 1s}\n").contains("s.yaml line 1: operations: 'operations' must be a"
            + " list"));
        assertTrue(errors("version: 3\noperations: []\n").contains("s.yaml line 1: format version 3 is not"
            + " supported"));
        assertTrue(errors("operation: []\n").contains("s.yaml line 1: unknown key 'operation'; did you mean"
            + " 'operations'?"));
        assertTrue(errors("operations:\n  - at: 1s\n").contains("s.yaml line 2: operation at line 2: say what"
            + " happens: one of calls, change-tspec, close-lsp, link-down, link-up, lsp, release, reroute-lsp,"
            + " reserve, sender, teardown"));
        assertTrue(errors(op("  - {at: 1s, release: {session: flow1}, teardown: {host: H1, session: flow1}}\n"))
            .contains("s.yaml line 4: operation at line 4: one operation per item, but this one has release and"
                + " teardown; start a new '- at:' item for 'teardown'"));
        assertTrue(errors(op("  - {release: {session: flow1}}\n")).contains("s.yaml line 4: release at line 4: key"
            + " 'at' is missing; say when it happens, like 'at: 1.5s'"));
        assertTrue(errors(op("  - {at: soon, release: {session: flow1}}\n")).contains("s.yaml line 4: operation at"
            + " line 4: key 'at': 'soon' is not a time"));
        assertTrue(errors(op("  - at: 1s\n    relase: {session: flow1}\n")).contains("s.yaml line 5: operation at"
            + " line 4: unknown key 'relase'; did you mean 'release'?"));
        assertTrue(errors("operations:\n  - at: 1s\n    link-down: {R1: R2}\n").contains("s.yaml line 3: link-down"
            + " at line 2: name the link, like 'R1-R2' (its name in the topology), or give its two ends"));
        assertTrue(errors("sessions: [a]\noperations: []\n").contains("s.yaml line 1: sessions: 'sessions' must map"
            + " names to sessions"));
        assertTrue(errors("profiles: [a]\noperations: []\n").contains("s.yaml line 1: profiles: 'profiles' must map"
            + " names to TSpecs"));
        assertTrue(errors("aggregates: [a]\noperations: []\n").contains("s.yaml line 1: aggregates: 'aggregates'"
            + " must map names to aggregates"));
        assertTrue(errors("profiles:\n  ? [a]\n  : {r: 1M, b: 1kB}\noperations: []\n").contains("s.yaml line 2:"
            + " profiles: a profile name must be a plain name like video"));
        assertTrue(errors("aggregates:\n  ? [a]\n  : {}\noperations: []\n").contains("s.yaml line 2: aggregates:"
            + " an aggregate name must be a plain name like Y"));
        assertTrue(errors("seed: x\noperations: []\n").contains("s.yaml line 1: key 'seed': 'x' is not a whole"
            + " number"));
    }

    @Test
    void sessionErrorsNameTheSession() {
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow2, tspec: g711}}\n")).contains(
            "s.yaml line 4: sender at line 4: key 'session': session 'flow2' is not defined (sessions are flow1)"));
        assertTrue(errors("operations:\n  - {at: 0s, sender: {host: H1, session: f, tspec: g711}}\n").contains(
            "session 'f' is not defined; define it under 'sessions:' or write it in place"));
        assertTrue(errors("operations:\n  - {at: 0s, sender: {host: H1, tspec: g711}}\n").contains(
            "s.yaml line 2: sender at line 2: key 'session' is missing"));
        assertTrue(errors("sessions:\n  a: {port: 5}\noperations: []\n").contains("s.yaml line 2: session a: a"
            + " session needs a destination: a node name or an address"));
        assertTrue(errors("sessions:\n  a: {destination: H3, port: 70000, protocol: xtp}\noperations: []\n")
            .contains("s.yaml line 2: session a: key 'port': port 70000 is out of range; use 0 to 65535"));
        assertTrue(errors("sessions:\n  a: {destination: H3, protocol: xtp}\noperations: []\n")
            .contains("key 'protocol': 'xtp' is not an IP protocol"));
        assertTrue(errors("sessions:\n  a: {destination: H3}\n  a: {destination: H4}\noperations: []\n")
            .contains("s.yaml line 3: session a: session 'a' is defined twice"));
    }

    @Test
    void trafficErrorsSayHowToWriteTheTspec() {
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1}}\n")).contains("s.yaml line 4: sender"
            + " at line 4: key 'tspec' is missing; name a profile (g711, g729) or write it"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: g712}}\n")).contains(
            "'g712' is not a traffic profile (profiles are g711, g729)"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {b: 200B}}}\n")).contains(
            "s.yaml line 4: sender at line 4: key 'r' is missing; add it, like 'r: 80k'"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 80kb, b: 2k}}}\n"))
            .contains("key 'r': '80kb' has an unknown unit 'kb'"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 80k, b: 2k}}}\n"))
            .contains("key 'b': '2k' is ambiguous; write 2kB for bytes or 2kbit for bits"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 80k, b: 2kB, p: 64k}}}\n"))
            .contains("key 'p': the peak rate 64k is below r 80k; p must be at least r"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 8k, b: 2kB, m: 300,"
            + " M: 200}}}\n")).contains("key 'm': the minimum policed unit 300 is larger than the maximum packet"
            + " size M 200"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 8k, b: 100B, M: 200}}}\n"))
            .contains("key 'b': a bucket of 100 bytes cannot hold one packet of M = 200 bytes"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 8k, b: 1kB, q: 1}}}\n"))
            .contains("unknown key 'q'"));
        assertTrue(errors(op("  - {at: 0s, sender: {host: H1, session: flow1, tspec: {r: 8k, b: 1kB, M: 0}}}\n"))
            .contains("key 'M': 0 bytes is not a packet size"));
    }

    @Test
    void reservationErrorsSayWhatTheStyleOrServiceNeeds() {
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1}}\n")).contains("s.yaml line 4: reserve at line"
            + " 4: an FF reservation names its senders; add 'filters: [H1]'"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, style: WF, filters: [H1]}}\n")).contains(
            "key 'filters': a WF reservation selects every sender of the session; leave 'filters' out"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, style: XF, filters: [H1]}}\n")).contains(
            "key 'style': 'XF' is not a reservation style; write FF (fixed filter), WF (wildcard filter) or SE"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, service: guarantee, filters: [H1]}}\n"))
            .contains("key 'service': 'guarantee' is not a service; write guaranteed or controlled-load; did you"
                + " mean 'guaranteed'?"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, filters: [H1], flowspec: {R: 80k}}}\n"))
            .contains("R and slack belong to guaranteed service; add 'service: guaranteed' or leave them out"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, filters: [H1], service: guaranteed,"
            + " flowspec: {r: 80k, b: 1kB, R: 64k}}}\n")).contains("key 'R': 64k is below the token bucket rate r"
            + " 80k; guaranteed service needs R >= r"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, filters: [H1], priority: {setup: 70000}}}\n"))
            .contains("key 'setup': a priority 70000 is out of range; use 0 to 65535"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, filters: [H1], priority: {setup: 7}}}\n"))
            .contains("key 'defend' is missing; add it, like 'defend: 100'"));
        assertTrue(errors(op("  - {at: 1s, reserve: {session: flow1, filters: [{port: 5}]}}\n")).contains(
            "key 'host' is missing; add it, like '{host: H1, port: 5004}'"));
        assertTrue(errors("sessions:\n  g: {destination: 224.1.1.1}\noperations:\n  - {at: 1s, reserve: {session: g,"
            + " style: WF}}\n").contains("s.yaml line 4: reserve at line 4: key 'receiver' is missing; a session to"
            + " an address needs the receiving node"));
        assertTrue(errors("sessions:\n  g: {destination: 224.1.1.1}\noperations:\n  - {at: 1s, release: {session:"
            + " g}}\n").contains("key 'receiver' is missing"));
    }

    @Test
    void callErrorsSayWhatTheGeneratorNeeds() {
        String m = errors("""
            operations:
              - at: 0s
                calls: {count: 0, every: 2, duration: 90s-30s, between: [A], port: 0}
            """);
        assertTrue(m.contains("s.yaml line 3: calls at line 2: key 'count': count 0 is out of range; use 1 to"
            + " 100000"), m);
        assertTrue(m.contains("key 'every': '2' has no unit"), m);
        assertTrue(m.contains("key 'duration': '90s-30s' is not a duration range"), m);
        assertTrue(m.contains("key 'port': port 0 is out of range"), m);
        assertTrue(m.contains("key 'tspec' is missing"), m);
        assertTrue(errors("operations:\n  - {at: 0s, calls: {count: 2, duration: 1s, between: [A], tspec: g711}}\n")
            .contains("key 'between' must list at least two nodes"));
        assertTrue(errors("operations:\n  - {at: 0s, calls: {count: 2, duration: 1s, between: [A, B], tspec: g711,"
            + " answer-after: 2s}}\n").contains("key 'answer-after': 2s is not shorter than the shortest call (1s)"));
        assertTrue(errors("operations:\n  - {at: 0s, calls: {count: 40000, duration: 1s, between: [A, B],"
            + " tspec: g711}}\n").contains("key 'count': 40000 calls from port 16384 need ports up to 96382, beyond"
            + " 65535"));
        assertTrue(errors("operations:\n  - {at: 0s, calls: {duration: 1s, between: [A, B], tspec: g711}}\n")
            .contains("key 'count' is missing; add it, like 'count: 100'"));
    }

    @Test
    void filesThatCannotBeReadSaySo(@TempDir Path dir) throws IOException {
        ScenarioException missing = assertThrows(ScenarioException.class,
            () -> ScenarioLoader.load(dir.resolve("x.scenario.yaml")));
        assertTrue(missing.getMessage().endsWith("no such file; check the path (examples are in examples/)"));
        Path f = dir.resolve("a.scenario.yaml");
        Files.writeString(f, "operations:\n  - {at: 1s, link-up: []}\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + " line 2: link-up at line 2: name the link"), e.getMessage());
    }

    // --- validation against the topology

    private static Topology figure1() throws TopologyException {
        return TopologyLoader.load(Path.of("..", "examples", "rfc4495-figure1.yaml"));
    }

    private static String invalid(String yaml) throws Exception {
        Scenario s = parse(yaml);
        return checked(assertThrows(ScenarioException.class, () -> ScenarioValidator.validate(s, figure1())));
    }

    @Test
    void unknownNodesAreReportedWithTheKnownOnes() throws Exception {
        String m = invalid("""
            sessions:
              flow1: {destination: H9, port: 5004}
            operations:
              - {at: 0s, sender: {host: H7, session: flow1, tspec: g711}}
              - {at: 1s, reserve: {receiver: H3, session: {destination: H3}, filters: [H8]}}
              - {at: 2s, calls: {count: 1, duration: 10s, between: [H1, R7], tspec: g711}}
            """);
        assertTrue(m.contains("s.yaml line 4: sender at line 4: key 'host': node 'H7' is not in the topology (nodes"
            + " are H1..H4, R1, R2)"), m);
        assertTrue(m.contains("s.yaml line 4: sender at line 4: key 'session': the destination 'H9' of session flow1"
            + " is not a node of the topology (nodes are H1..H4, R1, R2); write a node name or an address"), m);
        assertTrue(m.contains("s.yaml line 5: reserve at line 5: key 'filters': node 'H8' is not in the topology"),
            m);
        assertTrue(m.contains("s.yaml line 6: calls at line 6: key 'between': node 'R7' is not in the topology"), m);
    }

    @Test
    void receiversAndSendersMustFitTheSession() throws Exception {
        String m = invalid("""
            sessions:
              flow1: {destination: H3, port: 5004}
              byAddress: {destination: 203.0.113.1}
            operations:
              - {at: 0s, sender: {host: H3, session: flow1, tspec: g711}}
              - {at: 1s, reserve: {receiver: H4, session: flow1, filters: [H1]}}
              - {at: 2s, release: {receiver: H4, session: flow1}}
              - {at: 3s, sender: {host: H1, session: byAddress, tspec: g711}}
            """);
        assertTrue(m.contains("s.yaml line 5: sender at line 5: key 'host': H3 is the destination of session flow1;"
            + " a sender sends to another node"), m);
        assertTrue(m.contains("s.yaml line 6: reserve at line 6: key 'receiver': session flow1 goes to H3, so H3 is"
            + " its receiver, not H4"), m);
        assertTrue(m.contains("s.yaml line 7: release at line 7: key 'receiver': session flow1 goes to H3"), m);
        assertTrue(m.contains("s.yaml line 8: sender at line 8: key 'session': no node of the topology has the"
            + " address 203.0.113.1"), m);
    }

    @Test
    void linksMustExist() throws Exception {
        String m = invalid("""
            operations:
              - {at: 0s, link-down: R1-R3}
              - {at: 1s, link-down: [H1, H3]}
              - {at: 2s, link-up: [R1, R9]}
            """);
        assertTrue(m.contains("s.yaml line 2: link-down at line 2: link 'R1-R3' is not in the topology (links are"
            + " H1-R1, H2-R1, R1-R2, R2-H3, R2-H4); or give its two ends, like [R1, R2]"), m);
        assertTrue(m.contains("s.yaml line 3: link-down at line 3: no link joins H1 and H3; links of H1 go to R1"), m);
        assertTrue(m.contains("s.yaml line 4: link-up at line 4: key 'ends': node 'R9' is not in the topology"), m);
    }

    @Test
    void validScenariosPass() throws Exception {
        Scenario s = parse("""
            sessions:
              flow1: {destination: 10.1.0.1, port: 5004}
              group: {destination: 224.1.1.1, port: 6000}
            operations:
              - {at: 0s, sender: {host: H3, session: group, tspec: g711}}
              - {at: 1s, reserve: {receiver: H4, session: group, style: WF}}
              - {at: 2s, link-down: R1-R2}
              - {at: 3s, link-up: [R2, R1]}
            """);
        ScenarioValidator.validate(s, figure1());
        assertEquals(4, s.operations().size());
    }

    // --- the examples

    private static Scenario example(String name) throws Exception {
        Path file = Path.of("..", "examples", name + ".scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        ScenarioValidator.validate(s, t);
        return s;
    }

    @Test
    void theFigure1ExampleFollowsTheRfc() throws Exception {
        Scenario s = example("rfc4495-figure1");
        assertEquals(Path.of("..", "examples", "rfc4495-figure1.yaml").toAbsolutePath().normalize(),
            s.topologyPath(Path.of("..", "examples", "rfc4495-figure1.scenario.yaml")).orElseThrow().normalize());
        List<Reserve> reserves = s.operations().stream().filter(Reserve.class::isInstance).map(Reserve.class::cast)
            .toList();
        assertEquals(2, reserves.size());
        assertEquals(Optional.of(new Preemption(300, 100, List.of(24_000L, 16_000L))), reserves.get(0).priority(),
            "Flow 1's receiver falls back to G.729 in 20 ms, then 40 ms packets");
        assertEquals(Optional.of(new Preemption(300, 100)), reserves.get(1).priority());
        assertEquals(OptionalDouble.of(10_000), reserves.get(0).flow().rate(), "80 units = 80 kbit/s");
    }

    @Test
    void theFigure2ExampleFollowsTheRfc() throws Exception {
        Scenario s = example("rfc4495-figure2");
        List<Reserve> reserves = s.operations().stream().filter(Reserve.class::isInstance).map(Reserve.class::cast)
            .toList();
        assertEquals(11, reserves.size(), "Flows 1-5 and A-E, then Flow 9");
        assertEquals(List.of("X", "Y"), s.aggregates().stream().map(AggregateSpec::name).toList());
        AggregateSpec y = s.aggregates().get(1);
        assertEquals("R5", y.aggregator());
        assertEquals("R8", y.deaggregator());
        assertEquals(46, y.dscp());
        assertEquals(80_000, y.bulkBps());
        assertEquals(40_000, y.hysteresisBps());
        assertEquals(Optional.of(new Preemption(100, 100)), y.priority());
        assertTrue(s.withoutRfc4495().isEmpty());
        assertEquals(List.of("R8"), example("rfc4495-figure2-legacy").withoutRfc4495());
    }

    @Test
    void anAggregateNeedsItsEndsAndABulkStep() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("""
            aggregates:
              Y: {aggregator: R5, bulk: 0}
            operations: []
            """, "agg.yaml"));
        assertTrue(e.getMessage().contains("deaggregator"), e.getMessage());
        assertTrue(e.getMessage().contains("'bulk'"), e.getMessage());
    }

    @Test
    void theServiceProviderMixValidatesAndExpands() throws Exception {
        Scenario s = example("sp-network");
        List<ScenarioOperation> all = s.expand();
        assertEquals((320 + 20) * 2 * 4 + 2, all.size());
        assertTrue(s.endNanos() > 300 * S);
    }
}
