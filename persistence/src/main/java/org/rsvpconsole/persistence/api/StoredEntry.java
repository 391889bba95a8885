package org.rsvpconsole.persistence.api;

/**
 * An entry as the store keeps it.
 *
 * @param id      position in the whole log, contiguous from 1
 * @param stream  the node for engine events, "operator", "topology" or "store"
 * @param seq     position within the stream, contiguous from 1
 * @param kind    the entry's type name (e.g. "PathState", "OperatorAction")
 * @param node    the node, or "" when none
 * @param session the session text ("dest/proto/port"), or "" when none
 * @param summary one line for lists and text search
 */
public record StoredEntry(long id, String stream, long seq, long atNanos, String kind, String node, String session,
                          String summary, HistoryEntry entry) {
}
