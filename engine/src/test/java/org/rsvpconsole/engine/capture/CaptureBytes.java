package org.rsvpconsole.engine.capture;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.TimeValues;

/** Hand-built capture files and frames for tests: every byte is written here, field by field. */
final class CaptureBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean big;

    private CaptureBytes() {
    }

    /** A valid 40-byte RSVP Path message. */
    static byte[] path() {
        return RsvpCodec.encode(ObjectMessage.of(MessageType.PATH, 63,
            new IpSession(IpAddress.of("10.0.0.9"), 17, 0, 5004), new RsvpHop(IpAddress.of("10.0.0.1"), 3),
            new TimeValues(30000)));
    }

    // ---- pcap ----

    static CaptureBytes pcap(boolean bigEndian, boolean nanos, int linkType) {
        CaptureBytes c = new CaptureBytes();
        c.big = bigEndian;
        c.u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
        return c;
    }

    CaptureBytes record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data.length, data.length, data);
    }

    /** A record whose header may lie about the lengths. */
    CaptureBytes record(long seconds, long fraction, long inclLen, long origLen, byte[] data) {
        u32((int) seconds).u32((int) fraction).u32((int) inclLen).u32((int) origLen);
        out.writeBytes(data);
        return this;
    }

    // ---- pcapng ----

    static CaptureBytes pcapng(boolean bigEndian) {
        CaptureBytes c = new CaptureBytes();
        return c.shb(bigEndian);
    }

    /** A Section Header Block (which also switches the byte order of what follows). */
    CaptureBytes shb(boolean bigEndian) {
        big = bigEndian;
        // type, length 28, byte-order magic, version 1.0, section length -1 (unknown), length.
        u32(0x0a0d0d0a).u32(28).u32(0x1a2b3c4d).u16(1).u16(0).u32(-1).u32(-1).u32(28);
        return this;
    }

    /** An IDB; {@code tsresol} &lt; 0 leaves the option out, {@code tsoffset} 0 too. */
    CaptureBytes idb(int linkType, int snapLen, int tsresol, long tsoffset) {
        CaptureBytes opts = sub();
        if (tsresol >= 0) {
            opts.u16(9).u16(1).u8(tsresol).u8(0).u8(0).u8(0);
        }
        if (tsoffset != 0) {
            opts.u16(14).u16(8).u64(tsoffset);
        }
        // An option that is not ours (if_name, code 2), to show unknown options are stepped over.
        opts.u16(2).u16(3).u8('e').u8('t').u8('h').u8(0);
        opts.u16(0).u16(0);
        CaptureBytes body = sub().u16(linkType).u16(0).u32(snapLen);
        body.out.writeBytes(opts.out.toByteArray());
        return block(1, body.out.toByteArray());
    }

    CaptureBytes epb(int iface, long tsUnits, byte[] data) {
        return epb(iface, tsUnits, data.length, data.length, data);
    }

    CaptureBytes epb(int iface, long tsUnits, long capLen, long origLen, byte[] data) {
        CaptureBytes body = sub().u32(iface).u32((int) (tsUnits >>> 32)).u32((int) tsUnits).u32((int) capLen)
            .u32((int) origLen);
        body.out.writeBytes(pad4(data));
        // An epb_flags option and the end of options.
        body.u16(2).u16(4).u32(0).u16(0).u16(0);
        return block(6, body.out.toByteArray());
    }

    CaptureBytes pb(int iface, long tsUnits, byte[] data) {
        CaptureBytes body = sub().u16(iface).u16(0).u32((int) (tsUnits >>> 32)).u32((int) tsUnits).u32(data.length)
            .u32(data.length);
        body.out.writeBytes(pad4(data));
        return block(2, body.out.toByteArray());
    }

    CaptureBytes spb(byte[] data) {
        CaptureBytes body = sub().u32(data.length);
        body.out.writeBytes(pad4(data));
        return block(3, body.out.toByteArray());
    }

    /** Any block: type, length, body (padded to 4), length. */
    CaptureBytes block(int type, byte[] body) {
        byte[] padded = pad4(body);
        u32(type).u32(12 + padded.length);
        out.writeBytes(padded);
        return u32(12 + padded.length);
    }

    // ---- fields ----

    private CaptureBytes sub() {
        CaptureBytes c = new CaptureBytes();
        c.big = big;
        return c;
    }

    CaptureBytes u8(int v) {
        out.write(v);
        return this;
    }

    CaptureBytes u16(int v) {
        if (big) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    CaptureBytes u32(int v) {
        return big ? u16(v >>> 16).u16(v) : u16(v).u16(v >>> 16);
    }

    CaptureBytes u64(long v) {
        return big ? u32((int) (v >>> 32)).u32((int) v) : u32((int) v).u32((int) (v >>> 32));
    }

    CaptureBytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] pad4(byte[] b) {
        return Arrays.copyOf(b, (b.length + 3) & ~3);
    }

    // ---- frames ----

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** An Ethernet header with the given tags (each a full 4-byte TPID+TCI) and ethertype. */
    static byte[] ethernet(int etherType, byte[] payload, int... vlanTpids) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(hex("01005e000001 001122334455"));
        int vid = 10;
        for (int tpid : vlanTpids) {
            o.write(tpid >>> 8);
            o.write(tpid);
            o.write(0);
            o.write(vid++);
        }
        o.write(etherType >>> 8);
        o.write(etherType);
        o.writeBytes(payload);
        return o.toByteArray();
    }
}
