package org.rsvpconsole.engine.capture;

/**
 * The link-layer header types (tcpdump.org "LINKTYPE_" values) this package can take IP out of. Other values are
 * read as frames but yield no RSVP.
 */
public final class LinkType {

    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** PPP, with or without the HDLC-like address/control bytes (RFC 1662). */
    public static final int PPP = 9;
    /** DLT_RAW as some BSDs numbered it; the packet starts with the IP header. */
    public static final int RAW_12 = 12;
    /** DLT_RAW as other BSDs numbered it. */
    public static final int RAW_14 = 14;
    public static final int PPP_HDLC = 50;
    public static final int RAW = 101;
    /** OpenBSD loopback: like NULL but the family is always big-endian. */
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** A short name for messages, e.g. {@code Ethernet (1)}. */
    public static String name(int linkType) {
        String n = switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case PPP -> "PPP";
            case RAW_12, RAW_14, RAW -> "raw IP";
            case PPP_HDLC -> "PPP in HDLC framing";
            case LOOP -> "OpenBSD loopback";
            case LINUX_SLL -> "Linux cooked v1";
            case IPV4 -> "raw IPv4";
            case IPV6 -> "raw IPv6";
            case LINUX_SLL2 -> "Linux cooked v2";
            default -> "link type";
        };
        return n + " (" + linkType + ")";
    }

    /** True when {@link RsvpExtractor} understands the link type. */
    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, PPP, RAW_12, RAW_14, PPP_HDLC, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
