package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.9/A.10 IPv4/UDP (C-Type 1) and IPv6/UDP (C-Type 2) sender: source address and port.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   IPv4 SrcAddress (4 bytes) or IPv6 SrcAddress (16)   |
 * +-------------+-------------+-------------+-------------+
 * |    //////   |    //////   |          SrcPort          |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param port the UDP/TCP source port, 0 for none
 */
public record IpSender(IpAddress source, int port) implements SenderId {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;

    public IpSender {
        Objects.requireNonNull(source, "source");
        if ((port & ~0xffff) != 0) {
            throw new IllegalArgumentException("source port must be 16 bits: " + port);
        }
    }

    @Override
    public int cType() {
        return source instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static IpSender decodeIpv4(WireReader r) {
        Ipv4Address a = r.ipv4();
        BodyChecks.zeroU16(r, "reserved");
        return new IpSender(a, r.u16());
    }

    static IpSender decodeIpv6(WireReader r) {
        IpAddress a = r.ipv6();
        BodyChecks.zeroU16(r, "reserved");
        return new IpSender(a, r.u16());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(source).u16(0).u16(port);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("source", source);
        v.number("sourcePort", port);
    }
}
