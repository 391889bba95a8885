package org.rsvpconsole.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Wireshark's tshark as an independent judge of what the capture code reads and writes. Without tshark on the
 * PATH the checks are skipped, except under {@code CI=true}, where a missing tshark fails the build instead of
 * silently weakening it.
 */
final class Tshark {

    private Tshark() {
    }

    /** The tshark executable; skips the calling test (fails under CI) when there is none. */
    static String require() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, "tshark");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("tshark is not on the PATH, but CI=true requires the Wireshark cross-checks: install tshark");
        }
        Assumptions.abort("tshark is not on the PATH: Wireshark cross-check skipped");
        return null;
    }

    /** Runs tshark with the arguments and returns its standard output lines; fails on a non-zero exit. */
    static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(require());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tshark timed out: " + cmd);
            }
            assertEquals(0, p.exitValue(), () -> "tshark failed: " + cmd + "\n" + readQuietly(err));
            String text = new String(out, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
