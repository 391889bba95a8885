package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.BadObjects.assertBad;
import static org.rsvpconsole.engine.codec.BadObjects.assertBadBody;
import static org.rsvpconsole.engine.codec.Golden.assertObject;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** RFC 2210 SENDER_TSPEC, FLOWSPEC and ADSPEC: header words, layouts and the errors for bad bodies. */
class IntServTest {

    /** r = 1000 B/s, b = 2000 B, p = +Inf, m = 64, M = 1500. */
    static final TokenBucket TB = new TokenBucket(1000f, 2000f, Float.POSITIVE_INFINITY, 64, 1500);
    private static final String TB_HEX = """
        7f 00 0005 //   parameter 127 (token bucket), flags 0, 5 words
        447a0000   //     r = 1000.0
        44fa0000   //     b = 2000.0
        7f800000   //     p = +Infinity
        00000040   //     m = 64
        000005dc   //     M = 1500
        """;
    private static final int TC = ErrorCodes.TRAFFIC_CONTROL_ERROR;

    @Test
    void senderTspec() {
        assertObject("""
            0024 0c02  // SENDER_TSPEC, C-Type 2, 36 bytes
            0000 0007  //   version 0, overall length 7 words
            01 00 0006 //   service 1 (general), flags 0, 6 words
            """ + TB_HEX, new SenderTspec(TB), MessageType.PATH);
    }

    @Test
    void controlledLoadFlowspec() {
        assertObject("""
            0024 0902  // FLOWSPEC, C-Type 2, 36 bytes
            0000 0007  //   version 0, overall length 7 words
            05 00 0006 //   service 5 (Controlled-Load), 6 words
            """ + TB_HEX, new ControlledLoadFlowspec(TB), MessageType.RESV);
    }

    @Test
    void guaranteedFlowspec() {
        GuaranteedFlowspec g = new GuaranteedFlowspec(TB, 125000f, 10);
        assertObject("""
            0030 0902  // FLOWSPEC, C-Type 2, 48 bytes
            0000 000a  //   version 0, overall length 10 words
            02 00 0009 //   service 2 (Guaranteed), 9 words
            """ + TB_HEX + """
            82 00 0002 //   parameter 130 (Guaranteed RSpec), 2 words
            47f42400   //     R = 125000.0
            0000000a   //     S = 10 us
            """, g, MessageType.RESV);
        assertEquals(IntServ.SERVICE_GUARANTEED, g.service());
        assertTrue(BadObjects.fields(g).containsAll(List.of("rate=125000.0", "slack=10", "peakRate=Infinity")));
    }

    private static final String STANDARD_ADSPEC = """
        0054 0d02  // ADSPEC, C-Type 2, 84 bytes
        0000 0013  //   version 0, overall length 19 words
        01 00 0008 //   default general parameters, no break, 8 words
        04 00 0001 00000001 //   IS hop count 1
        06 00 0001 47f42400 //   path bandwidth 125000.0 B/s
        08 00 0001 00000064 //   minimum path latency 100 us
        0a 00 0001 000005dc //   composed MTU 1500
        02 00 0008 //   Guaranteed, no break, 8 words
        85 00 0001 00000010 //   Ctot 16
        86 00 0001 00000020 //   Dtot 32
        87 00 0001 00000030 //   Csum 48
        88 00 0001 00000040 //   Dsum 64
        05 00 0000 //   Controlled-Load, no break, no overrides
        """;

    @Test
    void standardAdspec() {
        Adspec a = Adspec.standard(1, 125000f, 100, 1500, 16, 32, 48, 64);
        assertObject(STANDARD_ADSPEC, a, MessageType.PATH);
        assertEquals(84, RsvpCodec.encodeObject(a).length);
        assertEquals(OptionalLong.of(1), a.isHopCount());
        assertEquals(Optional.of(125000f), a.pathBandwidth());
        assertEquals(OptionalLong.of(100), a.minPathLatency());
        assertEquals(OptionalLong.of(1500), a.composedMtu());
        assertEquals(OptionalLong.of(16), a.ctot());
        assertEquals(OptionalLong.of(32), a.dtot());
        assertEquals(OptionalLong.of(48), a.csum());
        assertEquals(OptionalLong.of(64), a.dsum());
        assertEquals(3, a.fragments().size());
    }

