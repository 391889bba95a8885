package org.rsvpconsole.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacedVirtualTimeTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** A wall clock that only moves when told to, or when the pacing thread "parks" on it. */
    static final class FakeWall implements WallClock {
        final AtomicLong now = new AtomicLong(1_000 * S);

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkNanos(long nanos) {
            now.addAndGet(nanos);
        }

        void advance(long nanos) {
            now.addAndGet(nanos);
        }
    }

    private final FakeWall wall = new FakeWall();
    private final VirtualTime time = new VirtualTime();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private PacedVirtualTime paced(double speed) {
        return new PacedVirtualTime(time, wall, speed, failures::add);
    }

    private Runnable record(String what) {
        return () -> log.add(what + "@" + time.nowNanos() / MS + "ms");
    }

    @Test
    void virtualTimeFollowsTheWallClockAtTheChosenSpeed() {
        PacedVirtualTime p = paced(10);
        time.schedule(1 * S, record("a"));
        time.schedule(3 * S, record("b"));

        wall.advance(99 * MS);
        p.advance();
        assertEquals(List.of(), log);
        assertEquals(990 * MS, p.virtualNowNanos());

        wall.advance(1 * MS);
        p.advance();
        assertEquals(List.of("a@1000ms"), log);

        wall.advance(200 * MS);
        p.advance();
        assertEquals(List.of("a@1000ms", "b@3000ms"), log);
        assertEquals(3 * S, time.nowNanos());
    }

    @Test
    void pauseFreezesVirtualTimeAndResumeContinuesWithoutAJump() {
        PacedVirtualTime p = paced(1);
        time.schedule(2 * S, record("due"));
        wall.advance(1 * S);
        p.advance();
        p.pause();
        wall.advance(60 * S);
        p.advance();
        assertEquals(1 * S, time.nowNanos(), "paused: a minute of wall time is no virtual time");
        assertEquals(List.of(), log);
        assertTrue(p.isPaused());

        p.resume();
        wall.advance(999 * MS);
        p.advance();
        assertEquals(List.of(), log);
        wall.advance(1 * MS);
        p.advance();
        assertEquals(List.of("due@2000ms"), log);
    }

    @Test
    void changingSpeedKeepsTheVirtualTimeReached() {
        PacedVirtualTime p = paced(1);
        wall.advance(2 * S);
        p.advance();
        assertEquals(2 * S, time.nowNanos());
        p.setSpeed(1000);
        wall.advance(1 * S);
        p.advance();
        assertEquals(1002 * S, time.nowNanos());
        p.setSpeed(0.5);
        wall.advance(2 * S);
        p.advance();
        assertEquals(1003 * S, time.nowNanos());
        assertEquals(0.5, p.speed());
    }

    @Test
    void postedWorkRunsAtTheCurrentVirtualTimeInOrderEvenWhilePaused() throws Exception {
        PacedVirtualTime p = paced(1);
        wall.advance(5 * S);
        p.advance();
        p.pause();
        p.post(record("first"));
        p.post(record("second"));
        CompletableFuture<Long> nowSeen = p.submit(time::nowNanos);
        assertEquals(List.of(), log, "nothing runs until the simulation thread's next step");
        p.advance();
        assertEquals(List.of("first@5000ms", "second@5000ms"), log);
        assertEquals(5 * S, nowSeen.get());
    }

    @Test
    void submitReportsTheTasksException() {
        PacedVirtualTime p = paced(1);
        CompletableFuture<Object> f = p.submit(() -> {
            throw new IllegalStateException("no such node");
        });
        p.advance();
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertEquals("no such node", e.getCause().getMessage());
    }

    @Test
    void aFailingTaskIsReportedAndTheSimulationGoesOn() {
        PacedVirtualTime p = paced(1);
        time.schedule(1 * S, () -> {
            throw new IllegalStateException("bad node");
        });
        time.schedule(2 * S, record("later"));
        wall.advance(3 * S);
        p.advance();
        assertEquals(1, failures.size());
        assertEquals("bad node", failures.get(0).getMessage());
        assertEquals(List.of("later@2000ms"), log);
        assertEquals(3 * S, time.nowNanos());
    }

    @Test
    void theThreadParksUntilTheNextTaskInWallTerms() {
        PacedVirtualTime p = paced(100);
        time.schedule(10 * S, record("x"));
        assertEquals(PacedVirtualTime.MAX_PARK_NANOS, p.parkNanos(), "far away: park at most the maximum");
        wall.advance(99 * MS);
        p.advance();
        assertEquals(1 * MS, p.parkNanos(), "0.1 s of virtual time left at x100 is 1 ms of wall time");
        p.pause();
        assertEquals(PacedVirtualTime.MAX_PARK_NANOS, p.parkNanos());
        p.post(() -> { });
        assertEquals(0, p.parkNanos(), "posted work: do not park");
    }

    @Test
    void speedsOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> paced(0));
        assertThrows(IllegalArgumentException.class, () -> paced(-1));
        assertThrows(IllegalArgumentException.class, () -> paced(Double.NaN));
        PacedVirtualTime p = paced(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.setSpeed(1e9));
        assertTrue(e.getMessage().contains("speed"), e.getMessage());
    }

    @Test
    void theSimulationThreadRunsTasksPacedByTheWallClock() throws Exception {
        PacedVirtualTime p = paced(100);
        CountDownLatch done = new CountDownLatch(1);
        long[] wallAtEvent = new long[1];
        Thread[] ranOn = new Thread[1];
        p.post(() -> time.schedule(10 * S, () -> {
            wallAtEvent[0] = wall.nanoTime();
            ranOn[0] = Thread.currentThread();
            done.countDown();
        }));
        long wallStart = wall.nanoTime();
        p.start("test-simulation");
        try {
            assertTrue(done.await(30, TimeUnit.SECONDS), "the event ran");
            assertEquals("test-simulation", ranOn[0].getName());
            // 10 s of virtual time at x100 is 100 ms of (fake) wall time: the thread parked exactly that long.
            long elapsed = wallAtEvent[0] - wallStart;
            assertTrue(Math.abs(elapsed - 100 * MS) <= 1 * MS, "wall time elapsed: " + elapsed);
        } finally {
            p.close();
        }
        assertTrue(failures.isEmpty());
    }
}
