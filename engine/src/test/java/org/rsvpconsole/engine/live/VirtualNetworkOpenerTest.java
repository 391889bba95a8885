package org.rsvpconsole.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkFileException;

/** File > Open: a topology with its traffic mix beside it, or the loaders' own words when a file is wrong. */
class VirtualNetworkOpenerTest {

    @Test
    void theScenarioBesideATopologyIsItsTrafficMix() throws Exception {
        assertEquals(Path.of("a", "net.scenario.yaml"), VirtualNetworkOpener.scenarioBeside(Path.of("a", "net.yaml")));
        assertEquals(Path.of("net.scenario.yaml"), VirtualNetworkOpener.scenarioBeside(Path.of("net.yml")));
        try (LiveNetwork n = new VirtualNetworkOpener(1).open(Path.of("..", "examples", "sp-network.yaml"))) {
            assertEquals("Service provider (6 cities)", n.topology().name());
            assertTrue(n.trafficMix(), "sp-network.scenario.yaml runs");
        }
    }

    @Test
    void aTopologyAloneHasNoTrafficMix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("two.yaml");
        Files.writeString(f, """
            version: 1
            name: two
            nodes:
              a: {type: host}
              b: {type: host}
            links:
              - {ends: [a, b], bandwidth: 1M}
            """);
        try (LiveNetwork n = new VirtualNetworkOpener(1).open(f)) {
            assertEquals(2, n.topology().nodes().size());
            assertFalse(n.trafficMix());
        }
    }

    @Test
    void errorsAreTheLoadersFileLineKeyMessages(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
            version: 1
            name: bad
            nodes:
              a: {type: hots}
            links: []
            """);
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> new VirtualNetworkOpener(1).open(f));
        assertTrue(e.getMessage().endsWith("bad.yaml line 4: node a: type 'hots' is not a node type; use 'router' or"
            + " 'host'"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "shown as it is, no stack trace");
        NetworkFileException missing = assertThrows(NetworkFileException.class,
            () -> new VirtualNetworkOpener(1).open(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml"), missing.getMessage());
    }
}
