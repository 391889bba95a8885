package org.rsvpconsole.engine.time;

import java.util.concurrent.locks.LockSupport;

/**
 * The real clock a {@link PacedVirtualTime} follows, and how its thread waits for it. Tests substitute a fake whose
 * {@link #parkNanos} simply moves its time forward, so pacing is tested without sleeping.
 */
public interface WallClock {

    /** Monotonic wall time in nanoseconds (only differences matter). */
    long nanoTime();

    /** Waits up to {@code nanos}; may return early, e.g. when the pacing thread is unparked for new work. */
    void parkNanos(long nanos);

    /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    static WallClock system() {
        return SystemWallClock.INSTANCE;
    }

    /** The system clock. */
    enum SystemWallClock implements WallClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    }
}
