package org.rsvpconsole.persistence.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** History times: nanoseconds since the Unix epoch, shown and typed as ISO-8601 (UTC unless an offset is given). */
public final class HistoryTime {

    private HistoryTime() {
    }

    /** ISO-8601 in UTC with the nanoseconds the entry has, e.g. {@code 2026-11-22T02:14:00.000123Z}. */
    public static String format(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }

    /**
     * Reads {@code 2026-11-22T02:14:00Z}, {@code 2026-11-22T03:14:00+01:00}, {@code 2026-11-22T02:14[:00[.5]]} or
     * {@code 2026-11-22 02:14} (both UTC) or {@code 2026-11-22} (midnight UTC).
     *
     * @throws IllegalArgumentException saying what was wrong and what is accepted
     */
    public static long parse(String text) {
        String t = text.trim().replace(' ', 'T');
        Instant instant;
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                instant = OffsetDateTime.parse(t.substring(0, t.length() - 1) + "Z").toInstant();
            } else if (t.length() > 10 && (t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10)) {
                instant = OffsetDateTime.parse(t).toInstant();
            } else if (t.length() == 10) {
                instant = LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                instant = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: '" + text + "' (use ISO-8601 such as 2026-11-22T02:14:00Z,"
                + " 2026-11-22T03:14:00+01:00, or 2026-11-22 02:14 for UTC)");
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of range (years 1678 to 2261): '" + text + "'");
        }
    }
}
