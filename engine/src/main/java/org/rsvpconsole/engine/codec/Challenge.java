package org.rsvpconsole.engine.codec;

/**
 * RFC 2747 §3.2 CHALLENGE (Class-Num 64), C-Type 1: carried by the Integrity Challenge message and copied into the
 * Integrity Response (message types 25 and 26, RFC 3097), so a receiver can learn a sender's current sequence
 * number. Reserved is ignored on receipt.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |        0 (Reserved)       |                           |
 * +-------------+-------------+                           +
 * |                    Key Identifier                     |
 * +-------------+-------------+-------------+-------------+
 * |                   Challenge Cookie                    |
 * +                                                       +
 * |                                                       |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param keyId  48-bit key identifier of the security association challenged
 * @param cookie 64-bit value chosen by the challenger, echoed in the response
 */
public record Challenge(long keyId, long cookie) implements RsvpObject {

    public static final int C_TYPE = 1;

    public Challenge {
        Decoding.checkUnsigned(keyId, 48, "key identifier");
    }

    @Override
    public int classNum() {
        return ObjectClass.CHALLENGE;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static Challenge decode(WireReader r) {
        r.skip(2);
        return new Challenge(r.u48(), r.i64());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u16(0).u48(keyId).i64(cookie);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("keyId", keyId);
        v.text("cookie", Long.toUnsignedString(cookie));
    }
}
