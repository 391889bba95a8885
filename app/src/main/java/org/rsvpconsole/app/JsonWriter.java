package org.rsvpconsole.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import org.rsvpconsole.engine.codec.FieldVisitor;

/**
 * A small streaming JSON writer: one pass, no tree, commas and escaping handled here. As a {@link FieldVisitor} it
 * turns an object's {@code describe} output straight into JSON members (groups become objects, lists arrays).
 * Floats are written with {@link Float#toString}, which is valid JSON for every finite value; NaN and the
 * infinities, which JSON has no number for, are written as the strings "NaN", "Infinity", "-Infinity".
 * Write errors surface as {@link UncheckedIOException}.
 */
public final class JsonWriter implements FieldVisitor {

    private final Writer out;
    /** Per open container: true until its first member is written. */
    private boolean[] first = new boolean[16];
    private int depth;

    public JsonWriter(Writer out) {
        this.out = out;
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
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(String name, long value) {
        member(name);
        write(Long.toString(value));
    }

    @Override
    public void real(String name, float value) {
        member(name);
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            string(Float.toString(value));
        } else {
            write(Float.toString(value));
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

    @Override
    public void bool(String name, boolean value) {
        member(name);
        write(value ? "true" : "false");
    }

    @Override
    public void beginGroup(String name) {
        member(name);
        write('{');
        push();
    }

    @Override
    public void endGroup() {
        pop();
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
        pop();
        write(']');
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
        if (depth > 0) {
            if (!first[depth]) {
                write(',');
            }
            first[depth] = false;
        }
        if (name != null) {
            string(name);
            write(':');
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped; unpaired surrogates as \\uXXXX. */
    private void string(String s) {
        try {
            out.write('"');
            int start = 0;
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                out.write(s, start, i - start);
                escape(c);
                start = i + 1;
            }
            out.write(s, start, n - start);
            out.write('"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void escape(char c) throws IOException {
        switch (c) {
            case '"' -> out.write("\\\"");
            case '\\' -> out.write("\\\\");
            case '\n' -> out.write("\\n");
            case '\r' -> out.write("\\r");
            case '\t' -> out.write("\\t");
            case '\b' -> out.write("\\b");
            case '\f' -> out.write("\\f");
            default -> {
                out.write("\\u");
                String hex = Integer.toHexString(c);
                for (int k = hex.length(); k < 4; k++) {
                    out.write('0');
                }
                out.write(hex);
            }
        }
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(char c) {
        try {
            out.write(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
