package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;

/**
 * A bounds-checked cursor over received bytes. Every read checks the limit of the region it was given (a message,
 * an object body, a subobject), so a decoder can never read past what the sender declared. Running out raises the
 * decoder's internal {@link MalformedInput}, which the codec turns into a {@link DecodeError} value.
 */
public final class WireReader {

    private byte[] buf;
    private int origin;
    private int pos;
    private int limit;
    /** What the region is, for error messages; null for an object body (then named from class and C-Type). */
    private String what;
    private int classNum;
    private int cType;
    /** For a nested object's body: the reader of the object that holds it (named in error messages). */
    private WireReader outer;

    WireReader(byte[] buf, int origin, int pos, int limit, String what) {
        this.buf = buf;
        this.origin = origin;
        this.pos = pos;
        this.limit = limit;
        this.what = what;
    }

    /** Re-aims this reader at an object body (the decoder reuses one reader per message: no garbage per object). */
    void resetToObjectBody(byte[] buffer, int originAt, int bodyStart, int bodyEnd, int objClassNum, int objCType) {
        if (buf != buffer) {
            // Only when it changes: storing a reference into this long-lived reader costs a GC write barrier.
            this.buf = buffer;
        }
        this.origin = originAt;
        this.pos = bodyStart;
        this.limit = bodyEnd;
        this.what = null;
        this.outer = null;
        this.classNum = objClassNum;
        this.cType = objCType;
    }

    /** Bytes left in this region. */
    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** Offset of the cursor from the start of the RSVP message (for error reports). */
    public int offset() {
        return pos - origin;
    }

    /** A reader over the next {@code n} bytes of this one; this one moves past them. */
    public WireReader slice(int n, String sliceWhat) {
        need(n);
        WireReader r = new WireReader(buf, origin, pos, pos + n, sliceWhat);
        pos += n;
        return r;
    }

    /** A reader over the next {@code n} bytes holding the body of a nested object (POLICY_DATA options). */
    WireReader sliceObject(int n, int objClassNum, int objCType) {
        need(n);
        WireReader r = new WireReader(buf, origin, pos, pos + n, null);
        r.classNum = objClassNum;
        r.cType = objCType;
        r.outer = this;
        pos += n;
        return r;
    }

    /** A reader over the next {@code n} bytes, named like this one (no string is built unless an error needs it). */
    public WireReader slice(int n) {
        need(n);
        WireReader r = new WireReader(buf, origin, pos, pos + n, what);
        r.classNum = classNum;
        r.cType = cType;
        r.outer = outer;
        pos += n;
        return r;
    }

    public int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    public int u16() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24() {
        need(3);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    /** 32 bits as a Java int (callers that need the unsigned value use {@link #u32()}). */
    public int i32() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long u32() {
        return i32() & 0xffffffffL;
    }

    public long u48() {
        long hi = u16();
        return (hi << 32) | u32();
    }

    public long i64() {
        long hi = u32();
        return (hi << 32) | u32();
    }

    /** IEEE 754 single precision, as RFC 2210 §3.1 carries rates and sizes. */
    public float f32() {
        return Float.intBitsToFloat(i32());
    }

    public Ipv4Address ipv4() {
        return new Ipv4Address(i32());
    }

    public Ipv6Address ipv6() {
        need(16);
        Ipv6Address a = Ipv6Address.fromBytes(buf, pos);
        pos += 16;
        return a;
    }

    public Octets octets(int n) {
        need(n);
        Octets o = Octets.copyOf(buf, pos, n);
        pos += n;
        return o;
    }

    /** Everything left in this region. */
    public Octets rest() {
        return octets(remaining());
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** Peeks at the byte {@code ahead} bytes past the cursor without moving. */
    public int peekU8(int ahead) {
        need(ahead + 1);
        return buf[pos + ahead] & 0xff;
    }

    private void need(int n) {
        if (n < 0 || n > limit - pos) {
            throw fail(what() + " is too short: needs " + n + " more byte(s) at byte " + offset()
                + " but only " + (limit - pos) + " remain");
        }
    }

    /** A body-level fault: the region's bytes do not fit the layout of its C-Type. */
    MalformedInput fail(String reason) {
        return fail(ErrorCodes.SYS_BAD_OBJECT_BODY, reason);
    }

    MalformedInput fail(int systemErrorValue, String reason) {
        return new MalformedInput(new DecodeError(new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, systemErrorValue),
            offset(), reason, DecodeError.Reaction.SEND_ERROR));
    }

    /** Fails unless the region was consumed exactly (a fixed layout with extra bytes is as wrong as a short one). */
    void expectEnd() {
        if (pos != limit) {
            throw fail(what() + " has " + (limit - pos) + " unexpected trailing byte(s) at byte " + offset());
        }
    }

    /** The region's name, built only when an error message needs it. */
    String what() {
        if (what != null) {
            return what;
        }
        String name = ObjectClass.name(classNum) + " (C-Type " + cType + ") object";
        return outer == null ? name : name + " inside " + outer.what();
    }
}
