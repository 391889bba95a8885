package org.rsvpconsole.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.FieldVisitor;
import org.rsvpconsole.engine.codec.Octets;

/**
 * A small streaming JSON writer: one pass, no tree, commas and escaping handled here. As a {@link FieldVisitor} it
 * turns an object's {@code describe} output straight into JSON members (groups become objects, lists arrays).
 * Floats are written with {@link Float#toString}, which is valid JSON for every finite value; NaN and the
 * infinities, which JSON has no number for, are written as the strings "NaN", "Infinity", "-Infinity".
 *
 * <p>It encodes UTF-8 itself into its own byte buffer (no Writer, no lock or encoder per call, no number strings):
 * {@code decode} prints hundreds of megabytes of it. Write errors surface as {@link UncheckedIOException}.
 */
public final class JsonWriter implements FieldVisitor {

    /** Where full buffers go; null for a writer that only accumulates (see {@link #writeTo}). */
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    /** Per open container: true until its first member is written. */
    private boolean[] first = new boolean[16];
    private int depth;
    /** Members down to this depth go one per line, indented by two spaces per level; deeper ones stay inline. */
    private int prettyDepth;
    /**
     * {@link #symbol} values already encoded, by the identity of their String: the bytes {@link #string} wrote for
     * it, quotes included. describe's keys and names are string literals (one instance each), so after the first
     * message nearly every one is one array copy.
     */
    private final Encoded cachedStrings = new Encoded();
    /** The same for keys of compact members: {@code ,"key":}, the comma left out for a first member. */
    private final Encoded cachedKeys = new Encoded();
    /** The same for the members at {@link #renameDepth}, under the names {@link #rename} gives them. */
    private final Encoded renamedKeys = new Encoded();
    private UnaryOperator<String> rename = UnaryOperator.identity();
    private int renameDepth = -1;
    /**
     * Floats already formatted, by their bits (direct-mapped): a capture repeats the same rates and sizes in every
     * refresh, and {@link Float#toString} is the slowest value to write.
     */
    private final int[] cachedFloatBits = new int[FLOAT_SLOTS];
    private final byte[][] cachedFloatBytes = new byte[FLOAT_SLOTS][];
    private static final int FLOAT_SLOTS = 256;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Streams into {@code out}, flushing its buffer whenever it fills. */
    public JsonWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * From now on, writes the members of the outer {@code depth} levels one per line, indented (a document for
     * people, not JSON Lines); deeper values stay on the line of their outer member, e.g. one line per list item.
     */
    public JsonWriter pretty(int depth) {
        this.prettyDepth = depth;
        return this;
    }

    /** Accumulates everything in memory until {@link #writeTo} (a batch rendered on another thread). */
    public JsonWriter() {
        this.out = null;
    }

