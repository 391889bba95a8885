package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.shell.Console;
import org.rsvpconsole.ui.shell.ConsoleWindow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Takes the README's replay screenshot (docs/screenshots/replay.png): the example network with its traffic mix,
 * recorded into a temporary store, replayed at 60% of what was recorded with a voice call's path highlighted. Not a
 * test: it runs only through {@code build/screenshots.sh}.
 */
class ReplayScreenshot {

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();

    @Test
    void takeReplayScreenshot() throws Exception {
        String out = System.getProperty("screenshots");
        assumeTrue(out != null, "run through build/screenshots.sh");
        Files.createDirectories(Path.of(out));
        VirtualLiveNetwork network = TestNetworks.spNetwork(true, 10);
        EventStore store = EventStore.open(dir.resolve("history").toString());
        // Recorded from its start, as the application does.
        RecordingNetwork recorded = RecordingNetwork.start(network, store, "operator");
        network.start();
        Stage stage = FxToolkit.registerPrimaryStage();
        Preferences.userRoot().node("org/rsvpconsole/console-screenshots-replay").removeNode();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/console-screenshots-replay");
        ConsoleWindow[] w = new ConsoleWindow[1];
        FxToolkit.setupFixture(() -> {
            w[0] = Console.show(stage, recorded, prefs, null, store);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        try {
            Thread.sleep(25_000);
            robot.interact(() -> w[0].model().timeline().enterReplay());
            Thread.sleep(5000);
            robot.interact(() -> {
                TimelineViewModel t = w[0].model().timeline();
                t.jumpToFraction(0.6);
                var table = w[0].reservationTable();
                table.getItems().stream().filter(r -> r.service().equals("RATE")).findFirst().ifPresent(r -> {
                    table.getSelectionModel().select(r);
                    table.scrollTo(r);
                });
            });
            Thread.sleep(2000);
            AtomicReference<WritableImage> image = new AtomicReference<>();
            robot.interact(() -> image.set(stage.getScene().snapshot(null)));
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", Path.of(out, "replay.png").toFile());
        } finally {
            robot.interact(w[0]::close);
            network.close();
            store.close();
            FxToolkit.cleanupStages();
        }
    }
}
