package org.rsvpconsole.engine.node;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;

/**
 * The few IP header fields a node needs from a datagram on a simulated link (as
 * {@link org.rsvpconsole.engine.capture.IpEncapsulation} builds it): addresses, TTL, Router Alert and where the
 * RSVP message starts. Nodes send real IP datagrams, so captures of the virtual network look like real ones.
 *
 * @param ttlOffset where the TTL / hop limit byte is, so a forwarding router can decrement it in place
 * @param e2eIgnore the datagram is IP protocol 134, RSVP-E2E-IGNORE (RFC 3175 §3.2): an end-to-end message crossing
 *                  an aggregation region, which only the deaggregator processes
 */
record IpHeader(int version, IpAddress source, IpAddress destination, int ttl, int ttlOffset, boolean routerAlert,
                int payloadOffset, int payloadLength, boolean e2eIgnore) {

    private static final int PROTO_RSVP = 46;
    /** RFC 3175 §3.2. */
    static final int PROTO_RSVP_E2E_IGNORE = 134;

    /** Parses the header; null if the datagram is not an IPv4/IPv6 datagram carrying raw RSVP. */
    static IpHeader parse(byte[] p) {
        if (p.length < 20) {
            return null;
        }
        int version = (p[0] & 0xff) >>> 4;
        if (version == 4) {
            int ihl = (p[0] & 0x0f) * 4;
            int total = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
            int proto = p[9] & 0xff;
            if (ihl < 20 || total > p.length || total < ihl
                || (proto != PROTO_RSVP && proto != PROTO_RSVP_E2E_IGNORE)) {
                return null;
            }
            boolean ra = ihl >= 24 && (p[20] & 0xff) == 0x94;
            return new IpHeader(4, Ipv4Address.fromBytes(p, 12), Ipv4Address.fromBytes(p, 16), p[8] & 0xff, 8, ra,
                ihl, total - ihl, proto == PROTO_RSVP_E2E_IGNORE);
        }
        if (version == 6 && p.length >= 40) {
            int payload = ((p[4] & 0xff) << 8) | (p[5] & 0xff);
            int next = p[6] & 0xff;
            int at = 40;
            boolean ra = false;
            if (next == 0) {
                if (p.length < 48) {
                    return null;
                }
                next = p[40] & 0xff;
                ra = (p[42] & 0xff) == 5;
                at = 48;
            }
            if ((next != PROTO_RSVP && next != PROTO_RSVP_E2E_IGNORE) || 40 + payload > p.length
                || 40 + payload < at) {
                return null;
            }
            return new IpHeader(6, Ipv6Address.fromBytes(p, 8), Ipv6Address.fromBytes(p, 24), p[7] & 0xff, 7, ra,
                at, 40 + payload - at, next == PROTO_RSVP_E2E_IGNORE);
        }
        return null;
    }

    /**
     * Rewrites a raw RSVP datagram built by {@code IpEncapsulation} as RSVP-E2E-IGNORE (protocol 134, RFC 3175
     * §3.2) in place: the aggregator does this to end-to-end Path and PathTear messages entering the region.
     */
    static void markE2eIgnore(byte[] p) {
        int version = (p[0] & 0xff) >>> 4;
        if (version == 4) {
            p[9] = (byte) PROTO_RSVP_E2E_IGNORE;
            IpEncapsulation.fillIpv4HeaderChecksum(p, (p[0] & 0x0f) * 4);
        } else if (p[6] == 0) {
            p[40] = (byte) PROTO_RSVP_E2E_IGNORE;
        } else {
            p[6] = (byte) PROTO_RSVP_E2E_IGNORE;
        }
    }

    /** Decrements the TTL in place (and fixes the IPv4 header checksum); false if it reached 0. */
    boolean decrementTtl(byte[] p) {
        if (ttl <= 1) {
            return false;
        }
        p[ttlOffset] = (byte) (ttl - 1);
        if (version == 4) {
            IpEncapsulation.fillIpv4HeaderChecksum(p, payloadOffset);
        }
        return true;
    }
}
