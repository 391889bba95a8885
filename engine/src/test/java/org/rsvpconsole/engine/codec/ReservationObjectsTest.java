package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.BadObjects.assertBadBody;
import static org.rsvpconsole.engine.codec.Golden.assertObject;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.ReservationStyle;

/** ERROR_SPEC, SCOPE, STYLE, RESV_CONFIRM, the sender layouts, the RFC 3209/3175 SESSIONs and DCLASS. */
class ReservationObjectsTest {

    private static final String V6_3 = "20010db8 00000000 00000000 00000003";
    private static final String V6_9 = "20010db8 00000000 00000000 00000009";

    @Test
    void errorSpecIpv4AndIpv6() {
        ErrorSpec e = new ErrorSpec(IpAddress.of("10.0.0.3"), 3, 1, 2);
        assertObject("""
            000c 0601  // ERROR_SPEC IPv4, 12 bytes
            0a000003   //   error node 10.0.0.3
            03 01 0002 //   flags InPlace|NotGuilty, code 1 (Admission Control), value 2 (bandwidth)
            """, e, MessageType.RESV_ERR);
        assertTrue(e.inPlace());
        assertTrue(e.notGuilty());
        assertEquals("Admission Control Failure", e.errorCodeName());
        assertEquals("Requested bandwidth unavailable", e.errorValueName());
        assertEquals(new RsvpError(1, 2), e.error());
        assertObject("""
            0018 0602                  // ERROR_SPEC IPv6, 24 bytes
            20010db8000000000000000000000003 // error node 2001:db8::3
            00 17 0006                 // no flags, code 23 (RSVP System error), value 6
            """, ErrorSpec.of(IpAddress.of("2001:db8::3"), new RsvpError(23, 6)), MessageType.PATH_ERR);
        assertEquals(ErrorSpec.C_TYPE_IPV6, ErrorSpec.of(IpAddress.of("::1"), new RsvpError(0, 0)).cType());
    }

    @Test
    void errorSpecDescribesCodeAndValueWithNames() {
        ErrorSpec e = new ErrorSpec(IpAddress.of("10.0.0.3"), ErrorSpec.FLAG_NOT_GUILTY, 2, 5);
        assertEquals(List.of("errorNode=10.0.0.3", "flags=2", "inPlace=false", "notGuilty=true", "errorCode=2",
            "errorCodeName=Policy Control Failure", "errorValue=5", "errorValueName=Flow was preempted"),
            BadObjects.fields(e));
    }

