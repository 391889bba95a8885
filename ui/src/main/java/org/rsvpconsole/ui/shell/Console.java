package org.rsvpconsole.ui.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkOpener;
import org.rsvpconsole.ui.live.EventPump;

/** Starts JavaFX, opens the console window on a network, and returns when the operator closes it. */
public final class Console {

    /** Reads files for File > Open: one daemon thread, so the FX thread never waits for a disk or a parser. */
    private static final ExecutorService FILES = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-open");
        t.setDaemon(true);
        return t;
    });

    private Console() {
    }

    /** The preferences node window layout and map positions are kept in ({@code rsvp.console.prefs} overrides). */
    public static Preferences preferences() {
        return Preferences.userRoot().node(System.getProperty("rsvp.console.prefs", "org/rsvpconsole/console"));
    }

    /** Builds the window on {@code stage} and starts the pump; FX thread. Used by {@link #run} and the UI tests. */
    public static ConsoleWindow show(Stage stage, LiveNetwork network, Preferences prefs) {
        return show(stage, network, prefs, null);
    }

    /**
     * As {@link #show(Stage, LiveNetwork, Preferences)}, with File > Open through {@code opener} (null: disabled).
     * An opened network replaces the shown one in the same window; the old one is closed. The stage's user data is
     * the network shown.
     */
    public static ConsoleWindow show(Stage stage, LiveNetwork network, Preferences prefs, NetworkOpener opener) {
        MainViewModel model = new MainViewModel(network);
        EventPump pump = new EventPump(network);
        ConsoleWindow window = new ConsoleWindow(stage, model, pump, prefs);
        stage.setUserData(network);
        if (opener != null) {
            window.setOpening(new OpenNetworkViewModel(opener, FILES, Platform::runLater), opened -> {
                window.dispose();
                network.close();
                show(stage, opened, prefs, opener);
            });
        }
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
        run(network, null);
    }

    /** Opens the console with File > Open through {@code opener}; blocks until closed, then closes the network. */
    public static void run(LiveNetwork network, NetworkOpener opener) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            stage[0] = new Stage();
            stage[0].setOnHidden(e -> closed.countDown());
            show(stage[0], network, preferences(), opener);
        });
        closed.await();
        // The latch orders this read after the FX thread's last setUserData.
        Object shown = stage[0].getUserData();
        network.close();
        if (shown instanceof LiveNetwork n && n != network) {
            n.close();
        }
        Platform.exit();
    }
}
