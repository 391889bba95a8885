package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.ReservationStyle;

/**
 * Whole messages that the reservation objects complete (RFC 2205 §3.1.3-3.1.9 grammars), each with a rich set of
 * objects, encoded and decoded back byte for byte.
 */
class ReservationMessagesTest {

    static final IpSession SESSION = Samples.SESSION;
    static final RsvpHop NHOP = new RsvpHop(IpAddress.of("10.0.0.7"), 5);
    static final TimeValues TIME = Samples.TIME;
    static final TokenBucket TB = IntServTest.TB;
    static final FilterSpec SENDER_A = new FilterSpec(new IpSender(IpAddress.of("10.0.0.2"), 4000));
    static final FilterSpec SENDER_B = new FilterSpec(new IpSender(IpAddress.of("10.0.0.4"), 4002));
    static final FilterSpec SENDER_C = new FilterSpec(new IpSender(IpAddress.of("10.0.0.5"), 0));

    /** Encodes, decodes and re-encodes; the decoded message must equal the original and the bytes must match. */
    private static byte[] roundTrip(ObjectMessage m) {
        byte[] bytes = RsvpCodec.encode(m);
        DecodeResult r = RsvpCodec.decode(bytes);
        DecodeResult.Decoded ok = assertInstanceOf(DecodeResult.Decoded.class, r, () -> r.toString());
        assertEquals(m, ok.message());
        assertArrayEquals(bytes, RsvpCodec.encode(ok.message()));
        assertTrue(Checksum.verify(bytes, 0, bytes.length));
        return bytes;
    }

    @Test
    void resvWithFixedFilterFlowDescriptors() {
        ObjectMessage m = ObjectMessage.of(MessageType.RESV, 63, SESSION, NHOP, TIME,
            new ResvConfirm(IpAddress.of("10.0.0.9")),
            Style.FF,
            new GuaranteedFlowspec(TB, 125000f, 10), SENDER_A,
            new ControlledLoadFlowspec(TB), SENDER_B,
            SENDER_C,
            Dclass.of(46));
        byte[] bytes = roundTrip(m);
        // 8 header + 12 + 12 + 8 + 8 + 8 + 48 + 12 + 36 + 12 + 12 + 8
        assertEquals(184, bytes.length);
        ObjectMessage back = Golden.decodeOk(bytes);
        assertEquals(3, back.all(FilterSpec.class).size());
        assertEquals(2, back.all(Flowspec.class).size());
        assertEquals(ReservationStyle.FF, back.first(Style.class).orElseThrow().style().orElseThrow());
    }

    @Test
    void resvSharedExplicitOverAnLspTunnel() {
        LspTunnelSession tunnel = new LspTunnelSession(IpAddress.of("192.0.2.1"), 77, IpAddress.of("192.0.2.9"));
        roundTrip(ObjectMessage.of(MessageType.RESV, 63, tunnel, NHOP, TIME, Style.SE,
            new ControlledLoadFlowspec(TB),
            new FilterSpec(new LspTunnelSender(IpAddress.of("192.0.2.9"), 1)),
            new FilterSpec(new LspTunnelSender(IpAddress.of("192.0.2.9"), 2))));
    }

