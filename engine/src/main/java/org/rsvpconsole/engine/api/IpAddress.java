package org.rsvpconsole.engine.api;

import java.util.Optional;

/** An IPv4 or IPv6 address as a small immutable value (cheaper than {@link java.net.InetAddress}, no lookups). */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

    /** Address length in bytes: 4 or 16. */
    int length();

    /** The longest {@link #toString} text: a full IPv6 address, eight groups of four hex digits. */
    int MAX_TEXT = 39;

    /**
     * Writes {@link #toString}'s text as ASCII bytes into {@code dst} at {@code off} (room for {@link #MAX_TEXT}
     * needed) and returns the offset after it: for writers that print many addresses without making strings.
     */
    int writeText(byte[] dst, int off);

    /** Writes the address in network order into {@code dst} at {@code off}. */
    void copyTo(byte[] dst, int off);

    default byte[] bytes() {
        byte[] b = new byte[length()];
        copyTo(b, 0);
        return b;
    }

    /** Parses dotted IPv4 or RFC 5952 / RFC 4291 IPv6 text; empty when the text is not an address. */
    static Optional<IpAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return Ipv6Address.parse(text).map(a -> a);
        }
        return Ipv4Address.parse(text).map(a -> a);
    }

    /** Parses an address the caller knows is valid (tests, constants); throws on bad text. */
    static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }
}
