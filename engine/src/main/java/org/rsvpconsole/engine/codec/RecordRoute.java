package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3209 §4.4 RECORD_ROUTE (Class-Num 21), C-Type 1: the hops (and optionally labels) a Path or Resv message
 * has crossed, most recent first, as subobjects filling the body (see {@link RroSubobject}).
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                                                       |
 * //                   (Subobjects)                      //
 * |                                                       |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record RecordRoute(List<RroSubobject> subobjects) implements RsvpObject {

    public static final int C_TYPE = 1;

    public RecordRoute {
        subobjects = List.copyOf(subobjects);
    }

    @Override
    public int classNum() {
        return ObjectClass.RECORD_ROUTE;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static RecordRoute decode(WireReader r) {
        List<RroSubobject> list = new ArrayList<>();
        while (r.hasRemaining()) {
            list.add(RroSubobject.decode(r));
        }
        return new RecordRoute(list);
    }

    @Override
    public void encodeBody(WireWriter out) {
        for (RroSubobject s : subobjects) {
            s.encode(out);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.beginList("subobjects");
        for (RroSubobject s : subobjects) {
            v.beginGroup(null);
            s.describe(v);
            v.endGroup();
        }
        v.endList();
    }
}
