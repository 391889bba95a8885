package org.rsvpconsole.engine.rawip;

import org.rsvpconsole.engine.capture.IpEncapsulation;

/**
 * In-place edits of IPv4 datagrams carrying RSVP that the transport makes itself (the node builds the datagrams
 * with {@link IpEncapsulation}): the Router Alert option (RFC 2113), TTL, the header checksum (RFC 791). Every
 * method checks lengths first and answers "no" to bytes that are not an IPv4 datagram.
 */
final class Ipv4Datagrams {

    static final int ROUTER_ALERT = 0x94;

    private Ipv4Datagrams() {
    }

    static int headerLength(byte[] d) {
        if (d.length < 20 || (d[0] & 0xf0) != 0x40) {
            return -1;
        }
        int ihl = (d[0] & 0x0f) * 4;
        return ihl < 20 || ihl > d.length ? -1 : ihl;
    }

    /** True if the options hold Router Alert (it is always the first option we or RFC 2205 speakers send). */
    static boolean hasRouterAlert(byte[] d) {
        int ihl = headerLength(d);
        for (int at = 20; at < ihl;) {
            int type = d[at] & 0xff;
            if (type == ROUTER_ALERT) {
                return true;
            }
            if (type == 0) {
                return false;
            }
            if (type == 1) {
                at++;
                continue;
            }
            int len = at + 1 < ihl ? d[at + 1] & 0xff : 0;
            if (len < 2) {
                return false;
            }
            at += len;
        }
        return false;
    }

    /** The RSVP message type (RFC 2205 §3.1.1 common header), or -1. */
    static int rsvpType(byte[] d) {
        int ihl = headerLength(d);
        return ihl < 0 || d.length < ihl + 8 || (d[9] & 0xff) != Libc.IPPROTO_RSVP ? -1 : d[ihl + 1] & 0xff;
    }

    static int ttl(byte[] d) {
        return d[8] & 0xff;
    }

    /** Decrements the TTL and fixes the checksum; false (and unchanged) if the datagram must not be forwarded. */
    static boolean decrementTtl(byte[] d) {
        int ihl = headerLength(d);
        if (ihl < 0 || ttl(d) <= 1) {
            return false;
        }
        d[8] = (byte) (ttl(d) - 1);
        IpEncapsulation.fillIpv4HeaderChecksum(d, ihl);
        return true;
    }
}
