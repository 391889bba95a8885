package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.6 SCOPE (Class-Num 7), C-Type 1 (IPv4) and 2 (IPv6): the senders a wildcard-scope reservation
 * applies to, so WF reservations do not loop (RFC 2205 §3.4). All addresses are of one family, which picks the
 * C-Type; an empty list has no meaning and is refused.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                IP Src Address (4 or 16 bytes)         |
 * +-------------+-------------+-------------+-------------+
 * //                                                      //
 * +-------------+-------------+-------------+-------------+
 * |                IP Src Address (4 or 16 bytes)         |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record Scope(List<IpAddress> sources) implements RsvpObject {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;

    public Scope {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("SCOPE must list at least one sender address");
        }
        boolean v4 = sources.get(0) instanceof Ipv4Address;
        for (IpAddress a : sources) {
            if ((a instanceof Ipv4Address) != v4) {
                throw new IllegalArgumentException("SCOPE addresses must all be IPv4 or all IPv6: " + sources);
            }
        }
        if (sources.size() * sources.get(0).length() > 0xffff - 4) {
            throw new IllegalArgumentException("SCOPE of " + sources.size() + " addresses exceeds an object");
        }
    }

    @Override
    public int classNum() {
        return ObjectClass.SCOPE;
    }

    @Override
    public int cType() {
        return sources.get(0) instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static Scope decodeIpv4(WireReader r) {
        checkBody(r, 4);
        List<IpAddress> out = new ArrayList<>(r.remaining() / 4);
        while (r.hasRemaining()) {
            out.add(r.ipv4());
        }
        return new Scope(out);
    }

    static Scope decodeIpv6(WireReader r) {
        checkBody(r, 16);
        List<IpAddress> out = new ArrayList<>(r.remaining() / 16);
        while (r.hasRemaining()) {
            out.add(r.ipv6());
        }
        return new Scope(out);
    }

    private static void checkBody(WireReader r, int size) {
        if (r.remaining() == 0 || r.remaining() % size != 0) {
            throw r.fail(r.what() + " body of " + r.remaining() + " byte(s) is not a non-empty list of "
                + size + "-byte addresses");
        }
    }

    @Override
    public void encodeBody(WireWriter out) {
        for (IpAddress a : sources) {
            out.ip(a);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.beginList("sources");
        for (IpAddress a : sources) {
            v.address(null, a);
        }
        v.endList();
    }
}
