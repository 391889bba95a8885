package org.rsvpconsole.engine.codec;

/**
 * RFC 2961 §4.2 MESSAGE_ID_ACK (Class-Num 24, C-Type 1) and MESSAGE_ID_NACK (C-Type 2): acknowledges a received
 * MESSAGE_ID, or (NACK) says a summary-refreshed state is unknown here and the full message must be resent.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |    Flags    |                    Epoch                |
 * +-------------+-------------+-------------+-------------+
 * |                  Message_Identifier                   |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param nack      true for C-Type 2 (NACK)
 * @param flags     8 bits; none are defined (sent as 0)
 * @param epoch     24 bits, copied from the acknowledged MESSAGE_ID
 * @param messageId unsigned 32 bits, copied from the acknowledged MESSAGE_ID
 */
public record MessageIdAck(boolean nack, int flags, int epoch, long messageId) implements RsvpObject {

    public static final int C_TYPE_ACK = 1;
    public static final int C_TYPE_NACK = 2;

    public MessageIdAck {
        Decoding.checkUnsigned(flags, 8, "flags");
        Decoding.checkUnsigned(epoch, 24, "epoch");
        Decoding.checkUnsigned(messageId, 32, "message identifier");
    }

    @Override
    public int classNum() {
        return ObjectClass.MESSAGE_ID_ACK;
    }

    @Override
    public int cType() {
        return nack ? C_TYPE_NACK : C_TYPE_ACK;
    }

    static MessageIdAck decodeAck(WireReader r) {
        return new MessageIdAck(false, r.u8(), r.u24(), r.u32());
    }

    static MessageIdAck decodeNack(WireReader r) {
        return new MessageIdAck(true, r.u8(), r.u24(), r.u32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u8(flags).u24(epoch).u32(messageId);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.bool("nack", nack);
        v.number("flags", flags);
        v.number("epoch", epoch);
        v.number("messageId", messageId);
    }
}
