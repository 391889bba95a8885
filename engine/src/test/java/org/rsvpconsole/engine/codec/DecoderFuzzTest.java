package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * Coverage-guided fuzzing of {@link RsvpCodec#decode} with Jazzer (docs/TESTING.md). For any bytes, decode returns
 * (never throws); a valid message re-encodes to bytes that decode to an equal message; a malformed one carries a
 * typed error at an offset inside the input and a reason.
 *
 * <p>The build sets {@code JAZZER_FUZZ} and {@code jazzer.max_duration} from the property {@code fuzz.seconds}, so
 * {@code mvn test} fuzzes for that long (20 s by default). Without {@code JAZZER_FUZZ} (an IDE run, or
 * {@code -Dfuzz.enabled=false}) Jazzer only replays the seeds below and the inputs under
 * {@code src/test/resources/.../DecoderFuzzTestInputs/} (crashes found earlier, kept as regressions).
 *
 * <p>Seeds: every RSVP message in the shared captures ({@code rsvp.shared.dir}/captures) and hand-made messages of
 * every type.
 */
class DecoderFuzzTest {

    /** Executions of the fuzz target in this JVM: printed at the end as evidence of how much fuzzing was done. */
    private static final AtomicLong EXECUTIONS = new AtomicLong();

    /** Far below what one second of fuzzing reaches (over 100 000), far above the seed count. */
    private static final long MIN_FUZZ_EXECUTIONS = 10_000;

    static Stream<Arguments> seeds() throws IOException {
        List<Arguments> seeds = new ArrayList<>();
        Path captures = SharedCaptures.sharedDir().resolve("captures");
        if (!Files.isDirectory(captures)) {
            throw new IllegalStateException("no shared captures at " + captures.toAbsolutePath()
                + " (set -Drsvp.shared.dir; the build sets it to ../shared)");
        }
        for (SharedCaptures.Message p : SharedCaptures.messagesIn(captures)) {
            seeds.add(Arguments.of(Named.of(p.toString(), p.rsvp())));
        }
        for (Named<byte[]> m : handMade()) {
            seeds.add(Arguments.of(m));
        }
        return seeds.stream();
    }

    /** Valid messages built from the objects this tree has samples of, one per message type, plus odd cases. */
    static List<Named<byte[]>> handMade() {
        List<Named<byte[]>> out = new ArrayList<>();
        for (MessageType t : MessageType.values()) {
            if (t != MessageType.BUNDLE) {
                out.add(Named.of("hand-made " + t.displayName(),
                    RsvpCodec.encode(new ObjectMessage(t, 0, 63, Samples.mandatoryFor(t)))));
            }
        }
        IpSession v6 = new IpSession(IpAddress.of("2001:db8::1"), 6, 1, 80);
        RsvpHop hop6 = new RsvpHop(IpAddress.of("fe80::1"), 7);
        out.add(Named.of("hand-made Path IPv6 with NULL and unknown classes", RsvpCodec.encode(ObjectMessage.of(
            MessageType.PATH, 1, new NullObject(0, Octets.EMPTY), v6, hop6, Samples.TIME,
            new UnknownObject(188, 1, Octets.fromHex("01020304")),
            new UnknownObject(252, 5, Octets.fromHex("0a0b0c0d0e0f1011"))))));
        ObjectMessage tear = ObjectMessage.of(MessageType.PATH_TEAR, 1, Samples.SESSION, Samples.HOP);
        ObjectMessage path = ObjectMessage.of(MessageType.PATH, 64, Samples.SESSION, Samples.HOP, Samples.TIME);
        out.add(Named.of("hand-made Bundle(PathTear, Path)", RsvpCodec.encode(new BundleMessage(
            RsvpMessage.FLAG_REFRESH_REDUCTION_CAPABLE, 1, List.of(tear, path)))));
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void decodeNeverThrowsAndRoundTrips(byte[] input) {
        EXECUTIONS.incrementAndGet();
        checkDecode(input);
        // Mutations of a real message almost always break its checksum, which stops decoding at the header; check
        // the same bytes again with valid checksums so that the fuzzer reaches the object parsers.
        byte[] fixed = withValidChecksums(input);
        if (fixed != null) {
            checkDecode(fixed);
        }
    }

    /**
     * Prints how many inputs were run and, when fuzzing, fails if that is no more than a seed replay: a Jazzer that
     * silently fell back to replaying seeds (as 0.24.0 does on JDK 25 class files) must not pass for fuzzing.
     */
    @AfterAll
    static void reportAndCheckThatItFuzzed() {
        long n = EXECUTIONS.get();
        System.out.println("DecoderFuzzTest: " + n + " executions of the fuzz target");
        if (fuzzing() && n > 0) {
            assertTrue(n > MIN_FUZZ_EXECUTIONS, "JAZZER_FUZZ is set but the target ran only " + n
                + " times: Jazzer replayed the seeds instead of fuzzing");
        }
    }

    /** Jazzer's own test for fuzzing mode: JAZZER_FUZZ as a system property or environment variable. */
    private static boolean fuzzing() {
        return isTrue(System.getenv("JAZZER_FUZZ")) || isTrue(System.getProperty("JAZZER_FUZZ"));
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    /** The properties every input must satisfy. */
    static void checkDecode(byte[] input) {
        DecodeResult result = RsvpCodec.decode(input);
        assertNotNull(result);
        switch (result) {
            case DecodeResult.Decoded ok -> {
                RsvpMessage message = ok.message();
                byte[] once = RsvpCodec.encode(message);
                DecodeResult again = RsvpCodec.decode(once);
                if (!(again instanceof DecodeResult.Decoded ok2)) {
                    throw new AssertionError("re-encoded message does not decode: "
                        + ((DecodeResult.Malformed) again).error() + "\n  message: " + message);
                }
                assertEquals(message, ok2.message(), "decode(encode(m)) != m");
                // Encoding is canonical: the same value gives the same bytes.
                assertArrayEquals(once, RsvpCodec.encode(ok2.message()));
            }
            case DecodeResult.Malformed bad -> {
                DecodeError e = bad.error();
                assertNotNull(e, "Malformed without an error");
                assertNotNull(e.error(), "no RSVP error code");
                assertNotNull(e.reaction(), "no reaction");
                assertTrue(e.offset() >= 0 && e.offset() <= input.length,
                    "offset " + e.offset() + " outside the " + input.length + "-byte input: " + e);
                assertNotNull(e.reason());
                assertFalse(e.reason().isBlank(), "empty reason");
            }
        }
    }

    /**
     * A copy with the checksums of the message (and, for a Bundle, of each sub-message it can walk) recomputed;
     * null when the input has no complete header or the declared length does not fit.
     */
    static byte[] withValidChecksums(byte[] input) {
        int len = declaredLength(input, 0, input.length);
        if (len < 0) {
            return null;
        }
        byte[] b = input.clone();
        if ((b[1] & 0xff) == MessageType.BUNDLE.number()) {
            int pos = CommonHeader.SIZE;
            int sub;
            while ((sub = declaredLength(b, pos, len - pos)) >= 0) {
                Checksum.fill(b, pos, sub);
                pos += sub;
            }
        }
        Checksum.fill(b, 0, len);
        return b;
    }

    private static int declaredLength(byte[] b, int off, int available) {
        if (available < CommonHeader.SIZE) {
            return -1;
        }
        int len = ((b[off + 6] & 0xff) << 8) | (b[off + 7] & 0xff);
        return len >= CommonHeader.SIZE && len <= available ? len : -1;
    }
}
