package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.ui.ConsoleFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.live.VirtualNetworkOpener;
import org.rsvpconsole.ui.ConsoleFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of the main flows on a real window (under Xvfb in CI: the README's test command runs Maven through
 * xvfb-run). Each test opens the console on the example network and drives it with mouse and keyboard.
 */
class ConsoleRobotTest {

    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();
    private final FxRobot robot = console.robot();
    private ConsoleWindow window;
    private Stage stage;

    private void open(boolean traffic) throws Exception {
        window = console.open(TestNetworks.spNetwork(traffic, 1).start());
        stage = console.stage();
    }

    /** Where {@code node} is drawn once it has kept still for 300 ms: on a loaded machine the map fits later. */
    private Point2D stillPosition(String node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Point2D before = null;
        while (true) {
            Point2D now = WaitForAsyncUtils.asyncFx(() -> window.map().nodePosition(node)).get();
            if (now != null && now.equals(before)) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, node + " is drawn and keeps still");
            before = now;
            Thread.sleep(300);
        }
    }

    @Test
    void opensOnTheDefaultNetworkAndShowsReservationsWithinSeconds() throws Exception {
        open(true);
        assertTrue(stage.getTitle().contains("Service provider"), stage.getTitle());
        TableView<?> table = robot.lookup("#reservations").queryAs(TableView.class);
        waitUntil(20, () -> !table.getItems().isEmpty(), "reservations appear");
        Label counts = robot.lookup("#counts").queryAs(Label.class);
        assertTrue(counts.getText().contains("reservations"), counts.getText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reserveByClickingTwoHostsThenTearDownFromTheTable() throws Exception {
        open(false);
        robot.clickOn("#reserveButton");
        WaitForAsyncUtils.waitForFxEvents();
        // Click the sender and the receiver on the map, each once it is drawn and still.
        clickNode("par-video1");
        clickNode("mad-video1");
        TextField rate = robot.lookup("#rate").queryAs(TextField.class);
        assertEquals("par-video1", robot.lookup("#sender").queryComboBox().getValue());
        assertEquals("mad-video1", robot.lookup("#receiver").queryComboBox().getValue());
        robot.clickOn(rate).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("1M");
        robot.clickOn("#previewButton");
        Label verdict = robot.lookup("#verdict").queryAs(Label.class);
        waitUntil(5, () -> verdict.getText().startsWith("Admission would pass"), "preview passes");
        robot.clickOn("#commitReserve");
        TableView<ReservationRow> table = robot.lookup("#reservations").queryAs(TableView.class);
        waitUntil(10, () -> table.getItems().stream().anyMatch(r -> r.node().equals("mad-video1")),
            "the reservation comes up at the receiver");
        ReservationRow mine = table.getItems().stream().filter(r -> r.node().equals("par-video1")
            || r.node().equals("par-ce1") || r.node().equals("mad-video1")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(mine));
        robot.clickOn(table).press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        Button ok = (Button) robot.lookup("#tearDownConfirm").queryAs(javafx.scene.control.DialogPane.class)
            .lookupButton(javafx.scene.control.ButtonType.OK);
        robot.clickOn(ok);
        waitUntil(10, () -> table.getItems().isEmpty(), "tear down removes every reservation of the session");
    }

    @Test
    void anInvalidRateIsRefusedInPlace() throws Exception {
        open(false);
        robot.clickOn("#reserveButton");
        TextField rate = robot.lookup("#rate").queryAs(TextField.class);
        robot.clickOn(rate).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("fast");
        Label message = robot.lookup("#rateMessage").queryAs(Label.class);
        assertTrue(message.getText().startsWith("Token rate r must be"), message.getText());
        assertTrue(robot.lookup("#commitReserve").queryButton().isDisabled(), "cannot reserve with errors");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapAndInspectorFollowTheEventLogSelection() throws Exception {
        open(true);
        robot.clickOn("Event log");
        TableView<EventRow> log = robot.lookup("#eventLog").queryAs(TableView.class);
        waitUntil(20, () -> !log.getItems().isEmpty(), "events arrive");
        robot.interact(() -> log.getSelectionModel().select(0));
        EventRow row = log.getSelectionModel().getSelectedItem();
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.lookup("#inspectorTitle").queryAs(Label.class);
        assertTrue(title.getText().endsWith("at " + row.node()), title.getText());
        assertEquals(row.node(), window.model().map().selectedNodeProperty().get(), "the map selects the node");
        assertFalse(robot.lookup("#propertySheet").queryAs(org.controlsfx.control.PropertySheet.class).getItems()
            .isEmpty(), "properties shown");
    }

    @Test
    void openAnotherTopologyFileFromTheMenuAndSeeTheLoadersMessageWhenItIsWrong(@TempDir Path dir) throws Exception {
        window = console.open(TestNetworks.spNetwork(false, 1).start(), (s, n, prefs) -> Console.show(s, n, prefs,
            new VirtualNetworkOpener(1)));
        stage = console.stage();
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "version: 1\nname: bad\nnodes:\n  a: {type: hots}\nlinks: []\n");
        robot.interact(() -> window.openFile(bad));
        waitUntil(10, () -> robot.lookup("#openError").tryQuery().isPresent(), "an error dialog");
        DialogPane error = robot.lookup("#openError").queryAs(DialogPane.class);
        assertTrue(error.getHeaderText().startsWith("Could not open"), error.getHeaderText());
        String details = ((TextArea) error.getContent()).getText();
        assertEquals(bad + " line 4: node a: type 'hots' is not a node type; use 'router' or 'host'", details);
        robot.interact(() -> error.getScene().getWindow().hide());
        Path good = dir.resolve("two.yaml");
        Files.writeString(good, "version: 1\nname: two hosts\nnodes:\n  a: {type: host}\n  b: {type: host}\n"
            + "links:\n  - {ends: [a, b], bandwidth: 1M}\n");
        robot.interact(() -> window.openFile(good));
        waitUntil(10, () -> stage.getTitle().equals("RSVP Console - two hosts"), "the new network is shown");
        assertTrue(stage.isShowing(), "same window");
        waitUntil(5, () -> robot.lookup("#counts").queryAs(Label.class).getText().startsWith("2 nodes, 1 links"),
            "its status bar");
        assertFalse(((org.rsvpconsole.engine.api.LiveNetwork) stage.getUserData()) == console.network(),
            "replaced");
        // Close through the window's close request, as the operator would: the current window closes.
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertFalse(stage.isShowing());
    }

    private void clickNode(String node) throws Exception {
        Point2D p = stillPosition(node);
        Point2D screen = window.map().panel().localToScreen(p);
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
