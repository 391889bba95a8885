package org.rsvpconsole.engine.capture;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;

/**
 * Finds the RSVP message in a frame: link layer, then IPv4 or IPv6, then either protocol 46 (raw RSVP) or UDP to or
 * from port 1698/1699 (RFC 2205 Appendix C encapsulation). Every offset is checked against the captured bytes;
 * nothing is copied and nothing here throws on bad input.
 */
public final class RsvpExtractor {

    /** IP protocol number of RSVP (RFC 2205 §3). */
    public static final int PROTO_RSVP = 46;
    public static final int PROTO_UDP = 17;
    /** RFC 2205 Appendix C: UDP ports for encapsulated RSVP ("Pu" to routers, "Pu'" to hosts). */
    public static final int UDP_PORT_RSVP = 1698;
    public static final int UDP_PORT_RSVP_HOST = 1699;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    /** No ethertype: the IP version nibble decides (raw IP link types). */
    private static final int BY_VERSION = -1;
    private static final int NOT_IP = -2;
    /** VLAN tags (802.1Q, 802.1ad, old QinQ values) a frame may stack before the real ethertype. */
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_HEADERS = 16;
    private static final int IPV4_OPT_ROUTER_ALERT = 148;
    private static final int IPV6_OPT_ROUTER_ALERT = 5;

    private RsvpExtractor() {
    }

    /** The RSVP message in the frame, or why there is none. */
    public static Extraction extract(Frame f) {
        byte[] b = f.data();
        int n = b.length;
        int off;
        int etherType;
        switch (f.linkType()) {
            case LinkType.ETHERNET -> {
                if (n < 14) {
                    return none(f, NoRsvp.Reason.NOT_IP, "Ethernet frame of " + n + " byte(s) is too short");
                }
                int pos = 12;
                etherType = Bytes.u16(b, pos);
                for (int i = 0; i < MAX_VLAN_TAGS && isVlan(etherType) && pos + 6 <= n; i++) {
                    pos += 4;
                    etherType = Bytes.u16(b, pos);
                }
                if (etherType <= 1500 && pos + 10 <= n && Bytes.u8(b, pos + 2) == 0xaa && Bytes.u8(b, pos + 3) == 0xaa
                    && Bytes.u8(b, pos + 4) == 0x03) {
                    // 802.3 length field with LLC/SNAP (AA AA 03): the ethertype follows the 3-byte OUI.
                    pos += 8;
                    etherType = Bytes.u16(b, pos);
                }
                off = pos + 2;
            }
            case LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14 -> {
                off = 0;
                etherType = BY_VERSION;
            }
            case LinkType.IPV4 -> {
                off = 0;
                etherType = ETH_IPV4;
            }
            case LinkType.IPV6 -> {
                off = 0;
                etherType = ETH_IPV6;
            }
            case LinkType.LINUX_SLL -> {
                if (n < 16) {
                    return none(f, NoRsvp.Reason.NOT_IP, "Linux cooked frame of " + n + " byte(s) is too short");
                }
                off = 16;
                etherType = Bytes.u16(b, 14);
            }
            case LinkType.LINUX_SLL2 -> {
                if (n < 20) {
                    return none(f, NoRsvp.Reason.NOT_IP, "Linux cooked v2 frame of " + n + " byte(s) is too short");
                }
                off = 20;
                etherType = Bytes.u16(b, 0);
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (n < 4) {
                    return none(f, NoRsvp.Reason.NOT_IP, "loopback frame of " + n + " byte(s) is too short");
                }
                // NULL: host byte order of the capturing machine; the family is small, so a zero first half means
                // big-endian. LOOP is always big-endian.
                boolean big = f.linkType() == LinkType.LOOP || (b[0] == 0 && b[1] == 0);
                int family = Bytes.u32(b, 0, big);
                off = 4;
                etherType = family == 2 ? ETH_IPV4 : family == 10 || family == 24 || family == 28 || family == 30
                    ? ETH_IPV6 : NOT_IP;
            }
            case LinkType.PPP, LinkType.PPP_HDLC -> {
                int pos = n >= 2 && Bytes.u8(b, 0) == 0xff && Bytes.u8(b, 1) == 0x03 ? 2 : 0;
                if (pos >= n) {
                    return none(f, NoRsvp.Reason.NOT_IP, "PPP frame of " + n + " byte(s) is too short");
                }
                int proto;
                if ((b[pos] & 1) == 1) {
                    // Protocol-field compression (RFC 1661 §6.5): a one-byte protocol number.
                    proto = Bytes.u8(b, pos);
                    pos += 1;
                } else if (pos + 2 <= n) {
                    proto = Bytes.u16(b, pos);
                    pos += 2;
                } else {
                    return none(f, NoRsvp.Reason.NOT_IP, "PPP frame of " + n + " byte(s) is too short");
                }
                off = pos;
                etherType = proto == 0x21 ? ETH_IPV4 : proto == 0x57 ? ETH_IPV6 : NOT_IP;
            }
            default -> {
                return none(f, NoRsvp.Reason.UNSUPPORTED_LINK_TYPE,
                    LinkType.name(f.linkType()) + " is not a link type this reader takes IP from");
            }
        }
        if (etherType == BY_VERSION) {
            if (off >= n) {
                return none(f, NoRsvp.Reason.BAD_IP_HEADER, "empty raw IP frame");
            }
            int version = (b[off] & 0xff) >>> 4;
            etherType = version == 4 ? ETH_IPV4 : version == 6 ? ETH_IPV6 : NOT_IP;
            if (etherType == NOT_IP) {
                return none(f, NoRsvp.Reason.BAD_IP_HEADER, "raw IP frame with IP version " + version);
            }
        }
        if (etherType == ETH_IPV4) {
            return ipv4(f, b, off);
        }
        if (etherType == ETH_IPV6) {
            return ipv6(f, b, off);
        }
        return none(f, NoRsvp.Reason.NOT_IP, etherType >= 0
            ? String.format("link layer carries protocol 0x%04x, not IP", etherType)
            : "link layer carries something other than IP");
    }

