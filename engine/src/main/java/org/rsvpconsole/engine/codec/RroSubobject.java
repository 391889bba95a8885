package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 3209 §4.4.1 RECORD_ROUTE subobject: one recorded hop or label. Unlike ERO subobjects there is no L bit; the
 * type is a full byte. Length covers the whole subobject, is at least 4 and a multiple of 4.
 *
 * <pre>
 * +-------------+-------------+---------------//----------------+
 * |    Type     |   Length    | (Subobject contents)            |
 * +-------------+-------------+---------------//----------------+
 * </pre>
 */
public sealed interface RroSubobject
    permits RroSubobject.Address, RroSubobject.RecordedLabel, RroSubobject.Unknown {

    int TYPE_IPV4_ADDRESS = 1;
    int TYPE_IPV6_ADDRESS = 2;
    int TYPE_LABEL = 3;

    int type();

    /** Writes the whole subobject, header included. */
    void encode(WireWriter out);

    void describe(FieldVisitor v);

    /** Parses the subobject at the cursor of the RRO body reader. */
    static RroSubobject decode(WireReader r) {
        int len = Decoding.subobjectLength(r);
        int type = r.peekU8(0);
        switch (type) {
            case TYPE_IPV4_ADDRESS -> Decoding.expectSubobjectLength(r, len, 8, "IPv4 address");
            case TYPE_IPV6_ADDRESS -> Decoding.expectSubobjectLength(r, len, 20, "IPv6 address");
            case TYPE_LABEL -> {
                if (len < 8) {
                    throw r.fail(r.what() + ": Label subobject at byte " + r.offset() + " has length " + len
                        + ": it needs at least 8 bytes (flags, C-Type and a label)");
                }
            }
            default -> {
            }
        }
        r.skip(2);
        return switch (type) {
            case TYPE_IPV4_ADDRESS, TYPE_IPV6_ADDRESS -> {
                IpAddress a = type == TYPE_IPV4_ADDRESS ? r.ipv4() : r.ipv6();
                int prefix = r.u8();
                int flags = r.u8();
                yield Decoding.valid(r, () -> new Address(a, prefix, flags));
            }
            case TYPE_LABEL -> new RecordedLabel(r.u8(), r.u8(), r.octets(len - 4));
            default -> new Unknown(type, r.octets(len - 2));
        };
    }

    /**
     * Type 1 (IPv4, 8 bytes) or 2 (IPv6, 20 bytes): an address of a node on the route; the family picks the type.
     *
     * @param prefixLength 32 (128) for a node address
     * @param flags        0x01 local protection available, 0x02 local protection in use (RFC 3209); RFC 4090 adds
     *                     0x04 bandwidth and 0x08 node protection
     */
    record Address(IpAddress address, int prefixLength, int flags) implements RroSubobject {

        public static final int FLAG_LOCAL_PROTECTION_AVAILABLE = 0x01;
        public static final int FLAG_LOCAL_PROTECTION_IN_USE = 0x02;

        public Address {
            if (address == null) {
                throw new IllegalArgumentException("address must not be null");
            }
            int max = address.length() * 8;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + max);
            }
            Decoding.checkUnsigned(flags, 8, "flags");
        }

        @Override
        public int type() {
            return address instanceof Ipv4Address ? TYPE_IPV4_ADDRESS : TYPE_IPV6_ADDRESS;
        }

        @Override
        public void encode(WireWriter out) {
            out.u8(type()).u8(4 + address.length()).ip(address).u8(prefixLength).u8(flags);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("type", type());
            v.address("address", address);
            v.number("prefixLength", prefixLength);
            v.number("flags", flags);
            v.bool("localProtectionAvailable", (flags & FLAG_LOCAL_PROTECTION_AVAILABLE) != 0);
            v.bool("localProtectionInUse", (flags & FLAG_LOCAL_PROTECTION_IN_USE) != 0);
        }
    }

    /**
     * Type 3: a label recorded at a hop (when label recording is desired).
     *
     * @param flags    0x01 = global label (understood on any interface)
     * @param cType    the C-Type of the LABEL object the contents come from (1 for a 32-bit label)
     * @param contents the contents of that LABEL object (4 bytes for C-Type 1)
     */
    record RecordedLabel(int flags, int cType, Octets contents) implements RroSubobject {

        public static final int FLAG_GLOBAL_LABEL = 0x01;

        public RecordedLabel {
            Decoding.checkUnsigned(flags, 8, "flags");
            Decoding.checkUnsigned(cType, 8, "C-Type");
            int len = 4 + contents.length();
            if (contents.length() == 0 || len % 4 != 0 || len > 255) {
                throw new IllegalArgumentException("label contents of " + contents.length()
                    + " byte(s): must be non-empty, a multiple of 4 and at most 248 bytes");
            }
        }

        /** A Label subobject for a C-Type 1 (32-bit) label. */
        public static RecordedLabel of(int flags, int label) {
            return new RecordedLabel(flags, Label.C_TYPE, Octets.of((byte) (label >>> 24), (byte) (label >>> 16),
                (byte) (label >>> 8), (byte) label));
        }

        @Override
        public int type() {
            return TYPE_LABEL;
        }

        @Override
        public void encode(WireWriter out) {
            out.u8(TYPE_LABEL).u8(4 + contents.length()).u8(flags).u8(cType).octets(contents);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("type", TYPE_LABEL);
            v.number("flags", flags);
            v.bool("globalLabel", (flags & FLAG_GLOBAL_LABEL) != 0);
            v.number("cType", cType);
            if (cType == Label.C_TYPE && contents.length() == 4) {
                v.number("label", ((long) contents.get(0) << 24) | (contents.get(1) << 16) | (contents.get(2) << 8)
                    | contents.get(3));
            } else {
                v.octets("contents", contents);
            }
        }
    }

    /** Any other type, kept byte for byte. */
    record Unknown(int type, Octets contents) implements RroSubobject {

        public Unknown {
            Decoding.checkUnsigned(type, 8, "subobject type");
            if (type == TYPE_IPV4_ADDRESS || type == TYPE_IPV6_ADDRESS || type == TYPE_LABEL) {
                throw new IllegalArgumentException("type " + type + " has its own record");
            }
            Decoding.checkOpaqueSubobject(contents);
        }

        @Override
        public void encode(WireWriter out) {
            out.u8(type).u8(2 + contents.length()).octets(contents);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("type", type);
            v.octets("contents", contents);
        }
    }
}
