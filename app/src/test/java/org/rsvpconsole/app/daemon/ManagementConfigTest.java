package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheManagementSectionWithPathsRelativeToTheFile() throws Exception {
        Files.writeString(dir.resolve("daemon.p12"), "not read here");
        Files.writeString(dir.resolve("daemon.pass"), "secret-pw\n");
        Files.writeString(dir.resolve("clients-ca.pem"), "not read here");
        String hash = HexFormat.of().formatHex(ManagementConfig.sha256("viewer-token-0123456789"));
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
            node: r1
            interfaces:
              - {name: eth0, bandwidth: 1M}
            management:
              listen: "[::1]:7100"
              keystore: daemon.p12
              keystore-password-file: daemon.pass
              client-ca: clients-ca.pem
              clients:
                - {subject: console-1, role: operator}
              tokens:
                - {name: alice, role: operator, token: operator-token-0123456789}
                - {name: bob, role: viewer, sha256: %s}
              ring: 5000
              max-clients: 8
            """.formatted(hash));
        ManagementConfig m = DaemonConfig.load(file).management().orElseThrow();
        assertEquals("::1", m.host());
        assertEquals(7100, m.port());
        assertEquals(dir.resolve("daemon.p12"), m.keystore());
        assertArrayEquals("secret-pw".toCharArray(), m.keystorePassword());
        assertEquals(Optional.of(dir.resolve("clients-ca.pem")), m.clientCa());
        assertEquals(Map.of("console-1", ManagementConfig.Role.OPERATOR), m.clients());
        assertEquals(5000, m.ring());
        assertEquals(8, m.maxClients());
        assertEquals("alice", m.token("operator-token-0123456789").orElseThrow().name());
        assertEquals(ManagementConfig.Role.VIEWER, m.token("viewer-token-0123456789").orElseThrow().role());
        assertTrue(m.token("operator-token-012345678").isEmpty());
    }

    @Test
    void loopbackIsTheDefaultAndNoSectionMeansNoChannel() throws Exception {
        Files.writeString(dir.resolve("k.p12"), "x");
        Files.writeString(dir.resolve("k.pass"), "x");
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "interfaces:\n  - {name: eth0, bandwidth: 1M}\nmanagement:\n  keystore: k.p12\n"
            + "  keystore-password-file: k.pass\n");
        ManagementConfig m = DaemonConfig.load(file).management().orElseThrow();
        assertEquals("127.0.0.1", m.host());
        assertEquals(ManagementConfig.DEFAULT_PORT, m.port());
        assertEquals(ManagementConfig.DEFAULT_RING, m.ring());
        assertTrue(DaemonConfig.parse("interfaces:\n  - {name: eth0, bandwidth: 1M}\n", "x.yaml").management()
            .isEmpty());
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse("""
            interfaces:
              - {name: eth0, bandwidth: 1M}
            management:
              listen: localhost
              keystore: /nonexistent/daemon.p12
              clients:
                - {subject: console-1, role: admin}
              tokens:
                - {name: alice, role: operator, token: short}
                - {name: bob, role: viewer}
                - {name: carol, role: viewer, sha256: abc}
              ring: 10
              colour: blue
            """, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("bad.yaml line 4: management: key 'listen': 'localhost' is not ADDRESS:PORT"), m);
        assertTrue(m.contains("bad.yaml line 5: management: key 'keystore': /nonexistent/daemon.p12 does not exist"),
            m);
        assertTrue(m.contains("key 'keystore-password-file' is missing"), m);
        assertTrue(m.contains("bad.yaml line 7: client at line 7: key 'role': 'admin' is not a role"), m);
        assertTrue(m.contains("'clients' maps certificate subjects to roles, but no 'client-ca'"), m);
        assertTrue(m.contains("bad.yaml line 9: token at line 9: key 'token': a token needs at least 16"), m);
        assertTrue(m.contains("bad.yaml line 10: token at line 10: give the token either as 'sha256:"), m);
        assertTrue(m.contains("bad.yaml line 11: token at line 11: key 'sha256': a SHA-256 is 64 hex digits"), m);
        assertTrue(m.contains("bad.yaml line 12: management: key 'ring':"), m);
        assertTrue(m.contains("bad.yaml line 13: management: unknown key 'colour'"), m);
    }
}
