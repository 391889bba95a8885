package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;

class DaemonConfigTest {

    @Test
    void readsAFullConfiguration() throws Exception {
        DaemonConfig c = DaemonConfig.parse("""
            version: 1
            node: r1
            role: router
            encapsulation: raw
            control-socket: /tmp/r1.sock
            refresh: 5s
            keep: 4
            interfaces:
              - name: eth0
                bandwidth: 100M
                per-flow: 10M
              - name: eth1
                bandwidth: 1.5G
            policies:
              - name: voice
                match: {destination-port: 16384-32767, protocol: udp}
                max-rate-per-flow: 80k
            """, "node.yaml");
        assertEquals("r1", c.node());
        assertTrue(c.router());
        assertEquals(DaemonConfig.Encapsulation.RAW, c.encapsulation());
        assertEquals(Path.of("/tmp/r1.sock"), c.controlSocket());
        assertEquals(5_000_000_000L, c.nodeConfig().refreshPeriodNanos());
        assertEquals(4, c.nodeConfig().keepMultiplier());
        assertEquals(List.of(new InterfaceSpec("eth0", 100_000_000, 10_000_000),
            new InterfaceSpec("eth1", 1_500_000_000L, 1_500_000_000L)), c.interfaces());
        assertEquals(1, c.policies().rules().size());
    }

    @Test
    void hostDefaultsAndSocket() throws Exception {
        DaemonConfig c = DaemonConfig.parse("role: host\ninterfaces:\n  - {name: eth0, bandwidth: 1M}\n", "h.yaml");
        assertFalse(c.router());
        assertEquals(DaemonConfig.DEFAULT_SOCKET, c.controlSocket());
        assertEquals(30_000_000_000L, c.nodeConfig().refreshPeriodNanos());
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse("""
            node: r1
            role: switch
            encapsulation: gre
            interfaces:
              - name: eth0
                bandwidth: lots
              - name: eth1
                bandwidth: 1M
                per-flow: 2M
              - name: eth0
                bandwidth: 1M
              - bandwidth: 1M
            colour: blue
            """, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("bad.yaml line 2: key 'role': 'switch' is not a role; write 'router' or 'host'"), m);
        assertTrue(m.contains("bad.yaml line 3: key 'encapsulation': 'gre' is not an encapsulation"), m);
        assertTrue(m.contains("bad.yaml line 6: interface at line 5: key 'bandwidth':"), m);
        assertTrue(m.contains("bad.yaml line 9: interface eth1: key 'per-flow': 2M is more than"), m);
        assertTrue(m.contains("bad.yaml line 10: interface at line 10: interface 'eth0' is listed twice"), m);
        assertTrue(m.contains("key 'name' is missing; add it, like 'name: eth0'"), m);
        assertTrue(m.contains("colour"), m);
        assertEquals(7, e.problems().size(), m);
    }

    @Test
    void udpHostStoreAndUdpHostsInterfaces() throws Exception {
        DaemonConfig h = DaemonConfig.parse("role: host\nencapsulation: udp\nstore: /tmp/h.mv.db\ninterfaces:\n"
            + "  - {name: eth0, bandwidth: 1M}\n", "h.yaml");
        assertEquals(DaemonConfig.Encapsulation.UDP, h.encapsulation());
        assertEquals(java.util.Optional.of("/tmp/h.mv.db"), h.store());
        DaemonConfig r = DaemonConfig.parse("role: router\ninterfaces:\n  - {name: eth0, bandwidth: 1M,"
            + " udp-hosts: true}\n  - {name: eth1, bandwidth: 1M}\n", "r.yaml");
        assertEquals(List.of(new InterfaceSpec("eth0", 1_000_000, 1_000_000, true),
            new InterfaceSpec("eth1", 1_000_000, 1_000_000, false)), r.interfaces());
        assertEquals(java.util.Optional.empty(), r.store());
        assertEquals(DaemonConfig.Encapsulation.UDP, r.withUdp().encapsulation());
    }

    @Test
    void aRelativeStoreIsBesideTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.yaml");
        java.nio.file.Files.writeString(file, "role: host\nstore: history\ninterfaces:\n"
            + "  - {name: lo, bandwidth: 1M}\n");
        assertEquals(java.util.Optional.of(dir.resolve("history").toString()), DaemonConfig.load(file).store());
        java.nio.file.Files.writeString(file, "role: host\nstore: jdbc:h2:mem:x\ninterfaces:\n"
            + "  - {name: lo, bandwidth: 1M}\n");
        assertEquals(java.util.Optional.of("jdbc:h2:mem:x"), DaemonConfig.load(file).store());
    }

    @Test
    void udpOnARouterOrABadFlagIsRefusedWithTheLine() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse(
            "role: router\nencapsulation: udp\ninterfaces:\n  - {name: eth0, bandwidth: 1M, udp-hosts: maybe}\n",
            "r.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("r.yaml line 2: key 'encapsulation': udp is for hosts (RFC 2205 Appendix C)"), m);
        assertTrue(m.contains("r.yaml line 4: interface eth0: key 'udp-hosts': 'maybe' is not true or false")
            || m.contains("key 'udp-hosts': 'maybe' is not true or false"), m);
        assertEquals(2, e.problems().size(), m);
    }

    @Test
    void noInterfacesSaysHowToWriteThem() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class,
            () -> DaemonConfig.parse("node: r1\n", "x.yaml"));
        assertTrue(e.getMessage().contains("there is no 'interfaces:' list"), e.getMessage());
        assertTrue(e.getMessage().contains("- name: eth0"), e.getMessage());
    }
}
