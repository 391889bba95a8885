package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.capture.RsvpCapture;
import org.rsvpconsole.engine.capture.RsvpPacket;

/** Every capture in ../shared/captures behaves as its README says. */
class SharedCapturesDecodeTest {

    record Found(RsvpPacket packet, byte[] bytes, DecodeResult result) {
    }

    static List<Found> decodeAll(String name) throws IOException {
        List<Found> out = new ArrayList<>();
        try (RsvpCapture c = RsvpCapture.open(SharedCaptures.capture(name))) {
            RsvpPacket p;
            while ((p = c.next()) != null) {
                byte[] b = p.rsvpBytes();
                out.add(new Found(p, b, RsvpCodec.decode(b)));
            }
        }
        return out;
    }

    private static List<Integer> classes(ObjectMessage m) {
        return m.objects().stream().map(RsvpObject::classNum).toList();
    }

    @Test
    void cleanExchangeDecodesFullyAndReencodesByteForByte() throws IOException {
        List<Found> found = decodeAll("peafowl__rsvp.pcap");
        assertFalse(found.isEmpty());
        List<MessageType> types = new ArrayList<>();
        for (Found f : found) {
            DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, f.result(),
                () -> "frame " + f.packet().frameNumber() + ": " + f.result());
            ObjectMessage m = assertInstanceOf(ObjectMessage.class, d.message());
            types.add(m.type());
            assertTrue(m.objects().stream().noneMatch(o -> o instanceof UnknownObject), "fully decoded: " + m);
            byte[] wire = Arrays.copyOf(f.bytes(), d.header().length());
            assertArrayEquals(wire, RsvpCodec.encode(m), "frame " + f.packet().frameNumber() + " re-encodes");
        }
        assertTrue(types.containsAll(List.of(MessageType.PATH, MessageType.RESV, MessageType.RESV_CONF)),
            types.toString());

        ObjectMessage path = firstOfType(found, MessageType.PATH);
        assertEquals(30000, path.first(TimeValues.class).orElseThrow().refreshPeriodMillis());
        assertTrue(classes(path).containsAll(List.of(ObjectClass.SESSION, ObjectClass.RSVP_HOP,
            ObjectClass.TIME_VALUES, ObjectClass.SENDER_TEMPLATE, ObjectClass.SENDER_TSPEC, ObjectClass.ADSPEC)));
        ObjectMessage resv = firstOfType(found, MessageType.RESV);
        assertEquals(ReservationStyle.FF, resv.first(Style.class).orElseThrow().style().orElseThrow());
        assertInstanceOf(ControlledLoadFlowspec.class, resv.first(Flowspec.class).orElseThrow());
        assertTrue(classes(resv).containsAll(List.of(ObjectClass.FILTER_SPEC, ObjectClass.RESV_CONFIRM)));
        ObjectMessage conf = firstOfType(found, MessageType.RESV_CONF);
        assertEquals(ErrorCodes.CONFIRMATION, conf.first(ErrorSpec.class).orElseThrow().errorCode());
        assertTrue(conf.first(ResvConfirm.class).isPresent());
    }

    private static ObjectMessage firstOfType(List<Found> found, MessageType t) {
        return found.stream().map(f -> ((DecodeResult.Decoded) f.result()).message())
            .filter(m -> m.type() == t).map(ObjectMessage.class::cast).findFirst().orElseThrow();
    }

    @Test
    void helloWithRestartCapAndCapabilityHasABadChecksumThatTsharkAlsoReports() throws IOException {
        List<Found> found = decodeAll("tcpdump__rsvp_cap.pcap");
        assertEquals(1, found.size());
        DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, found.get(0).result());
        assertEquals(ErrorCodes.SYS_BAD_CHECKSUM, bad.error().error().value());
        assertEquals(0x7d4d, bad.header().checksum());
        // With the checksum the bytes call for (tshark: "should be 0x7d62") it is a clean Hello.
        byte[] fixed = found.get(0).bytes().clone();
        Checksum.fill(fixed, 0, bad.header().length());
        assertEquals(0x7d62, ((fixed[2] & 0xff) << 8) | (fixed[3] & 0xff));
        ObjectMessage hello = Golden.decodeOk(fixed);
        assertEquals(MessageType.HELLO_MSG, hello.type());
        assertEquals(List.of(ObjectClass.HELLO, ObjectClass.RESTART_CAP, ObjectClass.CAPABILITY), classes(hello));
        assertArrayEquals(Arrays.copyOf(fixed, bad.header().length()), RsvpCodec.encode(hello));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcpdump__rsvp-inf-loop-2.pcapng", "tcpdump__rsvp-infinite-loop.pcap",
        "tcpdump__rsvp-rsvp_obj_print-oobr.pcap", "tcpdump__rsvp_fast_reroute-oobr.pcap",
        "tcpdump__rsvp_uni-oobr-1.pcap", "tcpdump__rsvp_uni-oobr-2.pcap", "tcpdump__rsvp_uni-oobr-3.pcap"})
    void malformedCapturesGiveTypedErrorsQuickly(String name) {
        List<Found> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> decodeAll(name));
        assertFalse(found.isEmpty(), name + " holds RSVP messages");
        for (Found f : found) {
            DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, f.result(),
                () -> name + " frame " + f.packet().frameNumber() + " should be malformed");
            DecodeError e = bad.error();
            assertFalse(e.reason().isBlank());
            assertTrue(e.offset() >= 0 && e.offset() <= f.bytes().length, e.toString());
        }
    }

    @Test
    void notRsvpAtAllGivesNothing() throws IOException {
        assertEquals(List.of(), decodeAll("tcpdump__lspping-fec-rsvp.pcap"));
        try (RsvpCapture c = RsvpCapture.open(SharedCaptures.capture("tcpdump__lspping-fec-rsvp.pcap"))) {
            while (c.next() != null) {
                continue;
            }
            assertTrue(c.frames() > 0, "the file has frames, just no RSVP");
            assertEquals(c.frames(), c.framesWithoutRsvp());
        }
    }
}
