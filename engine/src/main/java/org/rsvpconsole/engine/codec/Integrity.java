package org.rsvpconsole.engine.codec;

/**
 * RFC 2747 §3.1 INTEGRITY (Class-Num 4), C-Type 1: the keyed digest authenticating a message hop by hop.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |    Flags    | 0 (Reserved)|                           |
 * +-------------+-------------+                           +
 * |                    Key Identifier                     |
 * +-------------+-------------+-------------+-------------+
 * |                   Sequence Number                     |
 * +                                                       +
 * |                                                       |
 * +-------------+-------------+-------------+-------------+
 * //               Keyed Message Digest                   //
 * +-------------+-------------+-------------+-------------+
 *
 *  Flags: |H|0 0 0 0 0 0 0|   H = handshake capable (most significant bit)
 * </pre>
 *
 * The handshake flag is 0x80 as RFC 2747 §3.1 draws it (tcpdump agrees). Wireshark 4.0 tests 0x01 instead, so its
 * "Handshake" line disagrees with this codec for the same bytes. Reserved is ignored on receipt.
 *
 * @param keyId          48-bit key identifier, unique per sender and interface
 * @param sequenceNumber 64-bit, never reused for a key (unsigned)
 * @param digest         the keyed digest (16 bytes for HMAC-MD5), a multiple of 4 bytes
 */
public record Integrity(int flags, long keyId, long sequenceNumber, Octets digest) implements RsvpObject {

    public static final int C_TYPE = 1;
    public static final int FLAG_HANDSHAKE = 0x80;

    public Integrity {
        Decoding.checkUnsigned(flags, 8, "flags");
        Decoding.checkUnsigned(keyId, 48, "key identifier");
        if (digest.length() % 4 != 0) {
            throw new IllegalArgumentException("digest must be a multiple of 4 bytes, was " + digest.length());
        }
    }

    public boolean handshake() {
        return (flags & FLAG_HANDSHAKE) != 0;
    }

    @Override
    public int classNum() {
        return ObjectClass.INTEGRITY;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static Integrity decode(WireReader r) {
        int flags = r.u8();
        r.skip(1);
        return new Integrity(flags, r.u48(), r.i64(), r.rest());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u8(flags).u8(0).u48(keyId).i64(sequenceNumber).octets(digest);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("flags", flags);
        v.bool("handshake", handshake());
        v.number("keyId", keyId);
        // 64 bits unsigned do not fit a Java long as a number: text keeps the exact decimal value.
        v.text("sequenceNumber", Long.toUnsignedString(sequenceNumber));
        v.octets("digest", digest);
    }
}
