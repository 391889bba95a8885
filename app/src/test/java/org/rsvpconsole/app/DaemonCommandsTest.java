package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daemon} refusals that need no network: one line, exit 2, nothing started. */
class DaemonCommandsTest {

    @TempDir
    Path dir;

    /** What the installers' check runs on the installed daemon launcher (installers/src/test/check-packages.sh). */
    @Test
    void daemonHelpNamesItsOptions() {
        Cli c = Cli.run("daemon", "--help");
        assertEquals(0, c.code(), c.toString());
        for (String option : new String[] {"Usage: rsvp-console daemon", "--config", "--socket", "--udp", "--db"}) {
            assertTrue(c.out().contains(option), c.out());
        }
    }

    @Test
    void udpOnARouterIsRefusedWithTheWayOut() throws Exception {
        Path config = dir.resolve("r.yaml");
        Files.writeString(config, "node: r\ncontrol-socket: " + dir.resolve("r.sock")
            + "\ninterfaces:\n  - {name: lo, bandwidth: 1M}\n");
        Cli c = Cli.run("daemon", "--udp", "--config", config.toString());
        assertEquals(2, c.code(), c.toString());
        assertEquals(1, c.errLines().size(), c.toString());
        assertTrue(c.err().startsWith("rsvp-console: --udp is for hosts (RFC 2205 Appendix C): " + config
            + " says 'role: router' (the default)"), c.err());
        assertFalse(Files.exists(dir.resolve("r.sock")));
    }

    @Test
    void udpEncapsulationOnARouterInTheFileIsAConfigurationError() throws Exception {
        Path config = dir.resolve("r.yaml");
        Files.writeString(config, "role: router\nencapsulation: udp\ninterfaces:\n  - {name: lo, bandwidth: 1M}\n");
        Cli c = Cli.run("daemon", "--config", config.toString());
        assertEquals(2, c.code(), c.toString());
        assertTrue(c.err().contains("line 2: key 'encapsulation': udp is for hosts"), c.err());
        assertFalse(c.err().contains("\tat "), c.err());
    }

    @Test
    void aDaemonListThatDoesNotParseNamesItsOption() {
        Cli attach = Cli.run("attach", "--daemon", "r1", "--ca", dir.resolve("ca.pem").toString(), "--token", "t");
        assertEquals(2, attach.code(), attach.toString());
        assertEquals("rsvp-console: --daemon: 'r1' is not HOST:PORT; write e.g. 192.0.2.1:"
            + org.rsvpconsole.app.daemon.ManagementConfig.DEFAULT_PORT + " or [2001:db8::1]:"
            + org.rsvpconsole.app.daemon.ManagementConfig.DEFAULT_PORT, attach.errLines().getFirst());
        Cli console = Cli.run("--attach", ",", "--ca", dir.resolve("ca.pem").toString(), "--token", "t");
        assertEquals(2, console.code(), console.toString());
        assertEquals("rsvp-console: --attach: no daemon given; write HOST:PORT[,HOST:PORT...]",
            console.errLines().getFirst());
    }
}
