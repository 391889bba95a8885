package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.2 RSVP_HOP (Class-Num 3), C-Type 1 (IPv4) and 2 (IPv6): the previous hop (PHOP, in downstream
 * messages) or next hop (NHOP, in upstream messages) and its Logical Interface Handle.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |      IPv4 Next/Previous Hop Address (or IPv6, 16)     |
 * +-------------+-------------+-------------+-------------+
 * |                 Logical Interface Handle              |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record RsvpHop(IpAddress hop, int logicalInterfaceHandle) implements RsvpObject {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;

    @Override
    public int classNum() {
        return ObjectClass.RSVP_HOP;
    }

    @Override
    public int cType() {
        return hop instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static RsvpHop decodeIpv4(WireReader r) {
        return new RsvpHop(r.ipv4(), r.i32());
    }

    static RsvpHop decodeIpv6(WireReader r) {
        return new RsvpHop(r.ipv6(), r.i32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(hop).i32(logicalInterfaceHandle);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("hop", hop);
        v.number("logicalInterfaceHandle", Integer.toUnsignedLong(logicalInterfaceHandle));
    }
}
