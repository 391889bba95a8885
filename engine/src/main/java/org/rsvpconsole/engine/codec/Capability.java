package org.rsvpconsole.engine.codec;

/**
 * RFC 5063 §4.1 CAPABILITY (Class-Num 134), C-Type 1: recovery capabilities, carried in Hello messages next to
 * RESTART_CAP. The whole 32-bit word is kept, so reserved bits set by a newer sender re-encode unchanged.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                 Reserved                        |T|R|S|
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param flags T 0x4 RecoveryPath Transmit Enabled, R 0x2 RecoveryPath Desired, S 0x1 RecoveryPath Srefresh
 *              Capable
 */
public record Capability(int flags) implements RsvpObject {

    public static final int C_TYPE = 1;
    public static final int FLAG_RECOVERY_PATH_TRANSMIT = 0x4;
    public static final int FLAG_RECOVERY_PATH_DESIRED = 0x2;
    public static final int FLAG_RECOVERY_PATH_SREFRESH = 0x1;

    @Override
    public int classNum() {
        return ObjectClass.CAPABILITY;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static Capability decode(WireReader r) {
        return new Capability(r.i32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.i32(flags);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("flags", Integer.toUnsignedLong(flags));
        v.bool("recoveryPathTransmit", (flags & FLAG_RECOVERY_PATH_TRANSMIT) != 0);
        v.bool("recoveryPathDesired", (flags & FLAG_RECOVERY_PATH_DESIRED) != 0);
        v.bool("recoveryPathSrefresh", (flags & FLAG_RECOVERY_PATH_SREFRESH) != 0);
    }
}
