package org.rsvpconsole.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rsvp-console} command line. Exit codes: 0 success, 1 some RSVP message was malformed, 2 a usage error
 * or a file that could not be read, 70 an internal error (a bug: one line, {@code --debug} for the stack trace).
 */
@Command(name = "rsvp-console", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"RSVP (RFC 2205) and RSVP-TE protocol console.",
        "Without a command: opens the console on the embedded virtual network."},
    subcommands = {DecodeCommand.class, SimulateCommand.class, HistoryCommand.class, DaemonCommands.Daemon.class,
        DaemonCommands.Sender.class, DaemonCommands.Reserve.class, DaemonCommands.Teardown.class,
        DaemonCommands.Lsp.class, DaemonCommands.Status.class, AttachCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  success", "  1  some RSVP message was malformed (decode)",
        "  2  usage error, or a file that could not be read", " 70  internal error (run with --debug for details)"})
public final class Main implements Callable<Integer> {

    public static final int EXIT_MALFORMED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 70;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "Print the stack trace of internal errors.")
    boolean debug;

    @Spec
    private CommandSpec spec;

    Main(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    /** Runs the command line in-process and returns the exit code (used by {@link #main} and the tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        Main main = new Main(out, err, in);
        if (DecodeCommand.isPlain(args)) {
            return fastDecode(main, args);
        }
        CommandLine cl = new CommandLine(main);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(errWriter);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            errWriter.println("rsvp-console: " + ex.getMessage());
            errWriter.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserException) {
                errWriter.println("rsvp-console: " + ex.getMessage());
                return EXIT_USAGE;
            }
            errWriter.println("rsvp-console: internal error in '" + c.getCommandSpec().qualifiedName() + "': " + ex
                + (main.debug ? "" : " (run with --debug for details)"));
            if (main.debug) {
                ex.printStackTrace(errWriter);
            }
            return EXIT_INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        errWriter.flush();
        return code;
    }

    /**
     * {@code decode FILE...} with no option runs without building picocli's command model, which costs more start-up
     * time than decoding a typical capture (docs/BENCHMARKS.md); anything else, including {@code --help}, goes
     * through picocli. Errors are reported as the execution handler above reports them.
     */
    private static int fastDecode(Main main, String[] args) {
        DecodeCommand decode = new DecodeCommand(main, java.util.Arrays.asList(args).subList(1, args.length));
        int code;
        try {
            code = decode.call();
        } catch (UserException e) {
            main.err.println("rsvp-console: " + e.getMessage());
            code = EXIT_USAGE;
        } catch (RuntimeException e) {
            main.err.println("rsvp-console: internal error in 'rsvp-console decode': " + e
                + " (run with --debug for details)");
            code = EXIT_INTERNAL;
        }
        main.out.flush();
        main.err.flush();
        return code;
    }

    @Option(names = "--config", paramLabel = "FILE",
        description = "The console's configuration file (default: $XDG_CONFIG_HOME/rsvp-console/console.yaml, i.e."
            + " ~/.config/rsvp-console/console.yaml, when it exists); the options below override it"
            + " (docs/console-config.md).")
    java.nio.file.Path config;

    @Option(names = "--topology", paramLabel = "FILE",
        description = "Open this topology file instead of the embedded service-provider network.")
    java.nio.file.Path topology;

    @Option(names = "--scenario", paramLabel = "FILE",
        description = "Run this scenario as the traffic mix (default: the scenario beside --topology FILE,"
            + " NAME.scenario.yaml for NAME.yaml, else the embedded network's voice and video mix).")
    java.nio.file.Path scenario;

    @Option(names = "--no-traffic", description = "Start with the traffic mix switched off.")
    boolean noTraffic;

    @Option(names = "--traffic", description = "Start with the traffic mix on (overrides the file's 'traffic: off').")
    boolean traffic;

    @Option(names = "--speed", paramLabel = "X",
        description = "Simulation speed: virtual seconds per second (default: 1).")
    Double speed;

    @Option(names = "--db", paramLabel = "URL",
        description = "Record the history into this H2 file or JDBC URL (jdbc:h2:file:..., jdbc:postgresql://...)"
            + " instead of the default under $XDG_DATA_HOME/rsvp-console (~/.local/share/rsvp-console).")
    String db;

    @Option(names = "--no-record", description = "Do not record the history (no replay).")
    boolean noRecord;

    @Option(names = "--attach", paramLabel = "HOST:PORT[,HOST:PORT...]",
        description = "Open the console on these daemons' management channels (TLS; with --ca and --token or --cert,"
            + " docs/management.md) instead of the virtual network.")
    String attach;

    @picocli.CommandLine.Mixin
    DaemonCommands.ManagementOptions attachTls;

    /** The environment the console's configuration is found from; tests give their own (null: the process's). */
    static volatile java.util.Map<String, String> environment;

    /** Opens the console on attached daemons; tests replace it so that no window opens. */
    static volatile ConsoleLaunch.AttachOpener attachOpener = ConsoleLaunch.ATTACH_OPENER;

    private static final ConsoleLaunch.Opener DEFAULT_OPENER = new DefaultOpener();

    /** A class, not a method reference: no lambda bootstrap at the start of every command (decode start-up). */
    private static final class DefaultOpener implements ConsoleLaunch.Opener {
        @Override
        public void open(org.rsvpconsole.engine.live.VirtualLiveNetwork net, ConsoleLaunch.Settings settings)
            throws Exception {
            ConsoleLaunch.openConsole(net, settings);
        }
    }

    /** Opens the console; tests replace it so that no window opens. */
    static volatile ConsoleLaunch.Opener opener = DEFAULT_OPENER;

    /**
     * No subcommand: open the console, on the virtual network or on attached daemons. Each option overrides the
     * configuration file's key (docs/console-config.md).
     */
    @Override
    public Integer call() throws Exception {
        ConsoleConfig file;
        try {
            file = ConsoleConfig.find(config, environment != null ? environment : System.getenv());
        } catch (ConsoleConfig.Problems e) {
            throw new UserException(e.getMessage());
        }
        if (noTraffic && traffic) {
            throw new UserException("--traffic and --no-traffic contradict each other: give one");
        }
        if (noRecord && db != null) {
            throw new UserException("--db and --no-record contradict each other: give one");
        }
        double runSpeed = speed != null ? speed : file.speed().orElse(1.0);
        if (!(runSpeed >= 0.01 && runSpeed <= 1_000_000)) {
            throw new UserException("--speed must be from 0.01 to 1000000: " + runSpeed);
        }
        // The command line's virtual network (--topology, --scenario) wins over the file's daemons.
        java.util.List<org.rsvpconsole.app.attach.DaemonEndpoint> daemons = attach != null
            ? ConsoleLaunch.endpoints(attach)
            : topology == null && scenario == null ? file.attach().daemons() : java.util.List.of();
        boolean attached = !daemons.isEmpty();
        if (attached && (topology != null || scenario != null)) {
            throw new UserException("--attach opens the console on real daemons: --topology and --scenario are for"
                + " the virtual network");
        }
        // Mistakes in what was given first, then whether a window can open here.
        org.rsvpconsole.app.attach.Credentials credentials = attached
            ? attachTls.credentials("--attach", file.attach()) : null;
        if (attached ? attachOpener == ConsoleLaunch.ATTACH_OPENER : opener == DEFAULT_OPENER) {
            java.util.Optional<String> problem = ConsoleLaunch.desktopProblem(System.getProperty("os.name"),
                System.getenv(), java.nio.file.Files::exists);
            if (problem.isPresent()) {
                throw new UserException(problem.get());
            }
        }
        String history = noRecord ? null : db != null ? db : !file.record() ? null : file.history()
            .orElseGet(() -> org.rsvpconsole.persistence.api.EventStore.defaultLocation().toString());
        ConsoleLaunch.Settings settings = new ConsoleLaunch.Settings(history, file.theme());
        if (attached) {
            attachOpener.open(ConsoleLaunch.attach(daemons, credentials), settings);
            return 0;
        }
        org.rsvpconsole.engine.live.VirtualLiveNetwork net;
        try {
            net = ConsoleLaunch.network(new ConsoleLaunch.Options(topology != null ? topology
                : file.topology().orElse(null), scenario != null ? scenario : file.scenario().orElse(null),
                traffic || !noTraffic && file.traffic().orElse(true), runSpeed));
        } catch (org.rsvpconsole.engine.config.ConfigException e) {
            throw new UserException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserException("cannot read " + e.getMessage());
        }
        opener.open(net, settings);
        return 0;
    }

    /** The project version, filled in by Maven resource filtering (version.properties). */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // Fall through to the manifest.
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    /** {@code --version}: our version, then the Java that runs us. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rsvp-console " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.home") + ")"};
        }
    }
}
