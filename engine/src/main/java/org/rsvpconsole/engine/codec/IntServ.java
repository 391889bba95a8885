package org.rsvpconsole.engine.codec;

/**
 * RFC 2210 §3 IntServ data as SENDER_TSPEC, FLOWSPEC and ADSPEC (C-Type 2) carry it: the numbers, and the three
 * header words every such body is built from. All lengths count 32-bit words and exclude their own header word.
 *
 * <pre>
 * message header:   | Version (4) = 0 |  reserved (12)  |   overall length (16)   |
 * service header:   | service (8) | x (1) reserved (7)  | service data length (16) |
 * parameter header: | param id (8) |  param flags (8)   |  parameter length (16)   |
 * </pre>
 *
 * <p>Length faults inside the body are malformed objects (RSVP System error); a well-formed body whose layout is
 * not one RFC 2210 defines for the object is answered with the Traffic Control Error RFC 2205 Appendix B gives
 * for it (code 21: service unsupported, bad Flowspec, bad Tspec or bad Adspec value).
 */
public final class IntServ {

    /** Service number of the default/general parameters, also the service of a Sender TSpec (RFC 2215). */
    public static final int SERVICE_GENERAL = 1;
    /** Guaranteed service (RFC 2212). */
    public static final int SERVICE_GUARANTEED = 2;
    /** Controlled-Load service (RFC 2211). */
    public static final int SERVICE_CONTROLLED_LOAD = 5;

    /** ADSPEC fragment flag: a hop on the path does not implement the service (RFC 2210 §3.3.1). */
    public static final int BREAK_BIT = 0x80;

    /** General characterization parameters (RFC 2215 §3). */
    public static final int PARAM_NUMBER_OF_IS_HOPS = 4;
    public static final int PARAM_AVAILABLE_PATH_BANDWIDTH = 6;
    public static final int PARAM_MINIMUM_PATH_LATENCY = 8;
    public static final int PARAM_PATH_MTU = 10;
    /** Token bucket TSpec (RFC 2215 §5). */
    public static final int PARAM_TOKEN_BUCKET = 127;
    /** Guaranteed service RSpec (RFC 2212). */
    public static final int PARAM_GUARANTEED_RSPEC = 130;
    /** Guaranteed service error terms (RFC 2212): Ctot, Dtot, Csum, Dsum. */
    public static final int PARAM_CTOT = 133;
    public static final int PARAM_DTOT = 134;
    public static final int PARAM_CSUM = 135;
    public static final int PARAM_DSUM = 136;

    /** Traffic Control Error (code 21) values, RFC 2205 Appendix B and RFC 2210. */
    public static final int TC_SERVICE_UNSUPPORTED = 2;
    public static final int TC_BAD_FLOWSPEC = 3;
    public static final int TC_BAD_TSPEC = 4;
    public static final int TC_BAD_ADSPEC = 5;

    /** Minimum path latency value meaning "indeterminate" (RFC 2215 §3.4). */
    public static final long LATENCY_INDETERMINATE = 0xffffffffL;

    private IntServ() {
    }

    /** A name for a service number. */
    public static String serviceName(int service) {
        return switch (service) {
            case SERVICE_GENERAL -> "Default General Parameters";
            case SERVICE_GUARANTEED -> "Guaranteed";
            case SERVICE_CONTROLLED_LOAD -> "Controlled-Load";
            default -> "Service " + service;
        };
    }

    /** A name for a parameter number. */
    public static String parameterName(int id) {
        return switch (id) {
            case PARAM_NUMBER_OF_IS_HOPS -> "IS hop count";
            case PARAM_AVAILABLE_PATH_BANDWIDTH -> "Path bandwidth estimate";
            case PARAM_MINIMUM_PATH_LATENCY -> "Minimum path latency";
            case PARAM_PATH_MTU -> "Composed MTU";
            case PARAM_TOKEN_BUCKET -> "Token bucket";
            case PARAM_GUARANTEED_RSPEC -> "Guaranteed RSpec";
            case PARAM_CTOT -> "Ctot";
            case PARAM_DTOT -> "Dtot";
            case PARAM_CSUM -> "Csum";
            case PARAM_DSUM -> "Dsum";
            default -> "Parameter " + id;
        };
    }

    /** Writes the message header word for a body of {@code words} words after it. */
    static void writeHeader(WireWriter out, int words) {
        out.u16(0).u16(words);
    }

    /** Reads the message header; the overall length must cover exactly the rest of the object body. */
    static void readHeader(WireReader r) {
        int at = r.offset();
        int first = r.u16();
        int words = r.u16();
        if ((first >>> 12) != 0) {
            throw BodyChecks.failAt(r, at, r.what() + ": IntServ message format version " + (first >>> 12)
                + " is not supported (RFC 2210 defines version 0)");
        }
        if (first != 0) {
            throw BodyChecks.failAt(r, at, r.what() + ": the reserved bits of the IntServ message header must be zero");
        }
        checkLength(r, at, words, "IntServ overall length");
    }

    /** Fails unless {@code words} (read from the header word at {@code at}) is exactly what is left. */
    static void checkLength(WireReader r, int at, int words, String what) {
        if (words * 4 != r.remaining()) {
            throw BodyChecks.failAt(r, at, r.what() + ": " + what + " says " + words + " word(s) but "
                + r.remaining() / 4 + " word(s) follow in the object");
        }
    }

