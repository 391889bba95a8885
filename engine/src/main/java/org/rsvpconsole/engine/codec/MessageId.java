package org.rsvpconsole.engine.codec;

/**
 * RFC 2961 §4.1 MESSAGE_ID (Class-Num 23), C-Type 1: identifies a message for acknowledgement and for summary
 * refresh.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |    Flags    |                    Epoch                |
 * +-------------+-------------+-------------+-------------+
 * |                  Message_Identifier                   |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param flags     0x01 = ACK_Desired: the sender asks for a MESSAGE_ID_ACK
 * @param epoch     24 bits, chosen anew when the sender restarts
 * @param messageId unsigned 32 bits, increasing for each new or changed state
 */
public record MessageId(int flags, int epoch, long messageId) implements RsvpObject {

    public static final int C_TYPE = 1;
    public static final int FLAG_ACK_DESIRED = 0x01;

    public MessageId {
        Decoding.checkUnsigned(flags, 8, "flags");
        Decoding.checkUnsigned(epoch, 24, "epoch");
        Decoding.checkUnsigned(messageId, 32, "message identifier");
    }

    public boolean ackDesired() {
        return (flags & FLAG_ACK_DESIRED) != 0;
    }

    @Override
    public int classNum() {
        return ObjectClass.MESSAGE_ID;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static MessageId decode(WireReader r) {
        return new MessageId(r.u8(), r.u24(), r.u32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u8(flags).u24(epoch).u32(messageId);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("flags", flags);
        v.bool("ackDesired", ackDesired());
        v.number("epoch", epoch);
        v.number("messageId", messageId);
    }
}
