package org.rsvpconsole.engine.time;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives a {@link VirtualTime} in step with a wall clock at a chosen speed (x1 = real time, x1000 = a simulated
 * hour in 3.6 s), pausable, on one dedicated simulation thread. This is how the console runs its embedded virtual
 * network: every node's state is touched only by the simulation thread; other threads (the UI, the command line)
 * hand work over with {@link #post} or {@link #submit} and read {@link #virtualNowNanos()}.
 *
 * <p>Virtual time {@code v} follows wall time {@code w} as {@code v = anchorVirtual + (w - anchorWall) * speed};
 * pausing, resuming and changing speed re-anchor, so virtual time never jumps. If the simulation cannot keep up,
 * virtual time lags behind the target and catches up when the load drops; {@link #lagNanos()} tells how far.
 *
 * <p>{@link #advance()} is one pacing step. The thread started by {@link #start} loops over it, parking until the
 * next task is due (in wall terms) or new work is posted. Tests call {@code advance()} directly with a fake
 * {@link WallClock}, without any thread.
 */
public final class PacedVirtualTime implements AutoCloseable {

    /** Longest single park: bounds how stale {@link #virtualNowNanos()} gets while nothing is due. */
    static final long MAX_PARK_NANOS = 50_000_000L;

    private final VirtualTime time;
    private final WallClock wall;
    private final Consumer<Throwable> taskFailures;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();

    // Guarded by lock: the pacing line and its state.
    private double speed;
    private boolean paused;
    private long anchorWall;
    private long anchorVirtual;

    private volatile long virtualNow;
    private volatile long targetNow;
    private volatile Thread thread;
    private volatile boolean stopping;

    /**
     * @param time the virtual clock to drive; from now on only the simulation thread may touch it
     * @param wall the wall clock to follow
     * @param speed virtual seconds per wall second, e.g. 1, 10, 1000
     * @param taskFailures receives exceptions thrown by simulation tasks (the simulation goes on)
     */
    public PacedVirtualTime(VirtualTime time, WallClock wall, double speed, Consumer<Throwable> taskFailures) {
        this.time = Objects.requireNonNull(time, "time");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.taskFailures = Objects.requireNonNull(taskFailures, "taskFailures");
        this.speed = checkSpeed(speed);
        this.anchorWall = wall.nanoTime();
        this.anchorVirtual = time.nowNanos();
        this.virtualNow = anchorVirtual;
        this.targetNow = anchorVirtual;
    }

    /** The driven clock. Only for code running on the simulation thread (tasks, or the test driving advance()). */
    public VirtualTime time() {
        return time;
    }

    /** Virtual time reached by the simulation, readable from any thread. */
    public long virtualNowNanos() {
        return virtualNow;
    }

    /** How far the simulation is behind its wall-clock target at the end of the last step (0 when keeping up). */
    public long lagNanos() {
        return Math.max(0, targetNow - virtualNow);
    }

    /** Hands {@code task} to the simulation thread; it runs at the current virtual time, in posting order. */
    public void post(Runnable task) {
        inbox.add(Objects.requireNonNull(task, "task"));
        wake();
    }

    /** Runs {@code call} on the simulation thread and completes the future with its result or exception. */
    public <T> CompletableFuture<T> submit(Callable<T> call) {
        Objects.requireNonNull(call, "call");
        CompletableFuture<T> result = new CompletableFuture<>();
        post(() -> {
            try {
                result.complete(call.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    /** Changes the speed from now on; virtual time reached so far is kept. */
    public void setSpeed(double newSpeed) {
        checkSpeed(newSpeed);
        synchronized (lock) {
            long w = wall.nanoTime();
            anchorVirtual = targetAt(w);
            anchorWall = w;
            speed = newSpeed;
        }
        wake();
    }

    /** Freezes virtual time. Posted work still runs (at the frozen time). */
    public void pause() {
        synchronized (lock) {
            if (!paused) {
                anchorVirtual = targetAt(wall.nanoTime());
                paused = true;
            }
        }
        wake();
    }

    /** Lets virtual time flow again from where it was paused. */
    public void resume() {
        synchronized (lock) {
            if (paused) {
                anchorWall = wall.nanoTime();
                paused = false;
            }
        }
        wake();
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /**
     * One pacing step on the simulation thread: runs posted work, then every task due up to the virtual time that
     * the wall clock has reached.
     */
    public void advance() {
        Runnable posted;
        while ((posted = inbox.poll()) != null) {
            time.execute(posted);
        }
        long target;
        synchronized (lock) {
            target = Math.max(time.nowNanos(), targetAt(wall.nanoTime()));
        }
        targetNow = target;
        while (true) {
            try {
                time.runUntil(target);
                break;
            } catch (RuntimeException | AssertionError e) {
                taskFailures.accept(e); // that task is gone; the rest of the simulation goes on
            }
        }
        virtualNow = time.nowNanos();
    }

    /** Wall nanoseconds until the next task is due at the current pace (bounded by {@link #MAX_PARK_NANOS}). */
    long parkNanos() {
        if (!inbox.isEmpty()) {
            return 0;
        }
        long next = time.nextDueNanos();
        synchronized (lock) {
            if (paused || next == Long.MAX_VALUE) {
                return MAX_PARK_NANOS;
            }
            double wallNanos = Math.ceil((next - time.nowNanos()) / speed);
            return (long) Math.min(MAX_PARK_NANOS, Math.max(0, wallNanos));
        }
    }

    /** Starts the simulation thread; from now on only that thread touches the virtual clock. */
    public synchronized void start(String threadName) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        synchronized (lock) {
            anchorVirtual = time.nowNanos(); // time spent before starting (loading a topology...) is not simulated
            anchorWall = wall.nanoTime();
        }
        Thread t = new Thread(this::loop, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** True when called on the simulation thread. */
    public boolean isSimulationThread() {
        return Thread.currentThread() == thread;
    }

    /** Stops the simulation thread after its current step and waits for it. Tasks still pending stay pending. */
    @Override
    public void close() {
        stopping = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep the caller's interrupt; the thread stops by itself
            }
        }
    }

    private void loop() {
        while (!stopping) {
            advance();
            long park = parkNanos();
            if (park > 0 && !stopping) {
                wall.parkNanos(park);
            }
        }
    }

    private long targetAt(long wallNanos) {
        if (paused) {
            return anchorVirtual;
        }
        return anchorVirtual + (long) ((wallNanos - anchorWall) * speed);
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private static double checkSpeed(double s) {
        if (!(s > 0) || Double.isInfinite(s) || s > 1_000_000) {
            throw new IllegalArgumentException("speed must be a factor above 0 and at most 1000000 (e.g. 1, 10, 1000): "
                + s);
        }
        return s;
    }
}
