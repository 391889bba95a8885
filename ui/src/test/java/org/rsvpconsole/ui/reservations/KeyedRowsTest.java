package org.rsvpconsole.ui.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;
import java.util.Random;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

/** Rows changed in place: one change per update, swap-removal keeps every key findable. */
class KeyedRowsTest {

    @Test
    void putReplacesInPlaceAndEqualRowsFireNothing() {
        KeyedRows<String> rows = new KeyedRows<>();
        List<String> changes = new ArrayList<>();
        rows.rows().addListener((ListChangeListener<String>) c -> changes.add(c.toString()));
        assertNull(rows.put("a", "a1"));
        rows.put("b", "b1");
        assertEquals("a1", rows.put("a", "a2"));
        assertEquals(List.of("a2", "b1"), rows.rows());
        int before = changes.size();
        rows.put("a", "a2");
        assertEquals(before, changes.size(), "no change event for an equal row");
    }

    @Test
    void removalMovesTheLastRowIntoTheHole() {
        KeyedRows<String> rows = new KeyedRows<>();
        for (String k : List.of("a", "b", "c", "d")) {
            rows.put(k, k + "1");
        }
        assertEquals("b1", rows.remove("b"));
        assertNull(rows.remove("b"));
        assertEquals(List.of("a1", "d1", "c1"), rows.rows());
        rows.put("d", "d2");
        rows.remove("c");
        rows.remove("a");
        assertEquals(List.of("d2"), rows.rows());
        assertEquals(1, rows.size());
        rows.put("e", "e1");
        assertEquals(Set.of("d2", "e1"), new TreeSet<>(rows.values()));
        assertEquals("e1", rows.get("e"));
    }

    @Test
    void clearForgetsEveryRowAndStartsAfresh() {
        KeyedRows<String> rows = new KeyedRows<>();
        for (String k : List.of("a", "b", "c")) {
            rows.put(k, k + "1");
        }
        rows.clear();
        assertEquals(0, rows.size());
        assertEquals(List.of(), rows.rows());
        assertNull(rows.get("a"));
        rows.put("b", "b2");
        rows.put("d", "d1");
        assertEquals(List.of("b2", "d1"), rows.rows());
        assertEquals(List.of("b2", "d1"), new ArrayList<>(rows.values()));
    }

    @Test
    void aPulsesChangesReachTheTableAsOneChange() {
        KeyedRows<String> rows = new KeyedRows<>();
        for (String k : List.of("a", "b", "c")) {
            rows.put(k, k + "1");
        }
        List<String> changes = new ArrayList<>();
        rows.rows().addListener((ListChangeListener<String>) c -> changes.add(c.toString()));
        rows.begin(3);
        rows.put("a", "a2");
        rows.remove("b");
        rows.put("d", "d1");
        assertEquals(List.of(), changes, "nothing fired inside the batch");
        rows.end();
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(List.of("a2", "c1", "d1"), rows.rows());
    }

    @Test
    void aBurstIsShownAsOneReplacementWithTheSameRows() {
        KeyedRows<String> bulk = new KeyedRows<>();
        KeyedRows<String> single = new KeyedRows<>();
        List<ListChangeListener.Change<? extends String>> changes = new ArrayList<>();
        bulk.rows().addListener((ListChangeListener<String>) changes::add);
        bulk.begin(KeyedRows.BULK + 1);
        single.begin(0);
        for (int i = 0; i < 600; i++) {
            for (KeyedRows<String> r : List.of(bulk, single)) {
                r.put("k" + i % 400, "v" + i);
                if (i % 7 == 0) {
                    r.remove("k" + i % 13);
                }
            }
        }
        assertEquals(List.of(), changes);
        bulk.end();
        single.end();
        assertEquals(single.rows(), bulk.rows(), "the same rows in the same order either way");
        assertEquals(1, changes.size());
        assertEquals("v599", bulk.get("k199"));
    }

    @Test
    void filteredAndSortedViewsFollowRandomPulsesExactly() {
        KeyedRows<String> rows = new KeyedRows<>();
        FilteredList<String> filtered = new FilteredList<>(rows.rows(), v -> !v.endsWith("3"));
        SortedList<String> sorted = new SortedList<>(filtered, Comparator.naturalOrder());
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        Random random = new Random(4);
        for (int pulse = 0; pulse < 300; pulse++) {
            int changes = pulse % 50 == 49 ? KeyedRows.BULK + 50 : random.nextInt(40);
            rows.begin(changes);
            for (int c = 0; c < changes; c++) {
                String key = "k" + random.nextInt(500);
                if (random.nextInt(3) == 0) {
                    rows.remove(key);
                    expected.remove(key);
                } else {
                    String value = key + "=" + random.nextInt(10);
                    rows.put(key, value);
                    expected.put(key, value);
                }
            }
            rows.end();
            assertEquals(new TreeSet<>(expected.values()), new TreeSet<>(rows.rows()), "pulse " + pulse);
            assertEquals(expected.values().stream().filter(v -> !v.endsWith("3")).sorted().toList(), sorted,
                "pulse " + pulse);
        }
    }
}
