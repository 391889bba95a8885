package org.rsvpconsole.engine.codec;

/**
 * RFC 2205 A.4 TIME_VALUES (Class-Num 5), C-Type 1: the refresh period R the sender of the message uses.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                   Refresh Period R                    |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param refreshPeriodMillis R in milliseconds (unsigned 32 bits)
 */
public record TimeValues(long refreshPeriodMillis) implements RsvpObject {

    public static final int C_TYPE = 1;

    public TimeValues {
        if (refreshPeriodMillis < 0 || refreshPeriodMillis > 0xffffffffL) {
            throw new IllegalArgumentException("refresh period must fit 32 bits unsigned: " + refreshPeriodMillis);
        }
    }

    @Override
    public int classNum() {
        return ObjectClass.TIME_VALUES;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    static TimeValues decode(WireReader r) {
        return new TimeValues(r.u32());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u32(refreshPeriodMillis);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("refreshPeriodMs", refreshPeriodMillis);
    }
}
