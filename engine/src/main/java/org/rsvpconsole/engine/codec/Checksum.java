package org.rsvpconsole.engine.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The RSVP checksum (RFC 2205 §3.1.1): the one's complement of the one's complement sum of the message, with the
 * checksum field taken as zero. An all-zero field means no checksum was transmitted.
 */
public final class Checksum {

    private Checksum() {
    }

    private static final VarHandle LONG_BE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The checksum of {@code len} bytes at {@code off}, treating bytes 2..3 (the checksum field) as zero. */
    public static int compute(byte[] buf, int off, int len) {
        // Sum 16-bit big-endian words four at a time (one 64-bit read), then take the field back out: in a wide
        // accumulator ones'-complement addition is plain addition until the final fold (RFC 1071 §2).
        long sum = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long v = (long) LONG_BE.get(buf, off + i);
            sum += (v >>> 48) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
        }
        for (; i + 1 < len; i += 2) {
            sum += ((buf[off + i] & 0xff) << 8) | (buf[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (buf[off + i] & 0xff) << 8;
        }
        if (len >= 4) {
            sum -= ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) (~sum & 0xffff);
        // 0 on the wire means "none sent" (RFC 2205 §3.1.1); a sum that yields 0 is sent as its equivalent 0xffff.
        return c == 0 ? 0xffff : c;
    }

    /** True when the checksum field of the message at {@code off} matches its bytes. */
    public static boolean verify(byte[] buf, int off, int len) {
        int field = ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        int c = compute(buf, off, len);
        return field == c || (c == 0xffff && field == 0xffff);
    }

    /** Computes and stores the checksum into the message at {@code off}. */
    public static void fill(byte[] buf, int off, int len) {
        int c = compute(buf, off, len);
        buf[off + 2] = (byte) (c >>> 8);
        buf[off + 3] = (byte) c;
    }
}