    @Test
    void errorSpecCorruption() {
        assertBadBody(MessageType.PATH_ERR, "0008 0601 0a000003", 8, "ERROR_SPEC");
        assertBadBody(MessageType.PATH_ERR, "0010 0601 0a000003 00010002 00000000", 12, "ERROR_SPEC");
        assertBadBody(MessageType.PATH_ERR, "000c 0602 0a000003 00010002", 4, "ERROR_SPEC");
        assertThrows(IllegalArgumentException.class, () -> new ErrorSpec(IpAddress.of("10.0.0.1"), 256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ErrorSpec(IpAddress.of("10.0.0.1"), 0, 0, 65536));
    }

    @Test
    void scopeIpv4AndIpv6() {
        assertObject("""
            0010 0701 // SCOPE IPv4, 16 bytes
            0a000002  //   10.0.0.2
            0a000004  //   10.0.0.4
            0a000005  //   10.0.0.5
            """, new Scope(List.of(IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.4"), IpAddress.of("10.0.0.5"))),
            MessageType.RESV);
        assertObject("0024 0702 " + V6_3 + V6_9,
            new Scope(List.of(IpAddress.of("2001:db8::3"), IpAddress.of("2001:db8::9"))), MessageType.RESV_TEAR);
    }

    @Test
    void scopeCorruptionAndValidation() {
        assertBadBody(MessageType.RESV, "0004 0701", 4, "SCOPE");
        assertBadBody(MessageType.RESV, "000c 0702 20010db8 00000000", 4, "SCOPE");
        assertBadBody(MessageType.RESV, "0018 0702 " + V6_3 + "00000000", 4, "SCOPE");
        assertThrows(IllegalArgumentException.class, () -> new Scope(List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new Scope(List.of(IpAddress.of("10.0.0.1"), IpAddress.of("::1"))));
    }

    @Test
    void styleGoldensForTheThreeStyles() {
        assertObject("0008 0801 00 00000a // STYLE FF: distinct 01, explicit 010", Style.FF, MessageType.RESV);
        assertObject("0008 0801 00 000011 // STYLE WF: shared 10, wildcard 001", Style.WF, MessageType.RESV);
        assertObject("0008 0801 00 000012 // STYLE SE: shared 10, explicit 010", Style.SE, MessageType.RESV);
        assertEquals(Optional.of(ReservationStyle.FF), Style.FF.style());
        assertEquals(Optional.of(ReservationStyle.WF), Style.WF.style());
        assertEquals(Optional.of(ReservationStyle.SE), Style.SE.style());
        assertEquals(1, Style.FF.sharingControl());
        assertEquals(2, Style.FF.senderSelection());
        assertEquals(2, Style.WF.sharingControl());
        assertEquals(1, Style.WF.senderSelection());
        assertTrue(ReservationStyle.SE.shared() && ReservationStyle.SE.explicit());
        assertFalse(ReservationStyle.FF.shared());
        assertFalse(ReservationStyle.WF.explicit());
    }

    @Test
    void unknownStyleStillDecodesAndReEncodes() {
        // shared + "011" selection is reserved: a valid object whose style the node answers with code 6.
        Style odd = new Style(0x80, 0x13);
        assertObject("0008 0801 80 000013", odd, MessageType.RESV);
        assertEquals(Optional.empty(), odd.style());
        assertEquals(Optional.empty(), new Style(0, 0x0b).style());
        // The 19 reserved bits do not change the style RFC 2205 A.7 names.
        assertEquals(Optional.of(ReservationStyle.FF), new Style(0, 0x10000a).style());
        assertEquals("style=unknown", BadObjects.fields(odd).get(4));
    }

    @Test
    void styleCorruption() {
        assertBadBody(MessageType.RESV, "0004 0801", 4, "STYLE");
        assertBadBody(MessageType.RESV, "000c 0801 0000000a 00000000", 8, "STYLE");
        assertThrows(IllegalArgumentException.class, () -> new Style(0, 0x1000000));
        assertThrows(IllegalArgumentException.class, () -> new Style(-1, 0x0a));
    }

    @Test
    void resvConfirmIpv4AndIpv6() {
        assertObject("0008 0f01 0a000009 // RESV_CONFIRM IPv4: receiver 10.0.0.9",
            new ResvConfirm(IpAddress.of("10.0.0.9")), MessageType.RESV);
        assertObject("0014 0f02 " + V6_9, new ResvConfirm(IpAddress.of("2001:db8::9")), MessageType.RESV_CONF);
        assertBadBody(MessageType.RESV, "0008 0f02 0a000009", 4, "RESV_CONFIRM");
        assertBadBody(MessageType.RESV, "000c 0f01 0a000009 00000000", 8, "RESV_CONFIRM");
    }

    @Test
    void senderLayoutsInSenderTemplate() {
        assertObject("""
            000c 0b01  // SENDER_TEMPLATE IPv4
            0a000002   //   sender 10.0.0.2
            0000 0fa0  //   reserved, port 4000
            """, new SenderTemplate(new IpSender(IpAddress.of("10.0.0.2"), 4000)), MessageType.PATH);
        assertObject("0018 0b02 " + V6_3 + "0000 0fa0",
            new SenderTemplate(new IpSender(IpAddress.of("2001:db8::3"), 4000)), MessageType.PATH);
        assertObject("0018 0b03 " + V6_3 + "00 0abcde // flow label 0xabcde",
            new SenderTemplate(new FlowLabelSender(Ipv6Address.of("2001:db8::3"), 0xabcde)), MessageType.PATH);
        assertObject("""
            000c 0b07  // SENDER_TEMPLATE LSP_TUNNEL_IPv4
            c0000209   //   tunnel sender 192.0.2.9
            0000 0003  //   MBZ, LSP ID 3
            """, new SenderTemplate(new LspTunnelSender(IpAddress.of("192.0.2.9"), 3)), MessageType.PATH);
        assertObject("0018 0b08 " + V6_3 + "0000 ffff",
            new SenderTemplate(new LspTunnelSender(IpAddress.of("2001:db8::3"), 0xffff)), MessageType.PATH_TEAR);
        assertObject("0008 0b09 0a000002 // RSVP-AGGREGATE-IP4: aggregator 10.0.0.2",
            new SenderTemplate(new AggregateSender(IpAddress.of("10.0.0.2"))), MessageType.PATH);
        assertObject("0014 0b0a " + V6_3,
            new SenderTemplate(new AggregateSender(IpAddress.of("2001:db8::3"))), MessageType.PATH_ERR);
    }

    @Test
    void senderLayoutsInFilterSpec() {
        assertObject("000c 0a01 0a000002 0000 0fa0",
            new FilterSpec(new IpSender(IpAddress.of("10.0.0.2"), 4000)), MessageType.RESV);
        assertObject("0018 0a02 " + V6_3 + "0000 0000",
            new FilterSpec(new IpSender(IpAddress.of("2001:db8::3"), 0)), MessageType.RESV_ERR);
        assertObject("0018 0a03 " + V6_3 + "00 ffffff",
            new FilterSpec(new FlowLabelSender(Ipv6Address.of("2001:db8::3"), 0xffffff)), MessageType.RESV);
        assertObject("000c 0a07 c0000209 0000 0003",
            new FilterSpec(new LspTunnelSender(IpAddress.of("192.0.2.9"), 3)), MessageType.RESV);
        assertObject("0018 0a08 " + V6_3 + "0000 0001",
            new FilterSpec(new LspTunnelSender(IpAddress.of("2001:db8::3"), 1)), MessageType.RESV_TEAR);
        assertObject("0008 0a09 0a000002",
            new FilterSpec(new AggregateSender(IpAddress.of("10.0.0.2"))), MessageType.RESV_CONF);
        assertObject("0014 0a0a " + V6_3,
            new FilterSpec(new AggregateSender(IpAddress.of("2001:db8::3"))), MessageType.RESV);
    }

    @Test
    void senderDescribe() {
        assertEquals(List.of("source=10.0.0.2", "sourcePort=4000"),
            BadObjects.fields(new FilterSpec(new IpSender(IpAddress.of("10.0.0.2"), 4000))));
        assertEquals(List.of("tunnelSender=192.0.2.9", "lspId=3"),
            BadObjects.fields(new SenderTemplate(new LspTunnelSender(IpAddress.of("192.0.2.9"), 3))));
        assertEquals(IpAddress.of("10.0.0.2"), new AggregateSender(IpAddress.of("10.0.0.2")).source());
    }

    @Test
    void senderCorruption() {
        assertBadBody(MessageType.PATH, "0008 0b01 0a000002", 8, "SENDER_TEMPLATE");
        assertBadBody(MessageType.RESV, "0010 0a01 0a000002 00000fa0 00000000", 12, "FILTER_SPEC");
        // MBZ fields that are not zero cannot be represented, so they are refused, not silently dropped.
        assertBadBody(MessageType.PATH, "000c 0b01 0a000002 0001 0fa0", 8, "SENDER_TEMPLATE");
        assertBadBody(MessageType.RESV, "0018 0a03 " + V6_3 + "01 000001", 20, "FILTER_SPEC");
        assertBadBody(MessageType.PATH, "000c 0b07 c0000209 8000 0003", 8, "SENDER_TEMPLATE");
        assertBadBody(MessageType.RESV, "0008 0a0a 0a000002", 4, "FILTER_SPEC");
        assertBadBody(MessageType.PATH, "000c 0b09 0a000002 00000000", 8, "SENDER_TEMPLATE");
        assertThrows(IllegalArgumentException.class, () -> new IpSender(IpAddress.of("10.0.0.1"), 65536));
        assertThrows(IllegalArgumentException.class,
            () -> new FlowLabelSender(Ipv6Address.of("::1"), 0x1000000));
        assertThrows(IllegalArgumentException.class, () -> new LspTunnelSender(IpAddress.of("10.0.0.1"), -1));
    }

    @Test
    void lspTunnelSessionIpv4AndIpv6() {
        LspTunnelSession s = new LspTunnelSession(IpAddress.of("192.0.2.1"), 77, IpAddress.of("192.0.2.9"));
        assertObject("""
            0010 0107  // SESSION LSP_TUNNEL_IPv4, 16 bytes
            c0000201   //   tunnel end point 192.0.2.1
            0000 004d  //   MBZ, tunnel ID 77
            c0000209   //   extended tunnel ID 192.0.2.9
            """, s, MessageType.PATH);
        assertEquals(IpAddress.of("192.0.2.1"), s.destination());
        assertObject("0028 0108 " + V6_9 + "0000 004d " + V6_3,
            new LspTunnelSession(IpAddress.of("2001:db8::9"), 77, IpAddress.of("2001:db8::3")), MessageType.RESV);
        assertThrows(IllegalArgumentException.class,
            () -> new LspTunnelSession(IpAddress.of("192.0.2.1"), 1, IpAddress.of("2001:db8::3")));
        assertThrows(IllegalArgumentException.class,
            () -> new LspTunnelSession(IpAddress.of("192.0.2.1"), 65536, IpAddress.of("192.0.2.9")));
        assertBadBody(MessageType.PATH, "0010 0107 c0000201 0001 004d c0000209", 8, "SESSION");
        assertBadBody(MessageType.PATH, "000c 0107 c0000201 0000 004d", 12, "SESSION");
        assertBadBody(MessageType.PATH, "0014 0108 " + V6_9, 20, "SESSION");
    }

    @Test
    void aggregateSessionIpv4AndIpv6() {
        assertObject("""
            000c 0109  // SESSION RSVP-AGGREGATE-IP4
            0a000001   //   deaggregator 10.0.0.1
            00 01 00 2e //  reserved, flags E_Police, reserved, DSCP 46 (EF)
            """, new AggregateSession(IpAddress.of("10.0.0.1"), 1, 46), MessageType.PATH);
        assertObject("0018 010a " + V6_9 + "00 00 00 0a",
            new AggregateSession(IpAddress.of("2001:db8::9"), 0, 10), MessageType.RESV);
        assertBadBody(MessageType.PATH, "000c 0109 0a000001 00 01 00 6e", 11, "SESSION");
        assertBadBody(MessageType.PATH, "000c 0109 0a000001 01 01 00 2e", 8, "SESSION");
        assertBadBody(MessageType.PATH, "0010 0109 0a000001 0001002e 00000000", 12, "SESSION");
        assertThrows(IllegalArgumentException.class,
            () -> new AggregateSession(IpAddress.of("10.0.0.1"), 0, 64));
    }

    @Test
    void dclass() {
        assertObject("""
            000c e101  // DCLASS, 12 bytes
            0000002e   //   DSCP 46 (EF)
            0000000a   //   DSCP 10 (AF11)
            """, Dclass.of(46, 10), MessageType.RESV);
        assertObject("0008 e101 0000003f", Dclass.of(63), MessageType.RESV_TEAR);
        assertEquals(List.of("dscps[", "null=46", "null=10", "]"), BadObjects.fields(Dclass.of(46, 10)));
        assertBadBody(MessageType.RESV, "0004 e101", 4, "DCLASS");
        assertBadBody(MessageType.RESV, "000c e101 0000002e 00000040", 8, "DCLASS");
        assertBadBody(MessageType.RESV, "0008 e101 0100002e", 4, "DCLASS");
        assertThrows(IllegalArgumentException.class, () -> Dclass.of(64));
        assertThrows(IllegalArgumentException.class, () -> new Dclass(List.of()));
    }
}
