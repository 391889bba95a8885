package org.rsvpconsole.engine.codec;

import java.util.Arrays;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * An immutable, ordered list of 32-bit message identifiers (RFC 2961 §5.1) kept in an {@code int[]}: a Srefresh
 * can carry hundreds of them, and decoding must not box one object per identifier. Values are unsigned; duplicates
 * and order are kept exactly as on the wire.
 */
public final class MessageIdSet {

    public static final MessageIdSet EMPTY = new MessageIdSet(new int[0]);

    private final int[] ids;

    private MessageIdSet(int[] ids) {
        this.ids = ids;
    }

    /** The identifiers given, each an unsigned 32-bit value. */
    public static MessageIdSet of(long... messageIds) {
        int[] a = new int[messageIds.length];
        for (int i = 0; i < a.length; i++) {
            Decoding.checkUnsigned(messageIds[i], 32, "message identifier");
            a[i] = (int) messageIds[i];
        }
        return new MessageIdSet(a);
    }

    /** Takes ownership of an array the caller never touches again (the decoder's own buffer). */
    static MessageIdSet wrap(int[] rawIds) {
        return rawIds.length == 0 ? EMPTY : new MessageIdSet(rawIds);
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The identifier at {@code index}, unsigned. */
    public long get(int index) {
        return Integer.toUnsignedLong(ids[index]);
    }

    public boolean contains(long messageId) {
        if (messageId < 0 || messageId > 0xffffffffL) {
            return false;
        }
        int raw = (int) messageId;
        for (int id : ids) {
            if (id == raw) {
                return true;
            }
        }
        return false;
    }

    public long[] toArray() {
        long[] out = new long[ids.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toUnsignedLong(ids[i]);
        }
        return out;
    }

    public LongStream stream() {
        return IntStream.of(ids).mapToLong(Integer::toUnsignedLong);
    }

    void writeTo(WireWriter out) {
        for (int id : ids) {
            out.i32(id);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIdSet other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int id : ids) {
            j.add(Integer.toUnsignedString(id));
        }
        return j.toString();
    }
}
