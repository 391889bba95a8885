package org.rsvpconsole.ui.shell;

import java.util.concurrent.CountDownLatch;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.ui.live.EventPump;

/** Starts JavaFX, opens the console window on a network, and returns when the operator closes it. */
public final class Console {

    private Console() {
    }

    /** The preferences node window layout and map positions are kept in ({@code rsvp.console.prefs} overrides). */
    public static Preferences preferences() {
        return Preferences.userRoot().node(System.getProperty("rsvp.console.prefs", "org/rsvpconsole/console"));
    }

    /** Builds the window on {@code stage} and starts the pump; FX thread. Used by {@link #run} and the UI tests. */
    public static ConsoleWindow show(Stage stage, LiveNetwork network, Preferences prefs) {
        MainViewModel model = new MainViewModel(network);
        EventPump pump = new EventPump(network);
        ConsoleWindow window = new ConsoleWindow(stage, model, pump, prefs);
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.close();
        });
        pump.start();
        stage.show();
        return window;
    }

    /** Opens the console and blocks until it is closed; then closes the network. */
    public static void run(LiveNetwork network) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setOnHidden(e -> closed.countDown());
            show(stage, network, preferences());
        });
        closed.await();
        network.close();
        Platform.exit();
    }
}
