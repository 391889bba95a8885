package org.rsvpconsole.engine.codec;

/**
 * An object this codec has no layout for: an unknown Class-Num, or an unknown C-Type of a known class. Its body is
 * kept as received so that a node can forward it unchanged (RFC 2205 §3.10) and it re-encodes byte for byte.
 */
public record UnknownObject(int classNum, int cType, Octets body) implements RsvpObject {

    public UnknownObject {
        if (body.length() % 4 != 0) {
            throw new IllegalArgumentException("object body must be a multiple of 4 bytes, was " + body.length());
        }
    }

    /** True when the class itself is unknown; false when only the C-Type is (the class has other known C-Types). */
    public boolean unknownClass() {
        return !ObjectRegistry.isKnownClass(classNum);
    }

    /** What a node does with it under RFC 2205 §3.10 (for an unknown C-Type of a known class: REJECT). */
    public ObjectClass.UnknownClassRule rule() {
        return unknownClass() ? ObjectClass.unknownClassRule(classNum) : ObjectClass.UnknownClassRule.REJECT;
    }

    /** The error a node answers with when it must reject the message for this object (codes 13 and 14). */
    public RsvpError rejection() {
        return new RsvpError(unknownClass() ? ErrorCodes.UNKNOWN_OBJECT_CLASS : ErrorCodes.UNKNOWN_OBJECT_CTYPE,
            (classNum << 8) | cType);
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.octets(body);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.bool("unknown", true);
        v.text("rule", rule().name());
        v.octets("body", body);
    }
}
