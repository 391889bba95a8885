package org.rsvpconsole.engine.bench;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.Checksum;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.codec.WireWriter;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.RsvpMessage;
import org.rsvpconsole.engine.codec.TimeValues;

/**
 * Codec throughput and allocation: decode of typical messages, and encode of the decoded values. Run with
 * {@code build/bench} (docs/BENCHMARKS.md); {@code -prof gc} gives the bytes allocated per operation.
 *
 * <p>Each sample is its own JMH state whose setup decodes it once and fails loudly when it does not decode, so a
 * sample whose object types the codec lacks reports an error for its own benchmarks and leaves the others running.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    /**
     * Path, 136 bytes: frame 1 of ../shared/captures/peafowl__rsvp.pcap (DanieleDeSensi/peafowl,
     * test/pcaps/L3/rsvp.pcap, MIT), the RSVP payload after the Ethernet and IPv4 headers.
     */
    public static final String PEAFOWL_PATH = ""
        + "10010a55fe000088"                                         // v1 Path, checksum, TTL 254, length 136
        + "000c01010a010c0111004004"                                 // SESSION IPv4 10.1.12.1 UDP port 16388
        + "000c03010a010c0208000403"                                 // RSVP_HOP IPv4 10.1.12.2 LIH 0x08000403
        + "0008050100007530"                                         // TIME_VALUES 30000 ms
        + "000c0b010a01180400004004"                                 // SENDER_TEMPLATE IPv4 10.1.24.4 port 16388
        + "00240c0200000007010000067f00000545bb800045bb800045bb8000" // SENDER_TSPEC IntServ token bucket
        + "000000007fffffff"
        + "00300d020000000a010000080400000100000002060000014998968008" // ADSPEC IntServ general + CL
        + "000001000000000a000001000005dc05000000";

    /** Resv, 104 bytes: frame 2 of the same capture (STYLE FF, FLOWSPEC Controlled-Load, FILTER_SPEC, RESV_CONFIRM). */
    public static final String PEAFOWL_RESV = ""
        + "10027195ff000068"                                         // v1 Resv, checksum, TTL 255, length 104
        + "000c01010a010c0111004004"                                 // SESSION IPv4
        + "000c03010a010c0108000403"                                 // RSVP_HOP IPv4
        + "0008050100007530"                                         // TIME_VALUES 30000 ms
        + "00080f010a010c01"                                         // RESV_CONFIRM IPv4
        + "000808010000000a"                                         // STYLE FF
        + "0024090200000007050000067f00000545bb800045bb800045bb8000" // FLOWSPEC Controlled-Load
        + "0000000000000000"
        + "000c0a010a01180400004004";                                // FILTER_SPEC IPv4

    /** The number of Message_Identifiers in the Srefresh sample. */
    public static final int SREFRESH_IDS = 500;

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /**
     * RFC 2961 §5.1 Srefresh (type 15) with one MESSAGE_ID_LIST (class 25, C-Type 1): a Flags/Epoch word, then
     * {@code ids} 32-bit Message_Identifiers; length and checksum filled in.
     */
    public static byte[] srefresh(int ids) {
        int objLen = 8 + 4 * ids;
        int len = 8 + objLen;
        byte[] b = new byte[len];
        b[0] = 0x11;                      // version 1, flags: refresh-reduction capable (RFC 2961 §2)
        b[1] = 15;                        // Srefresh
        b[4] = (byte) 255;                // Send_TTL
        b[6] = (byte) (len >>> 8);
        b[7] = (byte) len;
        b[8] = (byte) (objLen >>> 8);
        b[9] = (byte) objLen;
        b[10] = 25;                       // MESSAGE_ID_LIST
        b[11] = 1;
        b[12] = 0;                        // flags
        b[13] = 0x12;                     // epoch 0x123456
        b[14] = 0x34;
        b[15] = 0x56;
        for (int i = 0; i < ids; i++) {
            int id = 1000 + 7 * i;        // increasing, as a sender numbers its messages (RFC 2961 §4.1)
            int at = 16 + 4 * i;
            b[at] = (byte) (id >>> 24);
            b[at + 1] = (byte) (id >>> 16);
            b[at + 2] = (byte) (id >>> 8);
            b[at + 3] = (byte) id;
        }
        Checksum.fill(b, 0, len);
        return b;
    }

    /** A Path of only the RFC 2205 core objects this codec always has (SESSION, RSVP_HOP, TIME_VALUES), 40 bytes. */
    static byte[] corePath() {
        return RsvpCodec.encode(ObjectMessage.of(MessageType.PATH, 63,
            new IpSession(IpAddress.of("10.0.0.9"), 17, 0, 5004), new RsvpHop(IpAddress.of("10.0.0.1"), 3),
            new TimeValues(30000)));
    }

    /** Decodes a sample, or fails the benchmark's setup with the codec's own explanation. */
    static RsvpMessage decodeOrFail(String what, byte[] bytes) {
        DecodeResult r = RsvpCodec.decode(bytes);
        if (r instanceof DecodeResult.Decoded ok) {
            return ok.message();
        }
        throw new IllegalStateException("benchmark sample " + what + " does not decode: "
            + ((DecodeResult.Malformed) r).error() + " (are all its object types implemented?)");
    }

    /** The peafowl Path. */
    @State(Scope.Benchmark)
    public static class PathSample {
        byte[] bytes;
        RsvpMessage message;

        @Setup
        public void setup() {
            bytes = hex(PEAFOWL_PATH);
            message = decodeOrFail("peafowl Path", bytes);
        }
    }

    /** The peafowl Resv. */
    @State(Scope.Benchmark)
    public static class ResvSample {
        byte[] bytes;
        RsvpMessage message;

        @Setup
        public void setup() {
            bytes = hex(PEAFOWL_RESV);
            message = decodeOrFail("peafowl Resv", bytes);
        }
    }

    /** A Srefresh of 500 message ids. */
    @State(Scope.Benchmark)
    public static class SrefreshSample {
        byte[] bytes;
        RsvpMessage message;

        @Setup
        public void setup() {
            bytes = srefresh(SREFRESH_IDS);
            message = decodeOrFail("Srefresh of " + SREFRESH_IDS + " ids", bytes);
        }
    }

    /** A Path of core objects only: checks the harness before the other object types exist. */
    @State(Scope.Benchmark)
    public static class CorePathSample {
        byte[] bytes;
        RsvpMessage message;

        @Setup
        public void setup() {
            bytes = corePath();
            message = decodeOrFail("core Path", bytes);
        }
    }

    /**
     * What a node's event loop owns: one decoder and one writer, reused for every message (RsvpDecoder's and
     * WireWriter's purpose). The static RsvpCodec conveniences allocate both per call.
     */
    @State(Scope.Thread)
    public static class Codec {
        final RsvpDecoder decoder = new RsvpDecoder();
        final WireWriter writer = new WireWriter(4096);
    }

    @Benchmark
    public DecodeResult decodePath(PathSample s, Codec c) {
        return c.decoder.decode(s.bytes, 0, s.bytes.length);
    }

    @Benchmark
    public DecodeResult decodeResv(ResvSample s, Codec c) {
        return c.decoder.decode(s.bytes, 0, s.bytes.length);
    }

    @Benchmark
    public DecodeResult decodeSrefresh500(SrefreshSample s, Codec c) {
        return c.decoder.decode(s.bytes, 0, s.bytes.length);
    }

    @Benchmark
    public DecodeResult decodeCorePath(CorePathSample s, Codec c) {
        return c.decoder.decode(s.bytes, 0, s.bytes.length);
    }

    @Benchmark
    public int encodePath(PathSample s, Codec c) {
        c.writer.reset();
        RsvpCodec.encode(s.message, c.writer);
        return c.writer.position();
    }

    @Benchmark
    public int encodeResv(ResvSample s, Codec c) {
        c.writer.reset();
        RsvpCodec.encode(s.message, c.writer);
        return c.writer.position();
    }

    @Benchmark
    public int encodeSrefresh500(SrefreshSample s, Codec c) {
        c.writer.reset();
        RsvpCodec.encode(s.message, c.writer);
        return c.writer.position();
    }

    @Benchmark
    public int encodeCorePath(CorePathSample s, Codec c) {
        c.writer.reset();
        RsvpCodec.encode(s.message, c.writer);
        return c.writer.position();
    }
}
