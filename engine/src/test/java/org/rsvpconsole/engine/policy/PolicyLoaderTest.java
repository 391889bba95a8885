package org.rsvpconsole.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.policy.PolicyRequest.Service;

class PolicyLoaderTest {

    private static PolicyConfig parse(String yaml) throws PolicyException {
        return PolicyLoader.parse(yaml, "pe.yaml");
    }

    /** The error text of a file that must fail; also checks it reads like a message, not a stack trace. */
    private static String errors(String yaml) {
        PolicyException e = assertThrows(PolicyException.class, () -> parse(yaml));
        String m = e.getMessage();
        assertFalse(m.contains("Exception") || m.contains("\tat ") || m.contains("org.snakeyaml"), m);
        assertEquals(0, e.getStackTrace().length);
        for (ConfigProblem p : e.problems()) {
            assertTrue(p.toString().startsWith("pe.yaml"), p.toString());
        }
        return m;
    }

    @Test
    void readsEveryKey() throws PolicyException {
        PolicyConfig c = parse("""
            version: 1
            node: R1
            description: edge
            policies:
              - name: voice
                priority: 100
                description: RTP
                match:
                  destination: [10.0.0.0/16, 2001:db8::/32]
                  destination-port: 16384-32767
                  protocol: udp
                  source: 10.0.1.0/24
                  source-port: [5004, 6000-6010]
                max-flows: 250
                max-rate-per-flow: 80k
                max-token-bucket-per-flow: 1.5kB
                flow-service-type: controlled-load
                outgoing-dscp: EF
                over-limit: refuse
              - name: rest
                outgoing-tos: 0x88
            """);
        PolicyRule voice = c.rules().get(0);
        assertEquals(new PolicyRule("voice", 100, new PolicyMatch(
            List.of(AddressPrefix.parse("10.0.0.0/16"), AddressPrefix.parse("2001:db8::/32")),
            List.of(new PortRange(16384, 32767)), List.of(17), List.of(AddressPrefix.parse("10.0.1.0/24")),
            List.of(new PortRange(5004, 5004), new PortRange(6000, 6010))), OptionalInt.of(250),
            OptionalLong.of(80_000), OptionalLong.of(1500), Optional.of(Service.CONTROLLED_LOAD), OptionalInt.of(46),
            PolicyRule.OverLimit.REFUSE), voice);
        PolicyRule rest = c.rules().get(1);
        assertEquals(PolicyRule.of("rest", PolicyMatch.ANY).withDscp(34), rest);
    }

    @Test
    void theExampleFileLoadsInPriorityOrder() throws PolicyException {
        PolicyConfig c = PolicyLoader.load(Path.of("..", "examples", "pe-router.policy.yaml"));
        assertEquals(List.of("premium-site", "voice", "video", "everything-else"),
            c.rules().stream().map(PolicyRule::name).toList());
        assertEquals(OptionalInt.of(34), c.rules().get(2).dscp());
    }

    @Test
    void anEmptyListMeansNoPolicies() throws PolicyException {
        assertEquals(PolicyConfig.NONE, parse("policies:\n"));
        assertEquals(PolicyConfig.NONE, parse("policies: []\n"));
    }

    @Test
    void badValuesNameLineKeyAndFix() {
        String m = errors("""
            policies:
              - name: voice
                priority: high
                match:
                  destination: 10.1.0.0/15
                  destination-port: 70000
                  protocol: udpp
                  source: [10.0.0.1/x]
                  source-port: 20-10
                max-flows: -1
                max-rate-per-flow: 80kb
                max-token-bucket-per-flow: 2k
                flow-service-type: best
                outgoing-dscp: AF14
                over-limit: drop
            """);
        assertTrue(m.contains("pe.yaml line 3: policy 'voice': key 'priority': 'high' is not a whole number"), m);
        assertTrue(m.contains("pe.yaml line 5: policy 'voice': key 'destination': 10.1.0.0/15 has host bits set;"
            + " write the network, like 10.0.0.0/15"), m);
        assertTrue(m.contains("pe.yaml line 6: policy 'voice': key 'destination-port': port range 70000-70000 is not"
            + " valid"), m);
        assertTrue(m.contains("pe.yaml line 7: policy 'voice': key 'protocol': 'udpp' is not an IP protocol; write"
            + " udp, tcp or a number 0 to 255; did you mean 'udp'?"), m);
        assertTrue(m.contains("pe.yaml line 8: policy 'voice': key 'source': '10.0.0.1/x' has no prefix length"), m);
        assertTrue(m.contains("pe.yaml line 9: policy 'voice': key 'source-port': port range 20-10 is not valid"), m);
        assertTrue(m.contains("pe.yaml line 10: policy 'voice': key 'max-flows': MaxFlows -1 is out of range; use 0"
            + " to 2147483647"), m);
        assertTrue(m.contains("pe.yaml line 11: policy 'voice': key 'max-rate-per-flow': '80kb' has an unknown unit"
            + " 'kb'"), m);
        assertTrue(m.contains("pe.yaml line 12: policy 'voice': key 'max-token-bucket-per-flow': '2k' is ambiguous;"
            + " write 2kB for bytes or 2kbit for bits"), m);
        assertTrue(m.contains("pe.yaml line 13: policy 'voice': key 'flow-service-type': 'best' is not a service"
            + " type; write guaranteed or controlled-load"), m);
        assertTrue(m.contains("pe.yaml line 14: policy 'voice': key 'outgoing-dscp': 'AF14' is not a DSCP; write a"
            + " number 0 to 63 or a name like EF, AF41, CS5"), m);
        assertTrue(m.contains("pe.yaml line 15: policy 'voice': key 'over-limit': 'drop' is not cap or refuse"), m);
    }

