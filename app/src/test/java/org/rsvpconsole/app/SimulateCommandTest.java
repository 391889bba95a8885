package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {

    private static String example(String name) {
        return Path.of("..", "examples", name).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4495-figure1", "rfc4495-figure2", "rfc4495-figure2-legacy", "sp-network"})
    void everyExampleGivesByteIdenticalOutputTwice(String name, @TempDir Path dir) throws Exception {
        String[] args = {"simulate", "--topology", example(name.replace("-legacy", "") + ".yaml"), "--scenario",
            example(name + ".scenario.yaml"), "--until", "45s", "--pcap", dir.resolve("a.pcap").toString(),
            "--events", dir.resolve("a.jsonl").toString()};
        Cli first = Cli.run(args);
        assertEquals(0, first.code(), first.toString());
        byte[] pcap = Files.readAllBytes(dir.resolve("a.pcap"));
        byte[] events = Files.readAllBytes(dir.resolve("a.jsonl"));
        Cli second = Cli.run(args);
        assertEquals(first.out(), second.out(), "same files and seed, same output");
        assertTrue(java.util.Arrays.equals(pcap, Files.readAllBytes(dir.resolve("a.pcap"))));
        assertTrue(java.util.Arrays.equals(events, Files.readAllBytes(dir.resolve("a.jsonl"))));
        assertTrue(first.err().isEmpty(), first.err());

        Map<String, Object> report = Json.object(first.out());
        assertEquals(45_000_000_000L, ((Number) report.get("untilNanos")).longValue());
        List<?> links = (List<?>) report.get("links");
        long reservations = links.stream().mapToLong(l -> ((List<?>) ((Map<?, ?>) l).get("reservations")).size())
            .sum();
        assertTrue(reservations > 0, "reservations are in place at 45 s");
        assertFalse(((List<?>) report.get("nodes")).isEmpty());
        assertTrue(pcap.length > 24, "the capture holds packets");
        for (String line : Files.readAllLines(dir.resolve("a.jsonl"))) {
            Map<String, Object> e = Json.object(line);
            assertTrue(e.containsKey("event") && e.containsKey("timeNanos") && e.containsKey("node"), line);
        }
    }

    @Test
    void figure1ShowsFlowOneReducedOnInt2AndFlowTwoAdmitted() {
        Cli c = Cli.run("simulate", "--scenario", example("rfc4495-figure1.scenario.yaml"), "--until", "11s");
        assertEquals(0, c.code(), c.toString());
        Map<String, Object> report = Json.object(c.out());
        Map<?, ?> int2 = ((List<?>) report.get("links")).stream().map(l -> (Map<?, ?>) l)
            .filter(l -> l.get("interface").equals("Int2")).findFirst().orElseThrow();
        assertEquals(12_500L, int2.get("capacityBytesPerSecond"));
        assertEquals(12_000L, int2.get("reservedBytesPerSecond"), "Flow 2's 80 units and Flow 1's 16 (RFC 4495)");
        assertEquals(500L, int2.get("freeBytesPerSecond"));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) int2.get("reservations")).get(0);
        assertEquals("flow1", ((Map<?, ?>) r.get("session")).get("name"));
        assertEquals("FF", r.get("style"));
        assertEquals("H1", ((Map<?, ?>) ((List<?>) r.get("senders")).get(0)).get("node"));
        Map<?, ?> r1 = ((List<?>) report.get("nodes")).stream().map(n -> (Map<?, ?>) n)
            .filter(n -> n.get("node").equals("R1")).findFirst().orElseThrow();
        assertEquals(0L, r1.get("admissionFailures"), "Flow 2 was admitted by reducing Flow 1");
    }

    @Test
    void theSeedChangesTheCallMix() {
        String[] base = {"simulate", "--scenario", example("sp-network.scenario.yaml"), "--until", "60s"};
        Cli a = Cli.run(base);
        Cli b = Cli.run(concat(base, "--seed", "8"));
        assertEquals(0, b.code(), b.toString());
        assertNotEquals(a.out(), b.out());
        assertEquals(8L, Json.object(b.out()).get("seed"));
    }

    @Test
    void aPolicyForOneNodeLimitsItsFlows(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, "policies:\n  - name: one\n    max-flows: 1\n");
        Cli c = Cli.run("simulate", "--scenario", example("sp-network.scenario.yaml"), "--until", "60s",
            "--policy", "par-pe1=" + policy);
        assertEquals(0, c.code(), c.toString());
        Map<?, ?> pe = ((List<?>) Json.object(c.out()).get("nodes")).stream().map(n -> (Map<?, ?>) n)
            .filter(n -> n.get("node").equals("par-pe1")).findFirst().orElseThrow();
        assertTrue((Long) pe.get("policyRejections") > 0, "MaxFlows 1 refuses the second call: " + pe);
    }

    @Test
    void errorsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        expectError(Cli.run("simulate", "--scenario", dir.resolve("none.yaml").toString()), "none.yaml");
        expectError(Cli.run("simulate", "--scenario", example("rfc4495-figure1.scenario.yaml"), "--until", "5x"),
            "--until");
        expectError(Cli.run("simulate", "--scenario", example("rfc4495-figure1.scenario.yaml"), "--topology",
            example("sp-network.yaml")), "is not in the topology");
        expectError(Cli.run("simulate", "--scenario", example("rfc4495-figure1.scenario.yaml"), "--policy",
            "R9=" + example("pe-router.policy.yaml")), "R9");
        Path noTopology = dir.resolve("s.yaml");
        Files.writeString(noTopology, "operations:\n  - at: 0s\n    link-down: R1-R2\n");
        expectError(Cli.run("simulate", "--scenario", noTopology.toString()), "--topology");
        expectError(Cli.run("simulate", "--scenario", example("rfc4495-figure1.scenario.yaml"), "--pcap",
            dir.resolve("no/such/dir/x.pcap").toString()), "x.pcap");
    }

    private static void expectError(Cli c, String mention) {
        assertEquals(Main.EXIT_USAGE, c.code(), c.toString());
        assertTrue(c.out().isEmpty(), c.toString());
        assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
        assertTrue(c.errLines().size() >= 1, c.toString());
        for (String line : c.errLines()) {
            assertTrue(line.startsWith("rsvp-console: "), line);
        }
        assertTrue(c.err().contains(mention), c.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
