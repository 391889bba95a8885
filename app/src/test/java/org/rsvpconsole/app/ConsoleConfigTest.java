package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;

/** The console's configuration file: every key, every kind of mistake, the command line over it, where it is. */
class ConsoleConfigTest {

    @TempDir
    Path dir;

    private final List<VirtualLiveNetwork> opened = new ArrayList<>();
    private final List<ConsoleLaunch.Settings> settings = new ArrayList<>();
    private ConsoleLaunch.Opener saved;

    @BeforeEach
    void capture() throws Exception {
        saved = Main.opener;
        Main.opener = (net, s) -> {
            opened.add(net);
            settings.add(s);
        };
        // No user's own ~/.config/rsvp-console/console.yaml: an empty configuration home unless a test says.
        Files.createDirectories(dir.resolve("empty-home"));
        Main.environment = Map.of("XDG_CONFIG_HOME", dir.resolve("empty-home").toString());
        Files.writeString(dir.resolve("rfc4495-figure1.yaml"),
            ConsoleLaunch.resource("examples/rfc4495-figure1.yaml"));
        Files.writeString(dir.resolve("rfc4495-figure1.scenario.yaml"),
            ConsoleLaunch.resource("examples/rfc4495-figure1.scenario.yaml"));
        Files.writeString(dir.resolve("ca.pem"), "not checked until attaching\n");
        Files.writeString(dir.resolve("token.txt"), "  a-token-from-a-file-0123\n");
    }

    @AfterEach
    void restore() {
        Main.opener = saved;
        Main.environment = null;
        opened.forEach(VirtualLiveNetwork::close);
    }

    private Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static final String GOOD = """
        version: 1
        description: the lab console
        topology: rfc4495-figure1.yaml             # relative to this file
        scenario: rfc4495-figure1.scenario.yaml
        traffic: off
        speed: 10
        history: lab-history            # an H2 file beside this file
        theme: dark
        """;

    @Test
    void aGoodFileSetsEveryKeyWithPathsRelativeToIt() throws Exception {
        Path file = write("console.yaml", GOOD.replace("topology", "#topology").replace("scenario:", "#scenario:")
            + """
            attach:
              daemons: [192.0.2.1:7046, "[2001:db8::1]:7046"]
              ca: ca.pem
              token-file: token.txt
            """);
        ConsoleConfig c = ConsoleConfig.load(file);
        assertEquals(Optional.of(false), c.traffic());
        assertEquals(Optional.of(10.0), c.speed());
        assertEquals(Optional.of(dir.resolve("lab-history").toString()), c.history());
        assertTrue(c.record());
        assertEquals(Optional.of("DARK"), c.theme());
        assertEquals(List.of(new DaemonEndpoint("192.0.2.1", 7046), new DaemonEndpoint("2001:db8::1", 7046)),
            c.attach().daemons());
        assertEquals(Optional.of(dir.resolve("ca.pem")), c.attach().ca());
        assertEquals(Optional.of("a-token-from-a-file-0123"), c.attach().token(), "stripped, from the file");

        Cli r = Cli.run("--config", write("virtual.yaml", GOOD).toString());
        assertEquals(0, r.code(), r::toString);
        VirtualLiveNetwork net = opened.getFirst();
        assertEquals("RFC 4495 Figure 1", net.topology().name().substring(0, 17));
        assertFalse(net.trafficMix(), "traffic: off");
        assertEquals(10.0, net.speed());
        assertEquals(dir.resolve("lab-history").toString(), settings.getFirst().history());
        assertEquals(Optional.of("DARK"), settings.getFirst().theme());

        Cli off = Cli.run("--config", write("off.yaml", "version: 1\nhistory: off\n").toString());
        assertEquals(0, off.code(), off::toString);
        assertNull(settings.get(1).history(), "history: off records nothing");
        assertTrue(opened.get(1).trafficMix(), "traffic on by default");
    }

