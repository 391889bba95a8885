package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rsvpconsole.ui.ConsoleFixture.waitUntil;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.ui.ConsoleFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.preemption.PreemptionRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Preemptions tab on a real window (Xvfb) with examples/rfc4495-figure1 running at x2 (Flow 1 ends at 60 s,
 * 30 s of wall time, so its highlight lasts the test): after Flow 2 arrives the operator opens the tab, reads the row
 * of Flow 1's reduction on R1 Int2 and clicks it; the map highlights Flow 1 and the inspector shows the event.
 */
class PreemptionRobotTest {

    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();
    private final FxRobot robot = console.robot();
    private ConsoleWindow window;

    private TableCell<?, ?> cell(TableView<PreemptionRow> table, PreemptionRow row, String column) {
        robot.interact(() -> table.scrollToColumn(table.getColumns().stream().filter(c -> column.equals(c.getId()))
            .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(table).lookup(".table-cell").match((TableCell<?, ?> c) -> c.getTableRow() != null
            && c.getTableRow().getItem() == row && column.equals(c.getTableColumn().getId())).query();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePreemptionsTabShowsFlow1sReductionAndSelectsFlow1() throws Exception {
        window = console.open(TestNetworks.figure1Network(2).start());

        robot.clickOn("Preemptions");
        TableView<PreemptionRow> table = robot.lookup("#preemptions").queryAs(TableView.class);
        // Flow 2 reserves at 10.5 s of engine time: about 5 s of wall time at x2.
        waitUntil(30, () -> !table.getItems().isEmpty(), "the reduction's row appears");
        Label status = robot.lookup("#preemptionStatus").queryAs(Label.class);
        waitUntil(5, () -> status.getText().equals("1 preemption: 1 reduced (RFC 4495), 0 whole"),
            "status: " + status.getText());
        PreemptionRow row = table.getItems().get(0);
        assertEquals("R1", row.node());
        assertEquals("Int2", row.interfaceName());
        assertEquals("300/100", row.priorities());
        assertEquals("reduced", row.kind());
        assertEquals("60 kbit/s", row.taken());
        assertEquals("20 kbit/s", row.remaining());
        assertEquals(5004, row.victim().port());
        // What the operator reads: the cells of the row as drawn (scrolled into view: a narrow window, as an
        // earlier robot test may leave the shared stage, draws only the columns it shows).
        TableCell<?, ?> kind = cell(table, row, "Whole/Reduced");
        assertEquals("reduced", kind.getText());
        TableCell<?, ?> taken = cell(table, row, "Taken");
        assertEquals("60 kbit/s", taken.getText());
        robot.clickOn(taken);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(row, table.getSelectionModel().getSelectedItem());
        waitUntil(5, () -> row.victim().equals(window.model().map().highlightedSessionProperty().get()),
            "the map highlights Flow 1");
        Label title = robot.lookup("#inspectorTitle").queryAs(Label.class);
        assertEquals("Preempted at R1", title.getText());
    }
}
