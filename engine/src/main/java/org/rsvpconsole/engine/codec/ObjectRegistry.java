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
}
