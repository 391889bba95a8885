package org.rsvpconsole.engine.codec;

import java.util.Objects;

/**
 * RFC 2210 §3.2 / RFC 2212 Guaranteed FLOWSPEC (service 2): the token bucket (TSpec) plus the RSpec, parameter
 * 130, with the reserved rate R and the slack term S. 48 bytes with the object header.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | 0 (version) |  reserved   |    10 (overall length)    |
 * +-------------+-------------+-------------+-------------+
 * |  2 (service)|0| reserved  |    9 (service data length)|
 * +-------------+-------------+-------------+-------------+
 * |         token bucket parameter 127 (6 words)          |
 * +-------------+-------------+-------------+-------------+
 * | 130 (param) |  0 (flags)  |       2 (length)          |
 * +-------------+-------------+-------------+-------------+
 * |  Rate [R] (32-bit IEEE floating point)                |
 * +-------------+-------------+-------------+-------------+
 * |  Slack Term [S] (32-bit integer)                      |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param rate  R in bytes per second
 * @param slack S in microseconds (unsigned 32 bits)
 */
public record GuaranteedFlowspec(TokenBucket tokenBucket, float rate, int slack) implements Flowspec {

    private static final int RSPEC_WORDS = 2;

    public GuaranteedFlowspec {
        Objects.requireNonNull(tokenBucket, "tokenBucket");
        if (!IntServ.validFloat(rate, false)) {
            throw new IllegalArgumentException("Guaranteed rate R must be finite and non-negative: " + rate);
        }
    }

    @Override
    public int service() {
        return IntServ.SERVICE_GUARANTEED;
    }

    /** S as the unsigned value it is. */
    public long slackUnsigned() {
        return Integer.toUnsignedLong(slack);
    }

    static GuaranteedFlowspec decodeParameters(WireReader r) {
        TokenBucket tb = TokenBucket.read(r, IntServ.TC_BAD_FLOWSPEC);
        IntServ.expectParameter(r, IntServ.PARAM_GUARANTEED_RSPEC, RSPEC_WORDS, IntServ.TC_BAD_FLOWSPEC);
        float rate = IntServ.readFloat(r, "Guaranteed rate R", false, IntServ.TC_BAD_FLOWSPEC);
        return new GuaranteedFlowspec(tb, rate, r.i32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        IntServ.writeServiceHeaders(out, IntServ.SERVICE_GUARANTEED, 1 + TokenBucket.WORDS + 1 + RSPEC_WORDS);
        tokenBucket.write(out);
        out.u8(IntServ.PARAM_GUARANTEED_RSPEC).u8(0).u16(RSPEC_WORDS).f32(rate).i32(slack);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("service", IntServ.SERVICE_GUARANTEED);
        v.text("serviceName", IntServ.serviceName(IntServ.SERVICE_GUARANTEED));
        tokenBucket.describe(v);
        v.real("rate", rate);
        v.number("slack", slackUnsigned());
    }
}
