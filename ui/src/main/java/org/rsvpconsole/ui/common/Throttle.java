package org.rsvpconsole.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a table's events back between redraws: a table redraws its visible rows (cells, CSS, layout) on every change
 * whatever the change's size, so at hundreds of events a second it follows them a few times a second, with all the
 * events since the last time, instead of on every pulse. FX thread only.
 *
 * @param <T> what is held
 */
public final class Throttle<T> {

    private final List<T> pending = new ArrayList<>();
    private long periodNanos;
    private long last = Long.MIN_VALUE;

    /** 0 (the default) lets everything through at once. */
    public void setPeriodNanos(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** Drops what is held (the view was reset: replay refills it). */
    public void clear() {
        pending.clear();
        last = Long.MIN_VALUE;
    }

    /** Adds {@code items}; returns everything held when a period has passed since the last release, else nothing. */
    public List<T> offer(List<? extends T> items, long nowNanos) {
        if (periodNanos == 0 && pending.isEmpty()) {
            last = nowNanos;
            return List.copyOf(items);
        }
        pending.addAll(items);
        if (pending.isEmpty() || (last != Long.MIN_VALUE && nowNanos - last < periodNanos)) {
            return List.of();
        }
        last = nowNanos;
        List<T> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }
}
