package org.rsvpconsole.engine.api;

/**
 * One abstract node of an explicit route (RFC 3209 §4.3.3): an IPv4 or IPv6 prefix, or an autonomous system,
 * reached strictly (directly from the previous abstract node) or loosely (through any nodes routing picks).
 *
 * @param address      the prefix address; null for an AS hop
 * @param prefixLength 32 (128) for one node
 * @param asNumber     the AS number of an AS hop (16 bits), -1 for a prefix hop
 * @param loose        the L bit
 */
public record ExplicitHop(IpAddress address, int prefixLength, int asNumber, boolean loose) {

    public ExplicitHop {
        if (address == null ? asNumber < 0 || asNumber > 0xffff : asNumber != -1) {
            throw new IllegalArgumentException("an explicit hop is either a prefix or an AS number (0..65535)");
        }
        if (address != null && (prefixLength < 0 || prefixLength > address.length() * 8)) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit " + address);
        }
    }

    /** A strict hop to one node's address. */
    public static ExplicitHop strict(IpAddress a) {
        return new ExplicitHop(a, a.length() * 8, -1, false);
    }

    /** A loose hop to one node's address. */
    public static ExplicitHop loose(IpAddress a) {
        return new ExplicitHop(a, a.length() * 8, -1, true);
    }

    /** An AS hop. */
    public static ExplicitHop as(int asNumber, boolean loose) {
        return new ExplicitHop(null, 0, asNumber, loose);
    }

    /** As routers print them: {@code 10.0.0.2 strict}, {@code 10.0.8.0/24 loose}, {@code AS 65001 loose}. */
    @Override
    public String toString() {
        String what = address == null ? "AS " + asNumber
            : prefixLength == address.length() * 8 ? address.toString() : address + "/" + prefixLength;
        return what + (loose ? " loose" : " strict");
    }
}
