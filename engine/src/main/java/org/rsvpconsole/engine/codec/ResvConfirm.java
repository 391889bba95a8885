package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.12 RESV_CONFIRM (Class-Num 15), C-Type 1 (IPv4) and 2 (IPv6): the receiver that asked for a
 * ResvConf confirming its reservation (RFC 2205 §3.1.4).
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   IPv4 Receiver Address (4 bytes) or IPv6 (16 bytes)  |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record ResvConfirm(IpAddress receiver) implements RsvpObject {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;

    public ResvConfirm {
        Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public int classNum() {
        return ObjectClass.RESV_CONFIRM;
    }

    @Override
    public int cType() {
        return receiver instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    static ResvConfirm decodeIpv4(WireReader r) {
        return new ResvConfirm(r.ipv4());
    }

    static ResvConfirm decodeIpv6(WireReader r) {
        return new ResvConfirm(r.ipv6());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(receiver);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("receiver", receiver);
    }
}
