package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3175 §3.1 SESSION RSVP-AGGREGATE-IP4 (C-Type 9) and RSVP-AGGREGATE-IP6 (C-Type 10): an aggregate
 * reservation toward the deaggregator {@code destination} for the traffic marked with {@code dscp}.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |  IPv4 Session Address (4 bytes) or IPv6 (16 bytes)    |
 * +-------------+-------------+-------------+-------------+
 * | /////////// |    Flags    |  /////////////////  DSCP  |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param flags as in the IP SESSION (0x01 E_Police, RFC 2205 A.1)
 * @param dscp  the Diffserv code point, the low 6 bits of the last byte
 */
public record AggregateSession(IpAddress destination, int flags, int dscp) implements Session {

    public static final int C_TYPE_IPV4 = 9;
    public static final int C_TYPE_IPV6 = 10;

    public AggregateSession {
        Objects.requireNonNull(destination, "destination");
        if ((flags & ~0xff) != 0 || (dscp & ~0x3f) != 0) {
            throw new IllegalArgumentException("flags are 8 bits and the DSCP 6 bits: " + flags + ", " + dscp);
        }
    }

    @Override
    public int cType() {
        return destination instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static AggregateSession decodeIpv4(WireReader r) {
        return decodeTail(r, r.ipv4());
    }

    static AggregateSession decodeIpv6(WireReader r) {
        return decodeTail(r, r.ipv6());
    }

    private static AggregateSession decodeTail(WireReader r, IpAddress destination) {
        BodyChecks.zeroU8(r, "reserved");
        int flags = r.u8();
        BodyChecks.zeroU8(r, "reserved");
        int at = r.offset();
        int last = r.u8();
        BodyChecks.checkZero(r, at, last & 0xc0, "reserved bits beside the DSCP");
        return new AggregateSession(destination, flags, last);
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(destination).u8(0).u8(flags).u8(0).u8(dscp);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("destination", destination);
        v.number("flags", flags);
        v.number("dscp", dscp);
    }
}
