package org.rsvpconsole.ui.common;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bandwidths and sizes the way operators write them: rates in bit/s with k, M, G (as {@code ip rsvp bandwidth}
 * does), sizes in bytes with kB, MB. The engine counts bytes per second; these convert both ways.
 */
public final class Units {

    private static final Pattern RATE = Pattern.compile(
        "\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgG]?)\\s*(?:bit/s|bps|b/s)?\\s*");
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmM]?)\\s*(?:B|bytes?)?\\s*");

    private Units() {
    }

    /** Parses a rate in bit/s ("80k", "2M", "1.5 Mbit/s") into bytes per second; empty when it is not one. */
    public static OptionalDouble parseRate(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(m.group(1)) * multiplier(m.group(2), 1000) / 8.0);
    }

    /** Parses a size in bytes ("1500", "50kB", "1 MB", binary-free: k = 1000) into bytes; empty when not one. */
    public static OptionalDouble parseSize(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(m.group(1)) * multiplier(m.group(2), 1000));
    }

    private static double multiplier(String prefix, double base) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "k" -> base;
            case "m" -> base * base;
            case "g" -> base * base * base;
            default -> 1;
        };
    }

    /** A bandwidth given in bytes per second, shown in bit/s: "80 kbit/s", "2.5 Mbit/s". */
    public static String rate(double bytesPerSecond) {
        if (Double.isInfinite(bytesPerSecond)) {
            return "unlimited";
        }
        double bits = bytesPerSecond * 8;
        if (bits >= 1e9) {
            return trim(bits / 1e9) + " Gbit/s";
        }
        if (bits >= 1e6) {
            return trim(bits / 1e6) + " Mbit/s";
        }
        if (bits >= 1e3) {
            return trim(bits / 1e3) + " kbit/s";
        }
        return trim(bits) + " bit/s";
    }

    /** A duration in nanoseconds as h:mm:ss. */
    public static String clock(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** {@link #clock} with milliseconds, as the event log and the Preemptions tab show an event's time. */
    public static String clockMillis(long nanos) {
        return clock(nanos) + String.format(Locale.ROOT, ".%03d", nanos / 1_000_000 % 1000);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
