package org.rsvpconsole.persistence.jdbc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * A block: consecutive entries stored as one row (docs/decisions/0008-*.md). Its payload is a flag byte (0 plain,
 * 1 deflated) and then, per entry, its stream sequence, its length and its {@link EntryCodec} encoding.
 */
final class Blocks {

    /** Most entries per block: bounds the work of reading one block for a query. */
    static final int MAX_ENTRIES = 2048;
    private static final int PLAIN = 0;
    private static final int DEFLATED = 1;
    /** Decompressed blocks larger than this are refused as damaged. */
    private static final int MAX_BODY = 64 << 20;

    private Blocks() {
    }

    /** One entry read back: its sequence within its stream, and the entry. */
    record Item(long seq, HistoryEntry entry) {
    }

    /** Builds a block on the writer thread; reused from block to block. */
    static final class Builder {
        private final EntryCodec.Out body = new EntryCodec.Out();
        private final EntryCodec.Out one = new EntryCodec.Out();
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final boolean compress;
        private byte[] squeezed = new byte[1 << 16];
        long firstId;
        long lastId;
        long minAt;
        long maxAt;
        int count;

        Builder(boolean compress) {
            this.compress = compress;
        }

        void add(long id, long seq, HistoryEntry e) {
            if (count == 0) {
                firstId = id;
                minAt = Long.MAX_VALUE;
                maxAt = Long.MIN_VALUE;
                body.reset();
            }
            lastId = id;
            minAt = Math.min(minAt, e.atNanos());
            maxAt = Math.max(maxAt, e.atNanos());
            count++;
            one.reset();
            EntryCodec.write(one, e);
            body.varint(seq);
            body.varint(one.length());
            body.append(one);
        }

        /** The payload of the entries added since the last call; the builder is then empty. */
        byte[] finish() {
            count = 0;
            int n = body.length();
            if (compress) {
                deflater.reset();
                deflater.setInput(body.array(), 0, n);
                deflater.finish();
                if (squeezed.length < n + 64) {
                    squeezed = new byte[n + 64];
                }
                int k = deflater.deflate(squeezed, 1, squeezed.length - 1);
                if (deflater.finished() && k < n) {
                    squeezed[0] = DEFLATED;
                    return java.util.Arrays.copyOf(squeezed, k + 1);
                }
            }
            byte[] out = new byte[n + 1];
            out[0] = PLAIN;
            System.arraycopy(body.array(), 0, out, 1, n);
            return out;
        }
    }

    /** The entries of a stored block, in id order. */
    static List<Item> read(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("empty block");
        }
        byte[] body;
        if (payload[0] == PLAIN) {
            body = java.util.Arrays.copyOfRange(payload, 1, payload.length);
        } else if (payload[0] == DEFLATED) {
            body = inflate(payload);
        } else {
            throw new IllegalArgumentException("unknown block format " + payload[0]);
        }
        EntryCodec.In in = new EntryCodec.In(body);
        List<Item> items = new ArrayList<>();
        while (!in.atEnd()) {
            long seq = in.varint();
            int len = in.count();
            items.add(new Item(seq, EntryCodec.decodeEntry(in.slice(len))));
        }
        return items;
    }

    private static byte[] inflate(byte[] payload) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(payload, 1, payload.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4);
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                int k = inflater.inflate(buf);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("block is truncated");
                }
                out.write(buf, 0, k);
                if (out.size() > MAX_BODY) {
                    throw new IllegalArgumentException("block inflates beyond " + MAX_BODY + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("block is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
