package org.rsvpconsole.engine.rawip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;

class Ipv4DatagramsTest {

    private static final byte[] RSVP = {0x10, 7, 0, 0, 64, 0, 0, 8};

    private static byte[] datagram(boolean routerAlert, int ttl) {
        return new IpEncapsulation(Ipv4Address.of("10.0.0.1"), Ipv4Address.of("10.0.3.2"), ttl, routerAlert, false)
            .wrap(RSVP, 0, RSVP.length);
    }

    private static boolean checksumOk(byte[] d) {
        int ihl = (d[0] & 0x0f) * 4;
        long sum = 0;
        for (int i = 0; i < ihl; i += 2) {
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum == 0xffff;
    }

    @Test
    void findsTheRouterAlertOptionAndTheMessageType() {
        byte[] plain = datagram(false, 64);
        byte[] withRa = datagram(true, 64);
        assertFalse(Ipv4Datagrams.hasRouterAlert(plain));
        assertTrue(Ipv4Datagrams.hasRouterAlert(withRa));
        assertTrue(checksumOk(withRa));
        assertEquals(7, Ipv4Datagrams.rsvpType(plain));
        assertEquals(7, Ipv4Datagrams.rsvpType(withRa));
    }

    @Test
    void decrementsTtlWithAValidChecksumAndStopsAtOne() {
        byte[] d = datagram(true, 2);
        assertTrue(Ipv4Datagrams.decrementTtl(d));
        assertEquals(1, Ipv4Datagrams.ttl(d));
        assertTrue(checksumOk(d));
        assertFalse(Ipv4Datagrams.decrementTtl(d), "TTL 1 is not forwarded");
        assertEquals(1, Ipv4Datagrams.ttl(d));
    }

    @Test
    void answersNoToBytesThatAreNotIpv4() {
        assertEquals(-1, Ipv4Datagrams.headerLength(new byte[3]));
        byte[] v6 = new byte[48];
        v6[0] = 0x60;
        assertEquals(-1, Ipv4Datagrams.rsvpType(v6));
        assertFalse(Ipv4Datagrams.hasRouterAlert(v6));
        assertFalse(Ipv4Datagrams.decrementTtl(v6));
        byte[] bad = datagram(true, 64);
        bad[0] = 0x4f; // IHL beyond the datagram
        assertEquals(-1, Ipv4Datagrams.headerLength(Arrays.copyOf(bad, 40)));
        byte[] endOfOptions = datagram(false, 64);
        assertFalse(Ipv4Datagrams.hasRouterAlert(endOfOptions));
    }
}
