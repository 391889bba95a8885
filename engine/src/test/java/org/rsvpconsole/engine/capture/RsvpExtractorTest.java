package org.rsvpconsole.engine.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.capture.CaptureBytes.concat;
import static org.rsvpconsole.engine.capture.CaptureBytes.ethernet;
import static org.rsvpconsole.engine.capture.CaptureBytes.hex;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

class RsvpExtractorTest {

    private static final byte[] RSVP = CaptureBytes.path();
    private static final IpAddress V4_SRC = IpAddress.of("192.0.2.1");
    private static final IpAddress V4_DST = IpAddress.of("192.0.2.2");
    private static final IpAddress V6_SRC = IpAddress.of("2001:db8::1");
    private static final IpAddress V6_DST = IpAddress.of("2001:db8::2");

    private static Frame frame(int linkType, byte[] data) {
        return new Frame(7, Instant.ofEpochSecond(5), linkType, data, data.length, 0);
    }

    private static RsvpPacket found(int linkType, byte[] data) {
        Frame f = frame(linkType, data);
        RsvpPacket p = assertInstanceOf(RsvpPacket.class, RsvpExtractor.extract(f));
        assertSame(data, p.frame(), "RSVP bytes are a view into the frame, not a copy");
        assertEquals(7, p.frameNumber());
        assertEquals(Instant.ofEpochSecond(5), p.timestamp());
        return p;
    }

    private static NoRsvp none(int linkType, byte[] data) {
        return assertInstanceOf(NoRsvp.class, RsvpExtractor.extract(frame(linkType, data)));
    }

    private static byte[] v4(boolean ra, boolean udp) {
        return new IpEncapsulation(V4_SRC, V4_DST, 61, ra, udp).wrap(RSVP, 0, RSVP.length);
    }

    private static byte[] v6(boolean ra, boolean udp) {
        return new IpEncapsulation(V6_SRC, V6_DST, 62, ra, udp).wrap(RSVP, 0, RSVP.length);
    }

    private static void assertRsvp(RsvpPacket p, int offset) {
        assertEquals(offset, p.offset());
        assertEquals(RSVP.length, p.length());
        assertArrayEquals(RSVP, p.rsvpBytes());
        assertFalse(p.truncated());
        assertFalse(p.fragment());
    }

    @Test
    void ethernetIpv4WithRouterAlert() {
        RsvpPacket p = found(LinkType.ETHERNET, ethernet(0x0800, v4(true, false)));
        assertRsvp(p, 14 + 24);
        assertEquals(V4_SRC, p.source());
        assertEquals(V4_DST, p.destination());
        assertEquals(61, p.ttl());
        assertTrue(p.routerAlert());
        assertEquals(Transport.RAW_IP, p.transport());
    }

    @Test
    void ipv4WithoutRouterAlert() {
        RsvpPacket p = found(LinkType.RAW, v4(false, false));
        assertRsvp(p, 20);
        assertFalse(p.routerAlert());
    }

    @Test
    void routerAlertFoundAfterOtherOptions() {
        // IHL 7: NOP, NOP, a 4-byte unknown option (type 0x88, stream id), Router Alert, EOL padding.
        byte[] ip = v4(false, false);
        byte[] opts = hex("0101 88040000 94040000 00 000000");
        byte[] h = concat(Arrays.copyOf(ip, 20), Arrays.copyOf(opts, 8), Arrays.copyOfRange(ip, 20, ip.length));
        h[0] = 0x47;
        h[3] = (byte) (h.length);
        RsvpPacket p = found(LinkType.RAW, h);
        assertTrue(p.routerAlert());
        assertRsvp(p, 28);
    }

    @Test
    void vlanTagsAreWalked() {
        RsvpPacket one = found(LinkType.ETHERNET, ethernet(0x0800, v4(true, false), 0x8100));
        assertRsvp(one, 18 + 24);
        RsvpPacket qinq = found(LinkType.ETHERNET, ethernet(0x86dd, v6(true, false), 0x88a8, 0x8100));
        assertRsvp(qinq, 22 + 48);
        assertTrue(qinq.routerAlert());
    }

