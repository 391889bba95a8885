package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

/** Whole messages built from the RFC 3209 / 2961 / 2750 / 2747 objects, Bundles, and corrupted Bundles. */
class ExtendedMessagesTest {

    private static ObjectMessage build(MessageType type, RsvpObject... extra) {
        List<RsvpObject> objects = new ArrayList<>(Samples.mandatoryFor(type));
        objects.addAll(List.of(extra));
        return new ObjectMessage(type, RsvpMessage.FLAG_REFRESH_REDUCTION_CAPABLE, 1, objects);
    }

    /** encode, decode, compare the value, re-encode and compare the bytes. */
    private static byte[] roundTrip(RsvpMessage m) {
        byte[] wire = RsvpCodec.encode(m);
        assertTrue(Checksum.verify(wire, 0, wire.length));
        DecodeResult r = RsvpCodec.decode(wire);
        if (r instanceof DecodeResult.Malformed bad) {
            throw new AssertionError(m.type() + " did not decode: " + bad.error());
        }
        RsvpMessage back = ((DecodeResult.Decoded) r).message();
        assertEquals(m, back);
        assertArrayEquals(wire, RsvpCodec.encode(back));
        return wire;
    }

    static ObjectMessage tePath() {
        return build(MessageType.PATH,
            new Integrity(Integrity.FLAG_HANDSHAKE, 0x0a0b0c0d0e0fL, 1000, Octets.fromHex("0f".repeat(16))),
            new MessageId(MessageId.FLAG_ACK_DESIRED, 1, 77),
            new LabelRequest.NoRange(LabelRequest.L3PID_IPV4),
            TeObjectsTest.ERO_VALUE,
            TeObjectsTest.RRO_VALUE,
            new SessionAttribute.LspTunnelRa(0, 0, 0, 7, 7, SessionAttribute.FLAG_SE_STYLE_DESIRED, "lsp-east-1"),
            new PolicyData(List.of(new RsvpHop(IpAddress.of("10.0.0.1"), 3)),
                List.of(PolicyIntegrityTest.PREEMPTION, new PolicyElement.Opaque(9, Octets.fromHex("01")))));
    }

    @Test
    void theMessagesOfTheseFamiliesCanBeBuiltFromSamples() {
        for (MessageType t : List.of(MessageType.HELLO_MSG, MessageType.ACK, MessageType.SREFRESH,
            MessageType.INTEGRITY_CHALLENGE, MessageType.INTEGRITY_RESPONSE, MessageType.PATH)) {
            assertEquals(t.mandatoryClasses().length, Samples.mandatoryFor(t).size(), t + " has a sample per class");
        }
    }

    @Test
    void pathWithTeRefreshPolicyAndIntegrityObjects() {
        ObjectMessage path = tePath();
        byte[] wire = roundTrip(path);
        ObjectMessage back = Golden.decodeOk(wire);
        assertEquals(TeObjectsTest.ERO_VALUE, back.first(ExplicitRoute.class).orElseThrow());
        assertEquals(77, back.first(MessageId.class).orElseThrow().messageId());
        PolicyData pd = back.first(PolicyData.class).orElseThrow();
        assertEquals(PolicyIntegrityTest.PREEMPTION, pd.elements().get(0));
        assertEquals("lsp-east-1", back.first(SessionAttribute.class).orElseThrow().name());
    }

    @Test
    void helloAckSrefreshAndIntegrityHandshakeMessages() {
        roundTrip(build(MessageType.HELLO_MSG, new RestartCap(30000, 60000), new Capability(7)));
        roundTrip(ObjectMessage.of(MessageType.HELLO_MSG, 1, new Hello(true, 5, 6)));
        roundTrip(build(MessageType.ACK, new MessageIdAck(true, 0, 0x123456, 43),
            SampleObjects.of(ObjectClass.INTEGRITY)));
        roundTrip(build(MessageType.SREFRESH, new MessageIdAck(false, 0, 1, 2),
            new MessageIdList.SourceList(0, 1, List.of(new MessageIdList.SourceId(9, IpAddress.of("192.0.2.1")))),
            new MessageIdList.MulticastList(0, 1, List.of(new MessageIdList.MulticastId(10,
                IpAddress.of("2001:db8::1"), IpAddress.of("ff0e::1"))))));
        roundTrip(build(MessageType.INTEGRITY_CHALLENGE));
        ObjectMessage response = build(MessageType.INTEGRITY_RESPONSE);
        assertEquals(List.of(ObjectClass.CHALLENGE, ObjectClass.INTEGRITY),
            response.objects().stream().map(RsvpObject::classNum).toList());
        roundTrip(response);
    }

    @Test
    void objectsOutsideTheirMessagesGrammarAreRefused() {
        // RESTART_CAP now has a parser, so it obeys the grammar: a Hello may carry it, an Ack may not.
        DecodeError e = Golden.decodeBad(Golden.message(MessageType.ACK, 0, 1,
            Golden.hex("000c 1801 00000001 00000002 000c 8301 00007530 0000ea60")));
        assertEquals(ErrorCodes.SYS_OBJECT_NOT_ALLOWED, e.error().value());
        assertEquals(20, e.offset());
    }

    static BundleMessage bundle() {
        return new BundleMessage(RsvpMessage.FLAG_REFRESH_REDUCTION_CAPABLE, 1, List.of(
            tePath(),
            build(MessageType.SREFRESH),
            build(MessageType.ACK)));
    }

