package org.rsvpconsole.ui.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkOpener;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.replay.OpenHistoryViewModel;
import org.rsvpconsole.ui.replay.RecordedNetwork;
import org.rsvpconsole.ui.replay.RecordingNetwork;
import org.rsvpconsole.ui.replay.TimelineViewModel;

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
        return show(stage, network, prefs, opener, null);
    }

    /**
     * As {@link #show(Stage, LiveNetwork, Preferences, NetworkOpener)}, recording into {@code store} (null: not
     * recording): a live network not yet recorded is recorded from here on, and the replay timeline reads the store.
     * File > Open history replays a history file in the same window instead of the network, which is closed. A
     * {@link RecordedNetwork} is shown in replay.
     */
    public static ConsoleWindow show(Stage stage, LiveNetwork network, Preferences prefs, NetworkOpener opener,
                                     EventStore store) {
        boolean recorded = network instanceof RecordedNetwork;
        LiveNetwork shown = store == null || recorded || network instanceof RecordingNetwork ? network
            : RecordingNetwork.start(network, store, System.getProperty("user.name", "operator"));
        MainViewModel model = new MainViewModel(shown);
        model.setTimeline(new TimelineViewModel(recorded ? null : store, !recorded, model, FILES,
            Platform::runLater));
        EventPump pump = new EventPump(shown);
        ConsoleWindow window = new ConsoleWindow(stage, model, pump, prefs);
        stage.setUserData(shown);
        if (opener != null) {
            window.setOpening(new OpenNetworkViewModel(opener, FILES, Platform::runLater), opened -> {
                window.dispose();
                shown.close();
                show(stage, opened, prefs, opener, store);
            });
        }
        window.setOpeningHistory(new OpenHistoryViewModel(FILES, Platform::runLater), opened -> {
            window.dispose();
            shown.close();
            show(stage, new RecordedNetwork(opened.run(), opened, shown), prefs, opener, store);
        });
        if (network instanceof RecordedNetwork r) {
            model.timeline().show(r.run());
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
        run(network, opener, null);
    }

    /** As {@link #run(LiveNetwork, NetworkOpener)}, recording into {@code store} (null: not recording). */
    public static void run(LiveNetwork network, NetworkOpener opener, EventStore store)
        throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            stage[0] = new Stage();
            stage[0].setOnHidden(e -> closed.countDown());
            show(stage[0], network, preferences(), opener, store);
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