    @Test
    void resvErrWithScopeAndErrorFlowDescriptor() {
        ErrorSpec error = new ErrorSpec(IpAddress.of("10.0.0.7"), ErrorSpec.FLAG_IN_PLACE,
            ErrorCodes.ADMISSION_CONTROL_FAILURE, ErrorCodes.AC_BANDWIDTH_UNAVAILABLE);
        ObjectMessage m = ObjectMessage.of(MessageType.RESV_ERR, 63, SESSION, NHOP, error,
            new Scope(List.of(IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.4"))),
            Style.WF, new ControlledLoadFlowspec(TB), Dclass.of(46, 10));
        roundTrip(m);
        ErrorSpec back = Golden.decodeOk(RsvpCodec.encode(m)).first(ErrorSpec.class).orElseThrow();
        assertEquals("Requested bandwidth unavailable", back.errorValueName());
    }

    @Test
    void resvConfConfirmsToTheReceiver() {
        roundTrip(ObjectMessage.of(MessageType.RESV_CONF, 63, SESSION,
            new ErrorSpec(IpAddress.of("10.0.0.7"), 0, ErrorCodes.CONFIRMATION, 0),
            new ResvConfirm(IpAddress.of("10.0.0.9")),
            Style.FF, new GuaranteedFlowspec(TB, 2000f, 0), SENDER_A));
    }

    @Test
    void pathErrWithSenderDescriptor() {
        roundTrip(ObjectMessage.of(MessageType.PATH_ERR, 63, SESSION,
            new ErrorSpec(IpAddress.of("10.0.0.7"), 0, ErrorCodes.TRAFFIC_CONTROL_ERROR, IntServ.TC_BAD_TSPEC),
            new SenderTemplate(new IpSender(IpAddress.of("10.0.0.2"), 4000)),
            new SenderTspec(TB),
            Adspec.standard(2, 1.25e6f, 200, 1500, 0, 0, 0, 0)));
    }

    @Test
    void resvTearWildcardWithScope() {
        roundTrip(ObjectMessage.of(MessageType.RESV_TEAR, 63, SESSION, NHOP,
            new Scope(List.of(IpAddress.of("10.0.0.2"))), Style.WF, new ControlledLoadFlowspec(TB)));
        roundTrip(ObjectMessage.of(MessageType.RESV_TEAR, 63, SESSION, NHOP, Style.FF, SENDER_A, SENDER_B));
    }

    @Test
    void pathAndPathTearWithSenderDescriptorsOfEveryLayout() {
        roundTrip(ObjectMessage.of(MessageType.PATH, 63,
            new AggregateSession(IpAddress.of("10.0.0.1"), 0, 46), Samples.HOP, TIME,
            new SenderTemplate(new AggregateSender(IpAddress.of("10.0.0.2"))), new SenderTspec(TB),
            Adspec.standard(1, 125000f, 100, 1500, 16, 32, 48, 64)));
        roundTrip(ObjectMessage.of(MessageType.PATH, 63,
            new LspTunnelSession(IpAddress.of("2001:db8::9"), 7, IpAddress.of("2001:db8::3")),
            new RsvpHop(IpAddress.of("2001:db8::3"), 1), TIME,
            new SenderTemplate(new LspTunnelSender(IpAddress.of("2001:db8::3"), 1)), new SenderTspec(TB)));
        roundTrip(ObjectMessage.of(MessageType.PATH_TEAR, 63, new IpSession(IpAddress.of("2001:db8::9"), 17, 0, 5004),
            new RsvpHop(IpAddress.of("2001:db8::3"), 1),
            new SenderTemplate(new FlowLabelSender(Ipv6Address.of("2001:db8::3"), 42)),
            new SenderTspec(TB)));
    }

    @Test
    void samplesBuildEveryMessageTypeTheseClassesComplete() {
        for (MessageType t : List.of(MessageType.RESV, MessageType.RESV_ERR, MessageType.RESV_CONF,
            MessageType.PATH_ERR, MessageType.RESV_TEAR)) {
            List<RsvpObject> mandatory = Samples.mandatoryFor(t);
            assertEquals(t.mandatoryClasses().length, mandatory.size(), t + " has a sample for each mandatory class");
            roundTrip(new ObjectMessage(t, 0, 1, mandatory));
        }
    }

    @Test
    void everySingleByteCorruptionGivesAValueNeverAnException() {
        ObjectMessage resv = ObjectMessage.of(MessageType.RESV, 63, SESSION, NHOP, TIME,
            new ResvConfirm(IpAddress.of("10.0.0.9")), new Scope(List.of(IpAddress.of("10.0.0.2"))), Style.FF,
            new GuaranteedFlowspec(TB, 125000f, 10), SENDER_A, new ControlledLoadFlowspec(TB),
            new FilterSpec(new FlowLabelSender(Ipv6Address.of("2001:db8::3"), 7)), Dclass.of(46));
        ObjectMessage pathErr = ObjectMessage.of(MessageType.PATH_ERR, 63,
            new LspTunnelSession(IpAddress.of("192.0.2.1"), 77, IpAddress.of("192.0.2.9")),
            new ErrorSpec(IpAddress.of("10.0.0.7"), 0, 1, 2),
            new SenderTemplate(new AggregateSender(IpAddress.of("10.0.0.2"))), new SenderTspec(TB),
            Adspec.standard(1, 125000f, 100, 1500, 16, 32, 48, 64));
        int malformed = 0;
        for (ObjectMessage m : List.of(resv, pathErr)) {
            byte[] good = RsvpCodec.encode(m);
            for (int i = 0; i < good.length; i++) {
                if (i == 5) {
                    continue; // the common header's reserved byte is the core's business (sent as 0)
                }
                for (int v : new int[] {0x00, 0xff, good[i] ^ 0x80, good[i] ^ 0x01}) {
                    byte[] b = good.clone();
                    b[i] = (byte) v;
                    Checksum.fill(b, 0, b.length);
                    DecodeResult r = RsvpCodec.decode(b);
                    if (r instanceof DecodeResult.Decoded d) {
                        assertArrayEquals(b, RsvpCodec.encode(d.message()), "a decoded message re-encodes as is");
                    } else {
                        malformed++;
                    }
                }
            }
        }
        assertTrue(malformed > 0);
    }
}
