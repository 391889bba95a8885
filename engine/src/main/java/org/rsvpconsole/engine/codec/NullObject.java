package org.rsvpconsole.engine.codec;

/**
 * RFC 2205 A.1 NULL object: Class-Num 0, C-Type ignored, any length that is a multiple of 4; it may appear
 * anywhere and its contents are ignored by the receiver. Kept as received so it re-encodes byte for byte.
 */
public record NullObject(int cType, Octets body) implements RsvpObject {

    public NullObject {
        if (body.length() % 4 != 0) {
            throw new IllegalArgumentException("NULL body must be a multiple of 4 bytes, was " + body.length());
        }
    }

    @Override
    public int classNum() {
        return ObjectClass.NULL;
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.octets(body);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.octets("body", body);
    }
}
