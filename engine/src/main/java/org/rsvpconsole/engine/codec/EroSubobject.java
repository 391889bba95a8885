package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3209 §4.3.3 EXPLICIT_ROUTE subobject: one abstract node of the route. Length covers the whole subobject
 * including this 2-byte header, is at least 4 and a multiple of 4.
 *
 * <pre>
 *  0                   1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------------//----------------+
 * |L|    Type     |     Length    | (Subobject contents)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------------//----------------+
 * </pre>
 */
public sealed interface EroSubobject permits EroSubobject.IpPrefix, EroSubobject.AsNumber, EroSubobject.Unknown {

    int TYPE_IPV4_PREFIX = 1;
    int TYPE_IPV6_PREFIX = 2;
    int TYPE_AS_NUMBER = 32;

    /** L bit: the hop from the previous node to this one is loose (may cross other nodes); false = strict. */
    boolean loose();

    /** The 7-bit subobject type. */
    int type();

    /** Writes the whole subobject, header included. */
    void encode(WireWriter out);

    void describe(FieldVisitor v);

    /** Parses the subobject at the cursor of the ERO body reader. */
    static EroSubobject decode(WireReader r) {
        int len = Decoding.subobjectLength(r);
        int first = r.peekU8(0);
        boolean loose = (first & 0x80) != 0;
        int type = first & 0x7f;
        switch (type) {
            case TYPE_IPV4_PREFIX -> Decoding.expectSubobjectLength(r, len, 8, "IPv4 prefix");
            case TYPE_IPV6_PREFIX -> Decoding.expectSubobjectLength(r, len, 20, "IPv6 prefix");
            case TYPE_AS_NUMBER -> Decoding.expectSubobjectLength(r, len, 4, "AS number");
            default -> {
            }
        }
        r.skip(2);
        return switch (type) {
            case TYPE_IPV4_PREFIX, TYPE_IPV6_PREFIX -> {
                IpAddress a = type == TYPE_IPV4_PREFIX ? r.ipv4() : r.ipv6();
                int prefix = r.u8();
                r.skip(1); // Reserved: ignored on receipt
                yield Decoding.valid(r, () -> new IpPrefix(loose, a, prefix));
            }
            case TYPE_AS_NUMBER -> new AsNumber(loose, r.u16());
            default -> new Unknown(loose, type, r.octets(len - 2));
        };
    }

    /** Type 1 (IPv4 prefix, 8 bytes) or 2 (IPv6 prefix, 20 bytes); the address family picks the type. */
    record IpPrefix(boolean loose, IpAddress address, int prefixLength) implements EroSubobject {

        public IpPrefix {
            if (address == null) {
                throw new IllegalArgumentException("address must not be null");
            }
            int max = address.length() * 8;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + max);
            }
        }

        @Override
        public int type() {
            return address instanceof Ipv4Address ? TYPE_IPV4_PREFIX : TYPE_IPV6_PREFIX;
        }

        @Override
        public void encode(WireWriter out) {
            out.u8((loose ? 0x80 : 0) | type()).u8(4 + address.length()).ip(address).u8(prefixLength).u8(0);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.bool("loose", loose);
            v.number("type", type());
            v.address("address", address);
            v.number("prefixLength", prefixLength);
        }
    }

    /** Type 32: a 16-bit autonomous system number (4 bytes). */
    record AsNumber(boolean loose, int asNumber) implements EroSubobject {

        public AsNumber {
            Decoding.checkUnsigned(asNumber, 16, "AS number");
        }

        @Override
        public int type() {
            return TYPE_AS_NUMBER;
        }

        @Override
        public void encode(WireWriter out) {
            out.u8((loose ? 0x80 : 0) | TYPE_AS_NUMBER).u8(4).u16(asNumber);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.bool("loose", loose);
            v.number("type", TYPE_AS_NUMBER);
            v.number("asNumber", asNumber);
        }
    }

    /**
     * Any other type (e.g. RFC 3477 unnumbered interface, 4), kept byte for byte so the route is forwarded as
     * received.
     *
     * @param contents everything after the 2-byte header
     */
    record Unknown(boolean loose, int type, Octets contents) implements EroSubobject {

        public Unknown {
            Decoding.checkUnsigned(type, 7, "subobject type");
            if (type == TYPE_IPV4_PREFIX || type == TYPE_IPV6_PREFIX || type == TYPE_AS_NUMBER) {
                throw new IllegalArgumentException("type " + type + " has its own record");
            }
            Decoding.checkOpaqueSubobject(contents);
        }

        @Override
        public void encode(WireWriter out) {
            out.u8((loose ? 0x80 : 0) | type).u8(2 + contents.length()).octets(contents);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.bool("loose", loose);
            v.number("type", type);
            v.octets("contents", contents);
        }
    }
}
