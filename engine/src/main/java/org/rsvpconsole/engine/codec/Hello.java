package org.rsvpconsole.engine.codec;

/**
 * RFC 3209 §5.2 HELLO (Class-Num 22): C-Type 1 HELLO REQUEST and C-Type 2 HELLO ACK, with the same body.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                     Src_Instance                      |
 * +-------------+-------------+-------------+-------------+
 * |                     Dst_Instance                      |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param ack                 true for C-Type 2 (ACK), false for C-Type 1 (REQUEST)
 * @param sourceInstance      the sender's instance (32 bits; a change means the neighbour restarted, §5.3)
 * @param destinationInstance the last Src_Instance received from the neighbour, 0 if none (32 bits)
 */
public record Hello(boolean ack, int sourceInstance, int destinationInstance) implements RsvpObject {

    public static final int C_TYPE_REQUEST = 1;
    public static final int C_TYPE_ACK = 2;

    @Override
    public int classNum() {
        return ObjectClass.HELLO;
    }

    @Override
    public int cType() {
        return ack ? C_TYPE_ACK : C_TYPE_REQUEST;
    }

    static Hello decodeRequest(WireReader r) {
        return new Hello(false, r.i32(), r.i32());
    }

    static Hello decodeAck(WireReader r) {
        return new Hello(true, r.i32(), r.i32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.i32(sourceInstance).i32(destinationInstance);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.bool("ack", ack);
        v.number("sourceInstance", Integer.toUnsignedLong(sourceInstance));
        v.number("destinationInstance", Integer.toUnsignedLong(destinationInstance));
    }
}
