package org.rsvpconsole.engine.codec;

/**
 * The one table from (Class-Num, C-Type) to the parser of that object's body. Each family of objects registers
 * its parsers in its own class (RFC 2205 core, IntServ, RSVP-TE, refresh reduction, ...); serializing is the
 * object's own {@link RsvpObject#encodeBody}. A pair with no parser is kept as an {@link UnknownObject}.
 */
final class ObjectRegistry {

    /** Parses one object body; the reader is limited to that body. */
    @FunctionalInterface
    interface BodyParser {
        RsvpObject parse(WireReader body);
    }

    private static final BodyParser[] PARSERS = new BodyParser[1 << 16];
    private static final boolean[] KNOWN_CLASS = new boolean[256];

    static {
        CoreObjects.register();
        ReservationObjects.register();
        TeRefreshPolicyObjects.register();
    }

    private ObjectRegistry() {
    }

    static void register(int classNum, int cType, BodyParser parser) {
        int key = (classNum << 8) | cType;
        if (PARSERS[key] != null) {
            throw new IllegalStateException("two parsers for Class-Num " + classNum + " C-Type " + cType);
        }
        PARSERS[key] = parser;
        KNOWN_CLASS[classNum] = true;
    }

    /** The parser for this pair, or null when the pair is unknown. */
    static BodyParser parser(int classNum, int cType) {
        return PARSERS[(classNum << 8) | cType];
    }

    static boolean isKnownClass(int classNum) {
        return KNOWN_CLASS[classNum & 0xff];
    }

    /**
     * Decodes one whole object (header and body) nested inside another object's body, e.g. a POLICY_DATA option
     * (RFC 2750 §3.1). Unknown classes and C-Types are kept as {@link UnknownObject} whatever their §3.10 rule: the
     * outer object, not the message, carries them. A nested POLICY_DATA is refused, so nesting is one level deep.
     */
    static RsvpObject decodeNested(WireReader r) {
        int at = r.offset();
        int len = (r.peekU8(0) << 8) | r.peekU8(1);
        int classNum = r.peekU8(2);
        int cType = r.peekU8(3);
        if (len < 4 || len % 4 != 0 || len > r.remaining()) {
            throw r.fail(ErrorCodes.SYS_BAD_OBJECT_LENGTH, r.what() + ": nested " + ObjectClass.name(classNum)
                + " (C-Type " + cType + ") object at byte " + at
                + " declares length " + len + ": it must be at least 4, a multiple of 4 and fit in the "
                + r.remaining() + " byte(s) left");
        }
        if (classNum == ObjectClass.POLICY_DATA) {
            throw r.fail(r.what() + ": a POLICY_DATA object at byte " + at + " must not nest another one");
        }
        r.skip(4);
        WireReader body = r.sliceObject(len - 4, classNum, cType);
        if (classNum == ObjectClass.NULL) {
            return new NullObject(cType, body.rest());
        }
        BodyParser parser = parser(classNum, cType);
        if (parser == null) {
            return new UnknownObject(classNum, cType, body.rest());
        }
        RsvpObject o = parser.parse(body);
        body.expectEnd();
        return o;
    }
}
