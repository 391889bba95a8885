package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.Ipv6Address;

/**
 * RFC 2205 A.9/A.10 IPv6 flow-label sender (C-Type 3): the source address and the flow label its packets carry.
 * The field is 24 bits wide on the wire; the IPv6 flow label itself is the low 20 bits.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                IPv6 SrcAddress (16 bytes)             |
 * +-------------+-------------+-------------+-------------+
 * |   ///////   |          Flow Label (24 bits)           |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record FlowLabelSender(Ipv6Address source, int flowLabel) implements SenderId {

    public static final int C_TYPE = 3;

    public FlowLabelSender {
        Objects.requireNonNull(source, "source");
        if ((flowLabel & ~0xffffff) != 0) {
            throw new IllegalArgumentException("flow label field is 24 bits: " + flowLabel);
        }
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static FlowLabelSender decode(WireReader r) {
        Ipv6Address a = r.ipv6();
        BodyChecks.zeroU8(r, "reserved");
        return new FlowLabelSender(a, r.u24());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(source).u8(0).u24(flowLabel);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("source", source);
        v.number("flowLabel", flowLabel);
    }
}
