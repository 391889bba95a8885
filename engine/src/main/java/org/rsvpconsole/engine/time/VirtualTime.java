package org.rsvpconsole.engine.time;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A deterministic discrete-event scheduler: virtual time stands still while a task runs and jumps to the next
 * due task between tasks, so a simulated hour of soft-state refreshes takes milliseconds and every run with the
 * same inputs executes the same tasks in the same order.
 *
 * <p>Tasks are ordered by (due time, scheduling sequence): tasks due at the same instant run first in, first out.
 * The pending set is a binary heap of the timer handles themselves, each knowing its heap slot, so scheduling and
 * cancelling are O(log n), a cancelled task is unlinked at once (no tombstones pile up when refresh timers are
 * re-armed) and a pending timer costs one small object plus one array slot (about 44 bytes with compressed
 * references; see {@code VirtualTimeTest#pendingTimersAreSmall}).
 *
 * <p>Single-threaded: one thread schedules and runs tasks. {@link PacedVirtualTime} owns such a thread and
 * accepts work from others. A task that throws propagates out of the {@code run...} call that ran it; the clock
 * then stands at that task's due time and the remaining tasks stay scheduled.
 */
public final class VirtualTime implements Scheduler {

    private static final Entry[] EMPTY = new Entry[0];

    private Entry[] heap = EMPTY;
    private int size;
    private long now;
    private long sequence;
    private long executed;

    /** A clock starting at time 0. */
    public VirtualTime() {
        this(0);
    }

    /** A clock starting at {@code startNanos}. */
    public VirtualTime(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nowNanos() {
        return now;
    }

    /** The current time as a duration since time 0 (handy in assertions and logs). */
    public Duration now() {
        return Duration.ofNanos(now);
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        long due = delayNanos <= 0 ? now : now + delayNanos;
        if (due < now) {
            due = Long.MAX_VALUE; // overflow: "never" in practice
        }
        return scheduleAt(due, task);
    }

    /** Schedules {@code task} at an absolute time; a time in the past means now. */
    public Timer scheduleAt(long dueNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        Entry e = new Entry(this, Math.max(dueNanos, now), sequence++, task);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, Math.max(16, size + (size >> 1)));
        }
        siftUp(size++, e);
        return e;
    }

    @Override
    public void execute(Runnable task) {
        scheduleAt(now, task);
    }

    /** Number of tasks waiting to run. */
    public int pendingCount() {
        return size;
    }

    /** Due time of the next task, or {@link Long#MAX_VALUE} when nothing is pending. */
    public long nextDueNanos() {
        return size == 0 ? Long.MAX_VALUE : heap[0].due;
    }

    /** Number of tasks run since this clock was created. */
    public long executedCount() {
        return executed;
    }

    /**
     * Runs the next task, advancing the clock to its due time.
     *
     * @return false if nothing was pending
     */
    public boolean runNext() {
        if (size == 0) {
            return false;
        }
        Entry e = heap[0];
        removeAt(0);
        now = e.due;
        Runnable task = e.task;
        e.task = null;
        executed++;
        task.run();
        return true;
    }

    /**
     * Runs every task due at or before {@code nanos} (including tasks those tasks schedule within the window), then
     * sets the clock to {@code nanos}.
     *
     * @return the number of tasks run
     */
    public long runUntil(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("cannot run back in time: now " + now + " ns, asked " + nanos + " ns");
        }
        long before = executed;
        while (size > 0 && heap[0].due <= nanos) {
            runNext();
        }
        now = nanos;
        return executed - before;
    }

    /** Runs for {@code d} of virtual time: {@code runUntil(now + d)}. */
    public long runFor(Duration d) {
        long nanos = Scheduler.saturatedNanos(d);
        if (nanos < 0) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        long target = now + nanos;
        return runUntil(target < now ? Long.MAX_VALUE : target);
    }

    /**
     * Runs tasks until none is pending. Soft state re-arms its timers forever, so this is for settling bounded work
     * (e.g. delivering messages in flight); {@code maxTasks} catches a loop that never settles.
     *
     * @return the number of tasks run
     * @throws IllegalStateException if tasks are still pending after {@code maxTasks} tasks
     */
    public long runUntilIdle(long maxTasks) {
        long count = 0;
        while (size > 0) {
            if (count == maxTasks) {
                throw new IllegalStateException("still " + size + " tasks pending after running " + maxTasks
                    + " tasks (virtual time " + now() + "); something re-arms timers forever: use runFor/runUntil");
            }
            runNext();
            count++;
        }
        return count;
    }

    @Override
    public String toString() {
        return "VirtualTime[now=" + now() + ", pending=" + size + "]";
    }

    // --- binary heap of entries ordered by (due, seq); each entry records its slot for O(log n) removal

    private static boolean before(Entry a, Entry b) {
        return a.due < b.due || (a.due == b.due && a.seq < b.seq);
    }

    private void siftUp(int i, Entry e) {
        Entry[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = h[parent];
            if (!before(e, p)) {
                break;
            }
            h[i] = p;
            p.index = i;
            i = parent;
        }
        h[i] = e;
        e.index = i;
    }

    private void siftDown(int i, Entry e) {
        Entry[] h = heap;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Entry c = h[child];
            int right = child + 1;
            if (right < size && before(h[right], c)) {
                child = right;
                c = h[child];
            }
            if (!before(c, e)) {
                break;
            }
            h[i] = c;
            c.index = i;
            i = child;
        }
        h[i] = e;
        e.index = i;
    }

    private void removeAt(int i) {
        Entry removed = heap[i];
        removed.index = -1;
        int last = --size;
        Entry moved = heap[last];
        heap[last] = null;
        if (i != last) {
            siftDown(i, moved);
            if (heap[i] == moved) {
                siftUp(i, moved);
            }
        }
        if (heap.length > 64 && size < heap.length >>> 2) {
            heap = Arrays.copyOf(heap, heap.length >>> 1); // give memory back after a burst
        }
    }

    /** A pending task and its handle in one object, to keep millions of pending timers cheap. */
    private static final class Entry implements Timer {
        private final VirtualTime owner;
        private final long due;
        private final long seq;
        private Runnable task;
        private int index = -1;

        Entry(VirtualTime owner, long due, long seq, Runnable task) {
            this.owner = owner;
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (index < 0) {
                return false;
            }
            owner.removeAt(index);
            task = null;
            return true;
        }

        @Override
        public boolean isPending() {
            return index >= 0;
        }

        @Override
        public long dueNanos() {
            return due;
        }

        @Override
        public String toString() {
            return "Timer[due=" + due + "ns" + (index >= 0 ? ", pending" : "") + "]";
        }
    }
}
