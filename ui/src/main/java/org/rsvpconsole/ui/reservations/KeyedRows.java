package org.rsvpconsole.ui.reservations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rows of a state table kept by key, changed in place: an update is one {@code set}, an insert one {@code add}, a
 * removal moves the last row into the hole (tables sort or filter on top, so order is not kept). With ten thousand
 * rows and hundreds of changes a second this is what keeps a pulse short: no {@code setAll} of the whole table.
 *
 * @param <R> the row type
 */
final class KeyedRows<R> {

    private final ObservableList<R> rows = FXCollections.observableArrayList();
    private final Map<String, Integer> index = new HashMap<>();
    /** The key of each row, in the rows' order. */
    private final List<String> keys = new ArrayList<>();

    ObservableList<R> rows() {
        return rows;
    }

    R get(String key) {
        Integer i = index.get(key);
        return i == null ? null : rows.get(i);
    }

    /** Inserts or replaces; returns the row it replaced, or null. Equal rows are not replaced (no change fired). */
    R put(String key, R row) {
        Integer i = index.get(key);
        if (i == null) {
            index.put(key, rows.size());
            keys.add(key);
            rows.add(row);
            return null;
        }
        R old = rows.get(i);
        if (!old.equals(row)) {
            rows.set(i, row);
        }
        return old;
    }

    /** Removes a row; returns it, or null when there was none. */
    R remove(String key) {
        Integer i = index.remove(key);
        if (i == null) {
            return null;
        }
        int last = rows.size() - 1;
        R old = rows.get(i);
        if (i != last) {
            String moved = keys.get(last);
            rows.set(i, rows.get(last));
            index.put(moved, i);
            keys.set(i, moved);
        }
        keys.remove(last);
        rows.remove(last);
        return old;
    }

    void clear() {
        rows.clear();
        index.clear();
        keys.clear();
    }

    Collection<R> values() {
        return rows;
    }

    int size() {
        return rows.size();
    }
}
