package org.rsvpconsole.engine.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered reader over a capture stream that never throws on a short read: it reports how many bytes it got, so
 * the parsers can say exactly where a file ends. It tracks the byte offset for error messages.
 */
final class ByteSource {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long consumed;
    private boolean eof;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /** Offset of the next byte from the start of the file. */
    long offset() {
        return consumed;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            // InputStream contract: 0 only for a zero-length request, so treat it as the end too (never spin).
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Reads up to {@code len} bytes; returns how many were read (fewer only at the end of the file). */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (pos == limit && !fill()) {
                break;
            }
            int n = Math.min(len - done, limit - pos);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
        consumed += done;
        return done;
    }

    /** Skips up to {@code n} bytes without allocating; returns how many were skipped (fewer only at the end). */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == limit && !fill()) {
                break;
            }
            int k = (int) Math.min(n - done, limit - pos);
            pos += k;
            done += k;
        }
        consumed += done;
        return done;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return pos == limit && !fill();
    }

    void close() throws IOException {
        in.close();
    }
}
