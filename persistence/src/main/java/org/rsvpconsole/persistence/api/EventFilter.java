package org.rsvpconsole.persistence.api;

/**
 * Which entries a history query returns: a time range (inclusive, epoch nanoseconds) and optional exact matches on
 * session, node and kind, and a case-insensitive substring of the summary. Null or empty means "any".
 */
public record EventFilter(long fromNanos, long toNanos, String session, String node, String kind, String text,
                          int limit) {

    public EventFilter {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Everything, up to {@code limit} entries. */
    public static EventFilter all(int limit) {
        return new EventFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, null, limit);
    }

    public EventFilter withSession(String s) {
        return new EventFilter(fromNanos, toNanos, s, node, kind, text, limit);
    }

    public EventFilter withNode(String n) {
        return new EventFilter(fromNanos, toNanos, session, n, kind, text, limit);
    }

    public EventFilter withKind(String k) {
        return new EventFilter(fromNanos, toNanos, session, node, k, text, limit);
    }

    public EventFilter withText(String t) {
        return new EventFilter(fromNanos, toNanos, session, node, kind, t, limit);
    }

    public EventFilter between(long from, long to) {
        return new EventFilter(from, to, session, node, kind, text, limit);
    }
}
