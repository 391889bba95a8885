package org.rsvpconsole.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * tshark, the independent decoder our codec is checked against. Runs it as a process and reads its PDML output
 * (one element per decoded field, with Wireshark's field name, shown value and label).
 */
public final class Tshark {

    private Tshark() {
    }

    /** One decoded field: Wireshark's filter name ("rsvp.session.ip"), its shown value and its full label. */
    public record Field(String name, String show, String showname, int depth) {
    }

    /** One frame's fields in document order (depth-first), across all protocols. */
    public record Packet(List<Field> fields) {

        public List<Field> named(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).toList();
        }

        public List<String> shows(String name) {
            return named(name).stream().map(Field::show).toList();
        }

        public Optional<String> show(String name) {
            return named(name).stream().map(Field::show).findFirst();
        }
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Skips the calling test when tshark is missing on a developer machine, but fails it in CI (CI=true), where
     * .ci/run installs tshark: an independent check must never pass by silently not running.
     */
    public static void require() {
        if (available()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("tshark is not installed but CI=true: .ci/run must install it (apt-get install tshark)");
        }
        assumeTrue(false, "tshark is not installed: install it (apt-get install tshark) to run this check");
    }

    /** Runs tshark with the given arguments and returns stdout; fails the test on a non-zero exit. */
    public static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tshark did not finish in 120 s: " + cmd);
            }
            assertEquals(0, p.exitValue(), "tshark exit status for " + cmd);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        }
    }

    /** Decodes the capture as PDML; {@code extra} adds e.g. {@code -d udp.port==1698,rsvp}. */
    public static List<Packet> pdml(Path pcap, String... extra) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-T", "pdml"));
        args.addAll(Arrays.asList(extra));
        String xml = run(args.toArray(String[]::new));
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            List<Packet> packets = new ArrayList<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("packet")) {
                    List<Field> fields = new ArrayList<>();
                    collect(e, 0, fields);
                    packets.add(new Packet(fields));
                }
            }
            return packets;
        } catch (Exception e) {
            throw new AssertionError("cannot parse tshark PDML output: " + e.getMessage(), e);
        }
    }

    private static void collect(Element parent, int depth, List<Field> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (e.getTagName().equals("field") || e.getTagName().equals("proto"))) {
                out.add(new Field(e.getAttribute("name"), e.getAttribute("show"), e.getAttribute("showname"), depth));
                collect(e, depth + 1, out);
            }
        }
    }

    /** Frame numbers that tshark marks malformed or with an expert item of warning severity or worse. */
    public static List<String> malformedOrWarnings(Path pcap, String... extra) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-Y",
            "_ws.malformed || _ws.expert.severity >= warning", "-T", "fields", "-e", "frame.number"));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
    }
}
