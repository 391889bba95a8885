package org.rsvpconsole.persistence.jdbc;

import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * The stored form of one history entry ({@link EntryCodec}) for carriers other than the store's blocks: the export
 * file's lines and the daemons' management channel (docs/management.md). One encoding for entries everywhere.
 */
public final class EntryForm {

    private EntryForm() {
    }

    public static byte[] encode(HistoryEntry entry) {
        return EntryCodec.encode(entry);
    }

    /**
     * The entry {@code bytes} hold.
     *
     * @throws IllegalArgumentException the bytes are not a valid entry (never anything else, whatever the bytes)
     */
    public static HistoryEntry decode(byte[] bytes) {
        return EntryCodec.decodeEntry(bytes);
    }

    /**
     * The engine event of an {@code Engine} entry's stored form with its time replaced by {@code timeNanos}: a
     * console showing many daemons puts their events (each on its own daemon's clock) on one clock.
     *
     * @throws IllegalArgumentException the bytes are not a valid engine entry
     */
    public static RsvpEvent eventAt(byte[] bytes, long timeNanos) {
        if (bytes.length < 18 || bytes[0] != 1) {
            throw new IllegalArgumentException("not an engine entry");
        }
        // [ENGINE][i64 wall time][event tag][i64 event time]... (EntryCodec.write and head).
        byte[] b = bytes.clone();
        for (int i = 0; i < 8; i++) {
            b[10 + i] = (byte) (timeNanos >>> (56 - 8 * i));
        }
        if (EntryCodec.decodeEntry(b) instanceof HistoryEntry.Engine g) {
            return g.event();
        }
        throw new IllegalArgumentException("not an engine entry");
    }

    /** The entry's type name, as the store's lists show it (e.g. "PathState", "OperatorAction"). */
    public static String kind(HistoryEntry entry) {
        return Entries.kind(entry);
    }

    /** The entry in one line, as the store's lists show it. */
    public static String summary(HistoryEntry entry) {
        return Entries.summary(entry);
    }
}
