package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers for corruption tests of one object placed in an otherwise valid message. */
final class Corrupt {

    private Corrupt() {
    }

    /** Offset of the object from the start of the message that {@link #decodeBad} builds. */
    static int objectStart(MessageType type, byte[] object) {
        return CommonHeader.SIZE + Golden.withMandatory(type, object).length - object.length;
    }

    static DecodeError decodeBad(MessageType type, byte[] object) {
        return Golden.decodeBad(Golden.message(type, 0, 63, Golden.withMandatory(type, object)));
    }

    /**
     * Asserts that the annotated object bytes make the message malformed with the given RSVP System Error value,
     * at {@code offsetInObject} bytes into the object, with a reason naming each of {@code words}.
     */
    static DecodeError assertFault(MessageType type, String annotated, int sysValue, int offsetInObject,
                                   String... words) {
        byte[] object = Golden.hex(annotated);
        DecodeError e = decodeBad(type, object);
        assertEquals(new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, sysValue), e.error(), e.toString());
        assertEquals(objectStart(type, object) + offsetInObject, e.offset(), e.toString());
        for (String w : words) {
            assertTrue(e.reason().contains(w), "reason should name '" + w + "': " + e.reason());
        }
        return e;
    }

    /** A body fault (SYS_BAD_OBJECT_BODY, answered with an error message). */
    static DecodeError assertBodyFault(MessageType type, String annotated, int offsetInObject, String... words) {
        DecodeError e = assertFault(type, annotated, ErrorCodes.SYS_BAD_OBJECT_BODY, offsetInObject, words);
        assertEquals(DecodeError.Reaction.SEND_ERROR, e.reaction());
        return e;
    }

    /**
     * The three-way check for an object no message type of this branch can carry yet (LABEL needs a Resv, whose
     * STYLE is another family's): encode == golden, parse(golden body) == value, and re-encode.
     */
    static void assertObjectAlone(String annotated, RsvpObject expected) {
        byte[] golden = Golden.hex(annotated);
        assertArrayEquals(golden, RsvpCodec.encodeObject(expected));
        int classNum = golden[2] & 0xff;
        int cType = golden[3] & 0xff;
        WireReader body = new WireReader(golden, 0, 4, golden.length, ObjectClass.name(classNum) + " object");
        RsvpObject decoded = ObjectRegistry.parser(classNum, cType).parse(body);
        body.expectEnd();
        assertEquals(expected, decoded);
        assertArrayEquals(golden, RsvpCodec.encodeObject(decoded));
    }
}
