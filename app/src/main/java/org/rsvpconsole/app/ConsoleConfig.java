package org.rsvpconsole.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.config.YamlTree;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The console's configuration file (docs/console-config.md), read with the shared YAML reader: every mistake is
 * reported together with file, line and key. Every key is optional; the command line overrides each of them.
 *
 * @param file     the file read (as named, or the default location)
 * @param history  an H2 file or JDBC URL to record into; empty: the default store (unless {@code record} is false)
 * @param record   false for {@code history: off}
 * @param theme    {@code LIGHT} or {@code DARK}
 * @param attach   the {@code attach:} section
 */
record ConsoleConfig(Path file, Optional<Path> topology, Optional<Path> scenario, Optional<Boolean> traffic,
                     Optional<Double> speed, Optional<String> history, boolean record, Optional<String> theme,
                     Attach attach) {

    /** The {@code attach:} section: the daemons to open on and the TLS settings of {@code --ca} and the others. */
    record Attach(List<DaemonEndpoint> daemons, Optional<Path> ca, Optional<Path> cert, Optional<Path> certPassword,
                  Optional<String> token) {
        static final Attach NONE = new Attach(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
    }

    /** A file with nothing in it: what the console does without a file. */
    static ConsoleConfig none(Path file) {
        return new ConsoleConfig(file, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), true, Optional.empty(), Attach.NONE);
    }

    /** A console configuration that cannot be used, with every problem found. */
    static final class Problems extends ConfigException {
        private static final long serialVersionUID = 1L;

        Problems(List<ConfigProblem> problems) {
            super(problems);
        }
    }

    private static final Set<String> TOP = Set.of("version", "topology", "scenario", "traffic", "speed", "history",
        "theme", "attach", "description");
    private static final Set<String> ATTACH = Set.of("daemons", "ca", "token", "token-file", "cert",
        "cert-password-file");

    /**
     * The default location: {@code $XDG_CONFIG_HOME/rsvp-console/console.yaml}, else under {@code $HOME/.config}
     * (the XDG Base Directory rule: a relative XDG_CONFIG_HOME is ignored). The environment is a parameter so tests
     * can give their own.
     */
    static Path defaultLocation(Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home", ".")), ".config");
        return base.resolve("rsvp-console").resolve("console.yaml");
    }

    /**
     * The file given with {@code --config} (which must exist), else the default location if it exists, else
     * nothing (the defaults, silently).
     */
    static ConsoleConfig find(Path given, Map<String, String> env) throws Problems {
        if (given != null) {
            return load(given);
        }
        Path p = defaultLocation(env);
        return Files.isRegularFile(p) ? load(p) : none(p);
    }

    static ConsoleConfig load(Path file) throws Problems {
        YamlTree yaml = new YamlTree(file.toString(), "write each key out");
        Optional<String> text = yaml.readFile(file, "a console configuration (.yaml, docs/console-config.md)");
        if (text.isEmpty()) {
            throw new Problems(yaml.problems());
        }
        // Relative paths are beside the file, not wherever the console happens to start.
        return parse(yaml, text.get(), file, file.toAbsolutePath().getParent());
    }

    private static ConsoleConfig parse(YamlTree yaml, String text, Path file, Path base) throws Problems {
        Optional<Node> root = yaml.compose(text, "write at least 'version: 1' (docs/console-config.md has an"
            + " example)");
        if (root.isEmpty()) {
            throw new Problems(yaml.problems());
        }
        YamlTree.Section top = yaml.section(root.get(), "", TOP, "the top level");
        if (top == null) {
            throw new Problems(yaml.problems());
        }
        top.scalar("version").ifPresent(v -> {
            if (!v.equals("1")) {
                yaml.problem(top.line("version"), "", "key 'version': format version " + v + " is not supported;"
                    + " write 'version: 1'");
            }
        });
        top.scalar("description");
        Optional<Path> topology = file(yaml, top, "topology", base, "a topology file (.yaml)");
        Optional<Path> scenario = file(yaml, top, "scenario", base, "a scenario file (.yaml)");
        Optional<Boolean> traffic = top.parse("traffic", ConsoleConfig::onOff);
        Optional<Double> speed = top.parse("speed", ConsoleConfig::speed);
        Optional<String> history = top.scalar("history").map(String::strip).filter(v -> !v.isEmpty());
        boolean record = history.map(h -> !h.equalsIgnoreCase("off")).orElse(true);
        history = history.filter(h -> record)
            .map(h -> h.startsWith("jdbc:") || Path.of(h).isAbsolute() ? h : base.resolve(h).toString());
        Optional<String> theme = top.parse("theme", v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "light" -> "LIGHT";
            case "dark" -> "DARK";
            default -> throw new IllegalArgumentException("'" + v + "' is not a theme; write 'light' or 'dark'");
        });
        Attach attach = top.get("attach").filter(n -> !YamlTree.isNull(n)).map(n -> attach(yaml, n, base))
            .orElse(Attach.NONE);
        if (!attach.daemons().isEmpty() && (topology.isPresent() || scenario.isPresent())) {
            yaml.problem(top.line("attach"), "", "key 'attach': 'daemons' opens the console on real daemons, and"
                + " 'topology'/'scenario' are for the virtual network: remove one of them");
        }
        if (yaml.hasProblems()) {
            throw new Problems(yaml.problems());
        }
        return new ConsoleConfig(file, topology, scenario, traffic, speed, history, record, theme, attach);
    }

    private static Attach attach(YamlTree yaml, Node n, Path base) {
        YamlTree.Section s = yaml.section(n, "attach", ATTACH, "'attach'");
        if (s == null) {
            return Attach.NONE;
        }
        List<DaemonEndpoint> daemons = new ArrayList<>();
        for (ScalarNode d : s.scalars("daemons")) {
            try {
                daemons.add(DaemonEndpoint.parse(d.getValue().strip()));
            } catch (IllegalArgumentException e) {
                yaml.problem(YamlTree.lineOf(d), "attach", "key 'daemons': " + e.getMessage());
            }
        }
        Optional<Path> ca = file(yaml, s, "ca", base, "the daemons' CA certificate (PEM)");
        Optional<Path> cert = file(yaml, s, "cert", base, "the client certificate (PKCS#12)");
        Optional<Path> password = file(yaml, s, "cert-password-file", base, "the file holding the certificate's"
            + " password");
        if (password.isPresent() && cert.isEmpty()) {
            yaml.problem(s.line("cert-password-file"), "attach", "key 'cert-password-file': there is no 'cert' to"
                + " open with it; add 'cert: CLIENT.p12' or remove it");
        }
        Optional<String> token = s.scalar("token").map(String::strip).filter(t -> !t.isEmpty());
        Optional<Path> tokenFile = file(yaml, s, "token-file", base, "a file holding the token");
        if (token.isPresent() && s.has("token-file")) {
            yaml.problem(s.line("token-file"), "attach", "key 'token-file': 'token' is given too (line "
                + s.line("token") + "); keep one");
        } else if (tokenFile.isPresent()) {
            try {
                token = Optional.of(Files.readString(tokenFile.get()).strip());
                if (token.get().isEmpty()) {
                    yaml.problem(s.line("token-file"), "attach", "key 'token-file': " + tokenFile.get() + " is"
                        + " empty; write the token into it");
                    token = Optional.empty();
                }
            } catch (IOException e) {
                yaml.problem(s.line("token-file"), "attach", "key 'token-file': " + tokenFile.get() + " cannot be"
                    + " read: " + e.getMessage());
            }
        }
        return new Attach(List.copyOf(daemons), ca, cert, password, token);
    }

    /** A file beside the configuration that must be there and readable. */
    private static Optional<Path> file(YamlTree yaml, YamlTree.Section s, String key, Path base, String what) {
        Optional<String> v = s.scalar(key).map(String::strip).filter(x -> !x.isEmpty());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = base.resolve(v.get());
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            yaml.problem(s.line(key), s.context(), "key '" + key + "': " + p + (Files.isDirectory(p)
                ? " is a directory; give " + what : Files.exists(p) ? " cannot be read; check who may read it"
                : " does not exist; give " + what + " (relative paths are relative to this file)"));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static boolean onOff(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not on or off; write 'traffic: on' or"
                + " 'traffic: off'");
        };
    }

    private static double speed(String v) {
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number; write the virtual seconds per second,"
                + " like 'speed: 10'");
        }
        if (!(d >= 0.01 && d <= 1_000_000)) {
            throw new IllegalArgumentException("speed " + v.strip() + " is out of range; use 0.01 to 1000000");
        }
        return d;
    }
}
