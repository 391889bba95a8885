package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2961 §5.1 MESSAGE_ID_LIST (Class-Num 25): the identifiers a Srefresh message refreshes, or a NACK list. Every
 * form starts with the same word, followed by entries that repeat to the end of the object:
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |    Flags    |                    Epoch                |
 * +-------------+-------------+-------------+-------------+
 * C-Type 1 (MESSAGE_ID LIST), each entry:
 * |                  Message_Identifier                   |
 * C-Type 2 (IPv4 MESSAGE_ID SRC_LIST) / 3 (IPv6), each entry:
 * |                  Message_Identifier                   |
 * |          Source_IP_Address (4 or 16 bytes)            |
 * C-Type 4 (IPv4 MESSAGE_ID MCAST_LIST) / 5 (IPv6), each entry:
 * |                  Message_Identifier                   |
 * |          Source_IP_Address (4 or 16 bytes)            |
 * |        Destination_IP_Address (4 or 16 bytes)         |
 * </pre>
 *
 * The source and multicast forms are used for multicast sessions (RFC 2961 §5.2-5.3); the address family of the
 * entries picks the C-Type, as for SESSION, so those lists must hold at least one entry.
 */
public sealed interface MessageIdList extends RsvpObject
    permits MessageIdList.Ids, MessageIdList.SourceList, MessageIdList.MulticastList {

    int C_TYPE_IDS = 1;
    int C_TYPE_IPV4_SOURCES = 2;
    int C_TYPE_IPV6_SOURCES = 3;
    int C_TYPE_IPV4_MULTICAST = 4;
    int C_TYPE_IPV6_MULTICAST = 5;

    /** 8 bits; none are defined (RFC 2961 §5.1: sent as 0). */
    int flags();

    /** 24 bits: the epoch of the sender of the listed identifiers. */
    int epoch();

    /** Number of entries. */
    int size();

    @Override
    default int classNum() {
        return ObjectClass.MESSAGE_ID_LIST;
    }

    private static void checkHeader(int flags, int epoch) {
        Decoding.checkUnsigned(flags, 8, "flags");
        Decoding.checkUnsigned(epoch, 24, "epoch");
    }

    /** The number of whole entries of {@code size} bytes left in {@code r}; a partial entry is a fault. */
    private static int entryCount(WireReader r, int size) {
        if (r.remaining() % size != 0) {
            throw r.fail(r.what() + ": " + r.remaining() + " byte(s) of entries is not a whole number of "
                + size + "-byte entries");
        }
        return r.remaining() / size;
    }

    /** C-Type 1: identifiers only. */
    record Ids(int flags, int epoch, MessageIdSet ids) implements MessageIdList {

        public Ids {
            checkHeader(flags, epoch);
            if (ids == null) {
                throw new IllegalArgumentException("ids must not be null");
            }
        }

        @Override
        public int cType() {
            return C_TYPE_IDS;
        }

        @Override
        public int size() {
            return ids.size();
        }

        static Ids decode(WireReader r) {
            int flags = r.u8();
            int epoch = r.u24();
            int[] raw = new int[entryCount(r, 4)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = r.i32();
            }
            return new Ids(flags, epoch, MessageIdSet.wrap(raw));
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u8(flags).u24(epoch);
            ids.writeTo(out);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("flags", flags);
            v.number("epoch", epoch);
            v.beginList("messageIds");
            for (int i = 0; i < ids.size(); i++) {
                v.number(null, ids.get(i));
            }
            v.endList();
        }
    }

    /** One entry of a source list: an identifier and the address of the node that sent it. */
    record SourceId(long messageId, IpAddress source) {

        public SourceId {
            Decoding.checkUnsigned(messageId, 32, "message identifier");
            if (source == null) {
                throw new IllegalArgumentException("source address must not be null");
            }
        }
    }

    /** C-Type 2 (IPv4 sources) or 3 (IPv6 sources). */
    record SourceList(int flags, int epoch, List<SourceId> entries) implements MessageIdList {

        public SourceList {
            checkHeader(flags, epoch);
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a source list needs at least one entry (its family is its C-Type)");
            }
            boolean v4 = entries.get(0).source() instanceof Ipv4Address;
            for (SourceId e : entries) {
                if ((e.source() instanceof Ipv4Address) != v4) {
                    throw new IllegalArgumentException("a source list mixes IPv4 and IPv6 addresses");
                }
            }
        }

        public boolean ipv6() {
            return !(entries.get(0).source() instanceof Ipv4Address);
        }

        @Override
        public int cType() {
            return ipv6() ? C_TYPE_IPV6_SOURCES : C_TYPE_IPV4_SOURCES;
        }

        @Override
        public int size() {
            return entries.size();
        }

        static SourceList decodeIpv4(WireReader r) {
            return decode(r, false);
        }

        static SourceList decodeIpv6(WireReader r) {
            return decode(r, true);
        }

        private static SourceList decode(WireReader r, boolean ipv6) {
            int flags = r.u8();
            int epoch = r.u24();
            int n = entryCount(r, ipv6 ? 20 : 8);
            List<SourceId> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long id = r.u32();
                list.add(new SourceId(id, ipv6 ? r.ipv6() : r.ipv4()));
            }
            return Decoding.valid(r, () -> new SourceList(flags, epoch, list));
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u8(flags).u24(epoch);
            for (SourceId e : entries) {
                out.u32(e.messageId()).ip(e.source());
            }
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("flags", flags);
            v.number("epoch", epoch);
            v.beginList("entries");
            for (SourceId e : entries) {
                v.beginGroup(null);
                v.number("messageId", e.messageId());
                v.address("source", e.source());
                v.endGroup();
            }
            v.endList();
        }
    }

    /** One entry of a multicast list: an identifier with the source and destination of its multicast state. */
    record MulticastId(long messageId, IpAddress source, IpAddress destination) {

        public MulticastId {
            Decoding.checkUnsigned(messageId, 32, "message identifier");
            if (source == null || destination == null) {
                throw new IllegalArgumentException("source and destination must not be null");
            }
            if ((source instanceof Ipv4Address) != (destination instanceof Ipv4Address)) {
                throw new IllegalArgumentException("source and destination must be of the same address family");
            }
        }
    }

    /** C-Type 4 (IPv4 multicast) or 5 (IPv6 multicast). */
    record MulticastList(int flags, int epoch, List<MulticastId> entries) implements MessageIdList {

        public MulticastList {
            checkHeader(flags, epoch);
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(
                    "a multicast list needs at least one entry (its family is its C-Type)");
            }
            boolean v4 = entries.get(0).source() instanceof Ipv4Address;
            for (MulticastId e : entries) {
                if ((e.source() instanceof Ipv4Address) != v4) {
                    throw new IllegalArgumentException("a multicast list mixes IPv4 and IPv6 addresses");
                }
            }
        }

        public boolean ipv6() {
            return !(entries.get(0).source() instanceof Ipv4Address);
        }

        @Override
        public int cType() {
            return ipv6() ? C_TYPE_IPV6_MULTICAST : C_TYPE_IPV4_MULTICAST;
        }

        @Override
        public int size() {
            return entries.size();
        }

        static MulticastList decodeIpv4(WireReader r) {
            return decode(r, false);
        }

        static MulticastList decodeIpv6(WireReader r) {
            return decode(r, true);
        }

        private static MulticastList decode(WireReader r, boolean ipv6) {
            int flags = r.u8();
            int epoch = r.u24();
            int n = entryCount(r, ipv6 ? 36 : 12);
            List<MulticastId> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long id = r.u32();
                IpAddress src = ipv6 ? r.ipv6() : r.ipv4();
                IpAddress dst = ipv6 ? r.ipv6() : r.ipv4();
                list.add(new MulticastId(id, src, dst));
            }
            return Decoding.valid(r, () -> new MulticastList(flags, epoch, list));
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u8(flags).u24(epoch);
            for (MulticastId e : entries) {
                out.u32(e.messageId()).ip(e.source()).ip(e.destination());
            }
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("flags", flags);
            v.number("epoch", epoch);
            v.beginList("entries");
            for (MulticastId e : entries) {
                v.beginGroup(null);
                v.number("messageId", e.messageId());
                v.address("source", e.source());
                v.address("destination", e.destination());
                v.endGroup();
            }
            v.endList();
        }
    }
}
