package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.ui.ConsoleFixture.waitUntil;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.ConsoleFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.aggregates.AggregateRow;
import org.rsvpconsole.ui.aggregates.MicroflowRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Aggregates tab on a real window (Xvfb) with examples/rfc4495-figure2 running at x2 (Flow 9 joins X at 20.5 s
 * of engine time, about 10 s of wall time): the preemption notification pops up with its explanation, the tab shows
 * Y at 320 kbit/s with four microflows, and clicking Y lists them and draws Y's route on the map as a bundle.
 */
class AggregateRobotTest {

    /** What R10's reduction of Y says, in either notification (R10's own, or R8's that follows it). */
    static final String EXPLANATION = "Aggregate X (priority 200) took 80 kbit/s from aggregate Y on R10 Int8; Y"
        + " reduced to 320 kbit/s (RFC 4495)";

    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();
    private final FxRobot robot = console.robot();
    private ConsoleWindow window;
    private AnimationTimer popupWatch;

    @AfterEach
    void stopWatching() {
        if (popupWatch != null) {
            robot.interact(popupWatch::stop);
        }
    }

    /**
     * Collects, on every pulse, the texts of the labels in popup windows (a notification is a popup of its own and
     * hides after 6 s, so it is watched for rather than looked up later).
     */
    private Set<String> watchPopups() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                for (Window w : Window.getWindows()) {
                    if (w instanceof PopupWindow && w.isShowing() && w.getScene() != null) {
                        w.getScene().getRoot().lookupAll(".label").forEach(n -> {
                            if (n instanceof Labeled l && l.getText() != null) {
                                seen.add(l.getText().replace('\n', ' '));
                            }
                        });
                    }
                }
            }
        };
        robot.interact(timer::start);
        popupWatch = timer;
        return seen;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNotificationExplainsAndTheAggregateViewShowsYAt320kWithFourMicroflows() throws Exception {
        VirtualLiveNetwork network = TestNetworks.figure2Network(2);
        window = console.open(network);
        // Started once the window is up, so Flow 9 comes while the robot watches however slow the window was.
        Set<String> popups = watchPopups();
        network.start();

        robot.clickOn("Aggregates");
        TableView<AggregateRow> table = robot.lookup("#aggregates").queryAs(TableView.class);
        waitUntil(20, () -> table.getItems().size() == 2, "aggregates X and Y appear");
        Label status = robot.lookup("#aggregateStatus").queryAs(Label.class);

        // Flow 9 joins X: Y is reduced to 320 kbit/s and keeps four microflows.
        // Waited for as one state (Y reduced, four admitted, D listed as preempted) and held there at once: in one
        // run of three on the live network D had left the list a few seconds after the reduction, not yet explained
        // (docs/preemption.md, "Not done yet"); the calls end at 60 s of engine time.
        waitUntil(30, () -> table.getItems().stream().anyMatch(r -> r.name().equals("Y")
            && r.reserved().equals("320 kbit/s") && r.admitted() == 4 && r.preempted() == 1), () -> "Y at 320 kbit/s"
                + " with four microflows and one preempted: " + table.getItems());
        network.pause();
        waitUntil(5, () -> status.getText().equals("2 aggregates carrying 10 microflows, 1 preempted"),
            status::getText);
        // The notification popped up with the explanation (R10's, or R8's that follows it in the same pulse).
        waitUntil(5, () -> popups.stream().anyMatch(t -> t.contains(EXPLANATION)), () -> "the preemption"
            + " notification with its explanation; popups showed " + popups + ", notices " + window.model().notices());

        // What the operator reads in Y's row, as drawn, and a click on it.
        Supplier<Optional<TableCell<?, ?>>> cellOfY = () -> robot.from(table).lookup(".table-cell")
            .match((TableCell<?, ?> c) -> c.getTableRow() != null && c.getTableRow().getItem() instanceof AggregateRow r
                && r.name().equals("Y") && "Reserved".equals(c.getTableColumn().getId())).tryQuery();
        waitUntil(10, () -> cellOfY.get().isPresent(), "the table draws Y's row");
        waitUntil(5, () -> cellOfY.get().map(c -> "320 kbit/s".equals(c.getText())).orElse(false),
            () -> "Y's Reserved cell as drawn: " + cellOfY.get().map(TableCell::getText));
        TableView<MicroflowRow> flows = robot.lookup("#microflows").queryAs(TableView.class);
        // A click that lands while the table replaces a row (twice a second) may select nothing: up to three.
        for (int attempt = 0; attempt < 3 && flows.getItems().isEmpty(); attempt++) {
            robot.clickOn(cellOfY.get().orElseThrow());
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(200);
        }
        waitUntil(5, () -> flows.getItems().size() == 5, "Y's microflows are listed");
        assertEquals(List.of("H8:6002 admitted", "H8:6004 admitted", "H8:6006 admitted", "H8:6010 admitted",
            "H8:6008 preempted"), flows.getItems().stream().map(m -> m.flow() + " " + m.state()).toList());
        assertTrue(flows.getItems().stream().allMatch(m -> m.dscp() == 46 && m.aggregate().equals("Y")));
        long admittedCells = robot.from(flows).lookup(".table-cell").queryAll().stream()
            .filter(c -> c instanceof TableCell<?, ?> tc && "State".equals(tc.getTableColumn().getId())
                && "admitted".equals(tc.getText())).count();
        assertEquals(4, admittedCells, "four microflows drawn as admitted");

        // The map draws Y's reservation from R5 to R8 as a bundle: five hops, each labelled with Y and its DSCP.
        waitUntil(5, () -> window.model().map().path().size() == 5, "the map highlights Y's five hops");
        waitUntil(5, () -> console.drawnEdgeLabels().contains("3: aggregate Y (DSCP 46), 320 kbit/s")
            && console.drawnEdgeLabels().size() == 5,
            () -> "the viewer draws the bundle's labels: " + console.drawnEdgeLabels());
    }
}
