package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * One screenshot of a console tab for docs/screenshots (build/screenshots.sh passes {@code -Dscreenshots=DIR}): the
 * network in a 1400 × 900 window with fresh preferences, started once the window is up (so the picture shows the
 * scenario's first round however slow the window is to open), then {@link Scene#set} waits for what the picture
 * must show and selects it, and the window is written to {@code DIR/FILE}.
 */
final class TabScreenshot {

    /** Brings the window to the state the picture shows (waits, pauses the network, selects). */
    @FunctionalInterface
    interface Scene {
        void set(FxRobot robot, ConsoleWindow window, VirtualLiveNetwork network) throws Exception;
    }

    private TabScreenshot() {
    }

    static void take(VirtualLiveNetwork network, String file, Scene scene) throws Exception {
        String dir = System.getProperty("screenshots");
        assumeTrue(dir != null, "run through build/screenshots.sh");
        Path out = Path.of(dir);
        Files.createDirectories(out);
        FxRobot robot = new FxRobot();
        Stage stage = FxToolkit.registerPrimaryStage();
        String node = "org/rsvpconsole/screenshot-" + file.replace(".png", "");
        Preferences.userRoot().node(node).removeNode();
        Preferences prefs = Preferences.userRoot().node(node);
        ConsoleWindow[] w = new ConsoleWindow[1];
        FxToolkit.setupFixture(() -> {
            w[0] = Console.show(stage, network, prefs);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        network.start();
        try {
            scene.set(robot, w[0], network);
            // Let the map and the tables draw what was selected.
            Thread.sleep(1500);
            AtomicReference<WritableImage> ref = new AtomicReference<>();
            robot.interact(() -> ref.set(stage.getScene().snapshot(null)));
            ImageIO.write(SwingFXUtils.fromFXImage(ref.get(), null), "png", out.resolve(file).toFile());
        } finally {
            robot.interact(w[0]::close);
            network.close();
            FxToolkit.cleanupStages();
        }
    }

    /** Shows the tab titled {@code title} of the console's tables (call on the FX thread). */
    static void selectTab(FxRobot robot, String title) {
        TabPane tabs = robot.lookup("#tables").queryAs(TabPane.class);
        tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
            .orElseThrow());
    }
}
