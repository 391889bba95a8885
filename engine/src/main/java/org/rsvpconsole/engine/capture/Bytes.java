package org.rsvpconsole.engine.capture;

/** Reading and writing unsigned fields in either byte order. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff)
            : ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    static int u16(byte[] b, int off) {
        return u16(b, off, true);
    }

    /** A 32-bit field as an int (use {@link Integer#toUnsignedLong} where the full unsigned range matters). */
    static int u32(byte[] b, int off, boolean bigEndian) {
        return bigEndian
            ? ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff)
            : ((b[off + 3] & 0xff) << 24) | ((b[off + 2] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    static long u32L(byte[] b, int off, boolean bigEndian) {
        return Integer.toUnsignedLong(u32(b, off, bigEndian));
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off + 3] = (byte) (v >>> 24);
            b[off + 2] = (byte) (v >>> 16);
            b[off + 1] = (byte) (v >>> 8);
            b[off] = (byte) v;
        }
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes, added to {@code initial} (a pseudo-header sum). */
    static int internetChecksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (b[off + i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The unfolded 16-bit-word sum of a byte run, to feed {@link #internetChecksum}'s {@code initial}. */
    static long sum16(byte[] b, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (b[off + i] & 0xff) << 8;
        }
        return sum;
    }
}
