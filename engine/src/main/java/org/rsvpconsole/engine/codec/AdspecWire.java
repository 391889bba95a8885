package org.rsvpconsole.engine.codec;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The fragments of a received ADSPEC (RFC 2210 §3.3) kept as their wire bytes: checked once when decoded, read in
 * place by {@link Adspec}'s accessors, its JSON description and its encoder, and turned into
 * {@link AdspecFragment} records only when someone asks for the list's elements. A node reads a handful of
 * one-word parameters from every Path it receives; building a record and a byte copy per parameter for that was
 * most of a Path decode's cost (decision 0013).
 *
 * <p>Immutable and equal to any list of the same fragments. The records are built at most once per thread that
 * asks (a benign race: every build gives equal values, published through a final field).
 */
final class AdspecWire extends AbstractList<AdspecFragment> implements RandomAccess {

    private static final int HEADER = 4;

    /** Everything after the IntServ message header: fragment headers, parameter headers and values. */
    private final Octets bytes;
    private final int count;
    private ObjectList<AdspecFragment> parsed;

    AdspecWire(Octets bytes, int count) {
        this.bytes = bytes;
        this.count = count;
    }

    /**
     * Checks the fragments in {@code body} (read from {@code r}, whose message offset {@code base} is body byte 0)
     * as the record-building decoder did, with the same faults, and returns how many there are.
     */
    static int check(WireReader r, int base, Octets body) {
        int n = body.length();
        int i = 0;
        int fragments = 0;
        while (i < n) {
            int at = base + i;
            int service = body.get(i);
            int flags = body.get(i + 1);
            int words = (body.get(i + 2) << 8) | body.get(i + 3);
            i += HEADER;
            if (words * 4 > n - i) {
                throw doesNotFit(r, at, words, n - i, IntServ.serviceName(service)
                    + " fragment's service data length");
            }
            if ((flags & ~IntServ.BREAK_BIT) != 0) {
                throw IntServ.trafficControl(at, IntServ.TC_BAD_ADSPEC, r.what() + ": reserved flags "
                    + (flags & ~IntServ.BREAK_BIT) + " set in the " + IntServ.serviceName(service)
                    + " fragment header (only the break bit 0x80 is defined, RFC 2210 §3.3)");
            }
            int end = i + words * 4;
            while (i < end) {
                int pat = base + i;
                int id = body.get(i);
                int plen = (body.get(i + 2) << 8) | body.get(i + 3);
                i += HEADER;
                if (plen * 4 > end - i) {
                    throw doesNotFit(r, pat, plen, end - i, "length of parameter " + id + " in the "
                        + IntServ.serviceName(service) + " fragment");
                }
                i += plen * 4;
            }
            fragments++;
        }
        return fragments;
    }

    private static MalformedInput doesNotFit(WireReader r, int at, int words, int leftBytes, String what) {
        return BodyChecks.failAt(r, at, r.what() + ": " + what + " says " + words + " word(s) but only "
            + leftBytes / 4 + " word(s) remain");
    }

    /** The body length in words after the IntServ message header, as that header carries it. */
    int words() {
        return bytes.length() / 4;
    }

    void write(WireWriter out) {
        out.octets(bytes);
    }

    /**
     * The one-word value of parameter {@code id} in the first fragment of {@code service} (the first such
     * parameter), as an unsigned 32-bit number; -1 when there is none or it is not one word long.
     */
    long word(int service, int id) {
        int n = bytes.length();
        int i = 0;
        while (i < n) {
            int end = i + HEADER + wordsAt(i) * 4;
            if (bytes.get(i) == service) {
                for (int p = i + HEADER; p < end; p += HEADER + wordsAt(p) * 4) {
                    if (bytes.get(p) == id) {
                        return wordsAt(p) == 1 ? Integer.toUnsignedLong(bytes.word(p + HEADER)) : -1;
                    }
                }
                return -1;
            }
            i = end;
        }
        return -1;
    }

    private int wordsAt(int i) {
        return (bytes.get(i + 2) << 8) | bytes.get(i + 3);
    }

    /** The fragments' fields as {@link AdspecFragment#describe} gives them, read from the bytes. */
    void describe(FieldVisitor v) {
        int n = bytes.length();
        int i = 0;
        while (i < n) {
            int end = i + HEADER + wordsAt(i) * 4;
            AdspecFragment.beginDescribe(v, bytes.get(i), (bytes.get(i + 1) & IntServ.BREAK_BIT) != 0);
            for (int p = i + HEADER; p < end; ) {
                int len = wordsAt(p) * 4;
                int from = p + HEADER;
                IntServParameter.describe(v, bytes.get(p), bytes.get(p + 1), bytes, from, len);
                p = from + len;
            }
            AdspecFragment.endDescribe(v);
            i = end;
        }
    }

    private ObjectList<AdspecFragment> parsed() {
        ObjectList<AdspecFragment> list = parsed;
        if (list == null) {
            AdspecFragment[] fragments = new AdspecFragment[count];
            int n = bytes.length();
            int f = 0;
            for (int i = 0; i < n; f++) {
                int end = i + HEADER + wordsAt(i) * 4;
                int params = 0;
                for (int p = i + HEADER; p < end; p += HEADER + wordsAt(p) * 4) {
                    params++;
                }
                IntServParameter[] values = new IntServParameter[params];
                int k = 0;
                for (int p = i + HEADER; p < end; p += HEADER + wordsAt(p) * 4) {
                    int from = p + HEADER;
                    values[k++] = new IntServParameter(bytes.get(p), bytes.get(p + 1),
                        bytes.range(from, from + wordsAt(p) * 4));
                }
                fragments[f] = new AdspecFragment(bytes.get(i), (bytes.get(i + 1) & IntServ.BREAK_BIT) != 0,
                    new ObjectList<>(values));
                i = end;
            }
            list = new ObjectList<>(fragments);
            parsed = list;
        }
        return list;
    }

    @Override
    public AdspecFragment get(int index) {
        return parsed().get(index);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public boolean equals(Object o) {
        // The bytes and the fragments determine each other (lengths follow from the values, reserved bits are 0).
        return o instanceof AdspecWire w ? bytes.equals(w.bytes) : super.equals(o);
    }

    @Override
    public int hashCode() {
        return parsed().hashCode();
    }
}