    @Test
    void adspecWithBreakBitsOverridesAndUnknownParametersRoundTrips() {
        Adspec a = new Adspec(List.of(
            new AdspecFragment(IntServ.SERVICE_GENERAL, true, List.of(
                IntServParameter.u32(IntServ.PARAM_NUMBER_OF_IS_HOPS, 3),
                IntServParameter.u32(IntServ.PARAM_MINIMUM_PATH_LATENCY, IntServ.LATENCY_INDETERMINATE))),
            new AdspecFragment(IntServ.SERVICE_CONTROLLED_LOAD, true, List.of(
                IntServParameter.u32(IntServ.PARAM_PATH_MTU, 9000),
                new IntServParameter(200, 0x80, Octets.fromHex("0102030405060708")),
                new IntServParameter(201, 0, Octets.EMPTY)))));
        assertObject("""
            0038 0d02           // ADSPEC, 56 bytes
            0000 000c           //   overall length 12 words
            01 80 0004          //   general parameters, break bit set, 4 words
            04 00 0001 00000003 //     IS hop count 3
            08 00 0001 ffffffff //     latency indeterminate
            05 80 0006          //   Controlled-Load, break bit set, 6 words
            0a 00 0001 00002328 //     MTU override 9000
            c8 80 0002 0102030405060708 // parameter 200, flags 0x80, 2 words
            c9 00 0000          //     parameter 201 with no data
            """, a, MessageType.PATH);
        assertEquals(OptionalLong.of(3), a.isHopCount());
        assertEquals(Optional.empty(), a.pathBandwidth());
        assertEquals(OptionalLong.of(0xffffffffL), a.minPathLatency());
        assertEquals(OptionalLong.empty(), a.composedMtu(), "the override is in the CL fragment, not the general one");
        assertEquals(OptionalLong.empty(), a.ctot());
        assertTrue(a.fragment(IntServ.SERVICE_CONTROLLED_LOAD).orElseThrow().breakBit());
        assertEquals(OptionalLong.of(9000), a.fragment(5).orElseThrow().parameter(10).orElseThrow().u32());
        assertEquals(OptionalLong.empty(), a.fragment(5).orElseThrow().parameter(200).orElseThrow().u32());
    }

