package org.rsvpconsole.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text form of addresses: dotted quad, RFC 5952 for IPv6; writeText and toString agree byte for byte. */
class IpAddressTextTest {

    @Test
    void ipv4IsTheDottedQuad() {
        Random random = new Random(2205);
        for (int k = 0; k < 10000; k++) {
            int bits = k < 256 ? k * 0x01010101 : random.nextInt();
            String expected = (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "."
                + (bits & 0xff);
            Ipv4Address a = new Ipv4Address(bits);
            assertEquals(expected, a.toString());
            assertWriteTextIsToString(a);
        }
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups as ::, first if tied. */
    @Test
    void ipv6IsTheRfc5952Form() {
        for (List<String> example : List.of(
            List.of("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            List.of("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            List.of("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            List.of("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            List.of("0:0:0:0:0:0:0:0", "::"),
            List.of("0:0:0:0:0:0:0:1", "::1"),
            List.of("fe80:0:0:0:0:0:0:0", "fe80::"),
            List.of("ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"),
            List.of("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"))) {
            Ipv6Address a = Ipv6Address.of(example.get(0));
            assertEquals(example.get(1), a.toString(), example.get(0));
            assertWriteTextIsToString(a);
        }
        // Random addresses with zero groups: the text reads back as the same address.
        Random random = new Random(2205);
        for (int k = 0; k < 5000; k++) {
            long high = 0;
            long low = 0;
            for (int g = 0; g < 4; g++) {
                high = (high << 16) | (random.nextBoolean() ? 0 : random.nextInt(0x10000));
                low = (low << 16) | (random.nextBoolean() ? 0 : random.nextInt(0x10000));
            }
            Ipv6Address a = new Ipv6Address(high, low);
            assertEquals(a, Ipv6Address.of(a.toString()), a::toString);
            assertWriteTextIsToString(a);
        }
    }

    private static void assertWriteTextIsToString(IpAddress a) {
        byte[] dst = new byte[IpAddress.MAX_TEXT + 7];
        Arrays.fill(dst, (byte) '#');
        int end = a.writeText(dst, 3);
        assertEquals("###" + a + "#".repeat(dst.length - end), new String(dst, StandardCharsets.ISO_8859_1));
    }
}
