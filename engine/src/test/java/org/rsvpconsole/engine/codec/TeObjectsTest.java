package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.Corrupt.assertBodyFault;
import static org.rsvpconsole.engine.codec.Golden.assertObject;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

/** RFC 3209 objects, RFC 3473 RESTART_CAP and RFC 5063 CAPABILITY. */
class TeObjectsTest {

    private static final MessageType PATH = MessageType.PATH;
    private static final MessageType HELLO = MessageType.HELLO_MSG;

    @Test
    void labelRequestAllCTypes() {
        assertObject("""
            0008 1301  // LABEL_REQUEST, C-Type 1 (no label range)
            0000 0800  //   reserved, L3PID IPv4
            """, new LabelRequest.NoRange(LabelRequest.L3PID_IPV4), PATH);
        assertObject("""
            0010 1302  // LABEL_REQUEST, C-Type 2 (ATM label range)
            0000 0800  //   reserved, L3PID IPv4
            8001 0020  //   M=1, min VPI 1, min VCI 32
            0fff 03e8  //   max VPI 4095, max VCI 1000
            """, new LabelRequest.AtmRange(0x0800, true, 1, 32, 4095, 1000), PATH);
        assertObject("""
            0010 1303  // LABEL_REQUEST, C-Type 3 (Frame Relay label range)
            0000 86dd  //   reserved, L3PID IPv6
            01000010   //   DLI 2 (23-bit DLCIs), min DLCI 16
            007fffff   //   max DLCI 2^23-1
            """, new LabelRequest.FrameRelayRange(0x86dd, LabelRequest.FrameRelayRange.DLI_23_BITS, 16, 0x7fffff),
            PATH);
    }

    @Test
    void labelRequestReservedBitsAreIgnored() {
        ObjectMessage m = Golden.decodeOk(Golden.message(PATH, 0, 1, Golden.withMandatory(PATH,
            Golden.hex("0010 1302 ffff 0800 f001 0020 f00a 03e8"))));
        assertEquals(new LabelRequest.AtmRange(0x0800, true, 1, 32, 10, 1000), m.objects().get(3));
    }

