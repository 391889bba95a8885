package org.rsvpconsole.engine.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.topology.NeighbourSettings.Algorithm;

/** The {@code neighbours:} sections of topology files: refresh reduction, integrity keys and Hello. */
class NeighbourSettingsLoaderTest {

    private static final String SECRET_HEX = "00112233445566778899aabbccddeeff";
    private static final String NODES = """
        defaults:
          bandwidth: 10M
        links:
          - ends: [H1, R1]
          - ends: [R1, R2]
          - ends: [R2, H2]
        """;

    @TempDir
    Path dir;

    private Topology load(String yaml) throws IOException, TopologyException {
        Path f = dir.resolve("topo.yaml");
        Files.writeString(f, yaml);
        return TopologyLoader.load(f);
    }

    /** The problems of a file that must fail; none of them may show a secret or a stack trace. */
    private List<ConfigProblem> problems(String yaml) throws IOException {
        TopologyException e = assertThrows(TopologyException.class, () -> load(yaml));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains(SECRET_HEX.substring(0, 12)), e.getMessage());
        return e.problems();
    }

    private List<ConfigProblem> problems(String neighbours, String nodes) throws IOException {
        return problems(neighbours + "nodes:\n" + nodes + NODES);
    }

    private static ConfigProblem only(List<ConfigProblem> p) {
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    private NeighbourSettings of(Topology t, String node) {
        return t.neighbourSettings(t.requireNode(node));
    }

    @Test
    void aFileWithoutNeighboursSwitchesNothingOn() throws Exception {
        Topology t = load("nodes:\n  H1: host\n  R1: router\n  R2: router\n  H2: host\n" + NODES);
        for (Node n : t.nodes()) {
            assertEquals(NeighbourSettings.NONE, t.neighbourSettings(n));
        }
    }

    @Test
    void networkDefaultsNodeOverridesKeysByFileHexNeighbourAndInterface() throws Exception {
        Files.writeString(dir.resolve("core.key"), SECRET_HEX + "\n");
        Topology t = load("""
            neighbours:
              refresh-reduction: on
              hello: {interval: 10ms, dead-intervals: 4}
              integrity:
                keys:
                  - {id: 1, algorithm: hmac-sha256, key-file: core.key}
            nodes:
              H1: {type: host, neighbours: {refresh-reduction: off, hello: off, integrity: off}}
              R1:
                type: router
                neighbours:
                  refresh-reduction: {rf: 250ms, rl: 5, summary-hold: 1s, bundling: false}
                  integrity:
                    handshake: true
                    keys:
                      - {id: 0x2a, algorithm: hmac-md5, key: "0x0102030405060708", neighbour: R2}
                      - {id: 7, key-file: core.key, interface: eth0, valid-from: 0, valid-until: 10min}
              R2: router
              H2: host
            """ + NODES);
        assertEquals(NeighbourSettings.NONE, of(t, "H1"));
        NeighbourSettings r2 = of(t, "R2");
        assertEquals(NeighbourSettings.RefreshReduction.ON, r2.refreshReduction());
        assertEquals(new NeighbourSettings.Hello(true, 10_000_000L, 4.0), r2.hello());
        assertEquals(1, r2.integrity().keys().size());
        NeighbourSettings.Key shared = r2.integrity().keys().get(0);
        assertEquals(List.of(), shared.neighbours());
        assertArrayEquals(HexFormat.of().parseHex(SECRET_HEX), shared.secret());
        assertFalse(shared.toString().contains(SECRET_HEX), shared.toString());

        NeighbourSettings r1 = of(t, "R1");
        assertEquals(new NeighbourSettings.RefreshReduction(true, 250_000_000L, 5, 1_000_000_000L, false),
            r1.refreshReduction());
        assertEquals(r2.hello(), r1.hello(), "a part the node does not name comes from the network's");
        assertTrue(r1.integrity().handshake());
        NeighbourSettings.Key md5 = r1.integrity().keys().get(0);
        assertEquals(42, md5.keyId());
        assertEquals(Algorithm.HMAC_MD5, md5.algorithm());
        assertEquals(t.addressesOf(t.requireNode("R2")), md5.neighbours());
        NeighbourSettings.Key perInterface = r1.integrity().keys().get(1);
        Interface eth0 = t.interfaceOf(t.requireNode("R1"), "eth0").orElseThrow();
        assertEquals(List.of(t.neighbour(eth0).address()), perInterface.neighbours(), "H1's end of H1-R1");
        assertEquals(600_000_000_000L, perInterface.validUntilNanos());

        // What the node engine is configured with.
        NeighbourConfig c = NeighbourConfig.of(r1);
        assertEquals(250_000_000L, c.refreshReduction().rfNanos());
        assertFalse(c.refreshReduction().bundling());
        assertEquals(10_000_000L, c.hello().intervalNanos());
        assertEquals(t.addressesOf(t.requireNode("R2")).size() + 1, c.integrity().keys().size());
        assertEquals(NeighbourConfig.HmacAlgorithm.HMAC_MD5, c.integrity().keys().get(0).algorithm());
        assertFalse(c.integrity().keys().get(0).toString().contains("0102030405"));
        NeighbourConfig plain = NeighbourConfig.of(r2);
        assertEquals(NeighbourConfig.RefreshReduction.ON, plain.refreshReduction());
        assertNull(plain.integrity().keys().get(0).neighbour());
        assertFalse(NeighbourConfig.of(of(t, "H1")).active());
    }

    @Test
    void unknownKeysAndWrongSwitchesSayWhatIsKnown() throws Exception {
        ConfigProblem p = only(problems("neighbours:\n  refresh-reduktion: on\n", "  H1: host\n  R1: router\n"
            + "  R2: router\n  H2: host\n"));
        assertEquals(2, p.line());
        assertTrue(p.message().contains("did you mean 'refresh-reduction'"), p.message());
        p = only(problems("neighbours:\n  hello: maybe\n", "  H1: host\n  R1: router\n  R2: router\n  H2: host\n"));
        assertEquals("neighbours", p.context());
        assertTrue(p.message().contains("'maybe' is not on or off"), p.message());
    }

    @Test
    void timersAndLimitsOutOfRange() throws Exception {
        List<ConfigProblem> p = problems("", """
              H1: host
              R1:
                neighbours:
                  refresh-reduction: {rf: 100us, rl: 99, summary-hold: 2}
                  hello: {interval: 0, dead-intervals: half}
              R2: router
              H2: host
            """);
        assertEquals(5, p.size(), p.toString());
        String all = p.toString();
        assertTrue(all.contains("key 'rf': Rf must be at least 1ms"), all);
        assertTrue(all.contains("key 'rl': Rl (retransmissions) 99 is out of range; use 0 to 16"), all);
        assertTrue(all.contains("key 'summary-hold': '2' has no unit"), all);
        assertTrue(all.contains("key 'interval': the Hello interval must be at least 1us"), all);
        assertTrue(all.contains("key 'dead-intervals': 'half' is not a number"), all);
        assertEquals("node R1 neighbours", p.get(0).context());
        assertEquals(5, p.get(0).line());
    }

    @Test
    void keyMistakesAreEachReportedWithoutTheSecret() throws Exception {
        List<ConfigProblem> p = problems("""
            neighbours:
              integrity:
                keys:
                  - {algorithm: hmac-sha1, key: "%s"}
                  - {id: 2, key: "%s", key-file: k.key}
                  - {id: 3}
                  - {id: 4, key: "%sz"}
                  - {id: 5, key-file: missing.key}
                  - {id: 6, key: "%s", interface: eth0}
                  - {id: 281474976710656, key: "%s"}
                  - {id: 8, key: "%s", valid-from: 1h, valid-until: 10min}
            """.formatted(SECRET_HEX, SECRET_HEX, SECRET_HEX, SECRET_HEX, SECRET_HEX, SECRET_HEX),
            "  H1: host\n  R1: router\n  R2: router\n  H2: host\n");
        String all = p.toString();
        assertTrue(all.contains("line 4: neighbours: key 'id' is missing"), all);
        assertTrue(all.contains("line 4: neighbours: key 'algorithm': 'hmac-sha1' is not an algorithm; use"
            + " hmac-sha256 or hmac-md5"), all);
        assertTrue(all.contains("line 5: neighbours: an integrity key has either 'key' or 'key-file', not both"),
            all);
        assertTrue(all.contains("line 6: neighbours: an integrity key needs its secret"), all);
        assertTrue(all.contains("line 7: neighbours: key 'key': not an even number of hexadecimal"
            + " digits (the value is not shown: it is a secret)"), all);
        assertTrue(all.contains("line 8: neighbours: key 'key-file': no such file"), all);
        assertTrue(all.contains("line 9: neighbours: 'interface' names one node's interface"), all);
        assertTrue(all.contains("line 10: neighbours: key 'id': a key id 281474976710656 is out of range"), all);
        assertTrue(all.contains("line 11: neighbours: key 'valid-until' is not after 'valid-from'"), all);
        assertEquals(9, p.size(), all);
    }

    @Test
    void aKeyFileThatHoldsNoHexKey() throws Exception {
        Files.writeString(dir.resolve("bad.key"), "this is my password\n");
        ConfigProblem p = only(problems("neighbours:\n  integrity:\n    keys:\n      - {id: 1, key-file: bad.key}\n",
            "  H1: host\n  R1: router\n  R2: router\n  H2: host\n"));
        assertEquals(4, p.line());
        assertTrue(p.message().contains("bad.key does not hold a key: not an even number of hexadecimal digits"),
            p.message());
        assertFalse(p.message().contains("password"), p.message());
    }

    @Test
    void namesThatDoNotExistAfterTheTopologyIsBuilt() throws Exception {
        List<ConfigProblem> p = problems("", """
              H1: host
              R1:
                neighbours:
                  integrity:
                    keys:
                      - {id: 1, key: "%s", neighbour: R3}
                      - {id: 2, key: "%s", interface: eth7}
              R2: router
              H2: host
            """.formatted(SECRET_HEX, SECRET_HEX));
        String all = p.toString();
        assertTrue(all.contains("line 7: node R1 neighbours: key 'neighbour': node 'R3' is not defined"), all);
        assertTrue(all.contains("line 8: node R1 neighbours: key 'interface': R1 has no interface 'eth7' (its"
            + " interfaces are eth0, eth1)"), all);
        assertEquals(2, p.size(), all);
    }

    @Test
    void theSameKeyIdTwiceForTheSameNeighbours() throws Exception {
        ConfigProblem p = only(problems("neighbours:\n  integrity:\n    keys:\n      - {id: 1, key: \"%s\"}\n"
            .formatted(SECRET_HEX) + "      - {id: 1, key: \"%s\"}\n".formatted(SECRET_HEX),
            "  H1: host\n  R1: router\n  R2: router\n  H2: host\n"));
        assertEquals(5, p.line());
        assertTrue(p.message().contains("key id 1 is given twice for the same neighbours (first on line 4)"),
            p.message());
    }

    @Test
    void integrityOnWithoutKeysAndKeysNotAList() throws Exception {
        List<ConfigProblem> p = problems("neighbours:\n  integrity: on\n", """
              H1: {type: host, neighbours: {integrity: {handshake: true}}}
              R1: {type: router, neighbours: {integrity: {keys: one}}}
              R2: router
              H2: host
            """);
        String all = p.toString();
        assertTrue(all.contains("line 2: neighbours: key 'integrity': 'on' needs its keys"), all);
        assertTrue(all.contains("line 4: node H1 neighbours: 'integrity' needs 'keys:'"), all);
        assertTrue(all.contains("line 5: node R1 neighbours: key 'keys' must be a list"), all);
        assertEquals(3, p.size(), all);
    }
}
