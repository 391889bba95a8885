package org.rsvpconsole.engine.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations of scenario files: a number with a unit, {@code 0s}, {@code 1.5s}, {@code 250ms}, {@code 2m}
 * (minutes: a scenario has no use for milli-anything written m), {@code 1h}; a bare {@code 0} is zero.
 */
public final class ScenarioTime {

    /** The longest scenario time accepted: a week of virtual time is already unusual. */
    public static final long MAX_NANOS = 7L * 24 * 3_600_000_000_000L;

    static final String HINT = "write a time with its unit, like 0s, 1.5s, 250ms, 2m or 1h";

    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*([a-z]*)");

    private ScenarioTime() {
    }

    /** Parses a time into nanoseconds. */
    public static long parseNanos(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time; " + HINT);
        }
        BigDecimal value = new BigDecimal(m.group(1));
        long scale = switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> {
                if (value.signum() == 0) {
                    yield 1L;
                }
                throw new IllegalArgumentException("'" + text + "' has no unit; " + HINT);
            }
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2) + "'; "
                + HINT);
        };
        BigDecimal nanos = value.multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(BigDecimal.valueOf(MAX_NANOS)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a week; " + HINT);
        }
        return nanos.longValueExact();
    }

    /** Formats nanoseconds as the parser reads them: {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String[] units = {"s", "ms", "us"};
        long[] scales = {1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (nanos >= scales[i]) {
                BigDecimal v = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(scales[i]));
                if (v.scale() <= 3) {
                    return v.stripTrailingZeros().toPlainString() + units[i];
                }
            }
        }
        return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(1000)).toPlainString() + "us";
    }
}
