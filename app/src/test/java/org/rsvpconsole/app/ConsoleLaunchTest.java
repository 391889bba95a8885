package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console says why it cannot open a window, before JavaFX fails with an internal error. */
class ConsoleLaunchTest {

    private static final Path GTK = Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0");

    @Test
    void noDisplayIsAUserErrorWithTheWaysForward() {
        Optional<String> p = ConsoleLaunch.desktopProblem("Linux", Map.of(), GTK::equals);
        assertTrue(p.orElseThrow().contains("DISPLAY is not set"), p::toString);
        assertTrue(p.orElseThrow().contains("xvfb-run"), p::toString);
    }

    @Test
    void missingGtkNamesThePackage() {
        Optional<String> p = ConsoleLaunch.desktopProblem("Linux", Map.of("DISPLAY", ":0"), f -> false);
        assertTrue(p.orElseThrow().contains("apt-get install libgtk-3-0"), p::toString);
    }

    @Test
    void displayAndGtkPresentOrWaylandOrNotLinux() {
        assertEquals(Optional.empty(), ConsoleLaunch.desktopProblem("Linux", Map.of("DISPLAY", ":0"), GTK::equals));
        assertEquals(Optional.empty(),
            ConsoleLaunch.desktopProblem("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), GTK::equals));
        assertEquals(Optional.empty(), ConsoleLaunch.desktopProblem("Mac OS X", Map.of(), f -> false));
    }

    @Test
    void aTopologyOpensWithTheScenarioBesideItAsItsTrafficMix() throws Exception {
        var net = ConsoleLaunch.network(new ConsoleLaunch.Options(Path.of("..", "examples", "rsvp-te-4router.yaml"),
            null, true, 1));
        try {
            assertTrue(net.trafficMix(), "examples/rsvp-te-4router.scenario.yaml runs as the mix");
        } finally {
            net.close();
        }
        assertEquals(Optional.empty(), ConsoleLaunch.besideScenario(Path.of("..", "examples", "pe-router.policy"
            + ".yaml")));
    }
}
