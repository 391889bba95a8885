package org.rsvpconsole.engine.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rsvpconsole.engine.capture.RsvpCapture;

/** The RSVP messages of the shared test captures (../shared/captures), read with the product's capture reader. */
final class SharedCaptures {

    /** One RSVP message found in a capture: {@code name} is {@code file#frame}. */
    record Message(String name, long frame, byte[] rsvp) {
        @Override
        public String toString() {
            return name + " (" + rsvp.length + " bytes)";
        }
    }

    private SharedCaptures() {
    }

    /** The shared directory beside the repository (system property {@code rsvp.shared.dir}, set by the build). */
    static Path sharedDir() {
        return Paths.get(System.getProperty("rsvp.shared.dir", "../../shared"));
    }

    static Path capture(String name) {
        Path p = sharedDir().resolve("captures").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing shared capture " + p.toAbsolutePath()
                + " (the build points rsvp.shared.dir at ../shared)");
        }
        return p;
    }

    /** Every RSVP message in every {@code *.pcap} / {@code *.pcapng} of {@code dir}, in file-name order. */
    static List<Message> messagesIn(Path dir) throws IOException {
        List<Message> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.pcap(ng)?")).sorted().toList()) {
                out.addAll(messages(f));
            }
        }
        return out;
    }

    static List<Message> messages(Path file) throws IOException {
        List<Message> out = new ArrayList<>();
        try (RsvpCapture c = RsvpCapture.open(file)) {
            for (var p = c.next(); p != null; p = c.next()) {
                out.add(new Message(file.getFileName() + "#" + p.frameNumber(), p.frameNumber(), p.rsvpBytes()));
            }
        }
        return out;
    }
}
