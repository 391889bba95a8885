package org.rsvpconsole.engine.codec;

import java.util.Arrays;
import java.util.List;

/**
 * Bytes to RSVP messages and back. Pure functions, no shared mutable state, safe from any thread.
 * {@link #decode} never throws on input bytes (see {@link RsvpDecoder}).
 */
public final class RsvpCodec {

    private RsvpCodec() {
    }

    /** Decodes one message; see {@link RsvpDecoder} (reuse one of those on a hot path). */
    public static DecodeResult decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** Decodes the RSVP message at {@code off}; bytes past its declared length (e.g. link padding) are ignored. */
    public static DecodeResult decode(byte[] buf, int off, int len) {
        return new RsvpDecoder().decode(buf, off, len);
    }

    /** Encodes a message with its length and checksum filled in. */
    public static byte[] encode(RsvpMessage message) {
        WireWriter w = new WireWriter(512);
        encode(message, w);
        return w.toByteArray();
    }

    /** Appends the encoded message to {@code w}. */
    public static void encode(RsvpMessage message, WireWriter w) {
        int start = w.position();
        writeHeader(w, message);
        switch (message) {
            case ObjectMessage m -> writeObjects(w, m.objects());
            case BundleMessage b -> {
                for (ObjectMessage m : b.messages()) {
                    encode(m, w);
                }
            }
        }
        int len = w.position() - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("message of " + len + " bytes exceeds the 16-bit RSVP length");
        }
        w.putU16At(start + 6, len);
        Checksum.fill(w.array(), start, len);
    }

    private static void writeHeader(WireWriter w, RsvpMessage m) {
        w.u8((RsvpMessage.VERSION << 4) | m.flags()).u8(m.type().number()).u16(0).u8(m.sendTtl()).u8(0).u16(0);
    }

    private static void writeObjects(WireWriter w, List<RsvpObject> objects) {
        for (RsvpObject o : objects) {
            encodeObject(o, w);
        }
    }

    /** Appends one object with its header; the body length must come out a multiple of four. */
    public static void encodeObject(RsvpObject o, WireWriter w) {
        int start = w.position();
        w.u16(0).u8(o.classNum()).u8(o.cType());
        o.encodeBody(w);
        int len = w.position() - start;
        if (len % 4 != 0 || len > 0xffff) {
            throw new IllegalStateException(o.className() + " encoded to " + len + " bytes: not a valid object length");
        }
        w.putU16At(start, len);
    }

    /** Encodes one object with its header (tests, golden bytes). */
    public static byte[] encodeObject(RsvpObject o) {
        WireWriter w = new WireWriter(64);
        encodeObject(o, w);
        return w.toByteArray();
    }

    /** Decodes one object with its header, as if it appeared in a message of type {@code in}. */
    public static DecodeResult decodeObjectForTest(byte[] objectBytes, MessageType in) {
        return decode(wrapForTest(objectBytes, in));
    }

    private static byte[] wrapForTest(byte[] objectBytes, MessageType in) {
        byte[] msg = Arrays.copyOf(new byte[CommonHeader.SIZE], CommonHeader.SIZE + objectBytes.length);
        System.arraycopy(objectBytes, 0, msg, CommonHeader.SIZE, objectBytes.length);
        msg[0] = 0x10;
        msg[1] = (byte) in.number();
        msg[4] = 64;
        msg[6] = (byte) (msg.length >>> 8);
        msg[7] = (byte) msg.length;
        return msg;
    }
}
