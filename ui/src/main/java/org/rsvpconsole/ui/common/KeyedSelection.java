package org.rsvpconsole.ui.common;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps a table's selection on the operator's row, by key, while the rows are replaced by new row objects. The state
 * tables replace a changed row with a new record up to 4 times a second (decision 0015); the table's selection model
 * sees the replacement (through the sorted list: a removal and an addition) as the selected item going away and
 * drops or moves the selection, so the highlight vanished while the inspector still showed the row. Here the key of
 * the operator's selection is remembered, and after every change of the rows the row with that key is selected
 * again (which also moves the focus to it). Where the selected row was drawn before the change, the table scrolls so
 * that it is drawn on the same line after it, give or take one (rows added or removed above it, or the row's own
 * move in the sort order, would otherwise carry it off the screen); otherwise the scroll position is left alone.
 * Decision 0028.
 *
 * <p>{@link #selectedProperty()} is what the rest of the console follows: the row as the operator selected it,
 * changed only when the operator selects another row or none, never by the table's own reaction to a refresh. When
 * the selected row goes from the table (its state is removed), the selection is cleared.
 *
 * <p>Use {@link #show} instead of {@code table.setItems(items)}: the selection has to hear of a change both before
 * and after the table's selection model does.
 *
 * @param <T> the row type
 */
public final class KeyedSelection<T> {

    private final TableView<T> table;
    private final Function<? super T, ?> key;
    private final ReadOnlyObjectWrapper<T> selected = new ReadOnlyObjectWrapper<>();
    private Object selectedKey;
    /** The selected row's object now (its replacement after a refresh). */
    private T current;
    private BiConsumer<T, T> replaced = (a, b) -> { };
    /** Inside a change of the rows (or our own re-selection): the selection model's moves are not the operator's. */
    private boolean changing;
    /** Before the change: the selected row's index and its line on the screen (from the first drawn row), or -1. */
    private int selectedIndexBefore = -1;
    private int lineBefore = -1;
    /**
     * The table was scrolled to keep the row on its line and has not been laid out since: its drawn cells are stale,
     * so the next change keeps the same line instead of measuring it again (measuring stale cells drifted the row a
     * line down per change when several changes came in one pulse).
     */
    private boolean scrolledSinceLayout;
    private boolean watchingLayout;
    private VirtualFlow<?> flow;

    private KeyedSelection(TableView<T> table, Function<? super T, ?> key) {
        this.table = table;
        this.key = key;
    }

    /**
     * Shows {@code items} in {@code table} and keeps its selection by {@code key} (a row's identity across updates,
     * e.g. {@code ReservationRow::key}). The table holds the returned object.
     */
    public static <T> KeyedSelection<T> show(TableView<T> table, ObservableList<T> items,
                                             Function<? super T, ?> key) {
        KeyedSelection<T> s = new KeyedSelection<>(table, key);
        // Listeners hear a change in the order they were added: this one before the selection model's ...
        items.addListener((ListChangeListener<T>) c -> s.before());
        table.setItems(items);
        // ... and this one after it.
        items.addListener((ListChangeListener<T>) c -> s.reselect());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> s.operatorSelected(b));
        table.getProperties().put(KeyedSelection.class, s);
        return s;
    }

    /** The row the operator selected (as it was then), or null; not changed by refreshes of the rows. */
    public ReadOnlyObjectProperty<T> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /**
     * Called with the old and the new object when a refresh replaces the selected row (the same key, new values):
     * what shows the row's values (the inspector) can follow; the selection itself has not changed.
     */
    public void onReplaced(BiConsumer<T, T> action) {
        replaced = action;
    }

    /** The key of the operator's selection, or null. */
    public Object selectedKey() {
        return selectedKey;
    }

    private void operatorSelected(T row) {
        if (changing) {
            return;
        }
        selectedKey = row == null ? null : key.apply(row);
        current = row;
        selected.set(row);
    }

    private void before() {
        changing = true;
        selectedIndexBefore = table.getSelectionModel().getSelectedIndex();
        if (scrolledSinceLayout && lineBefore >= 0) {
            return;
        }
        lineBefore = -1;
        VirtualFlow<?> f = flow();
        if (selectedIndexBefore >= 0 && f != null) {
            IndexedCell<?> first = f.getFirstVisibleCell();
            IndexedCell<?> last = f.getLastVisibleCell();
            if (first != null && last != null && first.getIndex() <= selectedIndexBefore
                && selectedIndexBefore <= last.getIndex()) {
                lineBefore = selectedIndexBefore - first.getIndex();
            }
        }
    }

    /** The table's scrolling part, once its skin made it. */
    private VirtualFlow<?> flow() {
        if (flow == null && table.getSkin() != null) {
            flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        }
        return flow;
    }

    private void reselect() {
        try {
            if (selectedKey == null) {
                return;
            }
            var model = table.getSelectionModel();
            ObservableList<T> items = table.getItems();
            int i = model.getSelectedIndex();
            T now = model.getSelectedItem();
            int found = model.getSelectedIndices().size() == 1 && i >= 0 && i < items.size() && items.get(i) == now
                && Objects.equals(key.apply(now), selectedKey) ? i : indexOf(items, selectedKey);
            if (found < 0) {
                // The operator's row is gone: no row is selected rather than one the operator did not pick.
                model.clearSelection();
                selectedKey = null;
                current = null;
                selected.set(null);
                return;
            }
            if (found != i || now != items.get(found)) {
                model.clearAndSelect(found);
                table.getFocusModel().focus(found);
            }
            if (lineBefore >= 0 && found != selectedIndexBefore) {
                // Drawn on the same line as before: the first drawn row is the one lineBefore above it.
                table.scrollTo(Math.max(0, found - lineBefore));
                scrolledSinceLayout = true;
                if (!watchingLayout && table.getScene() != null) {
                    table.getScene().addPostLayoutPulseListener(() -> scrolledSinceLayout = false);
                    watchingLayout = true;
                }
            }
            T replacement = items.get(found);
            if (replacement != current) {
                T old = current;
                current = replacement;
                replaced.accept(old, replacement);
            }
        } finally {
            changing = false;
        }
    }

    private int indexOf(ObservableList<T> items, Object k) {
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(key.apply(items.get(i)), k)) {
                return i;
            }
        }
        return -1;
    }
}
