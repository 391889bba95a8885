package org.rsvpconsole.engine.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;

class PcapWriterTest {

    private static final byte[] RSVP = CaptureBytes.path();
    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L, 250_000_000);

    /** Every combination: IPv4/IPv6 x Router Alert on/off x raw/UDP. */
    static List<IpEncapsulation> combinations() {
        List<IpEncapsulation> out = new ArrayList<>();
        IpAddress[][] pairs = {{IpAddress.of("192.0.2.1"), IpAddress.of("192.0.2.2")},
            {IpAddress.of("2001:db8::1"), IpAddress.of("2001:db8::2")}};
        for (IpAddress[] pair : pairs) {
            for (boolean ra : new boolean[] {true, false}) {
                for (boolean udp : new boolean[] {false, true}) {
                    out.add(new IpEncapsulation(pair[0], pair[1], 63, ra, udp));
                }
            }
        }
        return out;
    }

    private static byte[] writeAll(List<IpEncapsulation> encs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes)) {
            for (int i = 0; i < encs.size(); i++) {
                w.writeRsvp(T0.plusSeconds(i), encs.get(i), RSVP);
            }
            assertEquals(encs.size(), w.packetsWritten());
        }
        return bytes.toByteArray();
    }

    @Test
    void whatItWritesReadsBackExactly() throws IOException {
        List<IpEncapsulation> encs = combinations();
        byte[] file = writeAll(encs);
        try (RsvpCapture c = new RsvpCapture(CaptureReaderTest.open(file))) {
            assertEquals(CaptureFormat.PCAP, c.reader().format());
            for (int i = 0; i < encs.size(); i++) {
                IpEncapsulation e = encs.get(i);
                RsvpPacket p = c.next();
                assertEquals(i + 1, p.frameNumber());
                assertEquals(T0.plusSeconds(i), p.timestamp());
                assertEquals(e.source(), p.source());
                assertEquals(e.destination(), p.destination());
                assertEquals(63, p.ttl());
                assertEquals(e.routerAlert(), p.routerAlert(), e.toString());
                assertEquals(e.udp() ? Transport.UDP : Transport.RAW_IP, p.transport());
                assertEquals(e.headerLength(), p.offset());
                assertArrayEquals(RSVP, p.rsvpBytes());
                assertFalse(p.truncated());
            }
            assertNull(c.next());
            assertEquals(Optional.empty(), c.error());
            assertEquals(0, c.framesWithoutRsvp());
        }
    }

    @Test
    void ipv4HeaderGoldenBytes() {
        IpEncapsulation e = new IpEncapsulation(IpAddress.of("10.0.0.1"), IpAddress.of("224.0.0.14"), 1, true,
            false);
        byte[] p = e.wrap(RSVP, 0, RSVP.length);
        // 46: version 4, IHL 6; total 24+40=64; TTL 1, protocol 46; Router Alert 94 04 00 00.
        byte[] header = CaptureBytes.hex("46 00 0040 0000 0000 01 2e 0000 0a000001 e000000e 94040000");
        int sum = Bytes.internetChecksum(p, 0, 24, 0);
        assertEquals(0, sum, "a correct IPv4 header sums to zero");
        p[10] = 0;
        p[11] = 0;
        assertArrayEquals(header, java.util.Arrays.copyOf(p, 24));
    }

    @Test
    void ipv6HopByHopGoldenBytes() {
        IpEncapsulation e = new IpEncapsulation(IpAddress.of("fe80::1"), IpAddress.of("ff02::e"), 255, true, true);
        byte[] p = e.wrap(RSVP, 0, RSVP.length);
        // Hop-by-hop: next header 17 (UDP), length 0, Router Alert (5, 2, value 1 = RSVP), PadN(0).
        assertArrayEquals(CaptureBytes.hex("11 00 0502 0001 0100"), java.util.Arrays.copyOfRange(p, 40, 48));
        assertEquals(0, p[6], "next header: hop-by-hop");
        assertEquals(8 + 8 + RSVP.length, Bytes.u16(p, 4));
        // UDP checksum over the IPv6 pseudo-header (RFC 8200 §8.1) verifies to zero.
        int udpLen = 8 + RSVP.length;
        long pseudo = Bytes.sum16(p, 8, 32) + udpLen + 17;
        assertEquals(0, Bytes.internetChecksum(p, 48, udpLen, pseudo));
    }

    @Test
    void invalidEncapsulationsAreRefused() {
        assertThrows(IllegalArgumentException.class,
            () -> new IpEncapsulation(IpAddress.of("10.0.0.1"), IpAddress.of("::1"), 1, false, false));
        assertThrows(IllegalArgumentException.class,
            () -> new IpEncapsulation(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"), 256, false, false));
        IpEncapsulation e = IpEncapsulation.of(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"), 64);
        assertThrows(IllegalArgumentException.class, () -> e.wrap(new byte[70000], 0, 70000));
        assertThrows(IllegalArgumentException.class,
            () -> new PcapWriter(new ByteArrayOutputStream()).writePacket(Instant.ofEpochSecond(-1), RSVP));
    }

    @Test
    void tsharkDecodesEveryCombination(@TempDir Path dir) throws Exception {
        Tshark.require();
        List<IpEncapsulation> encs = combinations();
        Path file = dir.resolve("written.pcap");
        Files.write(file, writeAll(encs));
        // Wireshark 4.0 binds RSVP-over-UDP only to port 3455, not to the RFC 2205 Appendix C ports: decode as.
        List<String> lines = Tshark.run("-r", file.toString(), "-d", "udp.port==1698,rsvp",
            "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE", "-Y", "rsvp", "-T", "fields", "-E", "separator=|",
            "-e", "frame.number", "-e", "rsvp.msg", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
            "-e", "ip.opt.ra", "-e", "ipv6.opt.router_alert", "-e", "ip.ttl", "-e", "ipv6.hlim");
        assertEquals(encs.size(), lines.size(), () -> "tshark saw RSVP in every frame: " + lines);
        for (int i = 0; i < encs.size(); i++) {
            IpEncapsulation e = encs.get(i);
            String[] f = lines.get(i).split("\\|", -1);
            String where = e + " -> " + lines.get(i);
            assertEquals(String.valueOf(i + 1), f[0], where);
            assertEquals("1", f[1], "a Path message: " + where);
            boolean v4 = e.source().length() == 4;
            if (v4) {
                assertEquals("1", f[2], "IPv4 header checksum good: " + where);
                assertEquals("63", f[6], where);
            } else {
                assertEquals("63", f[7], where);
            }
            if (e.udp()) {
                assertEquals("1", f[3], "UDP checksum good: " + where);
            }
            if (e.routerAlert()) {
                assertEquals(v4 ? "0" : "1", v4 ? f[4] : f[5], "Router Alert value: " + where);
            } else {
                assertTrue(f[4].isEmpty() && f[5].isEmpty(), "no Router Alert: " + where);
            }
        }
        long goodChecksums = Tshark.run("-r", file.toString(), "-d", "udp.port==1698,rsvp", "-V",
                "-Y", "rsvp").stream()
            .filter(l -> l.contains("Message Checksum:") && l.contains("[correct]")).count();
        assertEquals(encs.size(), goodChecksums, "tshark finds every RSVP checksum correct");
    }
}
