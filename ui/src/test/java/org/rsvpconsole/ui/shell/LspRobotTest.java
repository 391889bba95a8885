package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.ui.ConsoleFixture.waitUntil;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.ui.ConsoleFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.LspRow;
import org.rsvpconsole.ui.topology.TopologyViewModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The LSPs tab on a real window (Xvfb) with examples/rsvp-te-4router running: the operator opens the tab, clicks
 * T2's make-before-break LSP (LSP ID 2, R1-R2-R4) and the map draws its recorded route with each hop's label while
 * the inspector lists the hops.
 */
class LspRobotTest {

    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();
    private final FxRobot robot = console.robot();
    private ConsoleWindow window;

    @Test
    @SuppressWarnings("unchecked")
    void selectingAnLspDrawsItsLabelledRouteOnTheMap() throws Exception {
        window = console.open(TestNetworks.teNetwork(1).start());

        robot.clickOn("LSPs");
        TableView<LspRow> table = robot.lookup("#lsps").queryAs(TableView.class);
        // T2 moves to R1-R2-R4 by make-before-break at 3 s (LSP ID 2); it stays up until the mix's next round.
        waitUntil(20, () -> table.getItems().stream().anyMatch(r -> r.name().equals("T2") && r.lspId() == 2
            && r.state().equals("up")), "T2's new LSP comes up");
        // Hold the clock: the mix closes its LSPs 10 s into each round, which a slow start-up can reach while the
        // robot is still clicking.
        console.network().pause();
        Label status = robot.lookup("#lspStatus").queryAs(Label.class);
        assertTrue(status.getText().matches("\\d+ LSPs at their head ends, \\d+ up"), status.getText());
        // Click the cell of T2's LSP ID 2 in the LSP column, once the table has drawn it (the table follows its
        // rows 4 times a second, decision 0015, later on a loaded machine).
        java.util.function.Supplier<java.util.Optional<TableCell<?, ?>>> cellOfT2 = () -> robot.from(table)
            .lookup(".table-cell").match((TableCell<?, ?> c) -> c.getTableRow() != null
                && c.getTableRow().getItem() instanceof LspRow r && r.name().equals("T2") && r.lspId() == 2
                && "LSP".equals(c.getTableColumn().getId())).tryQuery();
        waitUntil(10, () -> cellOfT2.get().isPresent(), "the table draws T2's new LSP");
        Label title = robot.lookup("#inspectorTitle").queryAs(Label.class);
        // A click that lands while the table replaces its rows (twice a second) can select nothing, as a user's
        // click would: click again then, up to three times (a selection made survives the refreshes, decision 0028).
        for (int attempt = 0; attempt < 3 && !title.getText().equals("LSP T2 (tunnel 2, LSP 2)"); attempt++) {
            robot.clickOn(cellOfT2.get().orElseThrow());
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(200);
        }
        TopologyViewModel map = window.model().map();
        waitUntil(5, () -> map.path().size() == 2, "the map highlights the LSP's two hops");
        List<String> model = map.path().stream().map(TopologyViewModel.Hop::label).toList();
        assertTrue(model.get(0).matches("1: label \\d+, 20 Mbit/s"), model.toString());
        assertEquals("2: label 3 (pop), 20 Mbit/s", model.get(1));
        waitUntil(5, () -> console.drawnEdgeLabels().containsAll(model) && console.drawnEdgeLabels().size() == 2,
            "the viewer draws the two hop labels: " + console.drawnEdgeLabels());
        assertEquals("LSP T2 (tunnel 2, LSP 2)", title.getText());
        assertTrue(window.model().inspector().properties().stream().anyMatch(p -> p.name().equals("hop 2")
            && p.value().equals("R2 -> R4 (10.0.24.4), label 3 (pop)")), "the inspector lists every hop");
        // The map's context menu clears the LSP's highlight.
        robot.rightClickOn(window.map());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.MenuItem clear = window.map().contextMenu().getItems().stream().filter(i -> i.getText()
            != null && i.getText().startsWith("Clear highlight of tunnel 2")).findFirst().orElseThrow(
                () -> new AssertionError("no clear item in " + window.map().contextMenu().getItems().stream()
                    .map(javafx.scene.control.MenuItem::getText).toList()));
        robot.interact(() -> {
            clear.fire();
            window.map().contextMenu().hide();
        });
        waitUntil(5, () -> map.path().isEmpty() && console.drawnEdgeLabels().isEmpty(), "the highlight is cleared");
    }
}
