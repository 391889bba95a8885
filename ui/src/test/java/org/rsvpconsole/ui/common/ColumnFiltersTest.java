package org.rsvpconsole.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The tables' filter row: per column, contains (ignoring case), !negation, combined with and, live over updates. */
class ColumnFiltersTest {

    record Row(String node, String service) {
    }

    private final ObservableList<Row> source = FXCollections.observableArrayList(new Row("par-p1", "RATE"),
        new Row("par-pe1", "LOAD"), new Row("lon-p1", "RATE"));
    private final ColumnFilters<Row> filters = new ColumnFilters<>(source);

    ColumnFiltersTest() {
        filters.add("Node", Row::node);
        filters.add("Serv", Row::service);
    }

    private List<String> nodes() {
        return filters.sorted().stream().map(Row::node).toList();
    }

    @Test
    void everyRowPassesWithoutFilters() {
        assertEquals(List.of("par-p1", "par-pe1", "lon-p1"), nodes());
        assertFalse(filters.active());
    }

    @Test
    void columnsFilterByContainsIgnoringCaseAndCombine() {
        filters.text("Node").set("PAR");
        assertEquals(List.of("par-p1", "par-pe1"), nodes());
        assertTrue(filters.active());
        filters.text("Serv").set("rate");
        assertEquals(List.of("par-p1"), nodes());
        filters.clear();
        assertEquals(3, nodes().size());
    }

    @Test
    void anExclamationMarkExcludes() {
        filters.text("Node").set("!par");
        assertEquals(List.of("lon-p1"), nodes());
        filters.text("Node").set("!");
        assertEquals(3, nodes().size(), "a lone ! filters nothing yet");
    }

    @Test
    void rowsArrivingLaterAreFilteredAndSortingComesOnTop() {
        filters.text("Serv").set("rate");
        source.add(new Row("ams-p1", "RATE"));
        source.add(new Row("ams-pe1", "LOAD"));
        assertEquals(List.of("par-p1", "lon-p1", "ams-p1"), nodes());
        filters.sorted().setComparator(Comparator.comparing(Row::node));
        assertEquals(List.of("ams-p1", "lon-p1", "par-p1"), nodes());
    }

    @Test
    void anUnknownColumnIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> filters.text("Age"));
        assertEquals("no column Age; columns: [Node, Serv]", e.getMessage());
    }
}
