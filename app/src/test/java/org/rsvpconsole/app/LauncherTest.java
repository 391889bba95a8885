package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;
import picocli.CommandLine;

/**
 * The {@code ./rsvp-console} launcher, run for real against a copy of the project layout: the copy holds the
 * launcher, a jar of the app classes and a lib directory, so the launcher can be exercised without Maven (a fake
 * {@code mvn} stands in where a build is wanted).
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path jar;
    private Path elsewhere;

    record Result(int code, String out, String err) {
    }

    static Path launcherSource() {
        // Surefire runs with the module directory (app) as the working directory.
        Path script = Path.of("").toAbsolutePath().getParent().resolve("rsvp-console");
        assertTrue(Files.isRegularFile(script), "launcher at " + script);
        assertTrue(Files.isExecutable(script), "the launcher is executable (git mode 755): " + script);
        return script;
    }

    @BeforeEach
    void fakeProject() throws IOException, URISyntaxException {
        root = Files.createDirectories(tmp.resolve("project"));
        Files.copy(launcherSource(), root.resolve("rsvp-console"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve("build"));
        Files.copy(launcherSource().resolveSibling("build/jdk.sh"), root.resolve("build/jdk.sh"));
        Path lib = Files.createDirectories(root.resolve("app/target/lib"));
        jarOf(codeSource(IpAddress.class), lib.resolve("engine.jar"));
        // picocli reflects over every subcommand, and history's methods name the store's types.
        jarOf(codeSource(org.rsvpconsole.persistence.api.EventStore.class), lib.resolve("persistence.jar"));
        Path picocli = codeSource(CommandLine.class);
        Files.copy(picocli, lib.resolve(picocli.getFileName()));
        jar = root.resolve("app/target/rsvp-console.jar");
        jarOf(codeSource(Main.class), jar);
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A directory of classes as a jar; a jar as itself. */
    private static void jarOf(Path classes, Path target) throws IOException {
        if (Files.isRegularFile(classes)) {
            Files.copy(classes, target);
            return;
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Runs the launcher through a symlink in another directory, from a third directory. */
    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path links = Files.createDirectories(tmp.resolve("bin-links"));
        Path link = links.resolve("rsvp-console");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, root.resolve("rsvp-console"));
        }
        List<String> cmd = new ArrayList<>(List.of(link.toString()));
        cmd.addAll(List.of(args));
        return run(env, cmd);
    }

    @Test
    void versionAndHelpThroughASymlinkFromAnotherDirectory() throws Exception {
        Result v = launch(Map.of(), "--version");
        assertEquals(0, v.code(), v::toString);
        assertEquals("", v.err(), "an up-to-date jar is not rebuilt: " + v);
        assertTrue(v.out().startsWith("rsvp-console " + Main.version() + "\nJava "), v::toString);
        int feature = Integer.parseInt(v.out().lines().toList().get(1).replaceAll("^Java (\\d+).*", "$1"));
        assertTrue(feature >= 25, "runs on JDK 25+: " + v);
        Result h = launch(Map.of(), "--help");
        assertEquals(0, h.code(), h::toString);
        assertTrue(h.out().contains("decode"), h::toString);
        Result bad = launch(Map.of(), "--nope");
        assertEquals(2, bad.code(), bad::toString);
    }

    /**
     * decode alone gets the batch JVM options (Serial GC, C1 only; decision 0029): the JVM's own start-up log says
     * which collector and top compilation tier it runs; other commands keep the JVM's defaults (G1).
     */
    @Test
    void decodeRunsWithTheBatchJvmOptionsAndOtherCommandsWithout() throws Exception {
        Map<String, String> log = Map.of("RSVP_CONSOLE_JAVA_OPTS", "-Xlog:gc:stderr -XX:+PrintFlagsFinal");
        Result d = launch(log, "decode", elsewhere.resolve("missing.pcap").toString());
        assertEquals(2, d.code(), d::toString);
        assertTrue(d.err().contains("missing.pcap: no such file"), d::toString);
        assertTrue(d.err().contains("Using Serial"), d::toString);
        assertTrue(d.out().matches("(?s).*intx TieredStopAtLevel += 1 .*"), "C1 only");
        Result v = launch(log, "--version");
        assertEquals(0, v.code(), v::toString);
        assertTrue(v.err().contains("Using G1"), v::toString);
        assertTrue(v.out().matches("(?s).*intx TieredStopAtLevel += 4 .*"), "all tiers");
    }

    private Path fakeTool(String name, String body) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private void touchSourceNewerThanJar() throws IOException {
        Path src = Files.createDirectories(root.resolve("engine/src/main/java"));
        Path f = Files.writeString(src.resolve("Changed.java"), "class Changed {}\n");
        FileTime jarTime = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(f, FileTime.fromMillis(jarTime.toMillis() + 5_000));
    }

    @Test
    void changedSourcesTriggerOneQuietBuildLine() throws Exception {
        touchSourceNewerThanJar();
        Path bin = fakeTool("mvn", "echo \"maven says hello: $*\"; exit 0");
        Result r = launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "--version");
        assertEquals(0, r.code(), r::toString);
        assertEquals("Building RSVP Console (sources changed)...\n", r.err(), "one line, Maven output hidden");
        assertTrue(r.out().startsWith("rsvp-console "), r::toString);
    }

    @Test
    void failedBuildShowsTheMavenOutput() throws Exception {
        touchSourceNewerThanJar();
        Path bin = fakeTool("mvn", "echo \"[ERROR] compilation failed: $*\"; exit 1");
        Result r = launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "--version");
        assertEquals(1, r.code(), r::toString);
        List<String> err = r.err().lines().toList();
        assertEquals("Building RSVP Console (sources changed)...", err.get(0));
        assertEquals("[ERROR] compilation failed: -q -B -DskipTests -Dcheckstyle.skip -pl app -am package", err.get(1));
        assertEquals("rsvp-console: build failed (Maven output above)", err.get(2));
        assertEquals("", r.out());
    }

    @Test
    void missingJarMeansFirstBuild() throws Exception {
        Files.delete(jar);
        // The fake build produces the jar, as Maven would.
        Path bin = fakeTool("mvn", "cp '" + tmp.resolve("saved.jar") + "' '" + jar + "'");
        jarOf(codeSource(Main.class), tmp.resolve("saved.jar"));
        Result r = launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "--version");
        assertEquals(0, r.code(), r::toString);
        assertEquals("Building RSVP Console (first run)...\n", r.err());
    }

    @Test
    void noJdk25IsOneClearError() throws Exception {
        // A PATH with the shell tools the launcher needs and a java that is too old.
        Path bin = fakeTool("java", "echo 'openjdk version \"17.0.2\" 2022-01-18' >&2");
        for (String tool : List.of("bash", "env", "dirname", "sed", "head", "readlink", "find", "mktemp", "touch",
            "cat", "rm")) {
            Path real = which(tool);
            if (real != null) {
                fakeTool(tool, "exec '" + real + "' \"$@\"");
            }
        }
        Path noJdks = Files.createDirectories(tmp.resolve("no-jdks"));
        Result r = run(Map.of("PATH", bin.toString(), "JAVA_HOME", tmp.resolve("nothing").toString(),
                "RSVP_CONSOLE_JDK_DIRS", noJdks.toString()),
            List.of(which("bash").toString(), root.resolve("rsvp-console").toString(), "--version"));
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().startsWith("rsvp-console: needs a JDK 25 or newer"), r::toString);
        assertTrue(r.err().contains("set JAVA_HOME"), r::toString);
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
