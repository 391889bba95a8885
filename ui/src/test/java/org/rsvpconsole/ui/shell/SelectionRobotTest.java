package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.ui.ConsoleFixture.waitUntil;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.ui.ConsoleFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.InterfaceRow;
import org.rsvpconsole.ui.reservations.NeighbourRow;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The selected reservation stays selected, highlighted and in the inspector while the live network changes the
 * table's rows (the traffic mix's calls come and go, 4 refreshes a second) and while the selected reservation's own
 * row is replaced (its bandwidth changed twice, so its BPS changes). Before decision 0028 the highlight
 * vanished at the first replacement while the inspector kept showing the reservation (issue 4).
 */
class SelectionRobotTest {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    /** The drawn rows (spare ones are invisible and may hold an old item) that show the :selected look. */
    @SuppressWarnings("unchecked")
    private static <R> List<R> highlighted(TableView<R> table) {
        return table.lookupAll(".table-row-cell").stream().filter(n -> n instanceof TableRow<?> r && r.isVisible()
            && r.getItem() != null && r.getPseudoClassStates().contains(SELECTED))
            .map(n -> (R) ((TableRow<?>) n).getItem()).toList();
    }

    /** The drawn rows showing {@code key}: index, selected, pseudo-classes. */
    private static List<String> drawn(TableView<ReservationRow> table, String key) {
        return table.lookupAll(".table-row-cell").stream().filter(n -> n instanceof TableRow<?> r && r.isVisible()
            && r.getItem() instanceof ReservationRow row && row.key().equals(key)).map(n -> {
                TableRow<?> r = (TableRow<?>) n;
                return r.getIndex() + " " + r.isSelected() + " " + r.getPseudoClassStates();
            }).toList();
    }

    private static int firstVisibleIndex(TableView<?> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSelectedReservationStaysSelectedAndHighlightedWhileRowsAreReplaced() throws Exception {
        ConsoleWindow window = console.open(TestNetworks.spNetwork(true, 1).start());
        var robot = console.robot();
        var network = console.network();
        TableView<ReservationRow> table = robot.lookup("#reservations").queryAs(TableView.class);
        waitUntil(20, () -> table.getItems().size() > 20, "the mix's calls are reserved");
        // A session of our own (a port the mix does not use), so the mix does not end it during the test.
        TrafficSpec t = TrafficSpec.of(10_000, 1_000);
        SessionId mine = network.reserve(new ReserveRequest("par-video1", "mad-video1", 7000, t,
            FlowRequest.controlledLoad(t), ReservationStyle.FF)).get(10, TimeUnit.SECONDS);
        waitUntil(10, () -> table.getItems().stream().anyMatch(r -> r.session().equals(mine)
            && r.node().equals("mad-video1")), "our reservation comes up at the receiver");

        // The operator sorts by node (unsorted, the table fills a removed row's place with its last row, decision
        // 0015, so rows move) and scrolls to a few rows above our reservation at the receiver.
        robot.interact(() -> table.getSortOrder().setAll(table.getColumns().stream().filter(c -> "Node".equals(
            c.getId())).findFirst().orElseThrow()));
        ReservationRow first = table.getItems().stream().filter(r -> r.session().equals(mine)
            && r.node().equals("mad-video1")).findFirst().orElseThrow();
        String key = first.key();
        // The clock held while the robot clicks: rows added above ours move it under the mouse between the look-up
        // of its cell and the click (an operator would aim again; the robot does not see it move).
        network.pause();
        Thread.sleep(500);
        List<String> attempts = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 5 && !isSelected(table, key); attempt++) {
            // Rows come and go above ours, and a click that lands while the table redraws its rows can miss:
            // scroll and click again, as an operator would.
            robot.interact(() -> table.scrollTo(Math.max(0, indexOf(table, key) - 5)));
            WaitForAsyncUtils.waitForFxEvents();
            var cell = robot.from(table).lookup(".table-cell").match((TableCell<?, ?> c) -> c.isVisible()
                && c.getTableRow() != null && c.getTableRow().isVisible()
                && c.getTableRow().getItem() instanceof ReservationRow r && r.key().equals(key)
                && "Node".equals(c.getTableColumn().getId())).tryQuery();
            if (cell.isPresent()) {
                robot.clickOn(cell.get());
                WaitForAsyncUtils.waitForFxEvents();
            }
            attempts.add((cell.isPresent() ? "clicked, " : "not drawn, ") + "selected "
                + table.getSelectionModel().getSelectedItem());
            Thread.sleep(200);
        }
        assertTrue(isSelected(table, key), "the click selects our reservation: " + attempts);
        network.resume();
        Label title = robot.lookup("#inspectorTitle").queryAs(Label.class);
        assertEquals("Reservation at mad-video1", title.getText());
        assertEquals(mine, window.model().map().highlightedSessionProperty().get());
        int line = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedIndex()
            - firstVisibleIndex(table)).get();

