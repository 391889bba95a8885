package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon without CAP_NET_RAW: one clear line naming the capability and the ways forward, exit 2. */
class DaemonPrivilegeTest {

    @TempDir
    Path dir;

    @Test
    void withoutCapNetRawTheDaemonSaysSoAndExits2() throws Exception {
        Path capsh = Path.of("/usr/sbin/capsh");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!Files.isExecutable(capsh) || !root) {
            String msg = "PRIVILEGE TEST SKIPPED: needs root and capsh (libcap2-bin) to drop CAP_NET_RAW";
            System.err.println("*** " + msg + " ***");
            Assumptions.assumeTrue(System.getenv("CI") == null, msg + " (CI is set)");
            Assumptions.abort(msg);
        }
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "node: lonely\nrole: host\ncontrol-socket: " + dir.resolve("s.sock")
            + "\ninterfaces:\n  - name: lo\n    bandwidth: 1M\n");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cmd = "exec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '"
            + System.getProperty("java.class.path") + "' org.rsvpconsole.app.Main daemon --config '" + config + "'";
        Process p = new ProcessBuilder(capsh.toString(), "--drop=cap_net_raw", "--", "-c", cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the daemon must stop, not hang");
        assertEquals(2, p.exitValue(), err);
        assertEquals(0, out.length, new String(out, StandardCharsets.UTF_8));
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        String line = lines.get(0);
        assertTrue(line.startsWith("rsvp-console: raw IP sockets for RSVP (IP protocol 46) need the CAP_NET_RAW"
            + " capability"), line);
        assertTrue(line.contains("AmbientCapabilities=CAP_NET_RAW") && line.contains("--udp")
            && line.contains("setpriv"), line);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertFalse(Files.exists(dir.resolve("s.sock")), "nothing is left listening");
    }
}
