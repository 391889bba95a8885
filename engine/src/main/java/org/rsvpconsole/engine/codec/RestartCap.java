package org.rsvpconsole.engine.codec;

/**
 * RFC 3473 §9.2 RESTART_CAP (Class-Num 131), C-Type 1: graceful restart times, carried in Hello messages. Class
 * 131 is of the form 10bbbbbb, so nodes that do not know it ignore it (RFC 2205 §3.10).
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                     Restart_Time                      |
 * +-------------+-------------+-------------+-------------+
 * |                     Recovery_Time                     |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param restartTimeMillis  time to restart the control plane; 0xffffffff = indeterminate (unsigned 32 bits)
 * @param recoveryTimeMillis time to resynchronise preserved state; 0 = none preserved (unsigned 32 bits)
 */
public record RestartCap(long restartTimeMillis, long recoveryTimeMillis) implements RsvpObject {

    public static final int C_TYPE = 1;
    /** RFC 3473 §9.2: a restart of indeterminate length. */
    public static final long RESTART_TIME_INDETERMINATE = 0xffffffffL;

    public RestartCap {
        Decoding.checkUnsigned(restartTimeMillis, 32, "restart time");
        Decoding.checkUnsigned(recoveryTimeMillis, 32, "recovery time");
    }

    @Override
    public int classNum() {
        return ObjectClass.RESTART_CAP;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static RestartCap decode(WireReader r) {
        return new RestartCap(r.u32(), r.u32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u32(restartTimeMillis).u32(recoveryTimeMillis);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("restartTimeMs", restartTimeMillis);
        v.number("recoveryTimeMs", recoveryTimeMillis);
    }
}
