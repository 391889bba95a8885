package org.rsvpconsole.engine.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An IPv6 address held as two 64-bit halves; text form per RFC 5952. */
public record Ipv6Address(long high, long low) implements IpAddress {

    public static Ipv6Address of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv6 address: " + text));
    }

    public static Optional<Ipv6Address> parse(String text) {
        // Only hex digits, colons and dots: InetAddress then parses without any name lookup.
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return a instanceof Inet6Address ? Optional.of(fromBytes(a.getAddress(), 0)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static Ipv6Address fromBytes(byte[] b, int off) {
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (b[off + i] & 0xff);
            l = (l << 8) | (b[off + 8 + i] & 0xff);
        }
        return new Ipv6Address(h, l);
    }

    @Override
    public int length() {
        return 16;
    }

    @Override
    public void copyTo(byte[] dst, int off) {
        for (int i = 0; i < 8; i++) {
            dst[off + i] = (byte) (high >>> (56 - 8 * i));
            dst[off + 8 + i] = (byte) (low >>> (56 - 8 * i));
        }
    }

    public boolean isMulticast() {
        return (high >>> 56) == 0xff;
    }

    @Override
    public String toString() {
        byte[] text = new byte[MAX_TEXT];
        return new String(text, 0, writeText(text, 0), StandardCharsets.ISO_8859_1);
    }

    @Override
    public int writeText(byte[] dst, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952 §4.2: compress the longest run (of two or more) of zero groups, the first if tied.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        int p = off;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                if (i == 0) {
                    dst[p++] = ':';
                }
                dst[p++] = ':';
                i += bestLen - 1;
                continue;
            }
            // Lower-case hex without leading zeros (RFC 5952 §4.1, §4.3).
            int v = g[i];
            for (int shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0; shift >= 0; shift -= 4) {
                dst[p++] = (byte) HEX[(v >>> shift) & 0xf];
            }
            if (i < 7) {
                dst[p++] = ':';
            }
        }
        return p;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
