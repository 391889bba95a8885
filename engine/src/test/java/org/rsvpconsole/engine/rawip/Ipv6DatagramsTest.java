package org.rsvpconsole.engine.rawip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;

class Ipv6DatagramsTest {

    private static final byte[] RSVP = {0x10, 1, 0, 0, 64, 0, 0, 8};
    private static final Ipv6Address SRC = Ipv6Address.of("fd00:1::1");
    private static final Ipv6Address DST = Ipv6Address.of("fd00:3::2");

    private static byte[] datagram(boolean routerAlert, int hopLimit) {
        return new IpEncapsulation(SRC, DST, hopLimit, routerAlert, false).wrap(RSVP, 0, RSVP.length);
    }

    @Test
    void findsTheHopByHopRouterAlertAndTheMessageType() {
        byte[] plain = datagram(false, 64);
        byte[] withRa = datagram(true, 64);
        assertFalse(Ipv6Datagrams.hasRouterAlert(plain));
        assertTrue(Ipv6Datagrams.hasRouterAlert(withRa));
        assertEquals(40, Ipv6Datagrams.payloadOffset(plain));
        assertEquals(48, Ipv6Datagrams.payloadOffset(withRa));
        assertEquals(46, Ipv6Datagrams.protocol(withRa));
        assertEquals(1, Ipv6Datagrams.rsvpType(plain));
        assertEquals(1, Ipv6Datagrams.rsvpType(withRa));
        assertEquals(DST, Ipv6Datagrams.destination(withRa));
        // After a Pad1 and a PadN, as other speakers may place it (RFC 2711 §2.1: option type 5).
        byte[] h = {46, 1, 0, 1, 0, 5, 2, 0, 1, 1, 5, 0, 0, 0, 0, 0};
        assertTrue(Ipv6Datagrams.hopByHopHasRouterAlert(h, 0, h.length));
        byte[] padOnly = {46, 0, 1, 4, 5, 2, 0, 1};
        assertFalse(Ipv6Datagrams.hopByHopHasRouterAlert(padOnly, 0, 8), "a type 5 inside a PadN's data is no option");
    }

    @Test
    void decrementsTheHopLimitAndStopsAtOne() {
        byte[] d = datagram(true, 2);
        assertTrue(Ipv6Datagrams.decrementHopLimit(d));
        assertEquals(1, d[7]);
        assertFalse(Ipv6Datagrams.decrementHopLimit(d), "hop limit 1 is not forwarded");
        assertEquals(1, d[7]);
    }

    @Test
    void rebuildsTheDatagramAProtocol46SocketStrippedFromItsAncillaryData() {
        byte[] hopOptions = {46, 0, 5, 2, 0, 1, 1, 0};
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        SRC.copyTo(src, 0);
        DST.copyTo(dst, 0);
        byte[] rebuilt = Ipv6Datagrams.rebuild(new Libc.Received(RSVP.clone(), 2, src, dst, 63, hopOptions));
        assertArrayEquals(datagram(true, 63), rebuilt);
        assertArrayEquals(datagram(false, 63), Ipv6Datagrams.rebuild(new Libc.Received(RSVP.clone(), 2, src, dst,
            63, new byte[0])));
        assertNull(Ipv6Datagrams.rebuild(new Libc.Received(RSVP, 2, null, dst, 63, hopOptions)), "no msg_name");
        assertNull(Ipv6Datagrams.rebuild(new Libc.Received(RSVP, 2, src, null, 63, hopOptions)), "no PKTINFO");
        assertNull(Ipv6Datagrams.rebuild(new Libc.Received(RSVP, 2, src, dst, -1, hopOptions)), "no HOPLIMIT");
    }

    @Test
    void answersNoToBytesThatAreNotIpv6AndNeverThrows() {
        assertEquals(-1, Ipv6Datagrams.payloadOffset(new byte[39]));
        byte[] v4 = new byte[48];
        v4[0] = 0x45;
        assertEquals(-1, Ipv6Datagrams.rsvpType(v4));
        assertFalse(Ipv6Datagrams.hasRouterAlert(v4));
        byte[] cut = Arrays.copyOf(datagram(true, 64), 44);
        assertEquals(-1, Ipv6Datagrams.payloadOffset(cut), "a hop-by-hop header cut short");
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(80)];
            r.nextBytes(junk);
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = 0x60;
            }
            if (junk.length > 6 && r.nextBoolean()) {
                junk[6] = 0;
            }
            Ipv6Datagrams.hasRouterAlert(junk);
            Ipv6Datagrams.rsvpType(junk);
            Ipv6Datagrams.hopByHopHasRouterAlert(junk, 0, junk.length);
            Ipv6Datagrams.decrementHopLimit(junk);
        }
    }
}
