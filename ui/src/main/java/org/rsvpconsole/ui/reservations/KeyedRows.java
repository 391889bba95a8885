package org.rsvpconsole.ui.reservations;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;
import org.rsvpconsole.ui.common.BatchedList;

/**
 * Rows of a state table kept by key, changed in place: an update is one {@code set}, an insert one {@code add}, a
 * removal moves the last row into the hole (tables sort or filter on top, so order is not kept). With ten thousand
 * rows and hundreds of changes a second this is what keeps a pulse short: no {@code setAll} of the whole table.
 *
 * <p>A pulse's changes are applied between {@link #begin} and {@link #end}, so the table sees them as one change.
 * Filtered and sorted lists still pay for each place changed (SortedList shifts its whole index for every
 * sub-change), so a pulse with more than {@link #BULK} changes (a burst: many reservations set up at once) is
 * applied to the rows off-list and shown with one replacement of the content instead.
 *
 * @param <R> the row type
 */
final class KeyedRows<R> {

    /** Above this many changes in a pulse one replacement of the content is cheaper than the changes one by one. */
    static final int BULK = 256;

    private final BatchedList<R> rows = new BatchedList<>();
    /** The rows as they are; {@link #rows} follows it, change by change or, in bulk, at {@link #end}. */
    private final List<R> data = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    /** The key of each row, in the rows' order. */
    private final List<String> keys = new ArrayList<>();
    /** Indices of {@link #data} changed since {@link #begin}. */
    private final BitSet dirty = new BitSet();
    private int batches;
    private boolean bulk;

    ObservableList<R> rows() {
        return rows;
    }

    /** Starts a pulse's changes; {@code expected} is an upper bound of how many there will be. */
    void begin(int expected) {
        if (batches++ == 0) {
            bulk = expected > BULK;
            dirty.clear();
        }
    }

    /** Ends a pulse's changes: the table sees them now, as one change. */
    void end() {
        if (--batches > 0) {
            return;
        }
        if (bulk) {
            rows.replaceAll(data);
        } else if (!dirty.isEmpty() || rows.size() != data.size()) {
            rows.update(dirty, data);
        }
        dirty.clear();
        bulk = false;
    }

    /** Outside begin/end every change is shown at once. */
    private void changed(int i) {
        dirty.set(i);
        if (batches == 0) {
            end0();
        }
    }

    private void end0() {
        batches = 1;
        end();
    }

    R get(String key) {
        Integer i = index.get(key);
        return i == null ? null : data.get(i);
    }

    /** Inserts or replaces; returns the row it replaced, or null. Equal rows are not replaced (no change fired). */
    R put(String key, R row) {
        Integer i = index.get(key);
        if (i == null) {
            index.put(key, data.size());
            keys.add(key);
            data.add(row);
            changed(data.size() - 1);
            return null;
        }
        R old = data.get(i);
        if (!old.equals(row)) {
            data.set(i, row);
            changed(i);
        }
        return old;
    }

    /** Removes a row; returns it, or null when there was none. */
    R remove(String key) {
        Integer i = index.remove(key);
        if (i == null) {
            return null;
        }
        int last = data.size() - 1;
        R old = data.get(i);
        if (i != last) {
            String moved = keys.get(last);
            data.set(i, data.get(last));
            index.put(moved, i);
            keys.set(i, moved);
        }
        keys.remove(last);
        data.remove(last);
        changed(i);
        return old;
    }

    /** Forgets every row (replay refills the table). */
    void clear() {
        data.clear();
        index.clear();
        keys.clear();
        dirty.clear();
        rows.clear();
    }

    Collection<R> values() {
        return data;
    }

    int size() {
        return data.size();
    }
}
