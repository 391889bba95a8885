package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3209 §4.6.1 SESSION LSP_TUNNEL_IPv4 (C-Type 7) and LSP_TUNNEL_IPv6 (C-Type 8): a traffic-engineered tunnel
 * to {@code endpoint}. The extended tunnel ID (normally the head end's address) is 4 bytes in the IPv4 form and 16
 * in the IPv6 form, so it is an address of the same family as the end point.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |  IPv4 tunnel end point address (4 bytes) or IPv6 (16) |
 * +-------------+-------------+-------------+-------------+
 * |  MUST be zero             |      Tunnel ID            |
 * +-------------+-------------+-------------+-------------+
 * |       Extended Tunnel ID (4 bytes, or 16 for IPv6)    |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record LspTunnelSession(IpAddress endpoint, int tunnelId, IpAddress extendedTunnelId) implements Session {

    public static final int C_TYPE_IPV4 = 7;
    public static final int C_TYPE_IPV6 = 8;

    public LspTunnelSession {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(extendedTunnelId, "extendedTunnelId");
        if ((tunnelId & ~0xffff) != 0) {
            throw new IllegalArgumentException("tunnel ID must be 16 bits: " + tunnelId);
        }
        if (endpoint.length() != extendedTunnelId.length()) {
            throw new IllegalArgumentException("end point " + endpoint + " and extended tunnel ID "
                + extendedTunnelId + " must be of the same address family");
        }
    }

    /** The tunnel end point, as {@link Session} names it. */
    @Override
    public IpAddress destination() {
        return endpoint;
    }

    @Override
    public int cType() {
        return endpoint instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static LspTunnelSession decodeIpv4(WireReader r) {
        IpAddress end = r.ipv4();
        BodyChecks.zeroU16(r, "must-be-zero");
        int id = r.u16();
        return new LspTunnelSession(end, id, r.ipv4());
    }

    static LspTunnelSession decodeIpv6(WireReader r) {
        IpAddress end = r.ipv6();
        BodyChecks.zeroU16(r, "must-be-zero");
        int id = r.u16();
        return new LspTunnelSession(end, id, r.ipv6());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(endpoint).u16(0).u16(tunnelId).ip(extendedTunnelId);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("endpoint", endpoint);
        v.number("tunnelId", tunnelId);
        v.address("extendedTunnelId", extendedTunnelId);
    }
}
