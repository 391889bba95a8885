package org.rsvpconsole.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rsvpconsole.app.attach.Credentials;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.app.attach.ManagementClient;
import org.rsvpconsole.app.daemon.ControlClient;
import org.rsvpconsole.app.daemon.DaemonConfig;
import org.rsvpconsole.app.daemon.DaemonConfigException;
import org.rsvpconsole.app.daemon.RsvpDaemon;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.rawip.RawIpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The daemon ({@code daemon}) and the commands that talk to it over its control socket ({@code sender},
 * {@code reserve}, {@code teardown}, {@code lsp}, {@code status}), in the habits of rsvpd/rsvp_reserve users (docs/daemon.md).
 */
final class DaemonCommands {

    static final Path DEFAULT_CONFIG = Path.of("/etc/rsvp-console/node.yaml");

    private DaemonCommands() {
    }

    /** The control socket: --socket, else $RSVP_CONSOLE_SOCKET, else the default path. */
    static Path socket(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("RSVP_CONSOLE_SOCKET");
        return env != null && !env.isBlank() ? Path.of(env) : DaemonConfig.DEFAULT_SOCKET;
    }

    static int ask(Main main, SocketOption control, String command, Map<String, String> fields) {
        ControlClient.Answer a;
        try {
            if (control.daemon != null) {
                a = ManagementClient.ask(parseEndpoint(control.daemon), control.credentials(), command, fields);
            } else {
                a = ControlClient.send(socket(control.socket), command, fields);
            }
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
        if (!a.ok()) {
            throw new UserException(a.text());
        }
        main.out.print(a.text().endsWith("\n") ? a.text() : a.text() + "\n");
        return 0;
    }

    @Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run this host's RSVP node over raw IP (needs CAP_NET_RAW) or, on a host,"
        + " UDP-encapsulated (--udp, no privilege), with a control socket for the sender, reserve, teardown, lsp and"
        + " status commands.")
    static final class Daemon implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Option(names = "--config", paramLabel = "node.yaml",
            description = "The node's configuration (default: /etc/rsvp-console/node.yaml).")
        Path config;

        @Option(names = "--socket", paramLabel = "PATH", description = "Control socket (overrides the file's).")
        Path socket;

        @Option(names = "--udp", description = "UDP encapsulation (RFC 2205 Appendix C, port 1698) for a host without"
            + " CAP_NET_RAW; the first-hop router must run RSVP (overrides the file's 'encapsulation').")
        boolean udp;

        @Option(names = "--db", paramLabel = "URL", description = "Record the node's events in this history store"
            + " (an H2 file or jdbc:... URL; overrides the file's 'store'); list them with 'history --db'.")
        String db;

        /** Tests stop a daemon started in-process by counting this down. */
        static volatile CountDownLatch stop;

        @Override
        public Integer call() {
            Path file = config != null ? config : DEFAULT_CONFIG;
            if (!Files.exists(file)) {
                throw new UserException("no configuration: " + file + " does not exist; give one with --config"
                    + " node.yaml (see docs/daemon.md)");
            }
            DaemonConfig c;
            try {
                c = DaemonConfig.load(file);
            } catch (DaemonConfigException e) {
                throw new UserException(e.getMessage());
            }
            if (socket != null) {
                c = c.withControlSocket(socket);
            }
            if (udp) {
                if (c.router()) {
                    throw new UserException("--udp is for hosts (RFC 2205 Appendix C): " + file + " says 'role:"
                        + " router' (the default); a router needs raw IP, or write 'role: host'");
                }
                c = c.withUdp();
            }
            if (db != null) {
                c = c.withStore(db);
            }
            HistoryRecording recording = c.store().map(HistoryRecording::live).orElse(null);
            RsvpDaemon d;
            try {
                d = recording == null ? RsvpDaemon.start(c, Optional.empty(), EventSink.NONE)
                    : RsvpDaemon.start(c, Optional.empty(), recording.liveSink(), recording::action);
                if (recording != null) {
                    recording.topology(d.topology());
                }
            } catch (RawIpException | IOException e) {
                if (recording != null) {
                    recording.close();
                }
                throw new UserException(e.getMessage());
            }
            CountDownLatch done = stop != null ? stop : new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
            // Once, from the shutdown hook (SIGTERM) or after the latch: the node first, then the recording.
            Runnable shutdown = () -> {
                if (!stopped.compareAndSet(false, true)) {
                    return;
                }
                d.close();
                if (recording != null) {
                    String problems = recording.problems();
                    recording.close();
                    if (problems != null) {
                        main.err.println("rsvp-console: --db: " + problems);
                    }
                }
            };
            Thread hook = new Thread(() -> {
                shutdown.run();
                done.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            String listening = c.management().map(m -> "; management (TLS) on " + m.host() + ":" + m.port())
                .orElse("");
            main.err.println("rsvp-console: daemon " + c.node() + " running on " + c.interfaces().size()
                + " interface(s) over " + (c.encapsulation() == DaemonConfig.Encapsulation.UDP
                ? "UDP (RFC 2205 Appendix C)" : "raw IP") + "; control socket " + c.controlSocket()
                + c.store().map(st -> "; recording to " + st).orElse("") + listening);
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already.
            }
            return 0;
        }
    }

