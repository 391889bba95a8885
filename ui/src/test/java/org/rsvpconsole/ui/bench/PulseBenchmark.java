package org.rsvpconsole.ui.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.live.PulseStatistics;
import org.rsvpconsole.ui.shell.Console;
import org.rsvpconsole.ui.shell.ConsoleWindow;

/**
 * The pulse benchmark (docs/BENCHMARKS.md; not a timed test): the console on the real engine running a generated
 * 200-router network ({@link BenchmarkNetwork}: ~10,000 reservations, ~1,000 events per second, on the engine's own
 * thread), measured on real JavaFX pulses.
 *
 * <p>Per pulse it records: the FX thread's work (from the first animation timer of the pulse to the end of layout:
 * the pump, the view models, CSS and layout; rendering then happens on the render thread), the time in the event
 * pump and view models alone, and the interval between pulses (dropped frames show as intervals above 16.7 ms).
 * At the end it prints the distributions and the process's memory (heap after GC, resident set size).
 *
 * <p>Arguments (all optional): routers sessions callsPerSecond refreshSeconds warmupSeconds measureSeconds
 * (defaults 200 2500 3 45 30 60).
 * Run through {@code build/pulse-benchmark.sh}.
 */
public final class PulseBenchmark {

    private static final int MAX = 1 << 17;

    private final long[] work = new long[MAX];
    private final long[] interval = new long[MAX];
    private int n;
    private long pulseStart;
    private long lastStart;
    private boolean recording;

    private PulseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(args));
        System.exit(0);
    }

    /** Runs the benchmark and returns the report. */
    public static String run(String[] args) throws Exception {
        int routers = arg(args, 0, 200);
        int sessions = arg(args, 1, 2_500);
        int callsPerSecond = arg(args, 2, 3);
        int refresh = arg(args, 3, 45);
        int warmup = arg(args, 4, 30);
        int measure = arg(args, 5, 60);
        PulseBenchmark b = new PulseBenchmark();
        AtomicLong events = new AtomicLong();
        VirtualLiveNetwork network = BenchmarkNetwork.create(routers, sessions, callsPerSecond,
            Duration.ofSeconds(refresh), events);
        CountDownLatch shown = new CountDownLatch(1);
        ConsoleWindow[] window = new ConsoleWindow[1];
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Stage stage = new Stage();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    b.pulseBegins();
                }
            }.start();
            Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/console-benchmark");
            try {
                prefs.clear();
            } catch (java.util.prefs.BackingStoreException e) {
                // fresh layout is only a preference
            }
            window[0] = Console.show(stage, network, prefs);
            stage.setWidth(1600);
            stage.setHeight(1000);
            stage.getScene().addPostLayoutPulseListener(b::pulseLaidOut);
            shown.countDown();
        });
        shown.await();
        network.start();
        Thread.sleep(warmup * 1000L);
        long published0 = events.get();
        int pumped0 = onFx(() -> window[0].pumpStatistics().pulses());
        onFx(() -> {
            b.recording = true;
            return null;
        });
        // -Dbenchmark.jfr=FILE records the measured part with JFR's profiling settings (where the FX thread spends
        // its time: `jfr print --events jdk.ExecutionSample FILE`).
        String jfr = System.getProperty("benchmark.jfr");
        Recording recording = jfr == null ? null : new Recording(Configuration.getConfiguration("profile"));
        if (recording != null) {
            recording.start();
        }
        long t0 = System.nanoTime();
        Thread.sleep(measure * 1000L);
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
        }
        onFx(() -> {
            b.recording = false;
            return null;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long published = events.get() - published0;
        PulseStatistics pump = onFx(() -> window[0].pumpStatistics());
        int rows = onFx(() -> window[0].model().tables().reservations().size());
        int onLinks = network.snapshot().get(30, TimeUnit.SECONDS).directions().stream()
            .mapToInt(d -> d.reservations().size()).sum();
        String report = b.report(routers, sessions, callsPerSecond, refresh, seconds, published, onLinks, pump,
            onFx(() -> pump.pulses()) - pumped0, rows);
        onFx(() -> {
            window[0].close();
            return null;
        });
        network.close();
        Platform.exit();
        return report;
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> t = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(t);
        return t.get(30, TimeUnit.SECONDS);
    }

    private void pulseBegins() {
        long now = System.nanoTime();
        if (recording && lastStart != 0 && n < MAX) {
            interval[n] = now - lastStart;
        }
        lastStart = now;
        pulseStart = now;
    }

    private void pulseLaidOut() {
        if (recording && pulseStart != 0 && n < MAX) {
            work[n] = System.nanoTime() - pulseStart;
            if (interval[n] == 0) {
                interval[n] = 16_666_667L;
            }
            n++;
        }
        pulseStart = 0;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
        return sorted[i] / 1e6;
    }

    private static double mean(long[] v) {
        return v.length == 0 ? 0 : Arrays.stream(v).average().orElse(0) / 1e6;
    }

    private String report(int routers, int sessions, int calls, int refresh, double seconds, long published,
                          int onLinks, PulseStatistics pump, int pumpPulses, int rows) throws IOException {
        long[] w = Arrays.copyOf(work, n);
        long[] iv = Arrays.copyOf(interval, n);
        Arrays.sort(w);
        Arrays.sort(iv);
        long over = Arrays.stream(iv).filter(x -> x > 25_000_000L).count();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        String rss = rss();
        return String.format(Locale.ROOT, """
            Pulse benchmark, %s, %d cores, Java %s, %s
              load: the engine on %d routers (and a host each), %d standing sessions, %d calls/s, R = %d s:
                %.0f events/s delivered, %d reservations on link directions at the end
              measured: %.1f s, %d pulses (%.1f per second), %d reservation rows in the table
              FX thread work per pulse (pump + view models + CSS + layout): mean %.2f ms, p50 %.2f, p99 %.2f,
                max %.2f ms
              pump and view models alone (last %d pulses): mean %.2f ms, p99 %.2f ms
              interval between pulses: mean %.2f ms, p99 %.2f ms, %d of %d above 25 ms (dropped frames)
              memory: heap used after GC %d MB, resident set %s
            """, LocalDate.now(), rt.availableProcessors(), System.getProperty("java.version"), load(), routers,
            sessions, calls, refresh, published / seconds, onLinks, seconds, n, n / seconds, rows, mean(w),
            percentile(w, 50), percentile(w, 99), percentile(w, 100), Math.min(pump.pulses(), 4096), pump.meanMillis(),
            pump.percentileMillis(99), mean(iv), percentile(iv, 99), over, n, heap >> 20, rss);
    }

    private static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static String rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
            .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
    }
}
