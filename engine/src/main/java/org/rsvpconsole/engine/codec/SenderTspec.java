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

    @Override
    public void encodeBody(WireWriter out) {
        IntServ.writeServiceHeaders(out, IntServ.SERVICE_GENERAL, 1 + TokenBucket.WORDS);
        tokenBucket.write(out);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("version", 0);
        v.number("service", IntServ.SERVICE_GENERAL);
        tokenBucket.describe(v);
    }
}
