package org.rsvpconsole.engine.codec;

/**
 * RFC 2215 §5 / RFC 2210 §3.1 token bucket TSpec (parameter 127), the traffic description shared by SENDER_TSPEC
 * and both FLOWSPEC services.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |  127 (id)   |  0 (flags)  |        5 (length)         |
 * +-------------+-------------+-------------+-------------+
 * |  Token Bucket Rate [r] (32-bit IEEE floating point)   |
 * |  Token Bucket Size [b] (32-bit IEEE floating point)   |
 * |  Peak Data Rate [p] (32-bit IEEE floating point)      |
 * |  Minimum Policed Unit [m] (32-bit integer)            |
 * |  Maximum Packet Size [M] (32-bit integer)             |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param rate           r in bytes per second
 * @param bucketSize     b in bytes
 * @param peakRate       p in bytes per second; +Infinity when unbounded
 * @param minPolicedUnit m in bytes (unsigned 32 bits)
 * @param maxPacketSize  M in bytes (unsigned 32 bits)
 */
public record TokenBucket(float rate, float bucketSize, float peakRate, int minPolicedUnit, int maxPacketSize) {

    /** Words of the parameter's data. */
    static final int WORDS = 5;

    public TokenBucket {
        if (!IntServ.validFloat(rate, false) || !IntServ.validFloat(bucketSize, false)
            || !IntServ.validFloat(peakRate, true)) {
            throw new IllegalArgumentException("token bucket r and b must be finite and non-negative, p non-negative"
                + " (may be +Infinity): r=" + rate + " b=" + bucketSize + " p=" + peakRate);
        }
    }

    /** m as the unsigned value it is. */
    public long minPolicedUnitUnsigned() {
        return Integer.toUnsignedLong(minPolicedUnit);
    }

    /** M as the unsigned value it is. */
    public long maxPacketSizeUnsigned() {
        return Integer.toUnsignedLong(maxPacketSize);
    }

    /** Reads parameter 127 with its header; a different parameter or a bad value is a Traffic Control Error. */
    static TokenBucket read(WireReader r, int tcValue) {
        IntServ.expectParameter(r, IntServ.PARAM_TOKEN_BUCKET, WORDS, tcValue);
        float rate = IntServ.readFloat(r, "token bucket rate", false, tcValue);
        float size = IntServ.readFloat(r, "token bucket size", false, tcValue);
        float peak = IntServ.readFloat(r, "peak data rate", true, tcValue);
        return new TokenBucket(rate, size, peak, r.i32(), r.i32());
    }

    void write(WireWriter out) {
        out.u8(IntServ.PARAM_TOKEN_BUCKET).u8(0).u16(WORDS);
        out.f32(rate).f32(bucketSize).f32(peakRate).i32(minPolicedUnit).i32(maxPacketSize);
    }

    void describe(FieldVisitor v) {
        v.beginGroup("tokenBucket");
        v.real("rate", rate);
        v.real("bucketSize", bucketSize);
        v.real("peakRate", peakRate);
        v.number("minPolicedUnit", minPolicedUnitUnsigned());
        v.number("maxPacketSize", maxPacketSizeUnsigned());
        v.endGroup();
    }
}
