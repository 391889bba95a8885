package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 2750 §3.1 POLICY_DATA (Class-Num 14), C-Type 1: policy information for admission control. Options are whole
 * RSVP objects (FILTER_SPEC, RSVP_HOP, INTEGRITY, ...) between the 4-byte policy header and Data Offset; the policy
 * elements follow up to the end of the object.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |        Data Offset        |       0 (reserved)        |
 * +-------------+-------------+-------------+-------------+
 * //                   Option List                        //
 * +-------------+-------------+-------------+-------------+
 * //                   Policy Element List                //
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * Data Offset counts from the start of the object header, so it is 8 when there are no options; the encoder
 * computes it. Options are decoded with the registry's parsers; a POLICY_DATA inside POLICY_DATA is refused, which
 * bounds the nesting to one level.
 */
public record PolicyData(List<RsvpObject> options, List<PolicyElement> elements) implements RsvpObject {

    public static final int C_TYPE = 1;

    public PolicyData {
        options = List.copyOf(options);
        elements = List.copyOf(elements);
        for (RsvpObject o : options) {
            if (o instanceof PolicyData) {
                throw new IllegalArgumentException("a POLICY_DATA option must not be another POLICY_DATA");
            }
        }
    }

    /** Policy elements only, no options. */
    public static PolicyData of(PolicyElement... elements) {
        return new PolicyData(List.of(), List.of(elements));
    }

    @Override
    public int classNum() {
        return ObjectClass.POLICY_DATA;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static PolicyData decode(WireReader r) {
        int dataOffset = (r.peekU8(0) << 8) | r.peekU8(1);
        if (dataOffset < 8 || dataOffset % 4 != 0 || dataOffset > r.remaining() + 4) {
            throw r.fail(r.what() + ": Data Offset " + dataOffset + " at byte " + r.offset() + " must be at least 8,"
                + " a multiple of 4 and within the object (" + (r.remaining() + 4) + " bytes)");
        }
        r.skip(4); // Data Offset and the reserved half word (ignored on receipt)
        WireReader optionList = r.slice(dataOffset - 8);
        List<RsvpObject> options = new ArrayList<>();
        while (optionList.hasRemaining()) {
            options.add(ObjectRegistry.decodeNested(optionList));
        }
        List<PolicyElement> elements = new ArrayList<>();
        while (r.hasRemaining()) {
            elements.add(PolicyElement.decode(r));
        }
        return new PolicyData(options, elements);
    }

    @Override
    public void encodeBody(WireWriter out) {
        int start = out.position();
        out.u16(0).u16(0);
        for (RsvpObject o : options) {
            RsvpCodec.encodeObject(o, out);
        }
        // + 4 for the object header in front of the body.
        out.putU16At(start, out.position() - start + 4);
        for (PolicyElement e : elements) {
            e.encode(out);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.beginList("options");
        for (RsvpObject o : options) {
            v.beginGroup(null);
            v.text("className", o.className());
            v.number("classNum", o.classNum());
            v.number("cType", o.cType());
            o.describe(v);
            v.endGroup();
        }
        v.endList();
        v.beginList("elements");
        for (PolicyElement e : elements) {
            v.beginGroup(null);
            e.describe(v);
            v.endGroup();
        }
        v.endList();
    }
}
