package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.shell.Console;
import org.rsvpconsole.ui.shell.ConsoleWindow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Replay on a real window (under Xvfb): the console records a real network into an H2 file in a temporary
 * directory; the operator replays it, goes back to an earlier instant by typing it, sees the reservations that
 * existed then and not those made later, and goes back to live; File > Open history refuses a file that is not
 * ours and replays one that is.
 */
class ReplayRobotTest {

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private Recording rec;
    private ConsoleWindow window;
    private Stage stage;

    private void open() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "UI tests need a display: run them through xvfb-run");
        rec = Recording.twoFlows(dir);
        stage = FxToolkit.registerPrimaryStage();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/console-test");
        prefs.clear();
        FxToolkit.setupFixture(() -> window = Console.show(stage, rec.network, prefs, null, rec.store));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            robot.interact(window::close);
        }
        if (stage != null && stage.getUserData() instanceof RecordedNetwork r) {
            r.close();
        }
        if (rec != null) {
            rec.close();
        }
        FxToolkit.cleanupStages();
    }

    private static void waitUntil(int seconds, BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        assertTrue(condition.getAsBoolean(), what);
    }

    /** Puts the text in the time field at once (typing it key by key is slow under load) and presses Enter. */
    private void typeTime(String text) {
        javafx.scene.control.TextField field = robot.lookup("#jumpTime").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> field.setText(text));
        robot.clickOn(field).press(KeyCode.END).release(KeyCode.END).press(KeyCode.ENTER).release(KeyCode.ENTER);
    }

    @SuppressWarnings("unchecked")
    private Set<SessionId> shownSessions() {
        TableView<ReservationRow> table = robot.lookup("#reservations").queryAs(TableView.class);
        return table.getItems().stream().map(ReservationRow::session).collect(Collectors.toSet());
    }

    @Test
    void replayToAnEarlierInstantShowsTheReservationsOfThenAndNotLaterOnes() throws Exception {
        open();
        // Live: both flows were made before the window opened and are not shown (the views start with the
        // window); a third one made now is.
        SessionId c = rec.reserve("H1", "H4", 5008);
        waitUntil(10, () -> shownSessions().contains(c), "live reservations are shown");
        Label banner = robot.lookup("#replayBanner").queryAs(Label.class);
        assertFalse(banner.isVisible(), "no banner live");

        robot.clickOn("#replayButton");
        // The banner shows and gets its time in one FX event; the test thread may look in between.
        waitUntil(10, () -> banner.isVisible() && banner.getText().startsWith("REPLAY \u2014 "),
            "the replay banner with its time");
        waitUntil(5, () -> shownSessions().equals(Set.of(rec.flowA, rec.flowB, c)), "the newest recorded state");

        typeTime(Instant.ofEpochSecond(0, rec.between).toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(rec.flowA), shownSessions(), "only the reservation that existed then");
        assertTrue(banner.getText().contains(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault()).format(Instant.ofEpochSecond(0, rec.between))),
            banner.getText());
        assertTrue(stage.getScene().getRoot().getStyleClass().contains("replaying"));

        robot.clickOn("#stepForward");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.model().timeline().replayNanos() > rec.between, "stepped to the next entry");

        robot.clickOn("#backToLive");
        waitUntil(10, () -> !banner.isVisible(), "live again");
        waitUntil(5, () -> shownSessions().equals(Set.of(rec.flowA, rec.flowB, c)), "everything live");
        assertFalse(stage.getScene().getRoot().getStyleClass().contains("replaying"));
    }

    @Test
    void openHistoryRefusesAForeignFileAndReplaysAnExportedOne() throws Exception {
        open();
        Path bad = dir.resolve("report.csv");
        Files.writeString(bad, "a,b,c\n1,2,3\n");
        robot.interact(() -> window.openHistoryFile(bad));
        waitUntil(10, () -> robot.lookup("#openError").tryQuery().isPresent(), "an error dialog");
        DialogPane error = robot.lookup("#openError").queryAs(DialogPane.class);
        assertTrue(error.getHeaderText().startsWith("Could not open the history"), error.getHeaderText());
        String details = ((TextArea) error.getContent()).getText();
        assertTrue(details.startsWith(bad + " is not an RSVP Console history"), details);
        robot.interact(() -> error.getScene().getWindow().hide());

        Path export = dir.resolve("earlier.history");
        rec.store.exportHistory(export);
        robot.interact(() -> window.openHistoryFile(export));
        waitUntil(15, () -> stage.getUserData() instanceof RecordedNetwork, "the history replaces the network");
        window = null; // the old window is gone; the stage shows the history
        Label banner = robot.lookup("#replayBanner").queryAs(Label.class);
        waitUntil(5, banner::isVisible, "replay banner");
        assertFalse(robot.lookup("#backToLive").queryButton().isVisible(), "no live network to go back to");
        waitUntil(5, () -> shownSessions().equals(Set.of(rec.flowA, rec.flowB)), "the recorded reservations");
        typeTime(Instant.ofEpochSecond(0, rec.between).toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(rec.flowA), shownSessions());
        robot.interact(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage,
            javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    }
}
