package org.rsvpconsole.engine.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities of a topology file written the way operators write them: bandwidth in bits per second with SI
 * prefixes ({@code 100M}, {@code 800k}, {@code 1.5G}, {@code 64000}; bytes only when said: {@code 10MB/s}), delays
 * with a unit ({@code 5ms}, {@code 250us}, {@code 1.5s}) and loss as a fraction or a percentage ({@code 0.002},
 * {@code 0.2%}). Parsers throw {@link IllegalArgumentException} whose message says what to write instead.
 */
public final class LinkUnits {

    /** The largest bandwidth accepted, 1 Pbit/s: anything above is a typo. */
    public static final long MAX_BPS = 1_000_000_000_000_000L;

    static final String BANDWIDTH_HINT = "write bits per second like 100M, 800k, 1.5G or 64000"
        + " (bytes only when said, like 10MB/s)";
    static final String DELAY_HINT = "write a delay with its unit, like 5ms, 250us, 1.5s (or 0)";
    static final String BYTES_HINT = "write bytes like 1500, 2kB or 1.5MB (bits only when said, like 12kbit)";
    static final String LOSS_HINT = "write a probability like 0.002 or a percentage like 0.2%";

    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*([A-Za-z/µ%]*)");

    private LinkUnits() {
    }

    /** Parses a bandwidth into bits per second. */
    public static long parseBitsPerSecond(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a bandwidth; " + BANDWIDTH_HINT);
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2);
        long multiplier = bandwidthMultiplier(unit, text);
        BigDecimal bps = value.multiply(BigDecimal.valueOf(multiplier)).setScale(0, RoundingMode.HALF_UP);
        if (bps.compareTo(BigDecimal.valueOf(MAX_BPS)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 1 Pbit/s; " + BANDWIDTH_HINT);
        }
        return bps.longValueExact();
    }

