package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
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
            tear-copies: 6
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
        assertEquals(6, c.nodeConfig().tearCopies());
        assertEquals(List.of(new InterfaceSpec("eth0", 100_000_000, 10_000_000),
            new InterfaceSpec("eth1", 1_500_000_000L, 1_500_000_000L)), c.interfaces());
        assertEquals(1, c.policies().rules().size());
    }

    @Test
    void anAsNumberPutsTheNodeInAnAutonomousSystemAndABadOneIsRefusedWithItsLine() throws Exception {
        String ifaces = "interfaces:\n  - {name: eth0, bandwidth: 1M}\n";
        assertEquals(65003, DaemonConfig.parse("as: 65003\n" + ifaces, "r.yaml").asNumber());
        assertEquals(65003, DaemonConfig.parse("as: AS65003\n" + ifaces, "r.yaml").asNumber());
        assertEquals(org.rsvpconsole.engine.topology.Node.NO_AS, DaemonConfig.parse(ifaces, "r.yaml").asNumber());
        assertEquals(65004, DaemonConfig.parse(ifaces, "r.yaml").withAsNumber(65004).withStore("/tmp/x")
            .asNumber(), "kept by the with-methods");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse(
            "node: r1\nas: 70000\n" + ifaces, "bad.yaml"));
        assertTrue(e.getMessage().contains("bad.yaml line 2: key 'as': '70000' is not an AS number; write a number"
            + " from 1 to 65535"), e.getMessage());
    }

    @Test
    void hostDefaultsAndSocket() throws Exception {
        DaemonConfig c = DaemonConfig.parse("role: host\ninterfaces:\n  - {name: eth0, bandwidth: 1M}\n", "h.yaml");
        assertFalse(c.router());
        assertEquals(DaemonConfig.DEFAULT_SOCKET, c.controlSocket());
        assertEquals(30_000_000_000L, c.nodeConfig().refreshPeriodNanos());
        assertEquals(1, c.nodeConfig().tearCopies(), "one teardown, as RFC 2205 has it");
    }

    @Test
    void tearCopiesOutOfRangeIsRefusedWithTheLine() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse(
            "role: host\ntear-copies: 40\ninterfaces:\n  - {name: eth0, bandwidth: 1M}\n", "h.yaml"));
        assertTrue(e.getMessage().contains("h.yaml line 2: key 'tear-copies':"), e.getMessage());
        assertTrue(e.getMessage().contains("16"), e.getMessage());
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
    void ipv6InterfaceAddressesMakeAnIpv6Node() throws Exception {
        DaemonConfig c = DaemonConfig.parse("role: router\ninterfaces:\n"
            + "  - {name: eth0, bandwidth: 1M, address: 2001:db8:1::1}\n"
            + "  - {name: eth1, bandwidth: 1M, address: 2001:DB8:2:0::1}\n", "r.yaml");
        assertEquals(List.of(IpAddress.of("2001:db8:1::1"), IpAddress.of("2001:db8:2::1")),
            c.interfaces().stream().map(InterfaceSpec::address).toList());
        DaemonConfig v4 = DaemonConfig.parse("interfaces:\n  - {name: eth0, bandwidth: 1M, address: 192.0.2.1}\n"
            + "  - {name: eth1, bandwidth: 1M}\n", "x.yaml");
        assertEquals(IpAddress.of("192.0.2.1"), v4.interfaces().get(0).address());
        assertEquals(null, v4.interfaces().get(1).address(), "no address: the interface's first IPv4");
    }

    @Test
    void mixedFamiliesBadAddressesAndUdpOnIpv6AreRefusedWithTheLine() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse(
            "role: host\nencapsulation: udp\ninterfaces:\n  - {name: eth0, bandwidth: 1M, address: 2001:db8::1}\n"
                + "  - {name: eth1, bandwidth: 1M}\n  - {name: eth2, bandwidth: 1M, address: 2001:db8::x}\n"
                + "  - {name: eth3, bandwidth: 1M, address: ff02::1}\n"
                + "  - {name: eth4, bandwidth: 1M, address: fe80::1}\n", "h.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("the interfaces mix IPv6 (eth0) and IPv4 (eth1); a node runs one address family"), m);
        assertTrue(m.contains("key 'encapsulation': udp (RFC 2205 Appendix C) is for IPv4"), m);
        assertTrue(m.contains("key 'address': '2001:db8::x' is not an IPv4 or IPv6 address"), m);
        assertTrue(m.contains("key 'address': ff02::1 is a multicast address"), m);
        assertTrue(m.contains("key 'address': fe80::1 is a link-local address"), m);
        assertEquals(5, e.problems().size(), m);
    }

    @Test
    void noInterfacesSaysHowToWriteThem() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class,
            () -> DaemonConfig.parse("node: r1\n", "x.yaml"));
        assertTrue(e.getMessage().contains("there is no 'interfaces:' list"), e.getMessage());
        assertTrue(e.getMessage().contains("- name: eth0"), e.getMessage());
    }

    /** The topology file's 'neighbours:' section, read by the same reader; neighbours are addresses here. */
    @Test
    void readsTheNeighboursSection(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("r1.key"), "00112233445566778899aabbccddeeff\n");
        Path file = dir.resolve("r1.yaml");
        java.nio.file.Files.writeString(file, """
            role: router
            interfaces:
              - {name: eth0, bandwidth: 1M}
            neighbours:
              refresh-reduction: {rf: 200ms, rl: 2, bundling: false}
              integrity:
                keys:
                  - {id: 7, key-file: r1.key}
                  - {id: 0x2a, algorithm: hmac-md5, key: "0xc0ffee", neighbour: 10.0.1.2}
              hello: {interval: 100ms, dead-intervals: 4}
            """);
        org.rsvpconsole.engine.node.NeighbourConfig n = DaemonConfig.load(file).nodeConfig().neighbours();
        assertTrue(n.refreshReduction().enabled());
        assertEquals(200_000_000L, n.refreshReduction().rfNanos());
        assertEquals(2, n.refreshReduction().retransmitLimit());
        assertFalse(n.refreshReduction().bundling());
        assertEquals(2, n.integrity().keys().size());
        assertEquals(7, n.integrity().keys().get(0).keyId());
        assertEquals(null, n.integrity().keys().get(0).neighbour(), "a key for every neighbour");
        assertEquals(16, n.integrity().keys().get(0).secret().length);
        assertEquals(org.rsvpconsole.engine.api.IpAddress.of("10.0.1.2"), n.integrity().keys().get(1).neighbour());
        assertEquals(org.rsvpconsole.engine.node.NeighbourConfig.HmacAlgorithm.HMAC_MD5,
            n.integrity().keys().get(1).algorithm());
        assertTrue(n.hello().enabled());
        assertEquals(100_000_000L, n.hello().intervalNanos());
        assertEquals(4.0, n.hello().deadIntervals());
        assertFalse(n.toString().contains("c0ffee") || n.toString().contains("00112233"), n.toString());
        assertFalse(DaemonConfig.parse("interfaces:\n  - {name: eth0, bandwidth: 1M}\n", "x.yaml").nodeConfig()
            .neighbours().active(), "off without the section");
    }

    @Test
    void neighbourProblemsHaveFileLineAndKeyButNeverTheKey() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse("""
            interfaces:
              - {name: eth0, bandwidth: 1M}
            neighbours:
              refresh-reduction: maybe
              integrity:
                keys:
                  - {id: 1, key: "0xdeadbeefZZ"}
                  - {id: 2, key: "0x0102", interface: eth0}
                  - {id: 3, key: "0x0102", neighbour: r2}
              hello: {interval: 1ns}
              colour: red
            """, "n.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("n.yaml line 4: neighbours: key 'refresh-reduction': 'maybe' is not on or off"), m);
        assertTrue(m.contains("n.yaml line 7: neighbours: key 'key': not an even number of hexadecimal digits"), m);
        assertTrue(m.contains("n.yaml line 8: neighbours: a daemon does not know which neighbour is on an"
            + " interface"), m);
        assertTrue(m.contains("n.yaml line 9: neighbours: key 'neighbour': 'r2' is not an IP address"), m);
        assertTrue(m.contains("n.yaml line 10: neighbours: key 'interval'"), m);
        assertTrue(m.contains("colour"), m);
        assertFalse(m.contains("deadbeef"), "the secret is never echoed: " + m);
        assertEquals(6, e.problems().size(), m);
    }

    @Test
    void keysOnlyForSingleNeighboursAreRefused() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse("""
            interfaces:
              - {name: eth0, bandwidth: 1M}
            neighbours:
              integrity:
                keys:
                  - {id: 1, key: "0x0102", neighbour: 10.0.1.2}
            """, "k.yaml"));
        assertTrue(e.getMessage().contains("k.yaml line 6: neighbours: every key names a neighbour, but a daemon"
            + " signs Path and PathTear before it knows the next hop"), e.getMessage());
        assertEquals(1, e.problems().size());
    }

    @Test
    void aMissingKeyFileIsLookedForBesideTheConfiguration(@org.junit.jupiter.api.io.TempDir Path dir)
        throws Exception {
        Path file = dir.resolve("r1.yaml");
        java.nio.file.Files.writeString(file, "interfaces:\n  - {name: eth0, bandwidth: 1M}\nneighbours:\n"
            + "  integrity:\n    keys:\n      - {id: 1, key-file: missing.key}\n");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.load(file));
        assertTrue(e.getMessage().contains("line 6: neighbours: key 'key-file': no such file "
            + dir.resolve("missing.key") + "; relative paths start at the configuration file's directory"),
            e.getMessage());
    }
}
