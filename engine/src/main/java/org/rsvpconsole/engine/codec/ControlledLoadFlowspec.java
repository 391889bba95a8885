package org.rsvpconsole.engine.codec;

import java.util.Objects;

/**
 * RFC 2210 §3.2 / RFC 2211 Controlled-Load FLOWSPEC (service 5): the token bucket to reserve for. Laid out as a
 * Sender TSpec with service number 5; 36 bytes with the object header.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | 0 (version) |  reserved   |    7 (overall length)     |
 * +-------------+-------------+-------------+-------------+
 * |  5 (service)|0| reserved  |    6 (service data length)|
 * +-------------+-------------+-------------+-------------+
 * |         token bucket parameter 127 (6 words)          |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record ControlledLoadFlowspec(TokenBucket tokenBucket) implements Flowspec {

    public ControlledLoadFlowspec {
        Objects.requireNonNull(tokenBucket, "tokenBucket");
    }

    @Override
    public int service() {
        return IntServ.SERVICE_CONTROLLED_LOAD;
    }

    @Override
    public void encodeBody(WireWriter out) {
        IntServ.writeServiceHeaders(out, IntServ.SERVICE_CONTROLLED_LOAD, 1 + TokenBucket.WORDS);
        tokenBucket.write(out);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("service", IntServ.SERVICE_CONTROLLED_LOAD);
        v.text("serviceName", IntServ.serviceName(IntServ.SERVICE_CONTROLLED_LOAD));
        tokenBucket.describe(v);
    }
}
