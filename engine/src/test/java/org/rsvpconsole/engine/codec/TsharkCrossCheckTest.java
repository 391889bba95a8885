package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.testing.Tshark;

/**
 * The independent check: our encoder writes a message of every type, each with a rich set of objects, into a
 * pcap; tshark (Wireshark's RSVP dissector) must decode every one with a correct checksum and no malformed or
 * warning items, and show the same message types, object classes in the same order, and the same key values.
 */
class TsharkCrossCheckTest {

    private static List<String> names;
    private static List<RsvpMessage> sent;
    private static List<Tshark.Packet> packets;
    private static Path pcap;

    @BeforeAll
    static void writeAndDissect(@TempDir Path dir) throws IOException {
        Tshark.require();
        Map<String, RsvpMessage> all = EveryMessageType.messages();
        names = new ArrayList<>(all.keySet());
        sent = new ArrayList<>(all.values());
        pcap = dir.resolve("every-type.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            for (RsvpMessage msg : sent) {
                boolean v6 = msg instanceof ObjectMessage om && om.objects().get(0) instanceof Session s
                    && !(s.destination() instanceof Ipv4Address);
                IpEncapsulation ip = v6
                    ? IpEncapsulation.of(IpAddress.of("2001:db8::2"), IpAddress.of("2001:db8::9"), 63)
                    : IpEncapsulation.of(IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.9"), 63);
                w.writeRsvp(Instant.EPOCH, ip.withRouterAlert(msg.type() == MessageType.PATH), RsvpCodec.encode(msg));
            }
        }
        packets = Tshark.pdml(pcap);
    }

    @Test
    void tsharkSeesEveryMessageWithoutMalformedOrWarningItems() {
        assertEquals(sent.size(), packets.size(), "one frame per message");
        String filter = "(_ws.malformed || _ws.expert.severity >= warning) && !(rsvp.msg == 25 || rsvp.msg == 26)";
        List<String> bad = Tshark.run("-r", pcap.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number")
            .lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of(), bad, () -> "frames tshark finds malformed or warns about:\n"
            + Tshark.run("-r", pcap.toString(), "-Y", "frame.number==" + String.join(" || frame.number==", bad), "-V"));
        // Wireshark 4.0 knows no message types 25/26 (RFC 3097): it decodes their objects, finds no SESSION to
        // track and says "Unknown session type". That is the only thing it may say about them.
        for (int i = 0; i < sent.size(); i++) {
            int type = sent.get(i).type().number();
            if (type == 25 || type == 26) {
                Tshark.Packet p = packets.get(i);
                assertEquals(List.of(), p.named("_ws.malformed"), names.get(i));
                assertEquals(List.of("Unknown session type"), p.shows("_ws.expert.message"), names.get(i));
            }
        }
    }

    @Test
    void messageTypesAndChecksumsAgree() {
        for (int i = 0; i < sent.size(); i++) {
            Tshark.Packet p = packets.get(i);
            RsvpMessage msg = sent.get(i);
            List<String> types = p.shows("rsvp.msg");
            List<String> expected = new ArrayList<>();
            expected.add(String.valueOf(msg.type().number()));
            if (msg instanceof BundleMessage b) {
                b.messages().forEach(sub -> expected.add(String.valueOf(sub.type().number())));
            }
            assertEquals(expected, types, names.get(i));
            List<Tshark.Field> sums = p.named("rsvp.message_checksum");
            // Wireshark 4.0 does not verify a Bundle's outer checksum (it prints no verdict): check the others.
            for (Tshark.Field f : msg instanceof BundleMessage ? sums.subList(1, sums.size()) : sums) {
                assertTrue(f.showname().contains("[correct]"), names.get(i) + ": " + f.showname());
            }
            assertEquals(expected.size(), sums.size(), names.get(i) + ": one checksum per (sub-)message");
        }
    }

    @Test
    void objectClassesAgreeInWireOrder() {
        for (int i = 0; i < sent.size(); i++) {
            List<String> ours = new ArrayList<>();
            for (ObjectMessage om : flatten(sent.get(i))) {
                om.objects().forEach(o -> ours.add(String.valueOf(o.classNum())));
            }
            assertEquals(ours, packets.get(i).shows("rsvp.object"), names.get(i));
        }
    }

