package org.rsvpconsole.ui.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.collections.ListChangeListener;
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
}
