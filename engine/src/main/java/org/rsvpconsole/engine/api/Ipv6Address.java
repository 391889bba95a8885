package org.rsvpconsole.engine.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