    @Test
    void llcSnapEthernet() {
        byte[] frame = concat(hex("01005e000001 001122334455"), new byte[] {0, 60}, hex("aaaa03 000000 0800"),
            v4(false, false));
        assertRsvp(found(LinkType.ETHERNET, frame), 22 + 20);
    }

    @Test
    void ipv6HopByHopRouterAlert() {
        RsvpPacket p = found(LinkType.RAW, v6(true, false));
        assertRsvp(p, 48);
        assertTrue(p.routerAlert());
        assertEquals(62, p.ttl());
        assertEquals(V6_SRC, p.source());
        assertEquals(V6_DST, p.destination());
        RsvpPacket plain = found(LinkType.IPV6, v6(false, false));
        assertRsvp(plain, 40);
        assertFalse(plain.routerAlert());
    }

    @Test
    void ipv6ExtensionChainWithFirstFragment() {
        byte[] ip = v6(false, false);
        // Destination options (8 bytes: PadN) then a fragment header at offset 0 with M set, then RSVP.
        byte[] dest = hex("2c00 0104 00000000");
        byte[] frag = hex("2e00 0001 12345678");
        byte[] p = concat(Arrays.copyOf(ip, 40), dest, frag, RSVP);
        p[6] = 60;
        p[5] = (byte) (16 + RSVP.length);
        RsvpPacket r = found(LinkType.RAW, p);
        assertEquals(56, r.offset());
        assertTrue(r.fragment());
        assertFalse(r.routerAlert(), "Router Alert only counts in hop-by-hop options");
    }

    @Test
    void nonFirstFragmentsAreSkippedAndSaySo() {
        byte[] ip4 = v4(false, false);
        ip4[6] = 0x00;
        ip4[7] = 0x10;
        NoRsvp n4 = none(LinkType.RAW, ip4);
        assertEquals(NoRsvp.Reason.NON_FIRST_FRAGMENT, n4.reason());
        assertTrue(n4.detail().contains("offset 128"), n4.detail());
        byte[] ip6 = v6(false, false);
        byte[] p = concat(Arrays.copyOf(ip6, 40), hex("2e00 0020 12345678"), RSVP);
        p[6] = 44;
        p[5] = (byte) (8 + RSVP.length);
        assertEquals(NoRsvp.Reason.NON_FIRST_FRAGMENT, none(LinkType.RAW, p).reason());
    }

    @Test
    void firstIpv4FragmentStillCarriesRsvp() {
        byte[] ip4 = v4(false, false);
        ip4[6] = 0x20;
        assertTrue(found(LinkType.RAW, ip4).fragment());
    }

