package org.rsvpconsole.engine.time;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} in real time on one platform thread of its own: the event loop of a node on a real network
 * (engine.rawip). Other threads hand work to it with {@link #execute}; a start action runs first on the thread
 * (e.g. entering a network namespace, which is per thread on Linux).
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    /**
     * @param name        the thread's name
     * @param threadStart runs once on the new thread before any task
     */
    public RealTimeScheduler(String name, Runnable threadStart) {
        CountDownLatch started = new CountDownLatch(1);
        this.executor = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name(name)
            .unstarted(() -> {
                thread = Thread.currentThread();
                try {
                    threadStart.run();
                } finally {
                    started.countDown();
                }
                r.run();
            }));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True on the scheduler's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nowNanos() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        long due = System.nanoTime() + Math.max(0, delayNanos);
        ScheduledFuture<?> f = executor.schedule(logged(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return new Timer() {
            @Override
            public boolean cancel() {
                return f.cancel(false);
            }

            @Override
            public boolean isPending() {
                return !f.isDone();
            }

            @Override
            public long dueNanos() {
                return due;
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(logged(task));
    }

    /** A failing task is logged, not swallowed by the executor's future, and the loop goes on. */
    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(RealTimeScheduler.class.getName()).log(System.Logger.Level.ERROR,
                    "task failed on " + Thread.currentThread().getName(), e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
