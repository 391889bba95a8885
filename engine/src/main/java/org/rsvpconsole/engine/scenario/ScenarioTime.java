package org.rsvpconsole.engine.scenario;

import java.math.BigDecimal;
import java.util.Map;
import org.rsvpconsole.engine.topology.LinkUnits;

/**
 * Times and durations of scenario files: a number with a unit, {@code 0s}, {@code 1.5s}, {@code 250ms}, {@code 2m}
 * (minutes: a scenario has no use for milli-anything written m), {@code 1h}; a bare {@code 0} is zero.
 */
public final class ScenarioTime {

    /** The longest scenario time accepted: a week of virtual time is already unusual. */
    public static final long MAX_NANOS = 7L * 24 * 3_600_000_000_000L;

    static final String HINT = "write a time with its unit, like 0s, 1.5s, 250ms, 2m or 1h";

    private ScenarioTime() {
    }

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "ms", 1_000_000L,
        "s", 1_000_000_000L, "m", 60_000_000_000L, "min", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** Parses a time into nanoseconds. */
    public static long parseNanos(String text) {
        return LinkUnits.parseDuration(text, UNITS, MAX_NANOS, "a week", "time", HINT);
    }

    /** Formats nanoseconds as the parser reads them: {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        return LinkUnits.nanosInLargestUnit(nanos)
            .orElse(BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(1000)).toPlainString() + "us");
    }
}
