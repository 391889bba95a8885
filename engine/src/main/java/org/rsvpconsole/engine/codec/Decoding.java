package org.rsvpconsole.engine.codec;

import java.util.function.Supplier;

/**
 * Small helpers shared by the body parsers of the RFC 3209 / 2961 / 2750 / 2747 objects: building a value whose
 * constructor validates its fields, and the length rules of ERO/RRO subobjects.
 */
final class Decoding {

    private Decoding() {
    }

    /**
     * Builds a decoded value; a field the record rejects (a priority above 7, a prefix longer than the address)
     * becomes a typed body fault instead of an exception escaping the decoder.
     */
    static <T> T valid(WireReader r, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw r.fail(r.what() + ": " + e.getMessage());
        }
    }

    /**
     * Peeks at the Length byte of the subobject at the cursor and checks it (RFC 3209 §4.3.3 and §4.4.1: the
     * length covers the 2-byte subobject header, is at least 4 and a multiple of 4). A length of 0 or 1 would
     * never advance a naive parser; here it is a fault reported at the subobject's first byte.
     */
    static int subobjectLength(WireReader r) {
        int at = r.offset();
        int len = r.peekU8(1);
        if (len < 2) {
            throw r.fail(r.what() + ": subobject at byte " + at + " declares length " + len
                + " (zero-length subobject): a subobject is at least 4 bytes");
        }
        if (len < 4 || len % 4 != 0) {
            throw r.fail(r.what() + ": subobject at byte " + at + " declares length " + len
                + ": it must be at least 4 and a multiple of 4");
        }
        if (len > r.remaining()) {
            throw r.fail(r.what() + ": subobject at byte " + at + " declares length " + len
                + " but only " + r.remaining() + " byte(s) are left in the object");
        }
        return len;
    }

    /** Fails unless a subobject of a fixed-size type has exactly that size. */
    static void expectSubobjectLength(WireReader r, int len, int expected, String typeName) {
        if (len != expected) {
            throw r.fail(r.what() + ": " + typeName + " subobject at byte " + r.offset() + " has length " + len
                + ", but that type is always " + expected + " bytes");
        }
    }

    /**
     * The length rule shared by opaque (unknown-type) ERO and RRO subobjects: the 2-byte header plus the contents
     * must be a multiple of 4 and fit the 8-bit length field (RFC 3209 §4.3.3, §4.4.1).
     */
    static void checkOpaqueSubobject(Octets contents) {
        int len = 2 + contents.length();
        if (len % 4 != 0 || len > 255) {
            throw new IllegalArgumentException("subobject length " + len
                + " must be a multiple of 4 and at most 252 (2 + contents)");
        }
    }

    static void checkUnsigned(long value, int bits, String name) {
        if (value < 0 || value >= (1L << bits)) {
            throw new IllegalArgumentException(name + " must fit " + bits + " bits unsigned: " + value);
        }
    }
}
