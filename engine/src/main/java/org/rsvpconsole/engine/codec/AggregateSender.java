package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3175 §3.1 RSVP-AGGREGATE-IP4 (C-Type 9) and RSVP-AGGREGATE-IP6 (C-Type 10) sender: the aggregating router
 * that sources an aggregate reservation. There are no ports.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   IPv4 Aggregator Address (4 bytes) or IPv6 (16)      |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record AggregateSender(IpAddress aggregator) implements SenderId {

    public static final int C_TYPE_IPV4 = 9;
    public static final int C_TYPE_IPV6 = 10;

    public AggregateSender {
        Objects.requireNonNull(aggregator, "aggregator");
    }

    @Override
    public IpAddress source() {
        return aggregator;
    }

    @Override
    public int cType() {
        return aggregator instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static AggregateSender decodeIpv4(WireReader r) {
        return new AggregateSender(r.ipv4());
    }

    static AggregateSender decodeIpv6(WireReader r) {
        return new AggregateSender(r.ipv6());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(aggregator);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("aggregator", aggregator);
    }
}
