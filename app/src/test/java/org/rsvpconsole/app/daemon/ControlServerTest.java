package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    @TempDir
    Path dir;

    @Test
    void socketIsOwnerOnlyAndAnswersOneRequestPerConnection() throws Exception {
        Path sock = dir.resolve("run/rsvp.sock");
        String me = "local:" + System.getProperty("user.name");
        try (ControlServer s = ControlServer.start(sock, (who, r) -> {
            if (r.command().equals("boom")) {
                throw new ControlRequest.Refused("no such thing");
            }
            // Who gave the command comes from the kernel (SO_PEERCRED), for the record of operator actions.
            assertEquals(me, who);
            return r.command() + " " + r.session() + " " + r.bits("bandwidth");
        })) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())));
            ControlClient.Answer a = ControlClient.send(sock, "reserve", Map.of("dest", "10.0.0.2", "port", "5004",
                "bandwidth", "1.5M"));
            assertTrue(a.ok());
            assertEquals("reserve 10.0.0.2/17/5004 1500000", a.text());
            ControlClient.Answer bad = ControlClient.send(sock, "boom", Map.of());
            assertFalse(bad.ok());
            assertEquals("no such thing", bad.text());
            ControlClient.Answer missing = ControlClient.send(sock, "reserve", Map.of("dest", "10.0.0.2"));
            assertEquals("'port' is missing", missing.text());
            IOException twice = assertThrows(IOException.class, () -> ControlServer.start(sock, (who, r) -> ""));
            assertTrue(twice.getMessage().contains("already listening"), twice.getMessage());
        }
        assertFalse(Files.exists(sock), "the socket file is removed on close");
        IOException none = assertThrows(IOException.class, () -> ControlClient.send(sock, "status", Map.of()));
        assertTrue(none.getMessage().startsWith("no daemon is running"), none.getMessage());
    }

    @Test
    void requestFieldsAreChecked() {
        ControlRequest r = ControlRequest.parse("reserve\tdest=10.0.0.2\tport=70000\tbandwidth=1M\tsender=10.0.0.1:9");
        assertThrows(ControlRequest.Refused.class, r::session);
        assertEquals(new ControlRequest.SenderFilter(org.rsvpconsole.engine.api.Ipv4Address.of("10.0.0.1"), 9),
            r.sender().orElseThrow());
        ControlRequest any = ControlRequest.parse("reserve\tsender=10.0.0.1\tstyle=se");
        assertEquals(-1, any.sender().orElseThrow().port());
        assertEquals(org.rsvpconsole.engine.api.ReservationStyle.SE, any.style());
        assertThrows(ControlRequest.Refused.class, () -> ControlRequest.parse("x\tnovalue"));
        assertThrows(ControlRequest.Refused.class, () -> ControlRequest.parse("x\tsender=host").sender());
    }
}
