package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.aggregates.AggregateRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes docs/screenshots/aggregates.png: the Aggregates tab on examples/rfc4495-figure2 after Flow 9 joined X, with
 * aggregate Y selected (320 kbit/s, four microflows admitted, Flow D preempted) and drawn on the map as a bundle.
 * Not a test: build/screenshots.sh runs it.
 */
class AggregateScreenshot {

    private final FxRobot robot = new FxRobot();

    @Test
    @SuppressWarnings("unchecked")
    void takeScreenshot() throws Exception {
        String dir = System.getProperty("screenshots");
        assumeTrue(dir != null, "run through build/screenshots.sh");
        Path out = Path.of(dir);
        Files.createDirectories(out);
        VirtualLiveNetwork network = TestNetworks.figure2Network(4);
        Stage stage = FxToolkit.registerPrimaryStage();
        Preferences.userRoot().node("org/rsvpconsole/aggregate-screenshot").removeNode();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/aggregate-screenshot");
        ConsoleWindow[] w = new ConsoleWindow[1];
        FxToolkit.setupFixture(() -> {
            w[0] = Console.show(stage, network, prefs);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        network.start();
        try {
            TableView<AggregateRow> table = robot.lookup("#aggregates").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(r -> r.name()
                .equals("Y") && r.reserved().equals("320 kbit/s") && r.preempted() == 1));
            network.pause();
            robot.interact(() -> {
                TabPane tabs = robot.lookup("#tables").queryAs(TabPane.class);
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Aggregates"))
                    .findFirst().orElseThrow());
                table.getItems().stream().filter(r -> r.name().equals("Y")).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].model().map().path().size() == 5);
            Thread.sleep(1500);
            AtomicReference<WritableImage> ref = new AtomicReference<>();
            robot.interact(() -> ref.set(stage.getScene().snapshot(null)));
            ImageIO.write(SwingFXUtils.fromFXImage(ref.get(), null), "png", out.resolve("aggregates.png").toFile());
        } finally {
            robot.interact(w[0]::close);
            network.close();
            FxToolkit.cleanupStages();
        }
    }
}
