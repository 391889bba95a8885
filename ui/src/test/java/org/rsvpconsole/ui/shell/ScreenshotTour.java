package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.NeighbourRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the README's screenshots of the main views. Not a test: it runs only when asked,
 * {@code build/screenshots.sh} (under Xvfb) does so and writes docs/screenshots/*.png.
 */
class ScreenshotTour {

    private final FxRobot robot = new FxRobot();

    @Test
    @SuppressWarnings("unchecked")
    void takeScreenshots() throws Exception {
        String dir = System.getProperty("screenshots");
        assumeTrue(dir != null, "run through build/screenshots.sh");
        Path out = Path.of(dir);
        Files.createDirectories(out);
        VirtualLiveNetwork network = TestNetworks.spNetwork(true, 10).start();
        Stage stage = FxToolkit.registerPrimaryStage();
        // A fresh layout every time (remembered map positions live in a child node).
        Preferences.userRoot().node("org/rsvpconsole/console-screenshots").removeNode();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/console-screenshots");
        ConsoleWindow[] w = new ConsoleWindow[1];
        FxToolkit.setupFixture(() -> {
            w[0] = Console.show(stage, network, prefs);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        try {
            Thread.sleep(25_000);
            // Select a Guaranteed (voice) reservation at a core router: its path is highlighted hop by hop and the
            // inspector shows it with its session.
            robot.interact(() -> {
                var table = w[0].reservationTable();
                table.getItems().stream().filter(r -> r.service().equals("RATE") && r.node().endsWith("-p1"))
                    .findFirst().or(() -> table.getItems().stream().filter(r -> r.service().equals("RATE"))
                        .findFirst())
                    .ifPresent(r -> {
                        table.getSelectionModel().select(r);
                        table.scrollTo(r);
                    });
            });
            Thread.sleep(1500);
            shot(stage.getScene(), out.resolve("console.png"));
            TabPane tabs = robot.lookup("#tables").queryAs(TabPane.class);
            robot.interact(() -> tabs.getSelectionModel().select(4));
            robot.interact(() -> robot.lookup("#eventLog").queryTableView().getSelectionModel().select(3));
            Thread.sleep(1000);
            shot(stage.getScene(), out.resolve("event-log.png"));
            robot.interact(() -> tabs.getSelectionModel().select(2));
            Thread.sleep(600);
            shot(stage.getScene(), out.resolve("interfaces.png"));
            // Neighbours: refresh reduction and Hello per neighbour, one core router's neighbour in the inspector.
            robot.interact(() -> {
                // The event log's selection follows its rows and would take the inspector back.
                robot.lookup("#eventLog").queryTableView().getSelectionModel().clearSelection();
                tabs.getSelectionModel().select(3);
                TableView<NeighbourRow> n = robot.lookup("#neighbours").queryAs(TableView.class);
                n.getItems().stream().filter(r -> r.node().equals("par-p1") && r.neighbour().startsWith("lon-p1"))
                    .findFirst().ifPresent(r -> {
                        n.getSelectionModel().select(r);
                        n.scrollTo(r);
                    });
            });
            Thread.sleep(1000);
            shot(stage.getScene(), out.resolve("neighbours.png"));
            robot.interact(() -> {
                w[0].model().map().selectedLinkProperty().set(w[0].model().map().topology().links().stream()
                    .filter(l -> l.nodeA().equals("par-p1") || l.nodeB().equals("par-p1")).findFirst()
                    .orElseThrow().name());
                var table = w[0].reservationTable();
                table.getItems().stream().filter(r -> r.service().equals("RATE")).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
                w[0].model().map().selectedLinkProperty().set(w[0].model().map().topology().links().stream()
                    .filter(l -> l.nodeA().equals("par-p1") || l.nodeB().equals("par-p1")).findFirst()
                    .orElseThrow().name());
                tabs.getSelectionModel().select(5);
            });
            Thread.sleep(8000);
            shot(stage.getScene(), out.resolve("charts.png"));
            robot.interact(() -> {
                var d = w[0].openReserve();
                d.model().pick("par-video1");
                d.model().pick("mad-video1");
                d.model().rateProperty().set("2M");
                d.model().preview().thenAccept(p -> javafx.application.Platform.runLater(() -> d.model().show(p)));
            });
            Thread.sleep(1500);
            for (Window win : Window.getWindows()) {
                if (win instanceof Stage s && s.getTitle() != null && s.getTitle().equals("Reserve")) {
                    shot(s.getScene(), out.resolve("reserve.png"));
                }
            }
            robot.interact(() -> w[0].model().themeProperty().set(MainViewModel.Theme.DARK));
            Thread.sleep(800);
            shot(stage.getScene(), out.resolve("console-dark.png"));
        } finally {
            robot.interact(w[0]::close);
            network.close();
            FxToolkit.cleanupStages();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(Scene scene, Path file) throws Exception {
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> ref =
            new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> ref.set(scene.snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(ref.get(), null), "png", file.toFile());
    }
}