    @Test
    void shapeErrorsSayWhatShapeIsNeeded() {
        assertTrue(errors("policies: {voice: 1}\n").contains("pe.yaml line 1: policies: 'policies' must be a list,"
            + " one '- name: ...' item per policy"));
        assertTrue(errors("policies:\n  - voice\n").contains("pe.yaml line 2: policy at line 2: each policy must be a"
            + " mapping of keys"));
        assertTrue(errors("policies:\n  - {max-flows: 3}\n").contains("pe.yaml line 2: policy at line 2: a policy"
            + " needs a name, like 'name: voice'"));
        assertTrue(errors("policies:\n  - {name: v, match: [udp]}\n").contains("pe.yaml line 2: policy 'v': 'match'"
            + " must be a mapping of keys (destination, destination-port, protocol, source, source-port)"));
        assertTrue(errors("policies:\n  - {name: v, max-rate: 1M}\n").contains("pe.yaml line 2: policy 'v': unknown"
            + " key 'max-rate'"));
        assertTrue(errors("policies:\n  - {name: v, match: {port: 5}}\n").contains("unknown key 'port'"));
        assertTrue(errors("node: R1\n").contains("pe.yaml: there is no 'policies:' list"));
        assertTrue(errors("version: 2\npolicies: []\n").contains("pe.yaml line 1: format version 2 is not"
            + " supported"));
        assertTrue(errors("").contains("pe.yaml: the file is empty; a policy file needs a 'policies:' list"));
        assertTrue(errors("policies: [\n").contains("pe.yaml line 2: YAML syntax"));
    }

    @Test
    void conflictsAreReported() {
        assertTrue(errors("policies:\n  - {name: v}\n  - {name: v}\n").contains("pe.yaml line 3: policy 'v': policy"
            + " name 'v' is used twice (first on line 2); give each policy its own name"));
        assertTrue(errors("policies:\n  - {name: v, outgoing-dscp: 46, outgoing-tos: 0xb8}\n").contains(
            "pe.yaml line 2: policy 'v': give 'outgoing-dscp' or 'outgoing-tos', not both"));
        assertTrue(errors("policies:\n  - {name: v, outgoing-tos: 0xb9}\n").contains("sets the two ECN bits"));
        assertTrue(errors("policies:\n  - {name: v, max-rate-per-flow: 0}\n").contains("MaxRatePerFlow 0 would"
            + " refuse every flow"));
        assertTrue(errors("policies:\n  - {name: v, max-token-bucket-per-flow: 0}\n").contains(
            "MaxTokenBucketPerFlow 0 would refuse every flow"));
    }

    @Test
    void filesThatCannotBeReadSaySo(@TempDir Path dir) throws IOException {
        PolicyException missing = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir.resolve("x.yaml")));
        assertTrue(missing.getMessage().endsWith("x.yaml: no such file; check the path (examples are in examples/)"),
            missing.getMessage());
        PolicyException directory = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir));
        assertTrue(directory.getMessage().endsWith("is a directory; give the path of a policy file (.yaml)"));
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "policies:\n  - {name: v, max-flows: many}\n");
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(f));
        assertEquals(f + " line 2: policy 'v': key 'max-flows': 'many' is not a whole number; MaxFlows is a whole"
            + " number from 0 to 2147483647", e.getMessage());
    }
}
