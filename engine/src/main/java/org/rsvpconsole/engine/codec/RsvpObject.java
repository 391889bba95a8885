package org.rsvpconsole.engine.codec;

/**
 * An RSVP object (RFC 2205 §3.1.2): a 4-byte header (Length, Class-Num, C-Type) and a body that is a multiple of
 * four bytes. Each permitted type is one object class; classes with several C-Types are sealed interfaces of
 * their own, so a {@code switch} over objects is checked for completeness by the compiler.
 *
 * <pre>
 *  0             1              2             3
 * +-------------+-------------+-------------+-------------+
 * |       Length (bytes)      |  Class-Num  |   C-Type    |
 * +-------------+-------------+-------------+-------------+
 * |                    (Object contents)                  |
 * </pre>
 */
public sealed interface RsvpObject permits
    NullObject,
    UnknownObject,
    Session,
    RsvpHop,
    TimeValues,
    ErrorSpec,
    Scope,
    Style,
    ResvConfirm,
    SenderDescriptor,
    SenderTspec,
    Flowspec,
    Adspec,
    Dclass,
    Integrity,
    PolicyData,
    Label,
    LabelRequest,
    ExplicitRoute,
    RecordRoute,
    Hello,
    MessageId,
    MessageIdAck,
    MessageIdList,
    Challenge,
    RestartCap,
    Capability,
    SessionAttribute {

    int classNum();

    int cType();

    /** Writes the body (everything after the 4-byte object header), a multiple of four bytes. */
    void encodeBody(WireWriter out);

    /** Reports the body's fields in wire order (see {@link FieldVisitor}). */
    void describe(FieldVisitor v);

    /** The object's name as RFC 2205 and IANA spell it, e.g. {@code SESSION}. */
    default String className() {
        return ObjectClass.name(classNum());
    }
}
