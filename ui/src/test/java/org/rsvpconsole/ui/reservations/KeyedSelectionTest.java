package org.rsvpconsole.ui.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.ui.common.ColumnFilters;
import org.rsvpconsole.ui.common.KeyedSelection;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The selection of a state table survives the replacement of its rows by new row objects: the same stack as the
 * console's (KeyedRows, filtered and sorted by ColumnFilters, a TableView sorted on a column), refreshed the way the
 * view model refreshes it (changes one by one in a batch, and a burst replaced in bulk). The last test shows that
 * without {@link KeyedSelection} the same refreshes lose the row (the defect of issue 4).
 */
class KeyedSelectionTest {

    /** A row as the state tables have them: a key, and a value that changes (the table sorts on it). */
    record Row(String key, int value) {
    }

    private static final int ROWS = 300;

    @BeforeAll
    static void toolkit() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "run through xvfb-run (the table needs the JavaFX toolkit)");
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** The console's stack over {@code rows}, sorted by value; kept by key or, for the control case, not. */
    private static TableView<Row> table(KeyedRows<Row> rows, boolean keyed) {
        ColumnFilters<Row> f = new ColumnFilters<>(rows.rows());
        TableView<Row> t = new TableView<>();
        TableColumn<Row, Integer> value = new TableColumn<>("value");
        value.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().value()));
        t.getColumns().add(value);
        if (keyed) {
            KeyedSelection.show(t, f.sorted(), Row::key);
        } else {
            t.setItems(f.sorted());
        }
        f.sorted().comparatorProperty().bind(t.comparatorProperty());
        t.getSortOrder().add(value);
        return t;
    }

    private static KeyedRows<Row> rows() {
        KeyedRows<Row> rows = new KeyedRows<>();
        for (int i = 0; i < ROWS; i++) {
            rows.put("k" + i, new Row("k" + i, i));
        }
        return rows;
    }

    private static void select(TableView<Row> t, String key) {
        for (int i = 0; i < t.getItems().size(); i++) {
            if (t.getItems().get(i).key().equals(key)) {
                t.getSelectionModel().clearAndSelect(i);
                return;
            }
        }
        throw new AssertionError("no row " + key);
    }

    /**
     * Refresh {@code cycle}: the selected row k5 gets a new value (it moves in the sorted order), ten other rows
     * change, one goes and one comes; every fourth cycle is a burst that replaces every row (published in bulk).
     */
    private static void refresh(KeyedRows<Row> rows, int cycle) {
        boolean burst = cycle % 4 == 3;
        rows.begin(burst ? ROWS + 2 : 13);
        try {
            rows.put("k5", new Row("k5", 1000 + cycle));
            for (int i = 10; i < (burst ? ROWS : 20); i++) {
                if (rows.get("k" + i) != null) {
                    rows.put("k" + i, new Row("k" + i, rows.get("k" + i).value() + 7 * cycle + 1));
                }
            }
            rows.remove("k" + (100 + cycle));
            rows.put("new" + cycle, new Row("new" + cycle, -cycle));
        } finally {
            rows.end();
        }
    }

    @Test
    void theSelectedRowStaysSelectedAndFocusedByKeyThroughReplacementsAndBursts() throws Exception {
        KeyedRows<Row> rows = rows();
        TableView<Row> t = onFx(() -> table(rows, true));
        @SuppressWarnings("unchecked")
        KeyedSelection<Row> keep = (KeyedSelection<Row>) t.getProperties().get(KeyedSelection.class);
        List<Row> operatorSelections = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        onFx(() -> {
            keep.onReplaced((a, b) -> replacements.add(a.value() + ">" + b.value()));
            keep.selectedProperty().addListener((o, a, b) -> operatorSelections.add(b));
            select(t, "k5");
            return null;
        });
        assertEquals(List.of(new Row("k5", 5)), operatorSelections);
        for (int cycle = 0; cycle < 8; cycle++) {
            int c = cycle;
            onFx(() -> {
                refresh(rows, c);
                return null;
            });
            Row selected = onFx(() -> t.getSelectionModel().getSelectedItem());
            assertNotNull(selected, "cycle " + c + ": a row is selected");
            assertEquals(new Row("k5", 1000 + c), selected, "cycle " + c + ": the replacement of k5 is selected");
            int index = onFx(() -> t.getSelectionModel().getSelectedIndex());
            assertSame(selected, onFx(() -> t.getItems().get(index)), "cycle " + c + ": at its place in the table");
            assertEquals(1, (int) onFx(() -> t.getSelectionModel().getSelectedIndices().size()));
            assertEquals(index, (int) onFx(() -> t.getFocusModel().getFocusedIndex()), "cycle " + c + ": focused");
        }
        assertEquals(1, operatorSelections.size(), "refreshes are not the operator's selections: "
            + operatorSelections);
        assertEquals("k5", keep.selectedKey());
        assertEquals(List.of("5>1000", "1000>1001", "1001>1002", "1002>1003", "1003>1004", "1004>1005", "1005>1006",
            "1006>1007"), replacements, "each replacement of the selected row is reported, old and new");

        // The operator picks another row: that one is kept from now on.
        onFx(() -> {
            select(t, "k7");
            return null;
        });
        onFx(() -> {
            refresh(rows, 8);
            return null;
        });
        assertEquals("k7", onFx(() -> t.getSelectionModel().getSelectedItem().key()));
        assertEquals(new Row("k7", 7), operatorSelections.get(1));

        // Its state goes: nothing is selected, rather than a row the operator did not pick.
        onFx(() -> {
            rows.remove("k7");
            return null;
        });
        assertNull(onFx(() -> t.getSelectionModel().getSelectedItem()));
        assertTrue(onFx(() -> t.getSelectionModel().getSelectedIndices().isEmpty()));
        assertNull(keep.selectedProperty().get());
        assertNull(keep.selectedKey());
    }

    @Test
    void withoutItTheSameRefreshesLoseTheSelectedRow() throws Exception {
        KeyedRows<Row> rows = rows();
        TableView<Row> t = onFx(() -> table(rows, false));
        onFx(() -> {
            select(t, "k5");
            refresh(rows, 0);
            return null;
        });
        Row selected = onFx(() -> t.getSelectionModel().getSelectedItem());
        assertTrue(selected == null || !selected.key().equals("k5") || onFx(() -> t.getItems().get(
            t.getSelectionModel().getSelectedIndex())) != selected, "JavaFX alone loses k5: " + selected);
    }
}