    @Test
    void keyValuesAgree() {
        int compared = 0;
        for (int i = 0; i < sent.size(); i++) {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (ObjectMessage om : flatten(sent.get(i))) {
                for (RsvpObject o : om.objects()) {
                    expectedFields(o, expected);
                }
            }
            Tshark.Packet p = packets.get(i);
            for (Map.Entry<String, List<String>> e : expected.entrySet()) {
                assertEquals(e.getValue(), p.shows(e.getKey()), names.get(i) + " field " + e.getKey());
                compared += e.getValue().size();
            }
        }
        assertTrue(compared > 60, "compared " + compared + " values");
    }

    private static List<ObjectMessage> flatten(RsvpMessage m) {
        return switch (m) {
            case ObjectMessage om -> List.of(om);
            case BundleMessage b -> b.messages();
        };
    }

    private static void put(Map<String, List<String>> into, String field, Object value) {
        into.computeIfAbsent(field, k -> new ArrayList<>()).add(String.valueOf(value));
    }

    /** The tshark fields (PDML "show" values) that our value determines, for the objects Wireshark 4.0 decodes. */
    private static void expectedFields(RsvpObject o, Map<String, List<String>> into) {
        switch (o) {
            case IpSession s when s.destination() instanceof Ipv4Address -> {
                put(into, "rsvp.session.ip", s.destination());
                put(into, "rsvp.session.port", s.destinationPort());
            }
            case RsvpHop h when h.hop() instanceof Ipv4Address -> {
                put(into, "rsvp.hop.neighbor_address_ipv4", h.hop());
                put(into, "rsvp.hop.logical_interface", Integer.toUnsignedLong(h.logicalInterfaceHandle()));
            }
            case TimeValues t -> put(into, "rsvp.refresh_interval", t.refreshPeriodMillis());
            case SenderTemplate t when t.sender() instanceof IpSender s && s.source() instanceof Ipv4Address -> {
                put(into, "rsvp.sender.ip", s.source());
                put(into, "rsvp.sender.port", s.port());
            }
            case FilterSpec f when f.sender() instanceof IpSender s && s.source() instanceof Ipv4Address -> {
                put(into, "rsvp.sender.ip", s.source());
                put(into, "rsvp.sender.port", s.port());
            }
            case SenderTspec t -> put(into, "rsvp.tspec.token_bucket_rate", (long) t.tokenBucket().rate());
            case ControlledLoadFlowspec f ->
                put(into, "rsvp.flowspec.token_bucket_rate", (long) f.tokenBucket().rate());
            case GuaranteedFlowspec f -> {
                put(into, "rsvp.flowspec.token_bucket_rate", (long) f.tokenBucket().rate());
                put(into, "rsvp.flowspec.rate", (long) f.rate());
                put(into, "rsvp.flowspec.slack_term", f.slack());
            }
            case ErrorSpec e -> {
                put(into, "rsvp.error.error_code", e.errorCode());
                if (e.errorCode() != ErrorCodes.CONFIRMATION) {
                    put(into, "rsvp.error_value", e.errorValue());
                }
            }
            case ResvConfirm c when c.receiver() instanceof Ipv4Address -> put(into,
                "rsvp.confirm.receiver_address_ipv4", c.receiver());
            case Label l -> put(into, "rsvp.label.label", l.label());
            case Hello h -> put(into, "rsvp.hello.source_instance", String.format("0x%08x", h.sourceInstance()));
            case MessageIdAck a -> put(into, "rsvp.message_id_ack.message_id", a.messageId());
            case MessageIdList.Ids ids -> {
                for (int k = 0; k < ids.ids().size(); k++) {
                    put(into, "rsvp.message_id_list.message_id", ids.ids().get(k));
                }
            }
            case Dclass d -> d.dscps().forEach(x -> put(into, "rsvp.dclass.dscp", x));
            case AggregateSession a -> put(into, "rsvp.session.dscp", a.dscp());
            case Integrity in ->
                put(into, "rsvp.integrity.sequence_number", Long.toUnsignedString(in.sequenceNumber()));
            default -> { }
        }
    }
}
