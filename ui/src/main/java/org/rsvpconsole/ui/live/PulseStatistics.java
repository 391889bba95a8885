package org.rsvpconsole.ui.live;

import java.util.Arrays;

/** Time spent applying engine batches per pulse, for the status bar and the pulse benchmark. FX thread only. */
public final class PulseStatistics {

    private static final int WINDOW = 4096;
    private final long[] nanos = new long[WINDOW];
    private int count;
    private long events;

    void record(long pulseNanos, int eventCount) {
        nanos[count % WINDOW] = pulseNanos;
        count++;
        events += eventCount;
    }

    public int pulses() {
        return count;
    }

    public long events() {
        return events;
    }

    /** Mean over the last window of pulses, milliseconds. */
    public double meanMillis() {
        int n = Math.min(count, WINDOW);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += nanos[i];
        }
        return n == 0 ? 0 : sum / (double) n / 1e6;
    }

    /** A percentile (0..100) over the last window of pulses, milliseconds. */
    public double percentileMillis(double p) {
        int n = Math.min(count, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(nanos, n);
        Arrays.sort(copy);
        int i = (int) Math.min(n - 1, Math.ceil(p / 100.0 * n) - 1);
        return copy[Math.max(0, i)] / 1e6;
    }
}
