package org.rsvpconsole.engine.codec;

/** The fields SESSION_ATTRIBUTE C-Types 1 and 7 share (RFC 3209 §4.7): validation, wire form and description. */
final class SessionAttributeFields {

    private SessionAttributeFields() {
    }

    static boolean check(int setup, int holding, int flags, String name, boolean padded) {
        if (setup < 0 || setup > 7 || holding < 0 || holding > 7) {
            throw new IllegalArgumentException("priorities must be 0..7: setup " + setup + ", holding " + holding);
        }
        Decoding.checkUnsigned(flags, 8, "flags");
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                    "session name has a non-printable character 0x%02x at index %d", (int) c, i));
            }
        }
        // A name of a multiple of 4 has no padding to count: one canonical value for one encoding.
        boolean canonical = padded && name.length() % 4 != 0;
        int lengthField = canonical ? pad4(name.length()) : name.length();
        if (lengthField > 255) {
            throw new IllegalArgumentException("session name of " + name.length()
                + " characters does not fit the 8-bit Name Length");
        }
        return canonical;
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    static void writeTail(WireWriter out, SessionAttribute a) {
        String name = a.name();
        int lengthField = a.lengthIncludesPadding() ? pad4(name.length()) : name.length();
        out.u8(a.setupPriority()).u8(a.holdingPriority()).u8(a.flags()).u8(lengthField);
        for (int i = 0; i < name.length(); i++) {
            out.u8(name.charAt(i));
        }
        out.align4();
    }

    static void describeTail(FieldVisitor v, SessionAttribute a) {
        v.number("setupPriority", a.setupPriority());
        v.number("holdingPriority", a.holdingPriority());
        v.number("flags", a.flags());
        v.bool("localProtectionDesired", (a.flags() & SessionAttribute.FLAG_LOCAL_PROTECTION_DESIRED) != 0);
        v.bool("labelRecordingDesired", (a.flags() & SessionAttribute.FLAG_LABEL_RECORDING_DESIRED) != 0);
        v.bool("seStyleDesired", (a.flags() & SessionAttribute.FLAG_SE_STYLE_DESIRED) != 0);
        v.text("name", a.name());
    }

    /** The four fields after the affinities, read in wire order. */
    record Tail(int setup, int holding, int flags, String name, boolean padded) {
    }

    static Tail readTail(WireReader r) {
        int setup = r.u8();
        int holding = r.u8();
        int flags = r.u8();
        int nameLength = r.u8();
        Octets field = r.octets(nameLength);
        r.skip(pad4(nameLength) - nameLength);
        int end = nameLength;
        while (end > 0 && field.get(end - 1) == 0) {
            end--;
        }
        char[] chars = new char[end];
        for (int i = 0; i < end; i++) {
            chars[i] = (char) field.get(i);
        }
        // Trailing NULs inside Name Length are padding the sender counted; only the padded form re-encodes
        // identically, any other count of NULs is normalised to the unpadded length.
        boolean padded = end != nameLength && nameLength == pad4(end);
        return new Tail(setup, holding, flags, new String(chars), padded);
    }
}