    @Command(name = "sender", description = "Announce a sender to the local daemon (its Path goes out at once).")
    static final class Sender implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Mixin
        SessionOptions session;
        @Option(names = "--source-port", paramLabel = "P", description = "Sender port (default: the session's).")
        Integer sourcePort;
        @Option(names = {"-r", "--rate"}, required = true, paramLabel = "BPS",
            description = "Token rate, bits/s (k, M, G).")
        String rate;
        @Option(names = "--burst", required = true, paramLabel = "BYTES", description = "Bucket size, bytes.")
        String burst;
        @Option(names = "--peak", paramLabel = "BPS", description = "Peak rate, bits/s (default: unlimited).")
        String peak;
        @Option(names = "--min-unit", paramLabel = "B", description = "Minimum policed unit, bytes (default 64).")
        Integer minUnit;
        @Option(names = "--max-packet", paramLabel = "B", description = "Maximum packet size, bytes (default 1500).")
        Integer maxPacket;
        @Mixin
        SocketOption control;

        @Override
        public Integer call() {
            Map<String, String> f = session.fields();
            f.put("rate", rate);
            f.put("burst", burst);
            putIf(f, "peak", peak);
            putIf(f, "source-port", sourcePort);
            putIf(f, "min-unit", minUnit);
            putIf(f, "max-packet", maxPacket);
            return ask(main, control, "sender", f);
        }
    }

    @Command(name = "reserve", description = "Reserve at the local daemon as a receiver (like rsvp_reserve).")
    static final class Reserve implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Mixin
        SessionOptions session;
        @Option(names = {"-b", "--bandwidth"}, required = true, paramLabel = "BPS",
            description = "Bandwidth, bits/s (k, M, G).")
        String bandwidth;
        @Option(names = "--style", defaultValue = "FF", paramLabel = "FF|WF|SE", description = "Default: FF.")
        String style;
        @Option(names = "--service", defaultValue = "controlled-load", paramLabel = "guaranteed|controlled-load",
            description = "Default: controlled-load.")
        String service;
        @Option(names = "--sender", paramLabel = "ADDR[:PORT]", description = "Reserve for this sender only.")
        String sender;
        @Mixin
        SocketOption control;

        @Override
        public Integer call() {
            if (!service.equals("guaranteed") && !service.equals("controlled-load")) {
                throw new UserException("--service must be guaranteed or controlled-load: " + service);
            }
            Map<String, String> f = session.fields();
            f.put("bandwidth", bandwidth);
            f.put("style", style);
            f.put("service", service);
            putIf(f, "sender", sender);
            return ask(main, control, "reserve", f);
        }
    }

    @Command(name = "teardown", description = "Tear down this host's sender and reservation of a session.")
    static final class Teardown implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Mixin
        SessionOptions session;
        @Mixin
        SocketOption control;

        @Override
        public Integer call() {
            return ask(main, control, "teardown", session.fields());
        }
    }

    @Command(name = "lsp", description = "Open (or --close, or --reroute make-before-break) an RSVP-TE LSP tunnel"
        + " from the local daemon as head end (RFC 3209, docs/daemon.md).")
    static final class Lsp implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Option(names = "--to", required = true, paramLabel = "ADDR", description = "The tail end's address.")
        String to;
        @Option(names = "--tunnel", required = true, paramLabel = "N", description = "Tunnel ID, 0 to 65535.")
        int tunnel;
        @Option(names = "--close", description = "Tear the tunnel's LSPs down (PathTear) instead.")
        boolean close;
        @Option(names = "--reroute", description = "Make-before-break: signal the tunnel's next LSP on --route (same"
            + " bandwidth, priorities, flags) and tear the old one down once the new one is up.")
        boolean reroute;
        @Option(names = "--lsp-id", paramLabel = "N", description = "With --reroute: the new LSP's ID (default: the"
            + " newest + 1).")
        Integer lspId;
        @Option(names = {"-b", "--bandwidth"}, paramLabel = "BPS", description = "Bandwidth, bits/s (k, M, G).")
        String bandwidth;
        @Option(names = "--setup", paramLabel = "P", description = "Setup priority, 0 (best) to 7 (default 7).")
        Integer setup;
        @Option(names = "--hold", paramLabel = "P", description = "Holding priority, 0 to 7 (default: the setup's).")
        Integer hold;
        @Option(names = "--route", paramLabel = "HOP[,HOP...]",
            description = "Explicit route: ADDR (or AS65001) for a strict hop, ADDR/loose (AS65001/loose) for a loose"
                + " one.")
        String route;
        @Option(names = "--se", description = "Ask for a Shared Explicit reservation (SESSION_ATTRIBUTE 0x04).")
        boolean se;
        @Option(names = "--record-labels", description = "Ask the hops to record their labels (flag 0x02).")
        boolean recordLabels;
        @Option(names = "--name", paramLabel = "NAME", description = "Session name (default: NODE-tN).")
        String name;
        @Mixin
        SocketOption control;

        @Override
        public Integer call() {
            if (tunnel < 0 || tunnel > 65535) {
                throw new UserException("--tunnel must be from 0 to 65535: " + tunnel);
            }
            Map<String, String> f = new LinkedHashMap<>();
            f.put("to", to);
            f.put("tunnel", Integer.toString(tunnel));
            if (close && reroute) {
                throw new UserException("give --close or --reroute, not both");
            }
            if (lspId != null && !reroute) {
                throw new UserException("--lsp-id is for --reroute (a new LSP opens with LSP ID 1)");
            }
            if (close) {
                if (bandwidth != null || setup != null || hold != null || route != null || se || recordLabels
                    || name != null) {
                    throw new UserException("--close takes only --to and --tunnel: the other options are for"
                        + " opening an LSP");
                }
                f.put("close", "true");
                return ask(main, control, "lsp", f);
            }
            if (reroute) {
                if (bandwidth != null || setup != null || hold != null || se || recordLabels || name != null) {
                    throw new UserException("--reroute takes --to, --tunnel, --route and --lsp-id: the new LSP keeps"
                        + " the tunnel's bandwidth, priorities and flags");
                }
                if (lspId != null && (lspId < 1 || lspId > 65535)) {
                    throw new UserException("--lsp-id must be from 1 to 65535: " + lspId);
                }
                f.put("reroute", "true");
                putIf(f, "route", route);
                putIf(f, "lsp-id", lspId);
                return ask(main, control, "lsp", f);
            }
            if (bandwidth == null) {
                throw new UserException("opening an LSP needs -b/--bandwidth BPS (or give --close)");
            }
            for (Integer p : new Integer[] {setup, hold}) {
                if (p != null && (p < 0 || p > 7)) {
                    throw new UserException("--setup and --hold are priorities from 0 (best) to 7: " + p);
                }
            }
            f.put("bandwidth", bandwidth);
            putIf(f, "setup", setup);
            putIf(f, "hold", hold);
            putIf(f, "route", route);
            putIf(f, "name", name);
            if (se) {
                f.put("se", "true");
            }
            if (recordLabels) {
                f.put("record-labels", "true");
            }
            return ask(main, control, "lsp", f);
        }
    }

    @Command(name = "status", description = "Sessions, senders, reservations, interfaces, neighbours and message"
        + " counters of the local daemon (like show ip rsvp).")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Option(names = "--json", description = "As JSON.")
        boolean json;
        @Mixin
        SocketOption control;

        @Override
        public Integer call() {
            Map<String, String> f = new LinkedHashMap<>();
            if (json) {
                f.put("json", "true");
            }
            return ask(main, control, "status", f);
        }
    }

    /** The options naming a session, shared by sender, reserve and teardown. */
    static final class SessionOptions {
        @Option(names = {"-d", "--dest"}, required = true, paramLabel = "ADDR", description = "Session address.")
        String dest;
        @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Session port.")
        int port;
        @Option(names = "--proto", defaultValue = "udp", paramLabel = "udp|tcp", description = "Default: udp.")
        String proto;

        Map<String, String> fields() {
            return session(dest, port, proto);
        }
    }

    /** How every command that talks to a daemon reaches it: its control socket, or its management channel. */
    static final class SocketOption {
        @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket.")
        Path socket;
        @Mixin
        ManagementOptions management;
        @Option(names = "--daemon", paramLabel = "HOST:PORT",
            description = "A daemon's management channel (TLS) instead of the local socket (docs/management.md).")
        String daemon;

        Credentials credentials() {
            return management.credentials();
        }
    }

    /** The TLS options of everything that attaches to daemons over their management channels. */
    static final class ManagementOptions {
        @Option(names = "--ca", paramLabel = "CA.pem",
            description = "The CA that signed the daemons' certificates (PEM); needed with --daemon.")
        Path ca;
        @Option(names = "--cert", paramLabel = "CLIENT.p12", description = "Client certificate and key (PKCS#12).")
        Path cert;
        @Option(names = "--cert-password-file", paramLabel = "FILE", description = "The --cert file's password.")
        Path certPassword;
        @Option(names = "--token", paramLabel = "TOKEN",
            description = "A token the daemons know (default: $RSVP_CONSOLE_TOKEN).")
        String token;

        Credentials credentials() {
            return credentials("--daemon", ConsoleConfig.Attach.NONE);
        }

        /**
         * The credentials for {@code option}: each of these options, else $RSVP_CONSOLE_TOKEN for the token, else
         * the console configuration's {@code attach:} section (docs/console-config.md).
         */
        Credentials credentials(String option, ConsoleConfig.Attach file) {
            Path caFile = ca != null ? ca : file.ca().orElse(null);
            if (caFile == null) {
                throw new UserException(option + " needs --ca CA.pem, the CA that signed the daemons' certificates"
                    + " (docs/management.md)");
            }
            // Who we are comes whole from one place: a --cert or --token replaces the file's certificate and token.
            boolean given = cert != null || token != null;
            Path certFile = given ? cert : file.cert().orElse(null);
            Path passwordFile = given ? certPassword : certPassword != null ? certPassword
                : file.certPassword().orElse(null);
            String env = System.getenv("RSVP_CONSOLE_TOKEN");
            String t = given ? token : env != null && !env.isBlank() ? env : file.token().orElse(null);
            if (certFile == null && (t == null || t.isBlank())) {
                throw new UserException(option + " needs a client certificate (--cert CLIENT.p12) or a token (--token"
                    + " or $RSVP_CONSOLE_TOKEN)");
            }
            try {
                return Credentials.of(caFile, Optional.ofNullable(certFile), Optional.ofNullable(passwordFile),
                    Optional.ofNullable(t).filter(s -> !s.isBlank()));
            } catch (IOException e) {
                throw new UserException(e.getMessage());
            }
        }
    }

    static DaemonEndpoint parseEndpoint(String text) {
        try {
            return DaemonEndpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("--daemon: " + e.getMessage());
        }
    }

    /** {@code option HOST:PORT[,HOST:PORT...]}, a user error naming {@code option} when it does not parse. */
    static List<DaemonEndpoint> parseEndpoints(String option, String text) {
        try {
            return DaemonEndpoint.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    private static Map<String, String> session(String dest, int port, String proto) {
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be from 0 to 65535: " + port);
        }
        if (!proto.equals("udp") && !proto.equals("tcp")) {
            throw new UserException("--proto must be udp or tcp: " + proto);
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("dest", dest);
        f.put("port", Integer.toString(port));
        f.put("proto", proto);
        return f;
    }

    private static void putIf(Map<String, String> f, String key, Object value) {
        if (value != null) {
            f.put(key, value.toString());
        }
    }
}
