package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3209 §4.3 EXPLICIT_ROUTE (Class-Num 20), C-Type 1: the route a Path message follows, as a series of
 * variable-length subobjects (see {@link EroSubobject}) filling the body.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                                                       |
 * //                   (Subobjects)                      //
 * |                                                       |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * Every subobject is at least 4 bytes, so decoding always advances: a zero-length subobject (as in captures that
 * hang naive decoders) is a typed fault, never a loop.
 */
public record ExplicitRoute(List<EroSubobject> subobjects) implements RsvpObject {

    public static final int C_TYPE = 1;

    public ExplicitRoute {
        subobjects = List.copyOf(subobjects);
    }

    @Override
    public int classNum() {
        return ObjectClass.EXPLICIT_ROUTE;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static ExplicitRoute decode(WireReader r) {
        List<EroSubobject> list = new ArrayList<>();
        while (r.hasRemaining()) {
            list.add(EroSubobject.decode(r));
        }
        return new ExplicitRoute(list);
    }

    @Override
    public void encodeBody(WireWriter out) {
        for (EroSubobject s : subobjects) {
            s.encode(out);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.beginList("subobjects");
        for (EroSubobject s : subobjects) {
            v.beginGroup(null);
            s.describe(v);
            v.endGroup();
        }
        v.endList();
    }
}
