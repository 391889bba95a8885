package org.rsvpconsole.engine.codec;

import java.util.Arrays;
import org.rsvpconsole.engine.api.IpAddress;

/** A growable big-endian byte sink for encoding; reusable after {@link #reset()}. */
public final class WireWriter {

    private byte[] buf;
    private int pos;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int position() {
        return pos;
    }

    public void reset() {
        pos = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[pos] = (byte) (v >>> 8);
        buf[pos + 1] = (byte) v;
        pos += 2;
        return this;
    }

    public WireWriter u24(int v) {
        ensure(3);
        buf[pos] = (byte) (v >>> 16);
        buf[pos + 1] = (byte) (v >>> 8);
        buf[pos + 2] = (byte) v;
        pos += 3;
        return this;
    }

    public WireWriter i32(int v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    public WireWriter u32(long v) {
        return i32((int) v);
    }

    public WireWriter u48(long v) {
        u16((int) (v >>> 32));
        return i32((int) v);
    }

    public WireWriter i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    public WireWriter f32(float v) {
        // floatToRawIntBits keeps NaN payloads: a decoded float re-encodes to the same bits.
        return i32(Float.floatToRawIntBits(v));
    }

    public WireWriter ip(IpAddress a) {
        ensure(a.length());
        a.copyTo(buf, pos);
        pos += a.length();
        return this;
    }

    public WireWriter octets(Octets o) {
        ensure(o.length());
        o.copyTo(buf, pos);
        pos += o.length();
        return this;
    }

    public WireWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    /** Pads with zero bytes to the next multiple of four (RSVP objects are 32-bit aligned, RFC 2205 §3.1.2). */
    public WireWriter align4() {
        return zeros((4 - (pos & 3)) & 3);
    }

    void putU16At(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    /** The backing array, valid up to {@link #position()}; replaced when the writer grows, so read it after. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
