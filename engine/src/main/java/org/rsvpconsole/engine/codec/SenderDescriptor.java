package org.rsvpconsole.engine.codec;

/**
 * The two classes that name a sender in one of the {@link SenderId} layouts: SENDER_TEMPLATE (what a Path
 * describes) and FILTER_SPEC (whom a reservation is for). Both carry exactly the sender's layout as their body,
 * so the C-Type, the bytes and the fields all come from the {@link SenderId}; only the Class-Num differs.
 */
public sealed interface SenderDescriptor extends RsvpObject permits SenderTemplate, FilterSpec {

    SenderId sender();

    @Override
    default int cType() {
        return sender().cType();
    }

    @Override
    default void encodeBody(WireWriter out) {
        sender().encodeBody(out);
    }

    @Override
    default void describe(FieldVisitor v) {
        sender().describe(v);
    }
}
