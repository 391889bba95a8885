package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A hang guard, not a speed test: decoding any 64 KiB input must finish. The bound is generous (20 s for 1000
 * inputs, about one second of work; several times that when Jazzer has instrumented the codec earlier in the same
 * JVM and the machine is busy) so that only a loop that does not advance, or work quadratic in the input, can trip
 * it. Inputs are random bytes and, to get past the header checks, random runs of objects with
 * well-formed lengths behind a valid header, so the object loop really walks 64 KiB.
 */
class DecoderHangTest {

    private static final int SIZE = 64 * 1024;
    private static final int INPUTS = 1000;
    private static final long SEED = 0x2205_2961L;
    /** Classes the walker picks from: the core ones, NULL, and unknown ones of every RFC 2205 §3.10 rule. */
    private static final int[] CLASSES = {0, 1, 3, 5, 1, 3, 5, 100, 130, 200, 25, 20};

    @Test
    void decodingAny64KiBInputCompletes() {
        int[] seen = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int i = 0; i < INPUTS; i++) {
                byte[] input = switch (i % 4) {
                    case 0 -> randomBytes(random);
                    case 1 -> validPathOfManyObjects(random);
                    default -> randomObjects(random);
                };
                DecodeResult r = RsvpCodec.decode(input);
                seen[r instanceof DecodeResult.Decoded ? 0 : 1]++;
            }
        }, "decoding " + INPUTS + " inputs of 64 KiB (random seed " + SEED + ") did not finish");
        assertEquals(INPUTS, seen[0] + seen[1]);
        assertTrue(seen[0] > 0, "some inputs should decode fully, so the whole object loop is exercised");
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[SIZE];
        random.nextBytes(b);
        return b;
    }

    /**
     * A valid header (version 1, a known type, checksum 0 = none sent, the longest legal length) followed by objects
     * whose lengths are multiples of 4 that fit, with random class, C-Type and body; sometimes a Bundle of such
     * messages. The last object absorbs what is left so the message is laid out exactly.
     */
    private static byte[] randomObjects(SplittableRandom random) {
        byte[] b = randomBytes(random);
        int len = SIZE - 4;
        boolean bundle = random.nextInt(4) == 0;
        header(b, 0, bundle ? MessageType.BUNDLE.number() : messageType(random), len);
        int pos = CommonHeader.SIZE;
        while (pos < len) {
            if (bundle) {
                int sub = Math.min(len - pos, 8 + 4 * random.nextInt(1, 64));
                header(b, pos, messageType(random), sub);
                fillObjects(b, pos + CommonHeader.SIZE, pos + sub, random);
                pos += sub;
            } else {
                fillObjects(b, pos, len, random);
                pos = len;
            }
        }
        return b;
    }

    /** A valid 64 KiB Path: the core objects, then thousands of NULL and ignored/forwarded unknown objects. */
    private static byte[] validPathOfManyObjects(SplittableRandom random) {
        byte[] b = randomBytes(random);
        int len = SIZE - 4;
        header(b, 0, MessageType.PATH.number(), len);
        WireWriter w = new WireWriter();
        for (RsvpObject o : Samples.mandatoryFor(MessageType.PATH)) {
            RsvpCodec.encodeObject(o, w);
        }
        byte[] core = w.toByteArray();
        System.arraycopy(core, 0, b, CommonHeader.SIZE, core.length);
        int pos = CommonHeader.SIZE + core.length;
        // 188 and 252: vendor-private classes (RFC 3936), ignored (10bbbbbb) and forwarded (11bbbbbb) by §3.10.
        int[] harmless = {ObjectClass.NULL, 188, 252};
        while (pos < len) {
            int objLen = Math.min(len - pos, 4 * random.nextInt(1, 8));
            b[pos] = (byte) (objLen >>> 8);
            b[pos + 1] = (byte) objLen;
            b[pos + 2] = (byte) harmless[random.nextInt(harmless.length)];
            pos += objLen;
        }
        return b;
    }

    private static void fillObjects(byte[] b, int pos, int end, SplittableRandom random) {
        while (end - pos >= 4) {
            // Mostly small objects (many iterations), sometimes a zero length (must be an error, not a loop).
            int objLen = random.nextInt(50) == 0 ? 0 : Math.min(end - pos, 4 * random.nextInt(1, 8));
            b[pos] = (byte) (objLen >>> 8);
            b[pos + 1] = (byte) objLen;
            b[pos + 2] = (byte) CLASSES[random.nextInt(CLASSES.length)];
            b[pos + 3] = (byte) random.nextInt(1, 3);
            pos += Math.max(objLen, 4);
        }
    }

    private static int messageType(SplittableRandom random) {
        MessageType[] types = MessageType.values();
        MessageType t;
        do {
            t = types[random.nextInt(types.length)];
        } while (t == MessageType.BUNDLE);
        return t.number();
    }

    private static void header(byte[] b, int at, int type, int len) {
        b[at] = 0x10;
        b[at + 1] = (byte) type;
        b[at + 2] = 0;
        b[at + 3] = 0;
        b[at + 6] = (byte) (len >>> 8);
        b[at + 7] = (byte) len;
    }
}
