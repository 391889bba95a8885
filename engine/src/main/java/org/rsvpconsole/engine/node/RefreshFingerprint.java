package org.rsvpconsole.engine.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.codec.IpSession;

/**
 * Recognises a received Path or Resv that repeats, byte for byte, the one that last installed or refreshed some
 * state, so the node can restart that state's cleanup timer without decoding the message again (RFC 2205 §3.7: a
 * refresh that changes nothing only resets the timer). Decision 0014.
 *
 * <p>A node keeps a 64-bit fingerprint per PSB and RSB instead of the bytes themselves: the bytes would cost
 * ~190 bytes per state and per node, more than the heap budget at 100,000 sessions allows. The fingerprint covers
 * the whole RSVP message (header, checksum and every object), the IP TTL (non-RSVP hop detection) and the
 * incoming interface; two different messages share one with odds of about 2<sup>-64</sup>.
 */
final class RefreshFingerprint {

    /** "No fingerprint": state whose last message was not a plain refresh candidate. */
    static final long NONE = 0;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.BIG_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final int CLASS_SESSION = 1;
    private static final int CTYPE_IPV4 = 1;

    private RefreshFingerprint() {
    }

    /** The fingerprint of {@code len} message bytes at {@code off}, received with {@code ttl} on interface index. */
    static long of(byte[] b, int off, int len, int ttl, int interfaceIndex) {
        long h = K1 ^ ((long) len << 32) ^ ((long) ttl << 16) ^ interfaceIndex;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = mix(h ^ (long) LONG_BE.get(b, off + i));
        }
        long tail = 0;
        for (; i < len; i++) {
            tail = (tail << 8) | (b[off + i] & 0xff);
        }
        h = mix(h ^ tail ^ len);
        return h == NONE ? 1 : h;
    }

    private static long mix(long v) {
        // A 64-bit finaliser (murmur3 fmix64-like) per word: every input bit affects every output bit.
        v *= K2;
        v ^= v >>> 29;
        v *= K1;
        return v ^ (v >>> 32);
    }

    /**
     * The session of a message whose first object is an IPv4 SESSION (as every message this engine sends has
     * it), read without decoding; null for anything else, which then takes the full decoding path.
     */
    static IpSession ipv4Session(byte[] b, int off, int len) {
        if (len < 20) {
            return null;
        }
        int objectLength = ((b[off + 8] & 0xff) << 8) | (b[off + 9] & 0xff);
        if (objectLength != 12 || (b[off + 10] & 0xff) != CLASS_SESSION || (b[off + 11] & 0xff) != CTYPE_IPV4) {
            return null;
        }
        int port = ((b[off + 18] & 0xff) << 8) | (b[off + 19] & 0xff);
        // Sessions are keyed with flags 0 (RsvpNode.normalize).
        return new IpSession(Ipv4Address.fromBytes(b, off + 12), b[off + 16] & 0xff, 0, port);
    }
}
