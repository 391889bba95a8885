package org.rsvpconsole.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.rsvpconsole.app.attach.AttachedLiveNetwork;
import org.rsvpconsole.app.attach.AttachedNetwork;
import org.rsvpconsole.app.attach.Credentials;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.live.VirtualNetworkOpener;
import org.rsvpconsole.engine.live.TrafficMixPlan;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.StoreException;
import org.rsvpconsole.ui.replay.RecordingNetwork;
import org.rsvpconsole.ui.shell.Console;

/**
 * Wires the console: the topology (the embedded service-provider example unless a file is given), the traffic mix
 * (its scenario, unless switched off), the virtual network on its own thread, then the JavaFX console.
 */
final class ConsoleLaunch {

    static final String DEFAULT_TOPOLOGY = "examples/sp-network.yaml";
    static final String DEFAULT_SCENARIO = "examples/sp-network.scenario.yaml";

    /** What the console opens on. */
    record Options(Path topology, Path scenario, boolean traffic, double speed) {
    }

    /**
     * How the console starts whatever it shows.
     *
     * @param history where to record (H2 file or JDBC URL), or null for not recording
     * @param theme   {@code LIGHT} or {@code DARK} from the configuration file; empty: the one last used
     */
    record Settings(String history, Optional<String> theme) {
    }

    /** Opens the console; replaced in tests so no window opens. */
    interface Opener {
        void open(VirtualLiveNetwork network, Settings settings) throws Exception;
    }

    /**
     * The real opener: opens the history store (a user error naming the ways out when it cannot), records the
     * network from its start, runs the console, and closes the store after the window (committing what is buffered).
     */
    static void openConsole(VirtualLiveNetwork net, Settings settings) throws Exception {
        EventStore store = store(net, settings.history());
        try {
            LiveNetwork shown = recorded(net, store);
            net.start();
            startTheme(Console.preferences(), settings.theme());
            Console.run(shown, new VirtualNetworkOpener(net.speed()), store);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The history store at {@code history} (null: none); a user error naming the ways out when it cannot open. */
    static EventStore store(LiveNetwork net, String history) {
        if (history == null) {
            return null;
        }
        try {
            return EventStore.open(history);
        } catch (StoreException e) {
            net.close();
            throw new UserException("cannot record the history: " + e.getMessage() + " (choose another place"
                + " with --db URL or 'history:' in the console configuration, or run with --no-record)");
        }
    }

    private static String who() {
        return System.getProperty("user.name", "operator");
    }

    /**
     * The configuration file's theme as the one the window opens with: the window reads it from its preferences
     * (ui.shell.ConsoleWindow), where the View menu's choice is also remembered.
     */
    static void startTheme(java.util.prefs.Preferences prefs, Optional<String> theme) {
        theme.ifPresent(t -> prefs.put("theme", t));
    }

    private ConsoleLaunch() {
    }

    /** Opens the console on attached daemons; replaced in tests so no window opens. */
    interface AttachOpener {
        void open(LiveNetwork network, Settings settings) throws Exception;
    }

    static final AttachOpener ATTACH_OPENER = ConsoleLaunch::openAttached;

    /** {@code --attach HOST:PORT[,...]}. */
    static List<DaemonEndpoint> endpoints(String endpoints) {
        return DaemonCommands.parseEndpoints("--attach", endpoints);
    }

    /**
     * Attaches to the daemons and gives the console's network over them; a user error when none attaches within
     * 20 s.
     */
    static AttachedLiveNetwork attach(List<DaemonEndpoint> list, Credentials credentials)
        throws InterruptedException {
        try {
            return AttachedLiveNetwork.open(list, credentials, AttachedNetwork.Options.DEFAULT, Duration.ofSeconds(20));
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    /**
     * The real opener: the console on the attached daemons, recorded into the history store as the virtual network
     * is (the daemons' events as the console receives them, and this console's operator actions).
     */
    static void openAttached(LiveNetwork net, Settings settings) throws Exception {
        EventStore store = store(net, settings.history());
        try {
            startTheme(Console.preferences(), settings.theme());
            Console.run(recorded(net, store), new VirtualNetworkOpener(1), store);
        } finally {
            net.close();
            if (store != null) {
                store.close();
            }
        }
    }

    /** {@code net} recorded into {@code store} from now on (null: not recorded). */
    static LiveNetwork recorded(LiveNetwork net, EventStore store) {
        return store == null ? net : RecordingNetwork.start(net, store, who());
    }

    /** Where Debian, Fedora and others keep the GTK 3 library JavaFX's Linux toolkit loads. */
    private static final List<String> GTK3 = List.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0",
        "/usr/lib/aarch64-linux-gnu/libgtk-3.so.0", "/usr/lib64/libgtk-3.so.0", "/usr/lib/libgtk-3.so.0");

    /**
     * Why the console cannot open a window here, in words that say how to fix it; empty when it can. Checked
     * before JavaFX starts, which otherwise fails with an internal error ("Unable to open DISPLAY").
     */
    static Optional<String> desktopProblem(String osName, Map<String, String> env, Predicate<Path> exists) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        boolean display = !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "")
            .isBlank();
        if (!display) {
            return Optional.of("the console needs a graphical display and DISPLAY is not set: run it on a desktop,"
                + " over ssh -X, or under a virtual display (xvfb-run -a ./rsvp-console); 'decode' and 'simulate'"
                + " work without one");
        }
        if (GTK3.stream().map(Path::of).noneMatch(exists)) {
            return Optional.of("the console needs the GTK 3 library that JavaFX uses on Linux and it is not"
                + " installed: sudo apt-get install libgtk-3-0 (or your distribution's gtk3 package)");
        }
        return Optional.empty();
    }

    static VirtualLiveNetwork network(Options o) throws IOException, ConfigException {
        Topology topology = o.topology() == null
            ? TopologyLoader.parse(resource(DEFAULT_TOPOLOGY), DEFAULT_TOPOLOGY)
            : TopologyLoader.load(o.topology());
        Scenario scenario = null;
        Path scenarioFile = o.scenario() != null ? o.scenario() : o.topology() == null ? null
            : besideScenario(o.topology()).orElse(null);
        if (scenarioFile != null) {
            scenario = ScenarioLoader.load(scenarioFile);
        } else if (o.topology() == null) {
            scenario = ScenarioLoader.parse(resource(DEFAULT_SCENARIO), DEFAULT_SCENARIO);
        }
        VirtualLiveNetwork net = new VirtualLiveNetwork(topology, scenario == null ? null
            : TrafficMixPlan.looping(scenario), o.speed(), 1, t -> { });
        net.setTrafficMix(o.traffic());
        return net;
    }

    /** The scenario beside a topology file, as File > Open finds it; empty when there is none. */
    static Optional<Path> besideScenario(Path topology) {
        Path beside = VirtualNetworkOpener.scenarioBeside(topology);
        return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConsoleLaunch.class.getResourceAsStream("/" + name)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(name));
    }
}