    /** True when {@code words} 32-bit words fit in what is left of {@code r}. */
    static boolean fits(WireReader r, int words) {
        return words * 4 <= r.remaining();
    }

    /** The fault for a length field that says more than is left (build it only when {@link #fits} said no). */
    static MalformedInput doesNotFit(WireReader r, int at, int words, String what) {
        return BodyChecks.failAt(r, at, r.what() + ": " + what + " says " + words + " word(s) but only "
            + r.remaining() / 4 + " word(s) remain");
    }

    /** The Traffic Control Error (code 21) a node answers with for a body it cannot use. */
    static MalformedInput trafficControl(int at, int value, String reason) {
        return BodyChecks.failAt(at, new RsvpError(ErrorCodes.TRAFFIC_CONTROL_ERROR, value), reason);
    }

    /** Reads a parameter header and fails unless it is {@code id} with no flags and {@code words} words. */
    static void expectParameter(WireReader r, int id, int words, int tcValue) {
        int at = r.offset();
        if (r.remaining() < 4) {
            throw trafficControl(at, tcValue, r.what() + ": the service data ends where the " + parameterName(id)
                + " parameter (" + id + ") should be (RFC 2210 §3)");
        }
        int got = r.u8();
        int flags = r.u8();
        int len = r.u16();
        if (!fits(r, len)) {
            throw doesNotFit(r, at, len, parameterName(got) + " parameter length");
        }
        if (got != id || flags != 0 || len != words) {
            throw trafficControl(at, tcValue, r.what() + ": expected the " + parameterName(id) + " parameter ("
                + id + ", flags 0, " + words + " words) but found parameter " + got + " with flags " + flags
                + " and " + len + " word(s) (RFC 2210 §3)");
        }
    }

    /** Reads a rate or size: not NaN, not negative, finite unless {@code infinityAllowed}. */
    static float readFloat(WireReader r, String name, boolean infinityAllowed, int tcValue) {
        int at = r.offset();
        float v = r.f32();
        if (!validFloat(v, infinityAllowed)) {
            throw trafficControl(at, tcValue, r.what() + ": " + name + " " + v + " is not a valid value");
        }
        return v;
    }

    static boolean validFloat(float v, boolean infinityAllowed) {
        return !Float.isNaN(v) && v >= 0 && (infinityAllowed || Float.isFinite(v));
    }

    /** Reads a service header word and fails unless its data length is exactly the rest of the body. */
    private static int[] readServiceHeader(WireReader r) {
        int at = r.offset();
        int service = r.u8();
        int flags = r.u8();
        int words = r.u16();
        checkLength(r, at, words, "service data length");
        return new int[] {at, service, flags};
    }

    /** Parses a SENDER_TSPEC C-Type 2 body (RFC 2210 §3.1): service 1 with one token bucket. */
    static SenderTspec decodeSenderTspec(WireReader r) {
        readHeader(r);
        int[] h = readServiceHeader(r);
        if (h[1] != SERVICE_GENERAL || h[2] != 0) {
            throw trafficControl(h[0], TC_BAD_TSPEC, r.what() + ": service header names service " + h[1]
                + " with flags " + h[2] + "; a Sender TSpec is service 1 with no flags (RFC 2210 §3.1)");
        }
        TokenBucket tb = TokenBucket.read(r, TC_BAD_TSPEC);
        if (r.hasRemaining()) {
            throw trafficControl(r.offset(), TC_BAD_TSPEC, r.what() + ": " + r.remaining()
                + " byte(s) of parameters after the token bucket, which RFC 2210 §3.1 does not define");
        }
        return new SenderTspec(tb);
    }

    /** Parses a FLOWSPEC C-Type 2 body (RFC 2210 §3.2), dispatching on its service number. */
    static Flowspec decodeFlowspec(WireReader r) {
        readHeader(r);
        int[] h = readServiceHeader(r);
        int service = h[1];
        if (h[2] != 0) {
            throw trafficControl(h[0], TC_BAD_FLOWSPEC, r.what() + ": service header flags " + h[2]
                + " must be zero in a FLOWSPEC (RFC 2210 §3.2)");
        }
        Flowspec f = switch (service) {
            case SERVICE_CONTROLLED_LOAD -> new ControlledLoadFlowspec(TokenBucket.read(r, TC_BAD_FLOWSPEC));
            case SERVICE_GUARANTEED -> GuaranteedFlowspec.decodeParameters(r);
            default -> throw trafficControl(h[0], TC_SERVICE_UNSUPPORTED, r.what() + " requests service " + service
                + "; only Guaranteed (2) and Controlled-Load (5) are supported");
        };
        if (r.hasRemaining()) {
            throw trafficControl(r.offset(), TC_BAD_FLOWSPEC, r.what() + ": " + r.remaining()
                + " byte(s) of parameters that RFC 2210 §3.2 does not define for " + serviceName(service));
        }
        return f;
    }

    /** Writes the message and service headers for service data of {@code words} words. */
    static void writeServiceHeaders(WireWriter out, int service, int words) {
        writeHeader(out, 1 + words);
        out.u8(service).u8(0).u16(words);
    }
}