    @Test
    void everyMistakeIsReportedTogetherWithFileLineAndKey() throws Exception {
        Path file = write("bad.yaml", """
            version: 2
            topology: nowhere.yaml
            traffic: sometimes
            speed: fast
            theme: purple
            colour: blue
            attach:
              daemons: [192.0.2.1, 192.0.2.2:7046]
              ca: missing-ca.pem
              token: t-0123456789abcdef
              token-file: token.txt
              tls: yes
            speed: 2
            """);
        Cli r = Cli.run("--config", file.toString());
        assertEquals(2, r.code(), r::toString);
        String err = r.err();
        String f = file.toString();
        assertTrue(err.startsWith("rsvp-console: " + f + " line 1: key 'version': format version 2"), err);
        assertTrue(err.contains(f + " line 2: key 'topology': " + dir.resolve("nowhere.yaml") + " does not exist"),
            err);
        assertTrue(err.contains(f + " line 3: key 'traffic': 'sometimes' is not on or off"), err);
        assertTrue(err.contains(f + " line 4: key 'speed': 'fast' is not a number"), err);
        assertTrue(err.contains(f + " line 5: key 'theme': 'purple' is not a theme; write 'light' or 'dark'"), err);
        assertTrue(err.contains(f + " line 6: unknown key 'colour' (known keys: attach, description, history,"
            + " scenario, speed, theme, topology, traffic, version)"), err);
        assertTrue(err.contains(f + " line 8: attach: key 'daemons': "), err);
        assertTrue(err.contains(f + " line 9: attach: key 'ca': " + dir.resolve("missing-ca.pem")
            + " does not exist"), err);
        assertTrue(err.contains(f + " line 11: attach: key 'token-file': 'token' is given too (line 10); keep one"),
            err);
        assertTrue(err.contains(f + " line 12: attach: unknown key 'tls' (known keys: ca, cert, cert-password-file,"
            + " daemons, token, token-file)"), err);
        assertTrue(err.contains(f + " line 13: key 'speed' appears twice (first on line 4); keep one"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(opened.isEmpty(), "nothing opened");

        Cli range = Cli.run("--config", write("range.yaml", "speed: 0\n").toString());
        assertEquals(2, range.code(), range::toString);
        assertTrue(range.err().contains("range.yaml line 1: key 'speed': speed 0 is out of range; use 0.01 to"
            + " 1000000"), range.err());
        Cli both = Cli.run("--config", write("both.yaml",
            "topology: rfc4495-figure1.yaml\nattach:\n  daemons: [192.0.2.1:1]\n").toString());
        assertEquals(2, both.code(), both::toString);
        assertTrue(both.err().contains("both.yaml line 2: key 'attach': 'daemons' opens the console on real daemons"),
            both.err());
        Cli syntax = Cli.run("--config", write("syntax.yaml", "speed: 1\n  theme: dark\n").toString());
        assertEquals(2, syntax.code(), syntax::toString);
        assertTrue(syntax.err().contains("syntax.yaml line 2: YAML syntax"), syntax.err());
        Cli missing = Cli.run("--config", dir.resolve("absent.yaml").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("absent.yaml: no such file"), missing.err());
    }

    @Test
    void theCommandLineOverridesTheFile() throws Exception {
        Path file = write("console.yaml", GOOD);
        Cli r = Cli.run("--config", file.toString(), "--traffic", "--speed", "2", "--db", "elsewhere");
        assertEquals(0, r.code(), r::toString);
        assertTrue(opened.getFirst().trafficMix(), "--traffic over 'traffic: off'");
        assertEquals(2.0, opened.getFirst().speed());
        assertEquals("elsewhere", settings.getFirst().history());
        assertEquals("RFC 4495 Figure 1", opened.getFirst().topology().name().substring(0, 17), "the file's topology");

        Path sp = write("sp-network.yaml", ConsoleLaunch.resource(ConsoleLaunch.DEFAULT_TOPOLOGY));
        Path spMix = write("sp-network.scenario.yaml", ConsoleLaunch.resource(ConsoleLaunch.DEFAULT_SCENARIO));
        Cli embedded = Cli.run("--config", file.toString(), "--topology", sp.toString(), "--scenario",
            spMix.toString(), "--no-record");
        assertEquals(0, embedded.code(), embedded::toString);
        assertEquals("Service provider (6 cities)", opened.get(1).topology().name());
        assertNull(settings.get(1).history(), "--no-record over 'history:'");
        assertFalse(opened.get(1).trafficMix(), "the file's 'traffic: off' stays when not overridden");

        Cli on = Cli.run("--config", write("on.yaml", "traffic: on\nspeed: 5\n").toString(), "--no-traffic");
        assertEquals(0, on.code(), on::toString);
        assertFalse(opened.get(2).trafficMix(), "--no-traffic over 'traffic: on'");
        assertEquals(5.0, opened.get(2).speed());
        Cli contradict = Cli.run("--traffic", "--no-traffic");
        assertEquals(2, contradict.code(), contradict::toString);
        assertTrue(contradict.err().contains("contradict"), contradict.err());
    }

    @Test
    void theDefaultLocationIsUnderXdgConfigHomeAndAbsentMeansDefaults() throws Exception {
        assertEquals(Path.of("/x/cfg/rsvp-console/console.yaml"),
            ConsoleConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/home/u")));
        assertEquals(Path.of("/home/u/.config/rsvp-console/console.yaml"),
            ConsoleConfig.defaultLocation(Map.of("HOME", "/home/u")));
        assertEquals(Path.of("/home/u/.config/rsvp-console/console.yaml"),
            ConsoleConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/u")),
            "a relative XDG_CONFIG_HOME is ignored (XDG Base Directory)");

        Path xdg = dir.resolve("xdg");
        Main.environment = Map.of("XDG_CONFIG_HOME", xdg.toString());
        Cli absent = Cli.run();
        assertEquals(0, absent.code(), absent::toString);
        assertEquals("", absent.err(), "an absent default file is silent");
        assertEquals("Service provider (6 cities)", opened.getFirst().topology().name());
        assertEquals(1.0, opened.getFirst().speed());

        Path home = Files.createDirectories(xdg.resolve("rsvp-console"));
        Files.copy(dir.resolve("rfc4495-figure1.yaml"), home.resolve("rfc4495-figure1.yaml"));
        Files.writeString(home.resolve("console.yaml"), "version: 1\ntopology: rfc4495-figure1.yaml\nspeed: 3\n");
        Cli found = Cli.run();
        assertEquals(0, found.code(), found::toString);
        assertEquals("RFC 4495 Figure 1", opened.get(1).topology().name().substring(0, 17));
        assertEquals(3.0, opened.get(1).speed());

        Files.writeString(home.resolve("console.yaml"), "speed: 3\nspeeed: 4\n");
        Cli bad = Cli.run();
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains(home.resolve("console.yaml") + " line 2: unknown key 'speeed'"), bad.err());
    }

    @Test
    void theExampleFileIsAGoodFile() throws Exception {
        ConsoleConfig c = ConsoleConfig.load(Path.of("..", "examples", "console.yaml"));
        assertEquals("rfc4495-figure1.yaml", c.topology().orElseThrow().getFileName().toString());
        assertEquals(Optional.of(0.5), c.speed());
        assertFalse(c.record(), "history: off");
        assertEquals(Optional.of("DARK"), c.theme());
        assertTrue(c.attach().daemons().isEmpty());
    }

    @Test
    void theFilesThemeIsTheOneTheWindowStartsWith() throws Exception {
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/test-" + System.nanoTime());
        try {
            prefs.put("theme", "LIGHT");
            ConsoleLaunch.startTheme(prefs, Optional.empty());
            assertEquals("LIGHT", prefs.get("theme", null), "no theme in the file: the one last used");
            ConsoleLaunch.startTheme(prefs, ConsoleConfig.load(write("t.yaml", "theme: Dark\n")).theme());
            assertEquals("DARK", prefs.get("theme", null));
        } finally {
            prefs.removeNode();
        }
    }

    @Test
    void theAttachSectionNeedsItsCredentialsLikeTheOptions() throws Exception {
        Path file = write("attach.yaml", "attach:\n  daemons: [127.0.0.1:1]\n  token: t-0123456789abcdef\n");
        Cli r = Cli.run("--config", file.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--attach needs --ca CA.pem"), r.err());
        assertThrows(ConsoleConfig.Problems.class, () -> ConsoleConfig.load(write("pw.yaml",
            "attach:\n  cert-password-file: token.txt\n")));
    }
}