    private static boolean isVlan(int etherType) {
        return etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100 || etherType == 0x9200;
    }

    private static NoRsvp none(Frame f, NoRsvp.Reason reason, String detail) {
        return new NoRsvp(f.number(), reason, detail);
    }

    /** RFC 791 header; options walked for Router Alert (RFC 2113: type 148, length 4). */
    private static Extraction ipv4(Frame f, byte[] b, int off) {
        int n = b.length;
        if (n - off < 20) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv4 header truncated: " + Math.max(0, n - off)
                + " of 20 bytes captured");
        }
        int version = (b[off] & 0xff) >>> 4;
        int ihl = (b[off] & 0x0f) * 4;
        if (version != 4 || ihl < 20) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "invalid IPv4 header (version " + version + ", header length "
                + ihl + ")");
        }
        if (ihl > n - off) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv4 header of " + ihl + " bytes truncated to " + (n - off));
        }
        int totalLen = Bytes.u16(b, off + 2);
        int end;
        boolean truncated = false;
        if (totalLen == 0) {
            // Segmentation offload captures carry 0: the datagram is whatever was captured.
            end = n;
        } else if (totalLen < ihl) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv4 total length " + totalLen + " is shorter than its "
                + ihl + "-byte header");
        } else {
            truncated = off + totalLen > n;
            end = Math.min(off + totalLen, n);
        }
        int fragField = Bytes.u16(b, off + 6);
        int fragOffset = (fragField & 0x1fff) * 8;
        boolean moreFragments = (fragField & 0x2000) != 0;
        if (fragOffset != 0) {
            return none(f, NoRsvp.Reason.NON_FIRST_FRAGMENT, "IPv4 fragment at offset " + fragOffset
                + " (not the first fragment; fragments are not reassembled)");
        }
        int ttl = b[off + 8] & 0xff;
        int proto = b[off + 9] & 0xff;
        boolean routerAlert = false;
        int optEnd = off + ihl;
        for (int i = off + 20; i < optEnd; ) {
            int type = b[i] & 0xff;
            if (type == 0) {
                break;
            }
            if (type == 1) {
                i++;
                continue;
            }
            if (i + 1 >= optEnd) {
                break;
            }
            int len = b[i + 1] & 0xff;
            if (len < 2) {
                break;
            }
            if (type == IPV4_OPT_ROUTER_ALERT) {
                routerAlert = true;
            }
            i += len;
        }
        IpAddress src = Ipv4Address.fromBytes(b, off + 12);
        IpAddress dst = Ipv4Address.fromBytes(b, off + 16);
        return transport(f, b, proto, off + ihl, end, src, dst, ttl, routerAlert, truncated, moreFragments, "IPv4");
    }

    /** RFC 8200 header and extension-header chain; hop-by-hop options walked for Router Alert (RFC 2711). */
    private static Extraction ipv6(Frame f, byte[] b, int off) {
        int n = b.length;
        if (n - off < 40) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 header truncated: " + Math.max(0, n - off)
                + " of 40 bytes captured");
        }
        int version = (b[off] & 0xff) >>> 4;
        if (version != 6) {
            return none(f, NoRsvp.Reason.BAD_IP_HEADER, "invalid IPv6 header (version " + version + ")");
        }
        int payloadLen = Bytes.u16(b, off + 4);
        int end;
        boolean truncated = false;
        if (payloadLen == 0) {
            // A jumbogram (RFC 2675) or an offload capture: take what was captured.
            end = n;
        } else {
            truncated = off + 40 + payloadLen > n;
            end = Math.min(off + 40 + payloadLen, n);
        }
        int hopLimit = b[off + 7] & 0xff;
        IpAddress src = Ipv6Address.fromBytes(b, off + 8);
        IpAddress dst = Ipv6Address.fromBytes(b, off + 24);
        int next = b[off + 6] & 0xff;
        int p = off + 40;
        boolean routerAlert = false;
        boolean fragment = false;
        for (int i = 0; i < MAX_IPV6_HEADERS; i++) {
            switch (next) {
                case 0, 43, 60 -> {
                    // Hop-by-hop, routing, destination options: length in 8-byte units, not counting the first 8.
                    if (p + 2 > end) {
                        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 extension header " + next + " truncated");
                    }
                    int hlen = ((b[p + 1] & 0xff) + 1) * 8;
                    if (p + hlen > end) {
                        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 extension header " + next + " of " + hlen
                            + " bytes truncated");
                    }
                    if (next == 0) {
                        routerAlert = hasIpv6RouterAlert(b, p + 2, p + hlen);
                    }
                    next = b[p] & 0xff;
                    p += hlen;
                }
                case 44 -> {
                    if (p + 8 > end) {
                        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 fragment header truncated");
                    }
                    int field = Bytes.u16(b, p + 2);
                    int fragOffset = (field >>> 3) * 8;
                    if (fragOffset != 0) {
                        return none(f, NoRsvp.Reason.NON_FIRST_FRAGMENT, "IPv6 fragment at offset " + fragOffset
                            + " (not the first fragment; fragments are not reassembled)");
                    }
                    fragment = (field & 1) != 0;
                    next = b[p] & 0xff;
                    p += 8;
                }
                case 51 -> {
                    // Authentication Header (RFC 4302): length in 4-byte units, minus 2.
                    if (p + 2 > end) {
                        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 authentication header truncated");
                    }
                    int hlen = ((b[p + 1] & 0xff) + 2) * 4;
                    if (p + hlen > end) {
                        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "IPv6 authentication header truncated");
                    }
                    next = b[p] & 0xff;
                    p += hlen;
                }
                default -> {
                    return transport(f, b, next, p, end, src, dst, hopLimit, routerAlert, truncated, fragment,
                        "IPv6");
                }
            }
        }
        return none(f, NoRsvp.Reason.BAD_IP_HEADER, "more than " + MAX_IPV6_HEADERS + " IPv6 extension headers");
    }

    /**
     * Whether the IPv6 hop-by-hop options in {@code b[from, to)} (after the header's next-header and length bytes)
     * carry a Router Alert (RFC 2711); never reads past {@code to}.
     */
    public static boolean hasIpv6RouterAlert(byte[] b, int from, int to) {
        for (int i = from; i < to; ) {
            int type = b[i] & 0xff;
            if (type == 0) {
                // Pad1 is the one option without a length byte.
                i++;
                continue;
            }
            if (i + 1 >= to) {
                return false;
            }
            if (type == IPV6_OPT_ROUTER_ALERT) {
                return true;
            }
            i += 2 + (b[i + 1] & 0xff);
        }
        return false;
    }

    private static Extraction transport(Frame f, byte[] b, int proto, int start, int end, IpAddress src,
                                        IpAddress dst, int ttl, boolean routerAlert, boolean truncated,
                                        boolean fragment, String ip) {
        if (proto == PROTO_RSVP) {
            return new RsvpPacket(f.number(), f.timestamp(), src, dst, Transport.RAW_IP, routerAlert, ttl, b, start,
                end - start, truncated, fragment);
        }
        if (proto == PROTO_UDP) {
            if (end - start < 8) {
                return none(f, NoRsvp.Reason.NOT_RSVP, "UDP header truncated");
            }
            int srcPort = Bytes.u16(b, start);
            int dstPort = Bytes.u16(b, start + 2);
            if (!isRsvpPort(srcPort) && !isRsvpPort(dstPort)) {
                return none(f, NoRsvp.Reason.NOT_RSVP, "UDP " + srcPort + " -> " + dstPort + " (not RSVP)");
            }
            int udpLen = Bytes.u16(b, start + 4);
            int udpEnd = end;
            boolean cut = truncated;
            if (udpLen >= 8) {
                cut |= start + udpLen > end;
                udpEnd = Math.min(start + udpLen, end);
            }
            return new RsvpPacket(f.number(), f.timestamp(), src, dst, Transport.UDP, routerAlert, ttl, b, start + 8,
                udpEnd - start - 8, cut, fragment);
        }
        return none(f, NoRsvp.Reason.NOT_RSVP, ip + " protocol " + proto + " (not RSVP)");
    }

    private static boolean isRsvpPort(int port) {
        return port == UDP_PORT_RSVP || port == UDP_PORT_RSVP_HOST;
    }
}