    private static long bandwidthMultiplier(String unit, String text) {
        if (unit.isEmpty()) {
            return 1;
        }
        String rest = unit;
        long prefix = 1;
        char first = unit.charAt(0);
        switch (first) {
            case 'k', 'K' -> prefix = 1_000L;
            case 'M' -> prefix = 1_000_000L;
            case 'G' -> prefix = 1_000_000_000L;
            case 'T' -> prefix = 1_000_000_000_000L;
            case 'm' -> throw new IllegalArgumentException("'" + text + "': 'm' would be milli; use M for mega ("
                + BANDWIDTH_HINT + ")");
            default -> prefix = 1;
        }
        if (prefix != 1) {
            rest = unit.substring(1);
        }
        return switch (rest) {
            case "", "bps", "bit/s", "bits/s", "b/s" -> prefix;
            case "B/s", "Bps", "byte/s", "bytes/s" -> prefix * 8;
            case "B" -> throw new IllegalArgumentException("'" + text + "' is ambiguous; write " + text + "/s for bytes"
                + " per second or drop the B for bits per second");
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit + "'; "
                + BANDWIDTH_HINT);
        };
    }

    /**
     * Parses a size in bytes (token bucket depth b, packet sizes m and M): {@code 1500}, {@code 2kB}, {@code 1.5MB};
     * bits when said: {@code 12kbit} (rounded up to whole bytes).
     */
    public static long parseBytes(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; " + BYTES_HINT);
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2);
        long multiplier = switch (unit) {
            case "", "B", "byte", "bytes" -> 8;
            case "k", "K", "M" -> throw new IllegalArgumentException("'" + text + "' is ambiguous; write " + text
                + "B for bytes or " + text + "bit for bits");
            case "kB", "KB" -> 8_000L;
            case "MB" -> 8_000_000L;
            case "GB" -> 8_000_000_000L;
            case "bit", "bits" -> 1;
            case "kbit", "Kbit" -> 1_000L;
            case "Mbit" -> 1_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit + "'; "
                + BYTES_HINT);
        };
        BigDecimal bytes = value.multiply(BigDecimal.valueOf(multiplier)).divide(BigDecimal.valueOf(8), 0,
            RoundingMode.CEILING);
        if (bytes.compareTo(BigDecimal.valueOf(0xFFFF_FFFFL)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 4 GB; " + BYTES_HINT);
        }
        return bytes.longValueExact();
    }

    /** Formats bytes the way {@link #parseBytes} reads them: {@code 1500B}, {@code 2kB}, {@code 1.5MB}. */
    public static String formatBytes(long bytes) {
        return inLargestUnit(bytes, new String[] {"GB", "MB", "kB"}, new long[] {1_000_000_000L, 1_000_000L, 1_000L})
            .orElse(bytes + "B");
    }

    private static final Map<String, Long> DELAY_UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
        "ms", 1_000_000L, "s", 1_000_000_000L);

    /** A refresh period R (RFC 2205 §3.7): a duration from 1ms to an hour, like 30s. */
    public static long parseRefreshNanos(String text) {
        long r = parseDuration(text, DELAY_UNITS, 3_600_000_000_000L, "an hour", "refresh period",
            "write the period with its unit, like 30s or 500ms");
        if (r < 1_000_000) {
            throw new IllegalArgumentException("the refresh period must be at least 1ms, not '" + text.strip() + "'");
        }
        return r;
    }

    /** Parses a delay into nanoseconds. */
    public static long parseNanos(String text) {
        return parseDuration(text, DELAY_UNITS, 3_600_000_000_000L, "an hour", "delay", DELAY_HINT);
    }

    /**
     * The one parser of durations in our files: a number and a unit from {@code units} (unit to nanoseconds); a
     * bare 0 is zero; at most {@code maxNanos} ("longer than {@code maxName}"). Errors say what was wrong and, with
     * {@code hint}, how to write it.
     */
    public static long parseDuration(String text, Map<String, Long> units, long maxNanos, String maxName,
                                     String what, String hint) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a " + what + "; " + hint);
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2);
        long scale;
        if (unit.isEmpty()) {
            if (value.signum() != 0) {
                throw new IllegalArgumentException("'" + text + "' has no unit; " + hint);
            }
            scale = 1L;
        } else {
            Long s = units.get(unit);
            if (s == null) {
                throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit + "'; " + hint);
            }
            scale = s;
        }
        BigDecimal nanos = value.multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(BigDecimal.valueOf(maxNanos)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + maxName + "; " + hint);
        }
        return nanos.longValueExact();
    }

    /** Parses a loss probability (0..1, or 0%..100%). */
    public static double parseLoss(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        if (!m.matches() || !(m.group(2).isEmpty() || m.group(2).equals("%"))) {
            throw new IllegalArgumentException("'" + text + "' is not a loss; " + LOSS_HINT);
        }
        double value = Double.parseDouble(m.group(1));
        if (m.group(2).equals("%")) {
            value /= 100;
        }
        if (value > 1) {
            throw new IllegalArgumentException("'" + text + "' is more than certain loss; " + LOSS_HINT);
        }
        return value;
    }

    /**
     * {@code value} in the first (largest) of {@code units} ({@code scales} of one) that it reaches and that writes
     * it exactly with at most three decimals, like {@code 1.5M}; empty when none does.
     */
    private static Optional<String> inLargestUnit(long value, String[] units, long[] scales) {
        for (int i = 0; i < units.length; i++) {
            if (value >= scales[i]) {
                BigDecimal v = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(scales[i]));
                if (v.scale() <= 3) {
                    return Optional.of(v.stripTrailingZeros().toPlainString() + units[i]);
                }
            }
        }
        return Optional.empty();
    }

    /** Formats bits per second the way the parser reads it: {@code 800k}, {@code 1.5G}, {@code 64000}. */
    public static String formatBitsPerSecond(long bps) {
        return inLargestUnit(bps, new String[] {"T", "G", "M", "k"},
            new long[] {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L}).orElse(Long.toString(bps));
    }

    /** Formats nanoseconds with the largest unit that keeps it exact to three decimals: {@code 5ms}, {@code 250us}. */
    public static String formatNanos(long nanos) {
        return nanosInLargestUnit(nanos).orElse(nanos == 0 ? "0" : nanos + "ns");
    }

    /** Nanoseconds in s, ms or us, the largest exact to three decimals ({@code 1.5s}, {@code 250us}); else empty. */
    public static Optional<String> nanosInLargestUnit(long nanos) {
        return inLargestUnit(nanos, new String[] {"s", "ms", "us"}, new long[] {1_000_000_000L, 1_000_000L, 1_000L});
    }
}