    /** Writes what was accumulated to {@code target} and starts again empty. */
    public void writeTo(OutputStream target) {
        try {
            target.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    /**
     * Shows the keys of the members that follow in the current object (not those of values nested in them) as
     * {@code names} maps them, until the object ends: e.g. to keep an object's own fields from clashing with the
     * keys written before them. The mapping is asked once per key and writer, so it must be a fixed one.
     */
    public void renameFollowingKeys(UnaryOperator<String> names) {
        if (names != rename) {
            rename = names;
            renamedKeys.clear();
        }
        renameDepth = depth;
    }

    /** Starts an object as a value: top level or inside a list. */
    public JsonWriter beginObject() {
        beginGroup(null);
        return this;
    }

    public JsonWriter endObject() {
        endGroup();
        return this;
    }

    /** Ends a top-level value with a newline (JSON Lines). */
    public void newline() {
        write('\n');
    }

    public void flush() {
        if (out == null) {
            return;
        }
        try {
            out.write(buf, 0, pos);
            pos = 0;
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(String name, long value) {
        member(name);
        if (value == Long.MIN_VALUE) {
            write(Long.toString(value));
            return;
        }
        if (value < 0) {
            write('-');
            value = -value;
        }
        ensure(20);
        if (value <= Integer.MAX_VALUE) {
            pos = digits(buf, pos, (int) value);
            return;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos += digits;
    }

    /**
     * The decimal digits of {@code v >= 0} at {@code p}; returns the position after them. Two digits at a time from
     * tables, and v / 100 as a multiply and shift (exact for every int >= 0): decode's C1-compiled code would
     * otherwise divide, twice per digit.
     */
    private static int digits(byte[] b, int p, int v) {
        if (v < 10) {
            b[p] = (byte) ('0' + v);
            return p + 1;
        }
        int n = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7
            : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
        int i = p + n;
        while (v >= 100) {
            int q = (int) ((v * 1374389535L) >>> 37);
            int r = v - q * 100;
            b[--i] = ONES[r];
            b[--i] = TENS[r];
            v = q;
        }
        if (v >= 10) {
            b[--i] = ONES[v];
            b[--i] = TENS[v];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        return p + n;
    }

    /** The tens and units digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    @Override
    public void real(String name, float value) {
        member(name);
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            string(Float.toString(value));
            return;
        }
        int bits = Float.floatToRawIntBits(value);
        int slot = (bits ^ (bits >>> 13) ^ (bits >>> 23)) & (FLOAT_SLOTS - 1);
        byte[] text = cachedFloatBytes[slot];
        if (text == null || cachedFloatBits[slot] != bits) {
            text = Float.toString(value).getBytes(StandardCharsets.US_ASCII);
            cachedFloatBits[slot] = bits;
            cachedFloatBytes[slot] = text;
        }
        write(text);
    }

    /**
     * A double: whole values up to 2^53 as integers ({@code 10000}, not {@code 10000.0}), others with
     * {@link Double#toString}; NaN and the infinities as strings, as {@link #real} does.
     */
    @Override
    public void decimal(String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            member(name);
            string(Double.toString(value));
        } else if (value == Math.rint(value) && Math.abs(value) <= 0x1p53) {
            number(name, (long) value);
        } else {
            member(name);
            write(Double.toString(value));
        }
    }

    @Override
    public void text(String name, String value) {
        member(name);
        if (value == null) {
            write("null");
        } else {
            string(value);
        }
    }

    /** An IP address as {@link IpAddress#toString} writes it, straight into the buffer (decode prints many). */
    @Override
    public void address(String name, IpAddress value) {
        member(name);
        ensure(IpAddress.MAX_TEXT + 2);
        buf[pos] = '"';
        pos = value.writeText(buf, pos + 1);
        buf[pos++] = '"';
    }

    /** Opaque bytes in hex as {@link Octets#hex()} writes them, straight into the buffer. */
    @Override
    public void octets(String name, Octets value) {
        int n = 2 * value.length() + 2;
        if (out != null && n > buf.length) {
            text(name, value.hex());
            return;
        }
        member(name);
        ensure(n);
        buf[pos] = '"';
        pos = value.writeHex(buf, pos + 1);
        buf[pos++] = '"';
    }

    /**
     * A string value from a small fixed set (a class or message type name, a string constant): written like
     * {@link #text}, but kept encoded by identity as keys are, so repeating it costs one array copy.
     */
    public void symbol(String name, String value) {
        member(name);
        if (value == null) {
            write("null");
        } else {
            cachedString(value);
        }
    }

    /**
     * Members already encoded by {@link #encodeMembers} ({@code "key":value,...}, no braces) as the next members of
     * the current object, in one array copy: decode keeps the fixed opening members of its objects this way.
     * Compact output only (the bytes carry no indentation).
     */
    public void members(byte[] encoded) {
        int d = depth;
        if (d == 0 || prettyDepth != 0) {
            throw new IllegalStateException("pre-encoded members belong inside an object of compact output");
        }
        boolean comma = !first[d];
        first[d] = false;
        int n = encoded.length;
        ensure(n + 1);
        if (comma) {
            buf[pos++] = ',';
        }
        System.arraycopy(encoded, 0, buf, pos, n);
        pos += n;
    }

    /**
     * {@link #beginObject} followed by {@link #members}{@code (encoded)}, with one bounds check: decode starts
     * every RSVP object this way. Compact output only.
     */
    public void beginObject(byte[] encoded) {
        if (prettyDepth != 0) {
            throw new IllegalStateException("pre-encoded members belong to compact output");
        }
        int d = depth;
        boolean comma = false;
        if (d > 0) {
            comma = !first[d];
            first[d] = false;
        }
        int n = encoded.length;
        ensure(n + 2);
        if (comma) {
            buf[pos++] = ',';
        }
        buf[pos++] = '{';
        System.arraycopy(encoded, 0, buf, pos, n);
        pos += n;
        push();
        first[depth] = n == 0;
    }

    /**
     * The members {@code write} writes into an empty object, encoded for {@link #members}. Uses this writer's buffer
     * and key caches as scratch space (it must be between top-level values) and leaves its output as it was.
     */
    public byte[] encodeMembers(Consumer<JsonWriter> write) {
        if (depth != 0 || out != null) {
            throw new IllegalStateException("encodeMembers needs an accumulating writer between top-level values");
        }
        int start = pos;
        beginObject();
        write.accept(this);
        byte[] encoded = Arrays.copyOfRange(buf, start + 1, pos);
        endObject();
        pos = start;
        return encoded;
    }

    @Override
    public void bool(String name, boolean value) {
        member(name);
        write(value ? TRUE : FALSE);
    }

    @Override
    public void beginGroup(String name) {
        member(name);
        write('{');
        push();
    }

    @Override
    public void endGroup() {
        if (depth == renameDepth) {
            renameDepth = -1;
        }
        boolean empty = first[depth];
        boolean lines = depth <= prettyDepth;
        pop();
        if (lines && !empty) {
            indent();
        }
        write('}');
    }

    @Override
    public void beginList(String name) {
        member(name);
        write('[');
        push();
    }

    @Override
    public void endList() {
        if (depth == renameDepth) {
            renameDepth = -1;
        }
        boolean empty = first[depth];
        boolean lines = depth <= prettyDepth;
        pop();
        if (lines && !empty) {
            indent();
        }
        write(']');
    }

    private void indent() {
        write('\n');
        for (int i = 0; i < depth; i++) {
            write("  ");
        }
    }

    private void push() {
        if (++depth == first.length) {
            first = Arrays.copyOf(first, depth * 2);
        }
        first[depth] = true;
    }

    private void pop() {
        if (depth == 0) {
            throw new IllegalStateException("JSON end without a matching begin");
        }
        depth--;
    }

    /** The comma before a member (or list element) and its key when named. */
    private void member(String name) {
        int d = depth;
        boolean comma = false;
        if (d > 0) {
            comma = !first[d];
            first[d] = false;
            if (d <= prettyDepth) {
                prettyMember(comma, name);
                return;
            }
        }
        if (name == null) {
            if (comma) {
                write(',');
            }
            return;
        }
        Encoded keys = d == renameDepth ? renamedKeys : cachedKeys;
        byte[] k = keys.get(name);
        if (k == null) {
            k = encodeKey(name, keys);
        }
        if (k == null) {
            if (comma) {
                write(',');
            }
            string(keys == renamedKeys ? rename.apply(name) : name);
            write(':');
            return;
        }
        int off = comma ? 0 : 1;
        int n = k.length - off;
        ensure(n);
        System.arraycopy(k, off, buf, pos, n);
        pos += n;
    }

    private void prettyMember(boolean comma, String name) {
        if (comma) {
            write(',');
        }
        indent();
        if (name != null) {
            cachedString(depth == renameDepth ? rename.apply(name) : name);
            write(": ");
        }
    }

    /**
     * {@code ,"key":} for a compact member's key (renamed at {@link #renameDepth}), now kept in the cache; null for
     * a key too long to keep.
     */
    private byte[] encodeKey(String name, Encoded keys) {
        String shown = keys == renamedKeys ? rename.apply(name) : name;
        int n = shown.length();
        if (n > 32) {
            return null;
        }
        ensure(6 * n + 4);
        int start = pos;
        write(',');
        string(shown);
        write(':');
        byte[] k = Arrays.copyOfRange(buf, start, pos);
        pos = start;
        keys.put(name, k);
        return k;
    }

    /** {@link #string}, from the cache of encoded strings when {@code s} (this very instance) is in it. */
    private void cachedString(String s) {
        byte[] encoded = cachedStrings.get(s);
        if (encoded == null) {
            int n = s.length();
            if (n > 32) {
                string(s);
                return;
            }
            // Room for the worst case first, so that no flush splits what is copied into the cache.
            ensure(6 * n + 2);
            int start = pos;
            string(s);
            encoded = Arrays.copyOfRange(buf, start, pos);
            cachedStrings.put(s, encoded);
            return;
        }
        write(encoded);
    }

    /** A JSON string: quotes, backslashes and control characters escaped; lone surrogates as \\u escapes. */
    private void string(String s) {
        int n = s.length();
        // Fast path for what decode writes nearly always (keys, names, addresses): printable ASCII with nothing to
        // escape, copied with one bounds check for the whole string instead of one per character.
        if (n + 2 <= buf.length) {
            ensure(n + 2);
            int p = pos;
            byte[] b = buf;
            b[p++] = '"';
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                b[p++] = (byte) c;
            }
            if (i == n) {
                b[p++] = '"';
                pos = p;
                return;
            }
        }
        slowString(s);
    }

    private void slowString(String s) {
        int n = s.length();
        // Worst case 6 bytes per char (a \\u escape) plus quotes: reserve once, then no per-char bounds checks.
        if (6L * n + 2 <= buf.length) {
            ensure(6 * n + 2);
        }
        write('"');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[pos++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                ensure(2);
                buf[pos++] = (byte) (0xc0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[pos++] = (byte) (0xf0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                escape(c);
            } else {
                ensure(3);
                buf[pos++] = (byte) (0xe0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        write('"');
    }

    private void escape(char c) {
        switch (c) {
            case '"' -> write("\\\"");
            case '\\' -> write("\\\\");
            case '\n' -> write("\\n");
            case '\r' -> write("\\r");
            case '\t' -> write("\\t");
            case '\b' -> write("\\b");
            case '\f' -> write("\\f");
            default -> {
                write("\\u");
                String hex = Integer.toHexString(c);
                for (int k = hex.length(); k < 4; k++) {
                    write('0');
                }
                write(hex);
            }
        }
    }

    private void ensure(int n) {
        // Small enough to be inlined by C1 too (decode runs C1 only): the rest is in room().
        if (pos + n > buf.length) {
            room(n);
        }
    }

    private void room(int n) {
        if (out == null) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            return;
        }
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    /** ASCII text only (numbers, literals, escapes). */
    private void write(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void write(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    private void write(byte[] bytes) {
        int n = bytes.length;
        ensure(n);
        System.arraycopy(bytes, 0, buf, pos, n);
        pos += n;
    }

    /**
     * Encoded strings by the identity of their String: open addressing, filled to half at most and then left as
     * it is (a writer fed ever new strings keeps working, it only stops caching).
     */
    private static final class Encoded {
        private static final int SLOTS = 1024;
        private final String[] strings = new String[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];
        private int size;
        /**
         * Per slot, the slot of the string asked for after it last time: describe writes an object's keys in the
         * same order every time, so this guess nearly always saves hashing and probing (calls, in C1 code).
         */
        private final short[] next = new short[SLOTS];
        /** The slot of the string found last. */
        private int last;

        /** The bytes kept for this very instance, or null. */
        byte[] get(String s) {
            int i = next[last];
            if (strings[i] != s) {
                i = find(s);
                if (i < 0) {
                    return null;
                }
                next[last] = (short) i;
            }
            last = i;
            return bytes[i];
        }

        private int find(String s) {
            int i = s.hashCode() & (SLOTS - 1);
            String k;
            while ((k = strings[i]) != null) {
                if (k == s) {
                    return i;
                }
                i = (i + 1) & (SLOTS - 1);
            }
            return -1;
        }

        /** Keeps {@code b} for {@code s}, which {@link #get} did not find. */
        void put(String s, byte[] b) {
            if (size >= SLOTS / 2) {
                return;
            }
            int i = s.hashCode() & (SLOTS - 1);
            while (strings[i] != null) {
                i = (i + 1) & (SLOTS - 1);
            }
            strings[i] = s;
            bytes[i] = b;
            size++;
        }

        void clear() {
            Arrays.fill(strings, null);
            Arrays.fill(bytes, null);
            Arrays.fill(next, (short) 0);
            last = 0;
            size = 0;
        }
    }
}
