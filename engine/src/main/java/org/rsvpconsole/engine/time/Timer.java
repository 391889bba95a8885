package org.rsvpconsole.engine.time;

/**
 * A task scheduled on a {@link Scheduler}. Cancelling is cheap and frees the task at once, so a state machine may
 * cancel and re-arm timers freely (e.g. on every refresh).
 */
public interface Timer {

    /**
     * Cancels the task if it has not run yet.
     *
     * @return true if this call cancelled it; false if it had already run or been cancelled
     */
    boolean cancel();

    /** True until the task has run or been cancelled. */
    boolean isPending();

    /** The time ({@link Scheduler#nowNanos()} scale) at which the task runs or ran. */
    long dueNanos();
}
