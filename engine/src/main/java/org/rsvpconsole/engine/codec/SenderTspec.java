package org.rsvpconsole.engine.codec;

import java.util.Objects;

/**
 * RFC 2210 §3.1 SENDER_TSPEC (Class-Num 12), C-Type 2: the sender's traffic as a token bucket, under the
 * general-parameters service header (service 1). 36 bytes with the object header.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | 0 (version) |  reserved   |    7 (overall length)     |
 * +-------------+-------------+-------------+-------------+
 * |  1 (service)|0| reserved  |    6 (service data length)|
 * +-------------+-------------+-------------+-------------+
 * |         token bucket parameter 127 (6 words)          |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record SenderTspec(TokenBucket tokenBucket) implements RsvpObject {

    public static final int C_TYPE = 2;

    public SenderTspec {
        Objects.requireNonNull(tokenBucket, "tokenBucket");
    }

    @Override
    public int classNum() {
        return ObjectClass.SENDER_TSPEC;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static SenderTspec decode(WireReader r) {
        IntServ.readHeader(r);
        int service = r.u8();
        int flags = r.u8();
        int words = r.u16();
        IntServ.checkLength(r, words, "service data length");
        if (service != IntServ.SERVICE_GENERAL || flags != 0) {
            throw IntServ.trafficControl(r, IntServ.TC_BAD_TSPEC, r.what() + ": service header names service "
                + service + " with flags " + flags + "; a Sender TSpec is service 1 with no flags (RFC 2210 §3.1)");
        }
        TokenBucket tb = TokenBucket.read(r, IntServ.TC_BAD_TSPEC);
        if (r.hasRemaining()) {
            throw IntServ.trafficControl(r, IntServ.TC_BAD_TSPEC, r.what() + ": " + r.remaining()
                + " byte(s) of parameters after the token bucket, which RFC 2210 §3.1 does not define");
        }
        return new SenderTspec(tb);
    }

    @Override
    public void encodeBody(WireWriter out) {
        IntServ.writeHeader(out, 1 + 1 + TokenBucket.WORDS);
        out.u8(IntServ.SERVICE_GENERAL).u8(0).u16(1 + TokenBucket.WORDS);
        tokenBucket.write(out);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("version", 0);
        v.number("service", IntServ.SERVICE_GENERAL);
        tokenBucket.describe(v);
    }
}
