package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;

/** Helpers for annotated golden-bytes tests: hex with spaces and {@code //} comments per line. */
final class Golden {

    private Golden() {
    }

    /** Parses lines of hex, ignoring spaces, and everything after {@code //} on each line. */
    static byte[] hex(String annotated) {
        StringBuilder sb = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int c = line.indexOf("//");
            sb.append((c >= 0 ? line.substring(0, c) : line).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    /** Wraps objects (with their headers) into a message of the given type with a correct length and checksum. */
    static byte[] message(MessageType type, int flags, int sendTtl, byte[] objects) {
        byte[] m = new byte[8 + objects.length];
        m[0] = (byte) (0x10 | flags);
        m[1] = (byte) type.number();
        m[4] = (byte) sendTtl;
        m[6] = (byte) (m.length >>> 8);
        m[7] = (byte) m.length;
        System.arraycopy(objects, 0, m, 8, objects.length);
        Checksum.fill(m, 0, m.length);
        return m;
    }

    static ObjectMessage decodeOk(byte[] bytes) {
        DecodeResult r = RsvpCodec.decode(bytes);
        if (r instanceof DecodeResult.Malformed bad) {
            throw new AssertionError("expected a valid message, got " + bad.error());
        }
        return assertInstanceOf(ObjectMessage.class, ((DecodeResult.Decoded) r).message());
    }

    static DecodeError decodeBad(byte[] bytes) {
        return assertInstanceOf(DecodeResult.Malformed.class, RsvpCodec.decode(bytes)).error();
    }

    /**
     * The three-way check of one object: the golden bytes decode to {@code expected} inside a message of type
     * {@code in}, {@code expected} encodes to exactly the golden bytes, and decode(encode(x)) == x.
     */
    static void assertObject(String annotatedObjectBytes, RsvpObject expected, MessageType in) {
        byte[] golden = hex(annotatedObjectBytes);
        assertArrayEquals(golden, RsvpCodec.encodeObject(expected), "encoding of " + expected);
        ObjectMessage m = decodeOk(message(in, 0, 63, withMandatory(in, golden)));
        RsvpObject decoded = m.objects().stream().filter(o -> o.classNum() == expected.classNum()
            && o.cType() == expected.cType()).reduce((a, b) -> b).orElseThrow();
        assertEquals(expected, decoded);
        assertArrayEquals(golden, RsvpCodec.encodeObject(decoded));
    }

    /** Prepends/appends the mandatory objects of {@code type} that {@code object} itself is not. */
    static byte[] withMandatory(MessageType type, byte[] object) {
        int cls = object[2] & 0xff;
        WireWriter w = new WireWriter();
        for (RsvpObject o : Samples.mandatoryFor(type)) {
            if (o.classNum() != cls) {
                RsvpCodec.encodeObject(o, w);
            }
        }
        byte[] mand = w.toByteArray();
        byte[] all = new byte[mand.length + object.length];
        System.arraycopy(mand, 0, all, 0, mand.length);
        System.arraycopy(object, 0, all, mand.length, object.length);
        return all;
    }
}
