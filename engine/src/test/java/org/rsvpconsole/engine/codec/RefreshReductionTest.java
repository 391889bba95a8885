package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.Corrupt.assertBodyFault;
import static org.rsvpconsole.engine.codec.Golden.assertObject;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

/** RFC 2961 MESSAGE_ID, MESSAGE_ID_ACK/NACK and MESSAGE_ID_LIST. */
class RefreshReductionTest {

    private static final MessageType SREFRESH = MessageType.SREFRESH;

    @Test
    void messageId() {
        MessageId id = new MessageId(MessageId.FLAG_ACK_DESIRED, 0x123456, 42);
        assertObject("""
            000c 1701  // MESSAGE_ID, C-Type 1
            01 123456  //   flags ACK_Desired, epoch 0x123456
            0000002a   //   message identifier 42
            """, id, MessageType.PATH);
        assertTrue(id.ackDesired());
        assertObject("000c 1701 00ffffff ffffffff // largest epoch and identifier",
            new MessageId(0, 0xffffff, 0xffffffffL), MessageType.PATH);
        assertBodyFault(MessageType.PATH, "0008 1701 01123456", 8, "MESSAGE_ID", "too short");
        assertThrows(IllegalArgumentException.class, () -> new MessageId(0, 1 << 24, 1));
        assertThrows(IllegalArgumentException.class, () -> new MessageId(0, 0, 1L << 32));
    }

    @Test
    void messageIdAckAndNack() {
        assertObject("000c 1801 00123456 0000002a // MESSAGE_ID_ACK", new MessageIdAck(false, 0, 0x123456, 42),
            MessageType.ACK);
        assertObject("000c 1802 00123456 0000002b // MESSAGE_ID_NACK", new MessageIdAck(true, 0, 0x123456, 43),
            MessageType.ACK);
        assertBodyFault(MessageType.ACK, "0010 1801 00123456 0000002a 00000000", 12, "MESSAGE_ID_ACK", "trailing");
        assertBodyFault(MessageType.ACK, "0004 1802", 4, "MESSAGE_ID_ACK", "too short");
    }

    @Test
    void messageIdListOfIds() {
        assertObject("""
            0014 1901  // MESSAGE_ID_LIST, C-Type 1
            00 123456  //   flags, epoch
            00000001   //   id 1
            00000002   //   id 2
            ffffffff   //   id 2^32-1
            """, new MessageIdList.Ids(0, 0x123456, MessageIdSet.of(1, 2, 0xffffffffL)), SREFRESH);
        assertObject("0008 1901 00000007 // no identifiers", new MessageIdList.Ids(0, 7, MessageIdSet.EMPTY),
            SREFRESH);
    }

    @Test
    void messageIdSourceAndMulticastLists() {
        assertObject("""
            0018 1902           // MESSAGE_ID_LIST, C-Type 2 (IPv4 source list)
            00 000001           //   flags, epoch 1
            00000005 c0000201   //   id 5 from 192.0.2.1
            00000006 c0000202   //   id 6 from 192.0.2.2
            """, new MessageIdList.SourceList(0, 1, List.of(
                new MessageIdList.SourceId(5, IpAddress.of("192.0.2.1")),
                new MessageIdList.SourceId(6, IpAddress.of("192.0.2.2")))), SREFRESH);
        assertObject("""
            001c 1903           // MESSAGE_ID_LIST, C-Type 3 (IPv6 source list)
            00 000001           //   flags, epoch 1
            00000005 20010db8000000000000000000000001 // id 5 from 2001:db8::1
            """, new MessageIdList.SourceList(0, 1, List.of(
                new MessageIdList.SourceId(5, IpAddress.of("2001:db8::1")))), SREFRESH);
        assertObject("""
            0014 1904                   // MESSAGE_ID_LIST, C-Type 4 (IPv4 multicast list)
            00 000001                   //   flags, epoch 1
            00000007 c0000201 e0000001  //   id 7, source 192.0.2.1, destination 224.0.0.1
            """, new MessageIdList.MulticastList(0, 1, List.of(
                new MessageIdList.MulticastId(7, IpAddress.of("192.0.2.1"), IpAddress.of("224.0.0.1")))), SREFRESH);
        assertObject("""
            002c 1905                   // MESSAGE_ID_LIST, C-Type 5 (IPv6 multicast list)
            00 000001                   //   flags, epoch 1
            00000007                    //   id 7
            20010db8000000000000000000000001 // source 2001:db8::1
            ff020000000000000000000000000001 // destination ff02::1
            """, new MessageIdList.MulticastList(0, 1, List.of(
                new MessageIdList.MulticastId(7, IpAddress.of("2001:db8::1"), IpAddress.of("ff02::1")))), SREFRESH);
    }

    @Test
    void messageIdListFaults() {
        assertBodyFault(SREFRESH, "0004 1901", 4, "MESSAGE_ID_LIST", "too short");
        assertBodyFault(SREFRESH, "0014 1902 00000001 00000005 c0000201 00000006", 8, "MESSAGE_ID_LIST",
            "12 byte(s)", "8-byte entries");
        assertBodyFault(SREFRESH, "0010 1904 00000001 00000005 c0000201", 8, "MESSAGE_ID_LIST", "12-byte");
        assertBodyFault(SREFRESH, "0008 1902 00000001", 8, "MESSAGE_ID_LIST", "at least one entry");
        assertThrows(IllegalArgumentException.class, () -> new MessageIdList.SourceList(0, 0, List.of(
            new MessageIdList.SourceId(1, IpAddress.of("192.0.2.1")),
            new MessageIdList.SourceId(2, IpAddress.of("2001:db8::1")))));
        assertThrows(IllegalArgumentException.class, () -> new MessageIdList.MulticastId(1,
            IpAddress.of("192.0.2.1"), IpAddress.of("ff02::1")));
    }

    @Test
    void fiveHundredIdsRoundTripInOneSrefresh() {
        long[] ids = new long[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 0xfffffe00L + i; // high values: unsigned handling matters
        }
        MessageIdList.Ids list = new MessageIdList.Ids(0, 0xabcdef, MessageIdSet.of(ids));
        ObjectMessage m = ObjectMessage.of(SREFRESH, 1, list);
        byte[] wire = RsvpCodec.encode(m);
        assertEquals(8 + 8 + 500 * 4, wire.length);
        ObjectMessage back = Golden.decodeOk(wire);
        MessageIdList.Ids decoded = assertInstanceOf(MessageIdList.Ids.class, back.objects().get(0));
        assertEquals(500, decoded.size());
        assertEquals(0xfffffe00L + 499, decoded.ids().get(499));
        assertArrayEquals(ids, decoded.ids().toArray());
        assertEquals(list, decoded);
        assertEquals(list.hashCode(), decoded.hashCode());
        assertArrayEquals(wire, RsvpCodec.encode(back));
    }

    @Test
    void messageIdSetIsAValue() {
        MessageIdSet a = MessageIdSet.of(1, 2, 3);
        assertEquals(a, MessageIdSet.of(1, 2, 3));
        assertNotEquals(a, MessageIdSet.of(3, 2, 1));
        assertTrue(a.contains(2));
        assertFalse(a.contains(4));
        assertFalse(a.contains(-1));
        assertEquals(6, a.stream().sum());
        assertEquals("[1, 2, 4294967295]", MessageIdSet.of(1, 2, 0xffffffffL).toString());
        long[] out = a.toArray();
        out[0] = 99;
        assertEquals(1, a.get(0), "toArray is a copy");
        assertThrows(IllegalArgumentException.class, () -> MessageIdSet.of(-1));
    }
}
