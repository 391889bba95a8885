package org.rsvpconsole.engine.rawip;

import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.capture.RsvpExtractor;

/**
 * IPv6 datagrams carrying RSVP as the transport meets them. A protocol-46 socket is given the payload only (the
 * kernel strips the IPv6 header and the hop-by-hop header), so {@link #rebuild} makes the whole datagram the node
 * expects from the ancillary data; a router's IPV6_ROUTER_ALERT socket is given whole datagrams, read here in
 * place: the hop-by-hop Router Alert (RFC 2711), the hop limit. Every method checks lengths first and answers "no"
 * to bytes that are not an IPv6 datagram.
 */
final class Ipv6Datagrams {

    static final int HEADER = 40;
    private static final int NEXT_HOP_BY_HOP = 0;
    private static final int HOP_LIMIT = 7;

    private Ipv6Datagrams() {
    }

    /** Where the upper-layer payload starts (after a hop-by-hop header if there is one), or -1. */
    static int payloadOffset(byte[] d) {
        if (d.length < HEADER || (d[0] & 0xf0) != 0x60) {
            return -1;
        }
        if ((d[6] & 0xff) != NEXT_HOP_BY_HOP) {
            return HEADER;
        }
        if (d.length < HEADER + 8) {
            return -1;
        }
        int end = HEADER + ((d[HEADER + 1] & 0xff) + 1) * 8;
        return end > d.length ? -1 : end;
    }

    /** The protocol of the payload (the next header after any hop-by-hop header), or -1. */
    static int protocol(byte[] d) {
        int at = payloadOffset(d);
        if (at < 0) {
            return -1;
        }
        return at == HEADER ? d[6] & 0xff : d[HEADER] & 0xff;
    }

    /** True if the hop-by-hop header holds a Router Alert option (RFC 2711 §2.1), any value. */
    static boolean hasRouterAlert(byte[] d) {
        int end = payloadOffset(d);
        return end > HEADER && hopByHopHasRouterAlert(d, HEADER, end - HEADER);
    }

    /** The same test on a hop-by-hop header alone (as IPV6_HOPOPTS gives it) of {@code len} bytes at {@code off}. */
    static boolean hopByHopHasRouterAlert(byte[] h, int off, int len) {
        return RsvpExtractor.hasIpv6RouterAlert(h, off + 2, Math.min(h.length, off + len));
    }

    /** The RSVP message type (RFC 2205 §3.1.1 common header), or -1. */
    static int rsvpType(byte[] d) {
        int at = payloadOffset(d);
        return at < 0 || d.length < at + 8 || protocol(d) != Libc.IPPROTO_RSVP ? -1 : d[at + 1] & 0xff;
    }

    static Ipv6Address destination(byte[] d) {
        return Ipv6Address.fromBytes(d, 24);
    }

    /** Decrements the hop limit; false (and unchanged) if the datagram must not be forwarded. */
    static boolean decrementHopLimit(byte[] d) {
        if (payloadOffset(d) < 0 || (d[HOP_LIMIT] & 0xff) <= 1) {
            return false;
        }
        d[HOP_LIMIT] = (byte) ((d[HOP_LIMIT] & 0xff) - 1);
        return true;
    }

    /**
     * The datagram the node would have seen on the wire for a payload a protocol-46 socket received: source from
     * msg_name, destination from IPV6_PKTINFO, hop limit from IPV6_HOPLIMIT, Router Alert if IPV6_HOPOPTS held
     * one. Null when the kernel left any of them out.
     */
    static byte[] rebuild(Libc.Received r) {
        if (r.source6() == null || r.destination6() == null || r.hopLimit() < 0 || r.hopLimit() > 255
            || r.data().length > 0xffff - IpEncapsulation.HOP_BY_HOP_V6) {
            return null;
        }
        boolean alert = hopByHopHasRouterAlert(r.hopOptions(), 0, r.hopOptions().length);
        return new IpEncapsulation(Ipv6Address.fromBytes(r.source6(), 0), Ipv6Address.fromBytes(r.destination6(), 0),
            r.hopLimit(), alert, false).wrap(r.data(), 0, r.data().length);
    }
}