    /**
     * A decoded ADSPEC keeps its body as bytes (AdspecWire, decision 0013): it must behave exactly as the same
     * ADSPEC built from records in every respect callers see (accessors, elements, equality both ways, hash code,
     * described fields, encoding), and build its records only once.
     */
    @Test
    void decodedAdspecBehavesAsTheRecordBuiltOne() {
        Adspec built = new Adspec(List.of(
            new AdspecFragment(IntServ.SERVICE_GENERAL, false, List.of(
                IntServParameter.u32(IntServ.PARAM_NUMBER_OF_IS_HOPS, 7),
                IntServParameter.f32(IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH, 1.25e6f),
                IntServParameter.u32(IntServ.PARAM_PATH_MTU, 1500),
                IntServParameter.u32(IntServ.PARAM_NUMBER_OF_IS_HOPS, 99))),
            new AdspecFragment(IntServ.SERVICE_GUARANTEED, true, List.of(
                IntServParameter.u32(IntServ.PARAM_CTOT, 16),
                new IntServParameter(IntServ.PARAM_DTOT, 0, Octets.fromHex("0000002000000000")))),
            new AdspecFragment(IntServ.SERVICE_GUARANTEED, false, List.of(
                IntServParameter.u32(IntServ.PARAM_DTOT, 5))),
            new AdspecFragment(IntServ.SERVICE_CONTROLLED_LOAD, false, List.of())));
        byte[] object = RsvpCodec.encodeObject(built);
        ObjectMessage m = Golden.decodeOk(Golden.message(MessageType.PATH, 0, 63,
            Golden.withMandatory(MessageType.PATH, object)));
        Adspec wire = m.first(Adspec.class).orElseThrow();
        assertEquals("AdspecWire", wire.fragments().getClass().getSimpleName(), "decoded ADSPECs stay as bytes");

        // Accessors read the bytes: first fragment of a service, first parameter of an id, one word or nothing.
        assertEquals(OptionalLong.of(7), wire.isHopCount());
        assertEquals(Optional.of(1.25e6f), wire.pathBandwidth());
        assertEquals(OptionalLong.of(1500), wire.composedMtu());
        assertEquals(OptionalLong.empty(), wire.minPathLatency());
        assertEquals(OptionalLong.of(16), wire.ctot());
        assertEquals(OptionalLong.empty(), wire.dtot(), "Dtot of the first Guaranteed fragment is two words");
        assertEquals(OptionalLong.empty(), wire.csum());
        for (var accessor : List.<java.util.function.Function<Adspec, Object>>of(Adspec::isHopCount,
            Adspec::pathBandwidth, Adspec::minPathLatency, Adspec::composedMtu, Adspec::ctot, Adspec::dtot,
            Adspec::csum, Adspec::dsum)) {
            assertEquals(accessor.apply(built), accessor.apply(wire));
        }

        // Described fields, without and after building the records.
        RecordingVisitor fromBytes = new RecordingVisitor();
        wire.describe(fromBytes);
        RecordingVisitor fromRecords = new RecordingVisitor();
        built.describe(fromRecords);
        assertEquals(fromRecords.events(), fromBytes.events());

        // Equality both ways, hash code, elements, encoding.
        assertEquals(built, wire);
        assertEquals(wire, built);
        assertEquals(built.hashCode(), wire.hashCode());
        assertEquals(built.fragments(), List.copyOf(wire.fragments()));
        assertEquals(4, wire.fragments().size());
        assertTrue(wire.fragments().get(1).breakBit());
        assertEquals(Octets.fromHex("0000002000000000"),
            wire.fragments().get(1).parameter(IntServ.PARAM_DTOT).orElseThrow().value());
        assertTrue(wire.fragments().get(0) == wire.fragments().get(0), "records are built once");
        assertArrayEquals(object, RsvpCodec.encodeObject(wire));
        Adspec other = Golden.decodeOk(Golden.message(MessageType.PATH, 0, 63,
            Golden.withMandatory(MessageType.PATH, object))).first(Adspec.class).orElseThrow();
        assertEquals(wire, other);
        assertFalse(wire.equals(Adspec.standard(7, 1.25e6f, 0, 1500, 16, 0, 0, 0)));
    }

    @Test
    void emptyAdspecIsJustTheHeader() {
        assertObject("0008 0d02 0000 0000", new Adspec(List.of()), MessageType.PATH);
    }

    @Test
    void lengthFaultsAreMalformedBodies() {
        // overall length 6 words but 7 follow; the fault is the header word at body offset 0
        assertBadBody(MessageType.PATH, "0024 0c02 0000 0006 01000006" + TB_HEX, 4, "SENDER_TSPEC");
        // service data length 5 words but 6 follow
        assertBadBody(MessageType.PATH, "0024 0c02 0000 0007 01000005" + TB_HEX, 8, "SENDER_TSPEC");
        // truncated: the header says 7 words, none follow
        assertBadBody(MessageType.PATH, "0008 0c02 0000 0007", 4, "SENDER_TSPEC");
        // no header at all
        assertBadBody(MessageType.RESV, "0004 0902", 4, "FLOWSPEC");
        // version 1
        assertBadBody(MessageType.RESV, "0024 0902 1000 0007 05000006" + TB_HEX, 4, "FLOWSPEC");
        // reserved header bits
        assertBadBody(MessageType.RESV, "0024 0902 0001 0007 05000006" + TB_HEX, 4, "FLOWSPEC");
        // token bucket says 6 words but only 5 remain in the service data
        assertBadBody(MessageType.RESV, "0024 0902 0000 0007 05000006 7f000006 447a0000 44fa0000 7f800000"
            + "00000040 000005dc", 12, "FLOWSPEC");
        // ADSPEC overall length disagrees with the object
        assertBadBody(MessageType.PATH, "000c 0d02 0000 0002 05000000", 4, "ADSPEC");
        // ADSPEC fragment longer than what remains
        assertBadBody(MessageType.PATH, "0010 0d02 0000 0002 05000002 0a000001", 8, "ADSPEC");
        // ADSPEC parameter longer than its fragment (bad subobject length)
        assertBadBody(MessageType.PATH, "0014 0d02 0000 0003 05000002 0a000002 00002328", 12, "ADSPEC");
    }

