package org.rsvpconsole.engine.codec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One RFC 2210 §3 IntServ parameter as an ADSPEC fragment carries it: its number, flags and data (a whole number
 * of 32-bit words, kept as received). The single-word parameters of RFC 2215 and RFC 2212 read as
 * {@link #u32()} or {@link #f32()}.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |  param id   | param flags |   parameter length (words)|
 * +-------------+-------------+-------------+-------------+
 * |                     value (length words)              |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record IntServParameter(int id, int flags, Octets value) {

    public IntServParameter {
        Objects.requireNonNull(value, "value");
        if ((id & ~0xff) != 0 || (flags & ~0xff) != 0) {
            throw new IllegalArgumentException("parameter id and flags are 8 bits: " + id + ", " + flags);
        }
        if (value.length() % 4 != 0 || value.length() / 4 > 0xffff) {
            throw new IllegalArgumentException("parameter " + id + " value must be whole words (at most 65535), was "
                + value.length() + " bytes");
        }
    }

    /** A one-word unsigned integer parameter (hop count, latency, MTU, the C and D error terms). */
    public static IntServParameter u32(int id, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("parameter " + id + " value must fit 32 bits unsigned: " + value);
        }
        int v = (int) value;
        return new IntServParameter(id, 0, Octets.of((byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
            (byte) v));
    }

    /** A one-word IEEE float parameter (path bandwidth estimate). */
    public static IntServParameter f32(int id, float value) {
        int v = Float.floatToRawIntBits(value);
        return new IntServParameter(id, 0, Octets.of((byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
            (byte) v));
    }

    /** Data length in 32-bit words, as the parameter header carries it. */
    public int words() {
        return value.length() / 4;
    }

    /** The value as one unsigned 32-bit word; empty unless the value is exactly one word. */
    public OptionalLong u32() {
        return value.length() == 4 ? OptionalLong.of(word()) : OptionalLong.empty();
    }

    /** The value as one IEEE float; empty unless the value is exactly one word. */
    public Optional<Float> f32() {
        return value.length() == 4 ? Optional.of(Float.intBitsToFloat((int) word())) : Optional.empty();
    }

    private long word() {
        return ((long) value.get(0) << 24) | (value.get(1) << 16) | (value.get(2) << 8) | value.get(3);
    }

    void describe(FieldVisitor v) {
        describe(v, id, flags, value, 0, value.length());
    }

    /** A parameter's fields, its value being {@code len} bytes of {@code src} at {@code from}. */
    static void describe(FieldVisitor v, int id, int flags, Octets src, int from, int len) {
        v.beginGroup(null);
        v.number("id", id);
        v.text("name", IntServ.parameterName(id));
        v.number("flags", flags);
        if (len == 4 && id == IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH) {
            v.real("value", Float.intBitsToFloat(src.word(from)));
        } else if (len == 4) {
            v.number("value", Integer.toUnsignedLong(src.word(from)));
        } else {
            v.text("value", src.hex(from, from + len));
        }
        v.endGroup();
    }
}
