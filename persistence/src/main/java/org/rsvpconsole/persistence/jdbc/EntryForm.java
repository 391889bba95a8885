package org.rsvpconsole.persistence.jdbc;

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

    /** The entry's type name, as the store's lists show it (e.g. "PathState", "OperatorAction"). */
    public static String kind(HistoryEntry entry) {
        return Entries.kind(entry);
    }

    /** The entry in one line, as the store's lists show it. */
    public static String summary(HistoryEntry entry) {
        return Entries.summary(entry);
    }
}