    @Test
    void udpEncapsulationEitherPortEitherDirection() {
        RsvpPacket p = found(LinkType.RAW, v4(false, true));
        assertRsvp(p, 28);
        assertEquals(Transport.UDP, p.transport());
        byte[] toHost = v6(true, true);
        // Source port 1699, destination port 40000: still RSVP (Appendix C, router to host).
        toHost[48] = 0x06;
        toHost[49] = (byte) 0xa3;
        toHost[50] = (byte) 0x9c;
        toHost[51] = 0x40;
        RsvpPacket q = found(LinkType.RAW, toHost);
        assertEquals(Transport.UDP, q.transport());
        assertRsvp(q, 56);
        byte[] other = v4(false, true);
        other[20] = 0;
        other[21] = 53;
        other[22] = 0;
        other[23] = 53;
        NoRsvp n = none(LinkType.RAW, other);
        assertEquals(NoRsvp.Reason.NOT_RSVP, n.reason());
        assertEquals("UDP 53 -> 53 (not RSVP)", n.detail());
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] sll = concat(hex("0000 0001 0006 001122334455 0000 0800"), v4(true, false));
        assertRsvp(found(LinkType.LINUX_SLL, sll), 16 + 24);
        byte[] sll2 = concat(hex("86dd 0000 00000002 0001 00 06 001122334455 0000"), v6(true, false));
        assertRsvp(found(LinkType.LINUX_SLL2, sll2), 20 + 48);
    }

    @Test
    void rawVariantsAndNullLoopback() {
        for (int lt : new int[] {LinkType.RAW_12, LinkType.RAW_14, LinkType.IPV4}) {
            assertRsvp(found(lt, v4(false, false)), 20);
        }
        assertRsvp(found(LinkType.RAW_14, v6(false, false)), 40);
        assertRsvp(found(LinkType.NULL, concat(hex("02000000"), v4(false, false))), 24);
        assertRsvp(found(LinkType.NULL, concat(hex("0000001e"), v6(false, false))), 44);
        assertRsvp(found(LinkType.LOOP, concat(hex("00000002"), v4(false, false))), 24);
        assertRsvp(found(LinkType.PPP, concat(hex("ff030021"), v4(false, false))), 24);
    }

    @Test
    void truncatedDatagramGivesWhatWasCaptured() {
        byte[] ip = v4(true, false);
        byte[] cut = Arrays.copyOf(ip, ip.length - 10);
        RsvpPacket p = found(LinkType.RAW, cut);
        assertTrue(p.truncated());
        assertEquals(RSVP.length - 10, p.length());
    }

    @Test
    void framesWithoutRsvp() {
        assertEquals(NoRsvp.Reason.NOT_IP, none(LinkType.ETHERNET, ethernet(0x0806, new byte[28])).reason());
        byte[] tcp = v4(false, false);
        tcp[9] = 6;
        NoRsvp n = none(LinkType.RAW, tcp);
        assertEquals(NoRsvp.Reason.NOT_RSVP, n.reason());
        assertEquals("IPv4 protocol 6 (not RSVP)", n.detail());
        assertEquals(NoRsvp.Reason.BAD_IP_HEADER, none(LinkType.RAW, Arrays.copyOf(v4(false, false), 19)).reason());
        byte[] badIhl = v4(false, false);
        badIhl[0] = 0x43;
        assertEquals(NoRsvp.Reason.BAD_IP_HEADER, none(LinkType.RAW, badIhl).reason());
        byte[] longIhl = Arrays.copyOf(v4(false, false), 30);
        longIhl[0] = 0x4f;
        assertEquals(NoRsvp.Reason.BAD_IP_HEADER, none(LinkType.RAW, longIhl).reason());
        assertEquals(NoRsvp.Reason.UNSUPPORTED_LINK_TYPE, none(147, v4(false, false)).reason());
        assertEquals(NoRsvp.Reason.NOT_IP, none(LinkType.ETHERNET, new byte[5]).reason());
        assertEquals(NoRsvp.Reason.BAD_IP_HEADER, none(LinkType.RAW, new byte[0]).reason());
        assertEquals(NoRsvp.Reason.BAD_IP_HEADER, none(LinkType.RAW, Arrays.copyOf(v6(true, false), 45)).reason());
    }

    @Test
    void everyTruncationOfEveryFrameIsSafe() {
        byte[][] frames = {ethernet(0x0800, v4(true, true), 0x8100), ethernet(0x86dd, v6(true, true)),
            concat(hex("86dd 0000 00000002 0001 00 06 001122334455 0000"), v6(true, false))};
        int[] types = {LinkType.ETHERNET, LinkType.ETHERNET, LinkType.LINUX_SLL2};
        int packets = 0;
        for (int i = 0; i < frames.length; i++) {
            for (int cut = 0; cut <= frames[i].length; cut++) {
                Extraction e = RsvpExtractor.extract(frame(types[i], Arrays.copyOf(frames[i], cut)));
                if (e instanceof RsvpPacket p) {
                    assertTrue(p.offset() + p.length() <= cut);
                    packets++;
                }
            }
        }
        assertTrue(packets > 100, "truncated datagrams still yield their RSVP bytes: " + packets);
    }
}