    @Test
    void labelRequestFaults() {
        assertBodyFault(PATH, "0004 1301", 4, "LABEL_REQUEST", "too short");
        assertBodyFault(PATH, "000c 1301 0000 0800 00000000", 8, "LABEL_REQUEST", "trailing");
        assertBodyFault(PATH, "000c 1302 0000 0800 8001 0020", 12, "LABEL_REQUEST", "too short");
        assertThrows(IllegalArgumentException.class, () -> new LabelRequest.AtmRange(0x800, false, 4096, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelRequest.FrameRelayRange(0x800, 4, 0, 0));
    }

    @Test
    void label() {
        Corrupt.assertObjectAlone("0008 1001 000003e8 // LABEL 1000", new Label(1000));
        Corrupt.assertObjectAlone("0008 1001 ffffffff // LABEL, all 32 bits kept", new Label(-1));
    }

    static final String ERO = """
        0038 1401                          // EXPLICIT_ROUTE, C-Type 1, 56 bytes
        01 08 c0000205 20 00               //   strict IPv4 192.0.2.5/32
        81 08 c0000206 18 00               //   loose IPv4 192.0.2.6/24
        02 14 20010db8000000000000000000000001 80 00 // strict IPv6 2001:db8::1/128
        a0 04 fde9                         //   loose AS 65001
        04 0c 0000 c0000209 00000007       //   type 4 (unnumbered interface, RFC 3477): kept opaque
        """;

    static final ExplicitRoute ERO_VALUE = new ExplicitRoute(List.of(
        new EroSubobject.IpPrefix(false, IpAddress.of("192.0.2.5"), 32),
        new EroSubobject.IpPrefix(true, IpAddress.of("192.0.2.6"), 24),
        new EroSubobject.IpPrefix(false, IpAddress.of("2001:db8::1"), 128),
        new EroSubobject.AsNumber(true, 65001),
        new EroSubobject.Unknown(false, 4, Octets.fromHex("0000 c0000209 00000007"))));

    @Test
    void explicitRoute() {
        assertObject(ERO, ERO_VALUE, PATH);
        assertObject("0004 1401 // empty EXPLICIT_ROUTE", new ExplicitRoute(List.of()), PATH);
    }

    @Test
    void explicitRouteZeroLengthSubobjectIsAFaultNotALoop() {
        // The shape of the shared rsvp-infinite-loop capture: type 3, length 0.
        assertBodyFault(PATH, "0008 1401 0300 0000", 4, "EXPLICIT_ROUTE", "zero-length", "length 0");
        assertBodyFault(PATH, "0008 1401 0101 0000", 4, "EXPLICIT_ROUTE", "length 1");
        // Two subobjects, the second of length 0 after a valid one.
        assertBodyFault(PATH, "0010 1401 0108 c0000205 2000 8100 0000", 12, "EXPLICIT_ROUTE", "zero-length");
    }

    @Test
    void explicitRouteBadSubobjectLengths() {
        assertBodyFault(PATH, "000c 1401 0106 c0000205 2000", 4, "EXPLICIT_ROUTE", "multiple of 4");
        assertBodyFault(PATH, "0008 1401 0108 c000", 4, "EXPLICIT_ROUTE", "only 4 byte(s) are left");
        assertBodyFault(PATH, "0010 1401 010c c0000205 2000 0000 0000", 4, "EXPLICIT_ROUTE", "IPv4 prefix",
            "always 8");
        assertBodyFault(PATH, "0010 1401 0208 c0000205 2000 0108 c0000205 2000", 4, "EXPLICIT_ROUTE",
            "IPv6 prefix");
        assertBodyFault(PATH, "000c 1401 a008 fde9 0000 0000", 4, "EXPLICIT_ROUTE", "AS number");
        // An IPv4 prefix longer than 32 bits (seen in the shared rsvp-inf-loop-2 capture) is invalid.
        assertBodyFault(PATH, "000c 1401 0108 0a020302 4600", 12, "EXPLICIT_ROUTE", "prefix length 70");
    }

    static final String RRO = """
        002c 1501                          // RECORD_ROUTE, C-Type 1, 44 bytes
        01 08 c0000205 20 01               //   IPv4 192.0.2.5/32, local protection available
        02 14 20010db8000000000000000000000002 80 02 // IPv6 2001:db8::2/128, local protection in use
        03 08 01 01 000003e8               //   Label: global, C-Type 1, label 1000
        05 04 abcd                         //   type 5: kept opaque
        """;

    static final RecordRoute RRO_VALUE = new RecordRoute(List.of(
        new RroSubobject.Address(IpAddress.of("192.0.2.5"), 32,
            RroSubobject.Address.FLAG_LOCAL_PROTECTION_AVAILABLE),
        new RroSubobject.Address(IpAddress.of("2001:db8::2"), 128, RroSubobject.Address.FLAG_LOCAL_PROTECTION_IN_USE),
        RroSubobject.RecordedLabel.of(RroSubobject.RecordedLabel.FLAG_GLOBAL_LABEL, 1000),
        new RroSubobject.Unknown(5, Octets.fromHex("abcd"))));

    @Test
    void recordRoute() {
        assertObject(RRO, RRO_VALUE, PATH);
        assertObject("0010 1501 0308 0002 00000000 0004 0000 // C-Type 2 label contents stay opaque",
            new RecordRoute(List.of(new RroSubobject.RecordedLabel(0, 2, Octets.fromHex("00000000")),
                new RroSubobject.Unknown(0, Octets.fromHex("0000")))), PATH);
    }

    @Test
    void recordRouteFaults() {
        assertBodyFault(PATH, "0008 1501 0100 0000", 4, "RECORD_ROUTE", "zero-length");
        assertBodyFault(PATH, "0008 1501 0304 0101", 4, "RECORD_ROUTE", "Label subobject", "at least 8");
        assertBodyFault(PATH, "0010 1501 010c c0000205 2000 0000 0000", 4, "RECORD_ROUTE", "IPv4 address");
        assertBodyFault(PATH, "0010 1501 0108 c0000205 2000 0508 0000", 12, "RECORD_ROUTE", "only 4 byte(s)");
        assertBodyFault(PATH, "000c 1501 0108 c0000205 2100", 12, "RECORD_ROUTE", "prefix length 33");
    }

    @Test
    void sessionAttributeBothCTypes() {
        assertObject("""
            000c cf07       // SESSION_ATTRIBUTE, C-Type 7 (LSP_TUNNEL)
            07 00 07 04     //   setup 7, holding 0, flags local protection|label recording|SE style, name length 4
            74756e31        //   "tun1"
            """, new SessionAttribute.LspTunnel(7, 0, 7, "tun1"), PATH);
        assertObject("""
            0014 cf07       // SESSION_ATTRIBUTE, C-Type 7
            03 03 02 09     //   setup 3, holding 3, label recording desired, name length 9
            74756e6e656c2d6162 000000 // "tunnel-ab" and 3 NULs of padding
            """, new SessionAttribute.LspTunnel(3, 3, SessionAttribute.FLAG_LABEL_RECORDING_DESIRED, "tunnel-ab"),
            PATH);
        assertObject("""
            0018 cf01       // SESSION_ATTRIBUTE, C-Type 1 (LSP_TUNNEL_RA)
            00000001        //   exclude-any
            00000002        //   include-any
            80000004        //   include-all
            00 01 01 02     //   setup 0, holding 1, local protection desired, name length 2
            6162 0000       //   "ab" padded
            """, new SessionAttribute.LspTunnelRa(1, 2, 0x80000004, 0, 1, 1, "ab"), PATH);
        assertObject("0008 cf07 07070000 // empty name", new SessionAttribute.LspTunnel(7, 7, 0, ""), PATH);
    }

    @Test
    void sessionNameLengthThatCountsThePaddingReencodesAsReceived() {
        SessionAttribute.LspTunnel padded = new SessionAttribute.LspTunnel(3, 3, 0, "tunnel-ab", true);
        assertObject("0014 cf07 0303 000c 74756e6e656c2d6162 000000 // name length 12 counts the NULs", padded,
            PATH);
        assertTrue(padded.lengthIncludesPadding());
        // A name of a multiple of 4 has no padding: the flag is normalised away.
        assertFalse(new SessionAttribute.LspTunnel(3, 3, 0, "abcd", true).lengthIncludesPadding());
    }

    @Test
    void sessionAttributeFaults() {
        assertBodyFault(PATH, "000c cf07 07000710 74756e31", 8, "SESSION_ATTRIBUTE", "too short");
        assertBodyFault(PATH, "000c cf07 07000704 74016e31", 12, "SESSION_ATTRIBUTE", "non-printable");
        assertBodyFault(PATH, "000c cf07 09000704 74756e31", 12, "SESSION_ATTRIBUTE", "priorities");
        assertBodyFault(PATH, "0010 cf07 07000704 74756e31 00000000", 12, "SESSION_ATTRIBUTE", "trailing");
        assertBodyFault(PATH, "0010 cf01 00000000 00000000 00000000", 16, "SESSION_ATTRIBUTE", "too short");
        assertThrows(IllegalArgumentException.class, () -> new SessionAttribute.LspTunnel(8, 0, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SessionAttribute.LspTunnel(0, 0, 0, "é"));
        assertThrows(IllegalArgumentException.class, () -> new SessionAttribute.LspTunnel(0, 0, 0, "x".repeat(256)));
    }

    @Test
    void helloRequestAndAck() {
        assertObject("000c 1601 4a44672b e86eb75b // HELLO REQUEST, src and dst instance",
            new Hello(false, 0x4a44672b, 0xe86eb75b), HELLO);
        assertObject("000c 1602 11111111 00000000 // HELLO ACK", new Hello(true, 0x11111111, 0), HELLO);
        assertBodyFault(HELLO, "0008 1601 00000001", 8, "HELLO", "too short");
        assertBodyFault(HELLO, "0010 1602 00000001 00000002 00000003", 12, "HELLO", "trailing");
    }

    @Test
    void restartCapAndCapability() {
        assertObject("000c 8301 00007530 0000ea60 // RESTART_CAP 30 s, 60 s", new RestartCap(30000, 60000), HELLO);
        assertObject("000c 8301 ffffffff 00000000", new RestartCap(RestartCap.RESTART_TIME_INDETERMINATE, 0), HELLO);
        assertObject("0008 8601 00000007 // CAPABILITY T|R|S", new Capability(7), HELLO);
        assertObject("0008 8601 80000001 // reserved bits kept", new Capability(0x80000001), HELLO);
        assertBodyFault(HELLO, "0008 8301 00007530", 8, "RESTART_CAP", "too short");
        assertBodyFault(HELLO, "000c 8601 00000007 00000000", 8, "CAPABILITY", "trailing");
    }

    /** The Hello of the shared rsvp_cap capture: HELLO, RESTART_CAP and CAPABILITY, re-encoded byte for byte. */
    @Test
    void helloFromSharedCaptureRoundTrips() {
        byte[] wire = Golden.hex("""
            11 14 7d4d  // version 1, flags 1 (refresh reduction capable), Hello, checksum
            01 00 0028  // Send_TTL 1, length 40
            000c 1601 4a44672b e86eb75b
            000c 8301 00000000 00000000
            0008 8601 00000003
            """);
        // The capture's checksum field (0x7d4d) does not match its bytes (0x7d62): discarded as sent.
        assertEquals(ErrorCodes.SYS_BAD_CHECKSUM, Golden.decodeBad(wire).error().value());
        Checksum.fill(wire, 0, wire.length);
        ObjectMessage m = Golden.decodeOk(wire);
        assertEquals(List.of(new Hello(false, 0x4a44672b, 0xe86eb75b), new RestartCap(0, 0), new Capability(3)),
            m.objects());
        assertEquals(RsvpMessage.FLAG_REFRESH_REDUCTION_CAPABLE, m.flags());
        assertArrayEquals(wire, RsvpCodec.encode(m));
    }

    /** The first message of the shared rsvp-infinite-loop capture: a Hello carrying a zero-length ERO subobject. */
    @Test
    void infiniteLoopCaptureIsRejectedWithATypedError() {
        byte[] wire = Golden.hex("10 14 98ce 40 00 0014  0008 1401 03000000  00000000");
        DecodeError e = Golden.decodeBad(wire);
        assertEquals(ErrorCodes.RSVP_SYSTEM_ERROR, e.error().code());
        assertEquals(8, e.offset());
        // The same ERO in a Path, where it is allowed, fails on the subobject itself.
        assertBodyFault(PATH, "0008 1401 03000000", 4, "EXPLICIT_ROUTE", "zero-length");
    }
}
