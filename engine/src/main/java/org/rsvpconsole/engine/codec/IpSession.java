package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.1 SESSION, C-Type 1 (IPv4/UDP) and C-Type 2 (IPv6/UDP); the address family picks the C-Type.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |      IPv4 DestAddress (4 bytes) or IPv6 (16 bytes)    |
 * +-------------+-------------+-------------+-------------+
 * | Protocol Id |    Flags    |          DstPort          |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param flags 0x01 = E_Police: police traffic at the edge of a non-RSVP cloud (RFC 2205 A.1)
 */
public record IpSession(IpAddress destination, int protocolId, int flags, int destinationPort) implements Session {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;
    public static final int FLAG_E_POLICE = 0x01;

    @Override
    public int cType() {
        return destination instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static IpSession decodeIpv4(WireReader r) {
        return new IpSession(r.ipv4(), r.u8(), r.u8(), r.u16());
    }

    static IpSession decodeIpv6(WireReader r) {
        return new IpSession(r.ipv6(), r.u8(), r.u8(), r.u16());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(destination).u8(protocolId).u8(flags).u16(destinationPort);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("destination", destination);
        v.number("protocol", protocolId);
        v.number("flags", flags);
        v.number("destinationPort", destinationPort);
    }
}