        // Count the refreshes that change the rows, and those that replace our own row.
        AtomicInteger refreshes = new AtomicInteger();
        AtomicInteger ownReplaced = new AtomicInteger();
        ListChangeListener<ReservationRow> counter = c -> {
            refreshes.incrementAndGet();
            while (c.next()) {
                if (c.getAddedSubList().stream().anyMatch(r -> r.key().equals(key))) {
                    ownReplaced.incrementAndGet();
                }
            }
        };
        robot.interact(() -> window.model().tables().reservations().addListener(counter));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> table.getScene().addPostLayoutPulseListener(() -> {
            String l = (table.getSelectionModel().getSelectedIndex() - firstVisibleIndex(table)) + "@"
                + table.getSelectionModel().getSelectedIndex();
            if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(l)) {
                lines.add(l);
            }
        }));

        for (double bandwidth : new double[] {12_000, 11_000}) {
            ReservationRow before = selected(table);
            network.changeBandwidth(mine, bandwidth).get(10, TimeUnit.SECONDS);
            String bps = org.rsvpconsole.ui.common.Units.rate(bandwidth);
            waitUntil(10, () -> table.getItems().stream().anyMatch(r -> r.key().equals(key)
                && r.bandwidth().equals(bps)), "our row is replaced with the new bandwidth " + bps);
            // Some more refresh cycles of the live network (other calls set up and torn down).
            int seen = refreshes.get();
            waitUntil(10, () -> refreshes.get() >= seen + 3, "three more refreshes change the rows");
            WaitForAsyncUtils.waitForFxEvents();
            ReservationRow now = selected(table);
            assertEquals(key, now == null ? null : now.key(), "the same reservation is still selected");
            assertNotSame(before, now, "the selection is the replacement row");
            assertEquals(bps, now.bandwidth());
            int index = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedIndex()).get();
            assertEquals(now, WaitForAsyncUtils.asyncFx(() -> table.getItems().get(index)).get(),
                "the selected index is the row's");
            assertEquals(index, (int) WaitForAsyncUtils.asyncFx(() -> table.getFocusModel().getFocusedIndex()).get(),
                "the focus is on it");
            waitUntil(5, () -> highlighted(table).stream().map(ReservationRow::key).toList().equals(List.of(key)),
                () -> "the drawn row of our reservation, and only it, is highlighted: " + highlighted(table)
                    + "; drawn rows of ours " + drawn(table, key) + ", selected index " + index + ", shown from "
                    + firstVisibleIndex(table));
            // Give or take one: the table keeps a pixel offset as rows come, so its first drawn row can be a partly
            // hidden one.
            int drawnLine = index - WaitForAsyncUtils.asyncFx(() -> firstVisibleIndex(table)).get();
            assertTrue(Math.abs(drawnLine - line) <= 1, "the row is drawn on the line of the table where it was"
                + " selected (" + line + "): " + lines);
            assertEquals("Reservation at mad-video1", title.getText(), "the inspector still shows it");
            assertTrue(window.model().inspector().properties().stream().anyMatch(p -> p.name().equals("node")
                && p.value().equals("mad-video1")), "the inspector's properties are the reservation's");
            assertTrue(window.model().inspector().properties().stream().anyMatch(p -> p.name().equals("bandwidth")
                && p.value().equals(bps)), () -> "with its new bandwidth: " + window.model().inspector()
                .properties());
            assertEquals(mine, window.model().map().highlightedSessionProperty().get(), "the map still shows it");
        }
        assertTrue(ownReplaced.get() >= 2, "our own row was replaced: " + ownReplaced.get());
    }

    /**
     * The interfaces' and neighbours' rows are replaced at every snapshot (their message counters): a row clicked in
     * each stays selected and highlighted, by key, through several replacements of its own row.
     */
    @Test
    @SuppressWarnings("unchecked")
    void interfaceAndNeighbourRowsStaySelectedWhileTheirCountersChange() throws Exception {
        ConsoleWindow window = console.open(TestNetworks.spNetwork(true, 1).start());
        StateTablesViewModel tables = window.model().tables();
        staysSelected("Interfaces", "#interfaces", tables.interfaces(), InterfaceRow::key,
            (InterfaceRow r) -> r.pathOut() > 0);
        staysSelected("Neighbours", "#neighbours", tables.neighbours(), NeighbourRow::key,
            // One the node sent to: a row only passed through may go (StateTablesViewModel.onlyPassedThrough).
            (NeighbourRow r) -> r.messagesOut().matches("[1-9]\\d*"));
    }

    private <R> void staysSelected(String tab, String id, ObservableList<R> source, Function<R, String> key,
                                   Predicate<R> counting) throws Exception {
        var robot = console.robot();
        robot.clickOn(tab);
        @SuppressWarnings("unchecked")
        TableView<R> table = robot.lookup(id).queryAs(TableView.class);
        waitUntil(20, () -> table.getItems().stream().anyMatch(counting), tab + ": a row counts messages");
        String k = key.apply(table.getItems().stream().filter(counting).findFirst().orElseThrow());
        // Hold the clock while clicking, as for the reservation: a row that moves under the pointer (another row
        // removed) would take the click.
        console.network().pause();
        for (int attempt = 0; attempt < 5 && !selectedKey(table, key).equals(k); attempt++) {
            robot.interact(() -> table.scrollTo(table.getItems().stream().map(key).toList().indexOf(k)));
            WaitForAsyncUtils.waitForFxEvents();
            var cell = robot.from(table).lookup(".table-cell").match((TableCell<?, ?> c) -> c.isVisible()
                && c.getTableRow() != null && c.getTableRow().isVisible() && c.getTableRow().getItem() != null
                && key.apply((R) c.getTableRow().getItem()).equals(k) && "Node".equals(c.getTableColumn().getId()))
                .tryQuery();
            if (cell.isPresent()) {
                robot.clickOn(cell.get());
                WaitForAsyncUtils.waitForFxEvents();
            }
        }
        assertEquals(k, selectedKey(table, key), tab + ": the click selects the row");
        console.network().resume();
        R first = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItem()).get();
        AtomicInteger replaced = new AtomicInteger();
        ListChangeListener<R> counter = c -> {
            while (c.next()) {
                if (c.getAddedSubList().stream().anyMatch(r -> key.apply(r).equals(k))) {
                    replaced.incrementAndGet();
                }
            }
        };
        robot.interact(() -> source.addListener(counter));
        waitUntil(20, () -> replaced.get() >= 3, tab + ": the row is replaced three times");
        robot.interact(() -> source.removeListener(counter));
        WaitForAsyncUtils.waitForFxEvents();
        R now = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItem()).get();
        assertEquals(k, now == null ? null : key.apply(now), tab + ": the same row is still selected");
        assertNotSame(first, now, tab + ": the selection is the replacement row");
        int index = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedIndex()).get();
        assertEquals(index, (int) WaitForAsyncUtils.asyncFx(() -> table.getFocusModel().getFocusedIndex()).get(),
            tab + ": the focus is on it");
        waitUntil(5, () -> highlighted(table).stream().map(key).toList().equals(List.of(k)),
            () -> tab + ": its drawn row, and only it, is highlighted: " + highlighted(table));
    }

    private static <R> String selectedKey(TableView<R> table, Function<R, String> key) throws Exception {
        R s = WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItem()).get();
        return s == null ? "" : key.apply(s);
    }

    private static int indexOf(TableView<ReservationRow> table, String key) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSelected(TableView<ReservationRow> table, String key) {
        ReservationRow s = table.getSelectionModel().getSelectedItem();
        return s != null && s.key().equals(key);
    }

    private static ReservationRow selected(TableView<ReservationRow> table) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItem()).get();
    }
}
