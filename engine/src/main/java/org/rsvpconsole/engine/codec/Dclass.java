package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 2996 §2 DCLASS (Class-Num 225), C-Type 1: the Diffserv code points the sender should mark the flow's
 * packets with, one or more, each in the low 6 bits of its own 32-bit word.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                  Unused                   | 1st DSCP  |
 * +-------------+-------------+-------------+-------------+
 * //                                                      //
 * +-------------+-------------+-------------+-------------+
 * |                  Unused                   | nth DSCP  |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record Dclass(List<Integer> dscps) implements RsvpObject {

    public static final int C_TYPE = 1;

    public Dclass {
        dscps = List.copyOf(dscps);
        if (dscps.isEmpty() || dscps.size() > (0xffff - 4) / 4) {
            throw new IllegalArgumentException("DCLASS carries one or more DSCPs (RFC 2996 §2), got " + dscps.size());
        }
        for (int d : dscps) {
            if ((d & ~0x3f) != 0) {
                throw new IllegalArgumentException("a DSCP is 6 bits (0..63): " + d);
            }
        }
    }

    public static Dclass of(Integer... dscps) {
        return new Dclass(List.of(dscps));
    }

    @Override
    public int classNum() {
        return ObjectClass.DCLASS;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static Dclass decode(WireReader r) {
        if (!r.hasRemaining()) {
            throw r.fail(r.what() + " carries no DSCP: RFC 2996 §2 requires at least one");
        }
        List<Integer> out = new ArrayList<>(r.remaining() / 4);
        while (r.hasRemaining()) {
            int at = r.offset();
            int word = r.i32();
            BodyChecks.checkZero(r, at, Integer.toUnsignedLong(word) & ~0x3fL, "unused bits beside the DSCP");
            out.add(word);
        }
        return new Dclass(out);
    }

    @Override
    public void encodeBody(WireWriter out) {
        for (int d : dscps) {
            out.i32(d);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.beginList("dscps");
        for (int d : dscps) {
            v.number(null, d);
        }
        v.endList();
    }
}
