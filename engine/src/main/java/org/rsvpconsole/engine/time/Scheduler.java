package org.rsvpconsole.engine.time;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The clock and timer service of one event loop: everything a node's state machine knows about time.
 *
 * <p>A node never reads the system clock or starts threads; it asks its scheduler. All tasks of one scheduler run
 * on one thread, one at a time, so node state needs no locks. The same node code then runs in virtual time
 * ({@link VirtualTime}: tests, simulation, replay; {@link PacedVirtualTime}: the console's embedded network in step
 * with the wall clock) and, later, in real time on a Netty event loop, whose {@code schedule}/{@code execute}
 * methods this interface mirrors.
 *
 * <p>Methods are called from the scheduler's own thread only (the thread that runs its tasks).
 */
public interface Scheduler extends Executor {

    /** The current time of this loop in nanoseconds; only differences are meaningful (like {@code nanoTime}). */
    long nowNanos();

    /**
     * Runs {@code task} once, {@code delayNanos} from now (a negative delay counts as zero). Tasks due at the same
     * time run in the order they were scheduled.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Timer schedule(long delayNanos, Runnable task);

    /** {@link #schedule(long, Runnable)} with a {@link Duration}; delays beyond ~292 years are clamped. */
    default Timer schedule(Duration delay, Runnable task) {
        return schedule(saturatedNanos(delay), task);
    }

    /** Runs {@code task} as soon as possible on this loop, after the tasks already due now. */
    @Override
    void execute(Runnable task);

    /** {@link Duration#toNanos()} clamped to the long range instead of throwing. */
    static long saturatedNanos(Duration d) {
        if (d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (d.getSeconds() <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return d.toNanos();
    }
}
