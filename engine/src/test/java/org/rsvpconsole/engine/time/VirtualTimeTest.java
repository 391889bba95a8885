package org.rsvpconsole.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new ArrayList<>();

    private Runnable record(String what) {
        return () -> log.add(what + "@" + time.nowNanos());
    }

    @Test
    void runsTasksInDueOrderAndAdvancesTheClockToEachDueTime() {
        time.schedule(30, record("c"));
        time.schedule(10, record("a"));
        time.schedule(20, record("b"));

        assertEquals(3, time.runUntil(100));
        assertEquals(List.of("a@10", "b@20", "c@30"), log);
        assertEquals(100, time.nowNanos());
    }

    @Test
    void tasksDueAtTheSameTimeRunFirstInFirstOut() {
        for (int i = 0; i < 50; i++) {
            time.schedule(5, record("t" + i));
        }
        time.execute(record("now1"));
        time.execute(record("now2"));
        time.runUntil(5);
        assertEquals("now1@0", log.get(0));
        assertEquals("now2@0", log.get(1));
        for (int i = 0; i < 50; i++) {
            assertEquals("t" + i + "@5", log.get(i + 2));
        }
    }

    @Test
    void runUntilStopsAtTheLimitAndLeavesLaterTasksPending() {
        time.schedule(10, record("a"));
        time.schedule(11, record("b"));
        assertEquals(1, time.runUntil(10));
        assertEquals(List.of("a@10"), log);
        assertEquals(1, time.pendingCount());
        assertEquals(11, time.nextDueNanos());
    }

    @Test
    void tasksScheduledWhileRunningRunInTheSameWindow() {
        time.schedule(10, () -> {
            log.add("outer@" + time.nowNanos());
            time.schedule(5, record("inner"));
            time.execute(record("sameTime"));
        });
        time.runUntil(15);
        assertEquals(List.of("outer@10", "sameTime@10", "inner@15"), log);
    }

    @Test
    void cancelledTimersDoNotRunAndAreRemovedAtOnce() {
        Timer a = time.schedule(10, record("a"));
        Timer b = time.schedule(20, record("b"));
        Timer c = time.schedule(30, record("c"));
        assertTrue(b.isPending());
        assertTrue(b.cancel());
        assertFalse(b.cancel(), "second cancel reports nothing to cancel");
        assertFalse(b.isPending());
        assertEquals(2, time.pendingCount());
        time.runUntil(100);
        assertEquals(List.of("a@10", "c@30"), log);
        assertFalse(a.isPending());
        assertFalse(a.cancel(), "a timer that ran cannot be cancelled");
        assertEquals(30, c.dueNanos());
    }

    @Test
    void aTaskCanCancelAnotherDueAtTheSameTime() {
        Timer[] second = new Timer[1];
        time.schedule(10, () -> {
            log.add("first");
            second[0].cancel();
        });
        second[0] = time.schedule(10, record("second"));
        time.runUntil(10);
        assertEquals(List.of("first"), log);
    }

    @Test
    void randomScheduleAndCancelMatchesAReferenceOrder() {
        // Model check: the heap with arbitrary removals must yield exactly (due, seq) order of the survivors.
        SplittableRandom rnd = new SplittableRandom(42);
        List<long[]> expected = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long due = rnd.nextLong(1000);
            long id = i;
            timers.add(time.schedule(due, () -> ran.add(id)));
            expected.add(new long[] {due, id});
        }
        for (int i = 0; i < 8_000; i++) {
            int victim = rnd.nextInt(timers.size());
            if (timers.get(victim).cancel()) {
                expected.set(victim, null);
            }
        }
        expected.removeIf(e -> e == null);
        expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        time.runUntilIdle(1_000_000);
        assertEquals(expected.size(), ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(expected.get(i)[1], ran.get(i), "task at position " + i);
        }
    }

    @Test
    void twoRunsWithTheSameInputsExecuteIdentically() {
        assertEquals(trace(7), trace(7));
    }

    private static List<String> trace(long seed) {
        VirtualTime t = new VirtualTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int id = i;
            t.schedule(rnd.nextLong(1_000_000), new Runnable() {
                int hops;

                @Override
                public void run() {
                    out.add(id + ":" + t.nowNanos());
                    if (hops++ < 5) {
                        t.schedule(rnd.nextLong(1_000_000), this);
                    }
                }
            });
        }
        t.runUntilIdle(10_000);
        return out;
    }

    @Test
    void runForAndNowUseDurations() {
        time.schedule(Duration.ofSeconds(30), record("refresh"));
        assertEquals(0, time.runFor(Duration.ofSeconds(29)));
        assertEquals(Duration.ofSeconds(29), time.now());
        assertEquals(1, time.runFor(Duration.ofSeconds(1)));
        assertEquals(List.of("refresh@30000000000"), log);
    }

    @Test
    void negativeDelaysMeanNowAndHugeDelaysDoNotOverflow() {
        time.runUntil(100);
        Timer late = time.schedule(-50, record("late"));
        assertEquals(100, late.dueNanos());
        Timer never = time.schedule(Long.MAX_VALUE, record("never"));
        assertEquals(Long.MAX_VALUE, never.dueNanos());
        Timer clamped = time.schedule(Duration.ofDays(365L * 1_000), record("never2"));
        assertEquals(Long.MAX_VALUE, clamped.dueNanos());
        time.runUntil(1_000);
        assertEquals(List.of("late@100"), log);
    }

    @Test
    void runningBackInTimeIsRefused() {
        time.runUntil(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> time.runUntil(5));
        assertTrue(e.getMessage().contains("back in time"), e.getMessage());
    }

    @Test
    void runUntilIdleStopsAtTheLimitWhenTimersReArmForever() {
        Runnable[] refresh = new Runnable[1];
        refresh[0] = () -> time.schedule(Duration.ofSeconds(30), refresh[0]);
        time.execute(refresh[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> time.runUntilIdle(100));
        assertTrue(e.getMessage().contains("after running 100 tasks"), e.getMessage());
        assertEquals(100, time.executedCount());
    }

    @Test
    void aFailingTaskPropagatesAndLeavesTheRestScheduled() {
        time.schedule(10, () -> {
            throw new IllegalStateException("boom");
        });
        time.schedule(20, record("after"));
        assertThrows(IllegalStateException.class, () -> time.runUntil(100));
        assertEquals(10, time.nowNanos());
        time.runUntil(100);
        assertEquals(List.of("after@20"), log);
    }

    @Test
    void runNextReportsAnEmptyQueue() {
        assertFalse(time.runNext());
        assertEquals(Long.MAX_VALUE, time.nextDueNanos());
    }

    @Test
    void millionsOfPendingTimersRunInOrderQuickly() {
        int n = 2_000_000;
        SplittableRandom rnd = new SplittableRandom(1);
        long[] last = {-1};
        long[] count = {0};
        Runnable check = () -> {
            assertTrue(time.nowNanos() >= last[0]);
            last[0] = time.nowNanos();
            count[0]++;
        };
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            time.schedule(rnd.nextLong(3_600_000_000_000L), check);
        }
        assertEquals(n, time.pendingCount());
        time.runUntilIdle(n);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(n, count[0]);
        // An hour of virtual time with 2 M events: far faster than real time even on a loaded 2-core machine.
        assertTrue(wallMs < 60_000, "took " + wallMs + " ms");
    }

    @Test
    void pendingTimersAreSmall() {
        int n = 1_000_000;
        Runnable shared = () -> { };
        List<Timer> keep = new ArrayList<>(n); // callers keep handles; measure the scheduler's share only
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            keep.add(time.schedule(i, shared));
        }
        long after = usedHeap();
        double perTimer = (after - before - 4.0 * n) / n; // minus the test's own list slots
        System.out.printf("VirtualTime: %.1f bytes per pending timer%n", perTimer);
        assertEquals(n, keep.size());
        assertTrue(perTimer < 80, perTimer + " bytes per pending timer");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
