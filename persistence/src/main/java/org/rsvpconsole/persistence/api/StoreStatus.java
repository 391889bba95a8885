package org.rsvpconsole.persistence.api;

/**
 * What the console shows about recording.
 *
 * @param buffered    entries waiting for the writer
 * @param capacity    the buffer's bound
 * @param committed   entries committed so far in this session of the store (the log's last id)
 * @param lost        entries refused because the buffer was full (each loss is also written as an
 *                    {@link HistoryEntry.EntriesLost} entry)
 * @param failure     the writer's last database error, or null
 */
public record StoreStatus(int buffered, int capacity, long committed, long lost, String failure) {

    /** True when the buffer is full or something was lost or failed: the console shows a warning. */
    public boolean degraded() {
        return buffered >= capacity || lost > 0 || failure != null;
    }
}
