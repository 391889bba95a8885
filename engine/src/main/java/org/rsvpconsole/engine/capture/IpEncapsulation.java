package org.rsvpconsole.engine.capture;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * How to wrap an RSVP message into an IP datagram: addresses, TTL (hop limit), Router Alert, and optionally UDP
 * (RFC 2205 Appendix C, port 1698 both ways).
 *
 * <p>IPv4: a 20-byte header, or 24 with the Router Alert option {@code 94 04 00 00} (RFC 2113). IPv6: a 40-byte
 * header, followed when Router Alert is on by an 8-byte hop-by-hop header holding option type 5 with value 1
 * ("datagram contains an RSVP message", RFC 2711 §2.1) and a PadN.
 *
 * @param ttl IPv4 TTL or IPv6 hop limit, 0 to 255
 */
public record IpEncapsulation(IpAddress source, IpAddress destination, int ttl, boolean routerAlert, boolean udp) {

    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int ROUTER_ALERT_V4 = 4;
    public static final int HOP_BY_HOP_V6 = 8;
    public static final int UDP_HEADER = 8;
    /** RFC 2711 §2.1: Router Alert value for RSVP. */
    public static final int IPV6_ROUTER_ALERT_RSVP = 1;

    public IpEncapsulation {
        if (source == null || destination == null) {
            throw new IllegalArgumentException("source and destination addresses are required");
        }
        if (source.length() != destination.length()) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                + " are of different address families");
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0..255, was " + ttl);
        }
    }

    /** Raw RSVP (protocol 46) with Router Alert, as RFC 2205 §3.1.3 sends a Path message. */
    /**
     * Recomputes the header checksum of the IPv4 header of {@code ihl} bytes at the start of {@code p} (RFC 791),
     * after a router changed its TTL, protocol or options.
     */
    public static void fillIpv4HeaderChecksum(byte[] p, int ihl) {
        Bytes.put16(p, 10, 0);
        Bytes.put16(p, 10, Bytes.internetChecksum(p, 0, ihl, 0));
    }

    public static IpEncapsulation of(IpAddress source, IpAddress destination, int ttl) {
        return new IpEncapsulation(source, destination, ttl, true, false);
    }

    public IpEncapsulation withRouterAlert(boolean on) {
        return new IpEncapsulation(source, destination, ttl, on, udp);
    }

    public IpEncapsulation withUdp(boolean on) {
        return new IpEncapsulation(source, destination, ttl, routerAlert, on);
    }

    public IpEncapsulation withTtl(int hops) {
        return new IpEncapsulation(source, destination, hops, routerAlert, udp);
    }

    private boolean v4() {
        return source instanceof Ipv4Address;
    }

    /** Bytes of IP (and UDP) header in front of the RSVP message. */
    public int headerLength() {
        int ip = v4() ? IPV4_HEADER + (routerAlert ? ROUTER_ALERT_V4 : 0)
            : IPV6_HEADER + (routerAlert ? HOP_BY_HOP_V6 : 0);
        return ip + (udp ? UDP_HEADER : 0);
    }

    /** The whole IP datagram carrying {@code len} RSVP bytes at {@code off}. */
    public byte[] wrap(byte[] rsvp, int off, int len) {
        int total = headerLength() + len;
        int limit = v4() ? 0xffff : 0xffff + IPV6_HEADER;
        if (total > limit) {
            throw new IllegalArgumentException("a " + len + "-byte message does not fit in one IP datagram");
        }
        byte[] p = new byte[total];
        int proto = udp ? RsvpExtractor.PROTO_UDP : RsvpExtractor.PROTO_RSVP;
        int at;
        long pseudo;
        if (v4()) {
            int ihl = IPV4_HEADER + (routerAlert ? ROUTER_ALERT_V4 : 0);
            p[0] = (byte) (0x40 | ihl / 4);
            Bytes.put16(p, 2, total);
            p[8] = (byte) ttl;
            p[9] = (byte) proto;
            source.copyTo(p, 12);
            destination.copyTo(p, 16);
            if (routerAlert) {
                // RFC 2113: type 148 (copied, class 0, number 20), length 4, value 0 "examine packet".
                p[20] = (byte) 0x94;
                p[21] = 4;
            }
            Bytes.put16(p, 10, Bytes.internetChecksum(p, 0, ihl, 0));
            at = ihl;
            pseudo = Bytes.sum16(p, 12, 8) + proto;
        } else {
            p[0] = 0x60;
            Bytes.put16(p, 4, total - IPV6_HEADER);
            p[6] = (byte) (routerAlert ? 0 : proto);
            p[7] = (byte) ttl;
            source.copyTo(p, 8);
            destination.copyTo(p, 24);
            at = IPV6_HEADER;
            if (routerAlert) {
                p[at] = (byte) proto;
                p[at + 1] = 0;
                p[at + 2] = 5;
                p[at + 3] = 2;
                Bytes.put16(p, at + 4, IPV6_ROUTER_ALERT_RSVP);
                // PadN with no data bytes fills the header to 8 bytes.
                p[at + 6] = 1;
                p[at + 7] = 0;
                at += HOP_BY_HOP_V6;
            }
            pseudo = Bytes.sum16(p, 8, 32) + proto;
        }
        if (udp) {
            int udpLen = UDP_HEADER + len;
            Bytes.put16(p, at, RsvpExtractor.UDP_PORT_RSVP);
            Bytes.put16(p, at + 2, RsvpExtractor.UDP_PORT_RSVP);
            Bytes.put16(p, at + 4, udpLen);
            System.arraycopy(rsvp, off, p, at + UDP_HEADER, len);
            int sum = Bytes.internetChecksum(p, at, udpLen, pseudo + udpLen);
            // RFC 768: a computed zero is sent as all ones (zero means "no checksum").
            Bytes.put16(p, at + 6, sum == 0 ? 0xffff : sum);
        } else {
            System.arraycopy(rsvp, off, p, at, len);
        }
        return p;
    }
}
