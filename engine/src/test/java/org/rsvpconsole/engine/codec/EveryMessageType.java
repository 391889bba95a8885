package org.rsvpconsole.engine.codec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rsvpconsole.engine.api.IpAddress;

/** Test fixture: one message of every type, each with a rich set of objects (tshark check, synthetic captures). */
public final class EveryMessageType {

    private static final TokenBucket TB = new TokenBucket(12500f, 1000f, 25000f, 64, 1500);
    private static final IpSender SENDER = new IpSender(IpAddress.of("10.0.0.2"), 4000);

    /** One message of every type; the IPv6 and aggregate forms too. Named for the failure messages. */
    public static Map<String, RsvpMessage> messages() {
        Map<String, RsvpMessage> m = new LinkedHashMap<>();
        m.put("Path", ObjectMessage.of(MessageType.PATH, 63, Samples.SESSION, Samples.HOP, Samples.TIME,
            new PolicyData(List.of(), List.of(PolicyIntegrityTest.PREEMPTION)),
            new SenderTemplate(SENDER), new SenderTspec(TB),
            Adspec.standard(2, 1.25e6f, 200, 1500, 16, 32, 48, 64)));
        m.put("Path (RSVP-TE)", ExtendedMessagesTest.tePath());
        m.put("Path (IPv6)", ObjectMessage.of(MessageType.PATH, 63,
            new IpSession(IpAddress.of("2001:db8::9"), 17, 0, 5004), new RsvpHop(IpAddress.of("2001:db8::2"), 1),
            Samples.TIME, new SenderTemplate(new IpSender(IpAddress.of("2001:db8::2"), 4000)), new SenderTspec(TB)));
        m.put("Path (aggregate)", ObjectMessage.of(MessageType.PATH, 63,
            new AggregateSession(IpAddress.of("10.0.0.11"), 0, 46), Samples.HOP, Samples.TIME,
            new SenderTemplate(new AggregateSender(IpAddress.of("10.0.0.1"))), new SenderTspec(TB)));
        m.put("Resv", ObjectMessage.of(MessageType.RESV, 63, Samples.SESSION,
            new RsvpHop(IpAddress.of("10.0.0.7"), 5), Samples.TIME, new ResvConfirm(IpAddress.of("10.0.0.9")), Style.FF,
            new GuaranteedFlowspec(TB, 125000f, 10), new FilterSpec(SENDER),
            new ControlledLoadFlowspec(TB), new FilterSpec(new IpSender(IpAddress.of("10.0.0.4"), 4002)),
            Dclass.of(46)));
        m.put("Resv (LSP, SE)", ObjectMessage.of(MessageType.RESV, 63,
            new LspTunnelSession(IpAddress.of("192.0.2.1"), 77, IpAddress.of("192.0.2.9")),
            new RsvpHop(IpAddress.of("192.0.2.5"), 2), Samples.TIME, Style.SE, new ControlledLoadFlowspec(TB),
            new FilterSpec(new LspTunnelSender(IpAddress.of("192.0.2.9"), 1)), new Label(1000),
            TeObjectsTest.RRO_VALUE));
        m.put("PathErr", ObjectMessage.of(MessageType.PATH_ERR, 63, Samples.SESSION,
            new ErrorSpec(IpAddress.of("10.0.0.7"), 0, ErrorCodes.TRAFFIC_CONTROL_ERROR, IntServ.TC_BAD_TSPEC),
            new SenderTemplate(SENDER), new SenderTspec(TB)));
        m.put("ResvErr", ObjectMessage.of(MessageType.RESV_ERR, 63, Samples.SESSION,
            new RsvpHop(IpAddress.of("10.0.0.7"), 5),
            new ErrorSpec(IpAddress.of("10.0.0.7"), ErrorSpec.FLAG_IN_PLACE, ErrorCodes.POLICY_CONTROL_FAILURE,
                ErrorCodes.PC_RESERVATION_REDUCED),
            new Scope(List.of(IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.4"))), Style.WF,
            new ControlledLoadFlowspec(TB)));
        m.put("PathTear", ObjectMessage.of(MessageType.PATH_TEAR, 63, Samples.SESSION, Samples.HOP,
            new SenderTemplate(SENDER), new SenderTspec(TB)));
        m.put("ResvTear", ObjectMessage.of(MessageType.RESV_TEAR, 63, Samples.SESSION,
            new RsvpHop(IpAddress.of("10.0.0.7"), 5), Style.FF, new ControlledLoadFlowspec(TB),
            new FilterSpec(SENDER)));
        m.put("ResvConf", ObjectMessage.of(MessageType.RESV_CONF, 63, Samples.SESSION,
            new ErrorSpec(IpAddress.of("10.0.0.7"), 0, ErrorCodes.CONFIRMATION, 0),
            new ResvConfirm(IpAddress.of("10.0.0.9")), Style.FF, new ControlledLoadFlowspec(TB),
            new FilterSpec(SENDER)));
        m.put("Bundle", ExtendedMessagesTest.bundle());
        m.put("Ack", ObjectMessage.of(MessageType.ACK, 1, new MessageIdAck(false, 0, 0x123456, 42),
            new MessageIdAck(false, 0, 0x123456, 43)));
        m.put("Srefresh", ObjectMessage.of(MessageType.SREFRESH, 1, new MessageId(0, 0x123456, 900),
            new MessageIdList.Ids(0, 0x123456, MessageIdSet.of(41, 42, 43, 44))));
        m.put("Hello", ObjectMessage.of(MessageType.HELLO_MSG, 1, new Hello(false, 0x11111111, 0x22222222)));
        m.put("Integrity Challenge", ObjectMessage.of(MessageType.INTEGRITY_CHALLENGE, 1,
            new Challenge(0x010203040506L, 0x1122334455667788L)));
        m.put("Integrity Response", ObjectMessage.of(MessageType.INTEGRITY_RESPONSE, 1,
            new Challenge(0x010203040506L, 0x1122334455667788L), SampleObjects.of(ObjectClass.INTEGRITY)));
        return m;
    }

    private EveryMessageType() {
    }
}