    @Test
    void bundleOfThreeMessagesRoundTrips() {
        byte[] wire = roundTrip(bundle());
        assertEquals(MessageType.BUNDLE.number(), wire[1]);
        int first = ((wire[14] & 0xff) << 8) | (wire[15] & 0xff);
        assertEquals(MessageType.PATH.number(), wire[9], "sub-messages follow the 8-byte Bundle header");
        assertEquals(MessageType.SREFRESH.number(), wire[8 + first + 1]);
    }

    @Test
    void bundleSubMessageLengthOverrun() {
        byte[] wire = RsvpCodec.encode(bundle());
        int first = ((wire[14] & 0xff) << 8) | (wire[15] & 0xff);
        int second = 8 + first;
        wire[second + 6] = 0x7f; // the Srefresh now claims ~32 KB inside the Bundle
        Checksum.fill(wire, 0, wire.length);
        DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, RsvpCodec.decode(wire));
        assertEquals(ErrorCodes.SYS_BAD_LENGTH, bad.error().error().value());
        assertEquals(second + 6, bad.error().offset());
        assertEquals(DecodeError.Reaction.DISCARD, bad.error().reaction());
        assertEquals(List.of(tePath()), bad.messages(), "the whole sub-messages before the fault are kept");
    }

    @Test
    void bundleInsideABundleIsRefused() {
        byte[] inner = RsvpCodec.encode(new BundleMessage(0, 1, List.of(build(MessageType.HELLO_MSG))));
        byte[] outer = Golden.message(MessageType.HELLO_MSG, 0, 1, inner);
        outer[1] = (byte) MessageType.BUNDLE.number();
        Checksum.fill(outer, 0, outer.length);
        DecodeError e = Golden.decodeBad(outer);
        assertEquals(ErrorCodes.SYS_BAD_BUNDLE, e.error().value());
        assertEquals(9, e.offset());
        assertTrue(e.reason().contains("Bundle"));
    }

    @Test
    void bundleWithAZeroLengthEroInASubMessage() {
        byte[] ok = RsvpCodec.encode(build(MessageType.ACK));
        byte[] badPath = Golden.message(MessageType.PATH, 0, 1,
            Golden.withMandatory(MessageType.PATH, Golden.hex("0008 1401 0300 0000")));
        byte[] subs = CoreCodecTest.concat(ok, badPath);
        byte[] outer = Golden.message(MessageType.ACK, 0, 1, subs);
        outer[1] = (byte) MessageType.BUNDLE.number();
        Checksum.fill(outer, 0, outer.length);
        DecodeResult.Malformed bad = assertInstanceOf(DecodeResult.Malformed.class, RsvpCodec.decode(outer));
        assertEquals(ErrorCodes.SYS_BAD_OBJECT_BODY, bad.error().error().value());
        // Offsets count from the Bundle header: the ERO's subobject is the last 4 bytes.
        assertEquals(outer.length - 4, bad.error().offset());
        assertEquals(1, bad.messages().size());
        assertEquals(3, bad.objects().size(), "the Path's objects before the bad ERO");
    }

    @Test
    void everyNewObjectDescribesItselfByTheVisitorContract() {
        List<RsvpObject> all = new ArrayList<>(tePath().objects());
        all.addAll(List.of(new Label(16), new Hello(true, 1, 2), new RestartCap(1, 2), new Capability(5),
            new MessageIdAck(true, 0, 1, 2), SampleObjects.of(ObjectClass.MESSAGE_ID_LIST),
            SampleObjects.of(ObjectClass.CHALLENGE),
            new LabelRequest.AtmRange(1, false, 2, 3, 4, 5), new LabelRequest.FrameRelayRange(1, 0, 2, 3),
            new SessionAttribute.LspTunnel(1, 1, 0, "x"),
            new MessageIdList.SourceList(0, 1, List.of(new MessageIdList.SourceId(9, IpAddress.of("192.0.2.1")))),
            new MessageIdList.MulticastList(0, 1, List.of(new MessageIdList.MulticastId(10,
                IpAddress.of("192.0.2.1"), IpAddress.of("232.1.1.1"))))));
        for (RsvpObject o : all) {
            RecordingVisitor v = new RecordingVisitor();
            o.describe(v);
            assertFalse(v.events().isEmpty(), o.className());
        }
        RecordingVisitor v = new RecordingVisitor();
        TeObjectsTest.ERO_VALUE.describe(v);
        assertEquals(List.of("[subobjects", "{", "loose=false", "type=1", "address=192.0.2.5", "prefixLength=32",
            "}"), v.events().subList(0, 7));
    }

    /** Random byte flips in a Bundle of these objects: decoding returns a value or a typed error, never throws. */
    @Test
    void mutatedBundlesNeverEscapeTheDecoder() {
        byte[] good = RsvpCodec.encode(bundle());
        Random rnd = new Random(2961);
        int malformed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                int at = 8 + rnd.nextInt(b.length - 8);
                b[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : 0);
            }
            Checksum.fill(b, 0, b.length);
            DecodeResult r = RsvpCodec.decode(b);
            if (r instanceof DecodeResult.Malformed bad) {
                malformed++;
                assertTrue(bad.error().offset() >= 0 && bad.error().offset() <= b.length, bad.error().toString());
            } else {
                byte[] again = RsvpCodec.encode(((DecodeResult.Decoded) r).message());
                assertEquals(b.length, again.length, "a decoded mutation re-encodes to the same size");
            }
        }
        assertTrue(malformed > 1000, "the mutations do hit faults: " + malformed);
    }
}
