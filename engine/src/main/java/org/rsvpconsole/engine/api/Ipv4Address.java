package org.rsvpconsole.engine.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An IPv4 address held as its 32 bits. */
public record Ipv4Address(int bits) implements IpAddress, Comparable<Ipv4Address> {

    public static final Ipv4Address ANY = new Ipv4Address(0);

    public static Ipv4Address of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + text));
    }

    public static Optional<Ipv4Address> parse(String text) {
        int value = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (i <= n && parts < 4) {
            int start = i;
            int octet = 0;
            while (i < n && Character.isDigit(text.charAt(i)) && i - start < 3) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
            parts++;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != '.') {
                return Optional.empty();
            }
            i++;
        }
        return parts == 4 && i == n ? Optional.of(new Ipv4Address(value)) : Optional.empty();
    }

    public static Ipv4Address fromBytes(byte[] b, int off) {
        return new Ipv4Address(((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16)
            | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff));
    }

    @Override
    public int length() {
        return 4;
    }

    @Override
    public void copyTo(byte[] dst, int off) {
        dst[off] = (byte) (bits >>> 24);
        dst[off + 1] = (byte) (bits >>> 16);
        dst[off + 2] = (byte) (bits >>> 8);
        dst[off + 3] = (byte) bits;
    }

    public boolean isMulticast() {
        return (bits >>> 28) == 0xE;
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public int writeText(byte[] dst, int off) {
        int p = octet(dst, off, bits >>> 24);
        dst[p++] = '.';
        p = octet(dst, p, (bits >>> 16) & 0xff);
        dst[p++] = '.';
        p = octet(dst, p, (bits >>> 8) & 0xff);
        dst[p++] = '.';
        return octet(dst, p, bits & 0xff);
    }

    private static int octet(byte[] dst, int p, int v) {
        if (v >= 100) {
            dst[p++] = (byte) ('0' + v / 100);
            v %= 100;
            dst[p++] = (byte) ('0' + v / 10);
        } else if (v >= 10) {
            dst[p++] = (byte) ('0' + v / 10);
        }
        dst[p++] = (byte) ('0' + v % 10);
        return p;
    }

    @Override
    public String toString() {
        byte[] text = new byte[MAX_TEXT];
        return new String(text, 0, writeText(text, 0), StandardCharsets.ISO_8859_1);
    }
}
