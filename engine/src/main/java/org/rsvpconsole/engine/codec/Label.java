package org.rsvpconsole.engine.codec;

/**
 * RFC 3209 §4.1 LABEL (Class-Num 16), C-Type 1: the label a Resv message hands upstream. For an MPLS packet label
 * only the low 20 bits are used; the field is 32 bits and kept whole.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                  (top label)                          |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record Label(int label) implements RsvpObject {

    public static final int C_TYPE = 1;

    @Override
    public int classNum() {
        return ObjectClass.LABEL;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static Label decode(WireReader r) {
        return new Label(r.i32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.i32(label);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("label", Integer.toUnsignedLong(label));
    }
}