    @Test
    void nonStandardLayoutsAreTrafficControlErrors() {
        // SENDER_TSPEC under service 5
        assertBad(MessageType.PATH, "0024 0c02 0000 0007 05000006" + TB_HEX, TC, IntServ.TC_BAD_TSPEC, 8,
            "SENDER_TSPEC");
        // SENDER_TSPEC whose parameter is not the token bucket
        assertBad(MessageType.PATH, "0024 0c02 0000 0007 01000006 7e000005 447a0000 44fa0000 7f800000"
            + "00000040 000005dc", TC, IntServ.TC_BAD_TSPEC, 12, "SENDER_TSPEC");
        // SENDER_TSPEC with an extra parameter after the token bucket
        assertBad(MessageType.PATH, "002c 0c02 0000 0009 01000008" + TB_HEX + "80000001 00000000", TC,
            IntServ.TC_BAD_TSPEC, 36, "SENDER_TSPEC");
        // NaN rate and negative size
        assertBad(MessageType.PATH, "0024 0c02 0000 0007 01000006 7f000005 7fc00000 44fa0000 7f800000"
            + "00000040 000005dc", TC, IntServ.TC_BAD_TSPEC, 16, "SENDER_TSPEC");
        assertBad(MessageType.RESV, "0024 0902 0000 0007 05000006 7f000005 447a0000 c4fa0000 7f800000"
            + "00000040 000005dc", TC, IntServ.TC_BAD_FLOWSPEC, 20, "FLOWSPEC");
        // FLOWSPEC for service 3, which this codec does not implement
        assertBad(MessageType.RESV, "0024 0902 0000 0007 03000006" + TB_HEX, TC, IntServ.TC_SERVICE_UNSUPPORTED,
            8, "FLOWSPEC");
        // Guaranteed FLOWSPEC without its RSpec
        assertBad(MessageType.RESV, "0024 0902 0000 0007 02000006" + TB_HEX, TC, IntServ.TC_BAD_FLOWSPEC, 36,
            "FLOWSPEC");
        // Controlled-Load FLOWSPEC carrying an RSpec
        assertBad(MessageType.RESV, "0030 0902 0000 000a 05000009" + TB_HEX + "82000002 47f42400 0000000a", TC,
            IntServ.TC_BAD_FLOWSPEC, 36, "FLOWSPEC");
        // Service header flags in a FLOWSPEC
        assertBad(MessageType.RESV, "0024 0902 0000 0007 05800006" + TB_HEX, TC, IntServ.TC_BAD_FLOWSPEC, 8,
            "FLOWSPEC");
        // Empty service data in a FLOWSPEC
        assertBad(MessageType.RESV, "000c 0902 0000 0001 05000000", TC, IntServ.TC_BAD_FLOWSPEC, 12, "FLOWSPEC");
        // ADSPEC fragment with reserved flag bits
        assertBad(MessageType.PATH, "000c 0d02 0000 0001 05400000", TC, IntServ.TC_BAD_ADSPEC, 8, "ADSPEC");
    }

    @Test
    void valuesAreValidatedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Float.NaN, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, -1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Float.POSITIVE_INFINITY, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GuaranteedFlowspec(TB, Float.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new IntServParameter(4, 0, Octets.of((byte) 1)));
        assertThrows(IllegalArgumentException.class, () -> new IntServParameter(256, 0, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> IntServParameter.u32(4, -1));
        assertThrows(IllegalArgumentException.class, () -> new AdspecFragment(256, false, List.of()));
        TokenBucket big = new TokenBucket(1, 1, 1, -1, -2);
        assertEquals(0xffffffffL, big.minPolicedUnitUnsigned());
        assertFalse(new ControlledLoadFlowspec(big).equals(new ControlledLoadFlowspec(TB)));
    }
}
