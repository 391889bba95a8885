package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.LspRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Takes docs/screenshots/lsps.png: the LSPs tab on examples/rsvp-te-4router with T2's make-before-break LSP
 * selected, its labelled route on the map and its hops in the inspector. Not a test: build/screenshots.sh runs it.
 */
class LspScreenshot {

    private final FxRobot robot = new FxRobot();

    @Test
    @SuppressWarnings("unchecked")
    void takeScreenshot() throws Exception {
        String dir = System.getProperty("screenshots");
        assumeTrue(dir != null, "run through build/screenshots.sh");
        Path out = Path.of(dir);
        Files.createDirectories(out);
        VirtualLiveNetwork network = TestNetworks.teNetwork(1);
        Stage stage = FxToolkit.registerPrimaryStage();
        Preferences.userRoot().node("org/rsvpconsole/lsp-screenshot").removeNode();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/lsp-screenshot");
        ConsoleWindow[] w = new ConsoleWindow[1];
        FxToolkit.setupFixture(() -> {
            w[0] = Console.show(stage, network, prefs);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        // Started once the window is up, so the picture is of the first round however slow the window is to open.
        network.start();
        try {
            // From 3 s: T2 on its new LSP (R1-R2-R4), T3 up until 5 s, T1 preempted (down).
            TableView<LspRow> table = robot.lookup("#lsps").queryAs(TableView.class);
            org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> table
                .getItems().stream().anyMatch(r -> r.name().equals("T2") && r.lspId() == 2 && r.state().equals("up")));
            // Held there: on a loaded machine the window may take seconds to draw, and T3 closes at 5 s.
            network.pause();
            robot.interact(() -> {
                TabPane tabs = robot.lookup("#tables").queryAs(TabPane.class);
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("LSPs"))
                    .findFirst().orElseThrow());
                table.getItems().stream().filter(r -> r.name().equals("T2") && r.lspId() == 2).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            });
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !w[0].model()
                .map().path().isEmpty());
            Thread.sleep(1500);
            java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> ref =
                new java.util.concurrent.atomic.AtomicReference<>();
            robot.interact(() -> ref.set(stage.getScene().snapshot(null)));
            ImageIO.write(SwingFXUtils.fromFXImage(ref.get(), null), "png", out.resolve("lsps.png").toFile());
        } finally {
            robot.interact(w[0]::close);
            network.close();
            FxToolkit.cleanupStages();
        }
    }
}
