package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.Golden.decodeBad;
import static org.rsvpconsole.engine.codec.Golden.decodeOk;
import static org.rsvpconsole.engine.codec.Golden.hex;
import static org.rsvpconsole.engine.codec.Golden.message;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

class CoreCodecTest {

    private static final String PATH = """
        10 01 0000 // version 1, no flags, type 1 (Path), checksum (filled below)
        3f 00 0028 // Send_TTL 63, reserved, length 40
        000c 01 01 // SESSION IPv4, 12 bytes
        0a000009   //   destination 10.0.0.9
        11 00 138c //   protocol 17 (UDP), flags 0, port 5004
        000c 03 01 // RSVP_HOP IPv4, 12 bytes
        0a000001   //   previous hop 10.0.0.1
        00000003   //   LIH 3
        0008 05 01 // TIME_VALUES, 8 bytes
        00007530   //   R = 30000 ms
        """;

    private static byte[] path() {
        byte[] b = hex(PATH);
        Checksum.fill(b, 0, b.length);
        return b;
    }

    @Test
    void goldenPathDecodesFieldByField() {
        ObjectMessage m = decodeOk(path());
        assertEquals(MessageType.PATH, m.type());
        assertEquals(63, m.sendTtl());
        assertEquals(List.of(Samples.SESSION, Samples.HOP, Samples.TIME), m.objects());
    }

    @Test
    void encodeGivesTheGoldenBytesWithChecksum() {
        ObjectMessage m = ObjectMessage.of(MessageType.PATH, 63, Samples.SESSION, Samples.HOP, Samples.TIME);
        byte[] encoded = RsvpCodec.encode(m);
        assertArrayEquals(path(), encoded);
        assertTrue(Checksum.verify(encoded, 0, encoded.length));
    }

    @Test
    void coreObjectsThreeWays() {
        Golden.assertObject("000c 0101 0a000009 11 01 138c", new IpSession(IpAddress.of("10.0.0.9"), 17, 1, 5004),
            MessageType.PATH);
        Golden.assertObject("""
            0018 0102                         // SESSION IPv6
            20010db8 00000000 00000000 00000001 // 2001:db8::1
            06 00 0050                         // TCP, port 80
            """, new IpSession(IpAddress.of("2001:db8::1"), 6, 0, 80), MessageType.PATH);
        Golden.assertObject("000c 0301 c0a80101 ffffffff", new RsvpHop(IpAddress.of("192.168.1.1"), -1),
            MessageType.PATH);
        Golden.assertObject("0018 0302 fe800000000000000000000000000001 00000007",
            new RsvpHop(IpAddress.of("fe80::1"), 7), MessageType.PATH);
        Golden.assertObject("0008 0501 ffffffff", new TimeValues(0xffffffffL), MessageType.PATH);
    }

    @Test
    void zeroChecksumMeansNoneTransmitted() {
        byte[] b = path();
        b[2] = 0;
        b[3] = 0;
        decodeOk(b);
    }

    @Test
    void badChecksumIsDiscarded() {
        byte[] b = path();
        b[20] ^= 0x01;
        DecodeError e = decodeBad(b);
        assertEquals(ErrorCodes.SYS_BAD_CHECKSUM, e.error().value());
        assertEquals(2, e.offset());
        assertEquals(DecodeError.Reaction.DISCARD, e.reaction());
    }

    @Test
    void badVersionLengthAndType() {
        byte[] b = path();
        b[0] = 0x20;
        assertEquals(ErrorCodes.SYS_BAD_VERSION, decodeBad(b).error().value());
        b = path();
        b[7] = 0x2c; // claims 44 bytes, 40 present
        assertEquals(ErrorCodes.SYS_BAD_LENGTH, decodeBad(b).error().value());
        b = path();
        b[1] = 99;
        Checksum.fill(b, 0, b.length);
        assertEquals(ErrorCodes.SYS_UNKNOWN_MESSAGE_TYPE, decodeBad(b).error().value());
        assertEquals(ErrorCodes.SYS_BAD_LENGTH, decodeBad(new byte[] {0x10, 1, 0}).error().value());
    }

    @Test
    void zeroLengthObjectIsAnErrorNotALoop() {
        byte[] b = message(MessageType.PATH_TEAR, 0, 1, hex("0000 0101 0a000009 11000000"));
        DecodeError e = decodeBad(b);
        assertEquals(ErrorCodes.SYS_BAD_OBJECT_LENGTH, e.error().value());
        assertEquals(8, e.offset());
    }

