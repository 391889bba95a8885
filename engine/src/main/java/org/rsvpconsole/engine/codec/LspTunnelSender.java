package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3209 §4.6.2 (SENDER_TEMPLATE) and §4.6.3 (FILTER_SPEC) LSP_TUNNEL_IPv4 (C-Type 7) and LSP_TUNNEL_IPv6
 * (C-Type 8): the tunnel's head end and the LSP ID that tells the LSPs of one tunnel apart.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | IPv4 tunnel sender address (4 bytes) or IPv6 (16)     |
 * +-------------+-------------+-------------+-------------+
 * |            MUST be zero   |            LSP ID         |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record LspTunnelSender(IpAddress source, int lspId) implements SenderId {

    public static final int C_TYPE_IPV4 = 7;
    public static final int C_TYPE_IPV6 = 8;

    public LspTunnelSender {
        Objects.requireNonNull(source, "source");
        if ((lspId & ~0xffff) != 0) {
            throw new IllegalArgumentException("LSP ID must be 16 bits: " + lspId);
        }
    }

    @Override
    public int cType() {
        return source instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static LspTunnelSender decodeIpv4(WireReader r) {
        IpAddress a = r.ipv4();
        BodyChecks.zeroU16(r, "must-be-zero");
        return new LspTunnelSender(a, r.u16());
    }

    static LspTunnelSender decodeIpv6(WireReader r) {
        IpAddress a = r.ipv6();
        BodyChecks.zeroU16(r, "must-be-zero");
        return new LspTunnelSender(a, r.u16());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(source).u16(0).u16(lspId);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("tunnelSender", source);
        v.number("lspId", lspId);
    }
}
