package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/** Corruption-test helpers: one bad object inside an otherwise valid message, and a field recorder. */
final class BadObjects {

    private BadObjects() {
    }

    /**
     * Decodes a message of type {@code in} made of the mandatory samples followed by the object, and checks the
     * typed error: its code/value, its offset ({@code offsetInObject} counts from the object's first header byte)
     * and that the reason names the object.
     */
    static DecodeError assertBad(MessageType in, String annotatedObject, int code, int value, int offsetInObject,
                                 String named) {
        byte[] obj = Golden.hex(annotatedObject);
        byte[] objects = Golden.withMandatory(in, obj);
        int objectStart = CommonHeader.SIZE + objects.length - obj.length;
        DecodeError e = Golden.decodeBad(Golden.message(in, 0, 63, objects));
        assertEquals(new RsvpError(code, value), e.error(), e.toString());
        assertEquals(objectStart + offsetInObject, e.offset(), e.toString());
        assertTrue(e.reason().contains(named), "reason should name " + named + ": " + e.reason());
        assertEquals(DecodeError.Reaction.SEND_ERROR, e.reaction());
        return e;
    }

    /** An RSVP System error "object body does not match its C-Type" (23/6). */
    static DecodeError assertBadBody(MessageType in, String annotatedObject, int offsetInObject, String named) {
        return assertBad(in, annotatedObject, ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_BAD_OBJECT_BODY,
            offsetInObject, named);
    }

    /** The fields an object describes, as {@code name=value} lines (groups and lists as {@code name{ ... }}). */
    static List<String> fields(RsvpObject o) {
        List<String> out = new ArrayList<>();
        o.describe(new FieldVisitor() {
            @Override
            public void number(String name, long value) {
                out.add(name + "=" + value);
            }

            @Override
            public void real(String name, float value) {
                out.add(name + "=" + value);
            }

            @Override
            public void text(String name, String value) {
                out.add(name + "=" + value);
            }

            @Override
            public void bool(String name, boolean value) {
                out.add(name + "=" + value);
            }

            @Override
            public void beginGroup(String name) {
                out.add(name + "{");
            }

            @Override
            public void endGroup() {
                out.add("}");
            }

            @Override
            public void beginList(String name) {
                out.add(name + "[");
            }

            @Override
            public void endList() {
                out.add("]");
            }
        });
        return out;
    }
}