    @Test
    void objectBodyOfWrongSizeForItsCType() {
        byte[] b = message(MessageType.PATH_TEAR, 0, 1, hex("0008 0101 0a000009 000c 0301 0a000001 00000003"));
        DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, RsvpCodec.decode(b));
        assertEquals(ErrorCodes.SYS_BAD_OBJECT_BODY, bad.error().error().value());
        assertEquals(DecodeError.Reaction.SEND_ERROR, bad.error().reaction());
        assertTrue(bad.error().reason().contains("SESSION"), bad.error().reason());
    }

    @Test
    void missingMandatoryObjectNamesIt() {
        byte[] b = message(MessageType.PATH_TEAR, 0, 1, hex("000c 0101 0a000009 11000000"));
        DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, RsvpCodec.decode(b));
        assertEquals(ErrorCodes.SYS_MISSING_OBJECT, bad.error().error().value());
        assertTrue(bad.error().reason().contains("RSVP_HOP"));
        assertEquals(1, bad.objects().size(), "what was decoded before the fault is kept");
    }

    @Test
    void unknownClassRulesOfSection310() {
        byte[] base = hex(PATH.lines().skip(2).reduce("", (a, l) -> a + l + "\n"));
        // 0bbbbbbb: class 100 rejects the message with code 13, value class<<8|ctype.
        DecodeError e = decodeBad(message(MessageType.PATH, 0, 1, concat(base, hex("0008 6401 deadbeef"))));
        assertEquals(new RsvpError(ErrorCodes.UNKNOWN_OBJECT_CLASS, (100 << 8) | 1), e.error());
        assertEquals(40, e.offset());
        // 10bbbbbb (class 130) is ignored, 11bbbbbb (class 200) forwarded; both kept and re-encoded as received.
        byte[] ok = message(MessageType.PATH, 0, 1,
            concat(base, hex("0008 8201 01020304 000c c805 0a0b0c0d 0e0f1011")));
        ObjectMessage m = decodeOk(ok);
        UnknownObject ignored = assertInstanceOf(UnknownObject.class, m.objects().get(3));
        UnknownObject forwarded = assertInstanceOf(UnknownObject.class, m.objects().get(4));
        assertEquals(ObjectClass.UnknownClassRule.IGNORE, ignored.rule());
        assertEquals(ObjectClass.UnknownClassRule.FORWARD, forwarded.rule());
        assertArrayEquals(ok, RsvpCodec.encode(m));
        assertTrue(m.firstRejectedObject().isEmpty());
    }

    @Test
    void unknownCTypeOfKnownClassIsKeptAndReportedWithCode14() {
        byte[] ok = message(MessageType.PATH_TEAR, 0, 1, concat(
            hex("000c 0163 0a000009 11000000"), hex("000c 0301 0a000001 00000003")));
        ObjectMessage m = decodeOk(ok);
        UnknownObject u = assertInstanceOf(UnknownObject.class, m.objects().get(0));
        assertFalse(u.unknownClass());
        assertEquals(new RsvpError(ErrorCodes.UNKNOWN_OBJECT_CTYPE, (1 << 8) | 0x63), u.rejection());
        assertEquals(u, m.firstRejectedObject().orElseThrow());
        assertArrayEquals(ok, RsvpCodec.encode(m));
    }

    @Test
    void objectNotAllowedInMessage() {
        // TIME_VALUES belongs to Path and Resv only; an Ack carrying one is malformed.
        DecodeError e = decodeBad(message(MessageType.ACK, 0, 1, hex("0008 0501 00007530")));
        assertEquals(ErrorCodes.SYS_OBJECT_NOT_ALLOWED, e.error().value());
        assertEquals(8, e.offset());
    }

    @Test
    void nullObjectAnywhereIsKept() {
        byte[] b = message(MessageType.PATH_TEAR, 0, 1, hex("""
            000c 0000 00000000 00000000
            000c 0101 0a000009 11000000
            000c 0301 0a000001 00000003
            """));
        ObjectMessage m = decodeOk(b);
        assertInstanceOf(NullObject.class, m.objects().get(0));
        assertArrayEquals(b, RsvpCodec.encode(m));
    }

    @Test
    void trailingLinkPaddingIsIgnored() {
        byte[] b = path();
        byte[] padded = concat(b, new byte[6]);
        assertEquals(decodeOk(b), decodeOk(padded));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
