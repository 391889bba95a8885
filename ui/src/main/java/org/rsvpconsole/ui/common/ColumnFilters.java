package org.rsvpconsole.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The filter row of a table: one text per column; a row passes when, for every column whose text is not blank, the
 * column's value contains the text (ignoring case), or, for a text starting with {@code !}, does not contain the
 * rest. Stacked as source, filtered, sorted, so a table binds its comparator to {@link #sorted()}. The predicate is
 * rebuilt only when a text changes; the lists re-filter only the rows that change (docs/decisions/0006).
 *
 * @param <T> the row type
 */
public final class ColumnFilters<T> {

    private final Map<String, Column<T>> columns = new LinkedHashMap<>();
    private final FilteredList<T> filtered;
    private final SortedList<T> sorted;

    private record Column<T>(Function<T, String> value, StringProperty text) {
    }

    public ColumnFilters(ObservableList<T> source) {
        this.filtered = new FilteredList<>(source);
        this.sorted = new SortedList<>(filtered);
    }

    /** Adds a filterable column; returns its filter text. */
    public StringProperty add(String name, Function<T, String> value) {
        StringProperty text = new SimpleStringProperty("");
        columns.put(name, new Column<>(value, text));
        text.addListener((o, a, b) -> refilter());
        return text;
    }

    /** The filter text of a column. */
    public StringProperty text(String name) {
        Column<T> c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name + "; columns: " + columns.keySet());
        }
        return c.text();
    }

    /** Empties every filter text. */
    public void clear() {
        columns.values().forEach(c -> c.text().set(""));
    }

    /** Whether any column is filtered. */
    public boolean active() {
        return columns.values().stream().anyMatch(c -> !c.text().get().isBlank());
    }

    public FilteredList<T> filtered() {
        return filtered;
    }

    public SortedList<T> sorted() {
        return sorted;
    }

    private void refilter() {
        List<Predicate<T>> tests = new ArrayList<>();
        for (Column<T> c : columns.values()) {
            String t = c.text().get().strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("!")) {
                continue;
            }
            boolean negate = t.startsWith("!");
            String needle = negate ? t.substring(1) : t;
            Function<T, String> value = c.value();
            tests.add(row -> {
                String v = value.apply(row);
                boolean has = v != null && v.toLowerCase(Locale.ROOT).contains(needle);
                return has != negate;
            });
        }
        filtered.setPredicate(tests.isEmpty() ? null : row -> {
            for (Predicate<T> p : tests) {
                if (!p.test(row)) {
                    return false;
                }
            }
            return true;
        });
    }
}
