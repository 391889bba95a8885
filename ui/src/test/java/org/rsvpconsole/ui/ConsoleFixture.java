package org.rsvpconsole.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.graphstream.ui.graphicGraph.GraphicElement;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.ui.shell.Console;
import org.rsvpconsole.ui.shell.ConsoleWindow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console on a real window for a robot test (TestFX under Xvfb, decision 0006): {@link #open} shows a network
 * in TestFX's primary stage with fresh preferences; after each test the window, the network (and any network the
 * window opened in its place) and the stages are closed. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ConsoleFixture console = new ConsoleFixture();
 *
 * @Test
 * void something() throws Exception {
 *     ConsoleWindow window = console.open(TestNetworks.spNetwork(true, 1).start());
 *     console.robot().clickOn("Reservations");
 *     ConsoleFixture.waitUntil(20, () -> ..., "what should have happened");
 * }
 * }</pre>
 */
public final class ConsoleFixture implements AfterEachCallback {

    /** How the window is built: {@code Console::show} or a variant of it (an opener, a store, a placed stage). */
    @FunctionalInterface
    public interface Show {
        ConsoleWindow show(Stage stage, LiveNetwork network, Preferences prefs);
    }

    private final FxRobot robot = new FxRobot();
    private LiveNetwork network;
    private ConsoleWindow window;
    private Stage stage;

    /** Shows {@code network} (started; closed after the test) with {@code Console.show}. */
    public ConsoleWindow open(LiveNetwork network) throws Exception {
        return open(network, Console::show);
    }

    /** Shows {@code network} (started; closed after the test) through {@code show}, on the FX thread. */
    public ConsoleWindow open(LiveNetwork network, Show show) throws Exception {
        this.network = network;
        assertNotNull(System.getenv("DISPLAY"), "UI tests need a display: run them as the README says, through"
            + " xvfb-run (xvfb-run -a mvn -B verify)");
        stage = FxToolkit.registerPrimaryStage();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/console-test");
        prefs.clear();
        FxToolkit.setupFixture(() -> window = show.show(stage, network, prefs));
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    public FxRobot robot() {
        return robot;
    }

    /** The window {@link #open} built (File > Open builds another one in the same stage). */
    public ConsoleWindow window() {
        return window;
    }

    public Stage stage() {
        return stage;
    }

    public LiveNetwork network() {
        return network;
    }

    /** Waits up to {@code seconds} for {@code condition}, then asserts it with {@code what} as the message. */
    public static void waitUntil(int seconds, BooleanSupplier condition, String what) throws Exception {
        waitUntil(seconds, condition, () -> what);
    }

    /** As {@link #waitUntil(int, BooleanSupplier, String)}; the message is made at the end (to say what was seen). */
    public static void waitUntil(int seconds, BooleanSupplier condition, Supplier<String> what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            // reported below, with what was seen
        }
        assertTrue(condition.getAsBoolean(), what.get());
    }

    /** The labels the map's viewer draws on edges, in edge-id order (what the operator reads on the map). */
    public List<String> drawnEdgeLabels() {
        List<String> out = new ArrayList<>();
        robot.interact(() -> window.map().viewer().getGraphicGraph().edges()
            .sorted(Comparator.comparing(e -> e.getId())).forEach(e -> {
                String label = ((GraphicElement) e).label;
                if (label != null && !label.isEmpty()) {
                    out.add(label);
                }
            }));
        return out;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (stage != null && stage.isShowing()) {
                // As the operator closes it: the stage's handler closes the window shown now.
                robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
            }
        } finally {
            if (stage != null && stage.getUserData() instanceof LiveNetwork shown && shown != network) {
                shown.close();
            }
            if (network != null) {
                network.close();
            }
            FxToolkit.cleanupStages();
        }
    }
}
