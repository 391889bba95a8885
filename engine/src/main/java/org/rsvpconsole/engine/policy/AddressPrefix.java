package org.rsvpconsole.engine.policy;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * An address prefix such as {@code 10.1.0.0/16} or {@code 2001:db8::/32}; a bare address is a host prefix
 * (/32 or /128). The host bits of {@code network} must be zero, so a prefix is written one way only.
 */
public record AddressPrefix(IpAddress network, int length) {

    public AddressPrefix {
        Objects.requireNonNull(network, "network");
        int bits = network.length() * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range; use 0 to " + bits);
        }
        byte[] b = network.bytes();
        for (int i = length; i < bits; i++) {
            if ((b[i / 8] & (0x80 >>> (i % 8))) != 0) {
                throw new IllegalArgumentException(network + "/" + length + " has host bits set; write the network,"
                    + " like " + new AddressPrefix(mask(network, length), length));
            }
        }
    }

    /** Parses {@code 10.1.0.0/16}, {@code 2001:db8::/32} or a single address. */
    public static AddressPrefix parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        IpAddress a = IpAddress.parse(address).orElseThrow(() -> new IllegalArgumentException("'" + text
            + "' is not an address prefix; write it like 10.1.0.0/16, 2001:db8::/32 or 192.0.2.7"));
        if (slash < 0) {
            return new AddressPrefix(a, a.length() * 8);
        }
        int length;
        try {
            length = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'; write it like"
                + " 10.1.0.0/16");
        }
        return new AddressPrefix(a, length);
    }

    /** Whether {@code address} (of the same family) lies in this prefix. */
    public boolean contains(IpAddress address) {
        if (address.length() != network.length()) {
            return false;
        }
        return mask(address, length).equals(network);
    }

    private static IpAddress mask(IpAddress a, int length) {
        byte[] b = a.bytes();
        for (int i = length; i < b.length * 8; i++) {
            b[i / 8] &= (byte) ~(0x80 >>> (i % 8));
        }
        return b.length == 4 ? Ipv4Address.fromBytes(b, 0) : org.rsvpconsole.engine.api.Ipv6Address.fromBytes(b, 0);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
