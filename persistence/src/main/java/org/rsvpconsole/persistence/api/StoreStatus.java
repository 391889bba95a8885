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
 * @param waitingMillis how long entries have been waiting without a commit (0 when none wait)
 */
public record StoreStatus(int buffered, int capacity, long committed, long lost, String failure,
                         long waitingMillis) {

    /** Waiting this long without a commit means the store has fallen behind (commits come every 100 ms). */
    public static final long BEHIND_MILLIS = 1000;

    /** The status without the waiting time (as before it was tracked). */
    public StoreStatus(int buffered, int capacity, long committed, long lost, String failure) {
        this(buffered, capacity, committed, lost, failure, 0);
    }

    /**
     * True when the writer is not keeping up: a tenth of the buffer is in use, or entries have waited a second
     * without a commit. Nothing is lost yet; if it goes on, the buffer fills and entries are refused (and counted).
     */
    public boolean behind() {
        return buffered >= Math.max(1, capacity / 10) || waitingMillis >= BEHIND_MILLIS;
    }

    /** True when the store is behind, something was lost, or the writer failed: the console shows a warning. */
    public boolean degraded() {
        return buffered >= capacity || lost > 0 || failure != null || behind();
    }

    /** The warning for the operator, or null when all is well. */
    public String message() {
        if (failure != null) {
            return "history recording failed: " + failure + " (" + buffered + " entries waiting, " + lost
                + " lost)";
        }
        if (lost > 0) {
            return "history store fell behind: " + lost + " entries could not be recorded (the loss is noted in"
                + " the history)";
        }
        if (behind()) {
            return "history store is falling behind: " + buffered + " of " + capacity + " entries waiting"
                + (waitingMillis > 0 ? ", " + waitingMillis + " ms without a commit" : "");
        }
        return null;
    }
}
