package org.rsvpconsole.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.RsvpCodec;

/** The real captures in ../shared/captures: frame counts and RSVP frames as Wireshark 4.0 sees them. */
class SharedCapturesTest {

    /** Frames in the file and the frames holding RSVP, from {@code tshark -r F -Y rsvp -T fields -e frame.number}. */
    private record Expected(int frames, List<Long> rsvpFrames) {
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
        "peafowl__rsvp.pcap", new Expected(3, List.of(1L, 2L, 3L)),
        "tcpdump__lspping-fec-rsvp.pcap", new Expected(10, List.of()),
        "tcpdump__rsvp-inf-loop-2.pcapng", new Expected(1, List.of(1L)),
        "tcpdump__rsvp-infinite-loop.pcap", new Expected(5, List.of(1L, 2L, 3L, 4L, 5L)),
        "tcpdump__rsvp-rsvp_obj_print-oobr.pcap", new Expected(3, List.of(3L)),
        "tcpdump__rsvp_cap.pcap", new Expected(1, List.of(1L)),
        "tcpdump__rsvp_fast_reroute-oobr.pcap", new Expected(1, List.of(1L)),
        "tcpdump__rsvp_uni-oobr-1.pcap", new Expected(1, List.of(1L)),
        "tcpdump__rsvp_uni-oobr-2.pcap", new Expected(1, List.of(1L)),
        "tcpdump__rsvp_uni-oobr-3.pcap", new Expected(3, List.of(2L, 3L)));

    static Path capturesDir() {
        Path dir = Path.of(System.getProperty("rsvp.shared.dir", "../../shared")).resolve("captures");
        if (!Files.isDirectory(dir)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("shared captures not found at " + dir.toAbsolutePath());
            }
            Assumptions.abort("shared captures not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static Stream<String> files() {
        return EXPECTED.keySet().stream().sorted();
    }

    private record Scan(long frames, List<Long> rsvpFrames, Optional<String> error) {
    }

    private static Scan scan(Path file) throws IOException {
        List<Long> rsvp = new ArrayList<>();
        try (RsvpCapture c = RsvpCapture.open(file)) {
            RsvpPacket p;
            while ((p = c.next()) != null) {
                rsvp.add(p.frameNumber());
                // Every message decodes to a result (decoded or malformed), never an exception.
                DecodeResult r = RsvpCodec.decode(p.frame(), p.offset(), p.length());
                assertTrue(r != null);
            }
            assertEquals(c.frames(), rsvp.size() + c.framesWithoutRsvp());
            return new Scan(c.frames(), rsvp, c.error());
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void framesAndRsvpMessagesAsWiresharkCountsThem(String name) throws IOException {
        Scan s = scan(capturesDir().resolve(name));
        Expected e = EXPECTED.get(name);
        assertEquals(Optional.empty(), s.error(), name);
        assertEquals(e.frames(), s.frames(), name);
        assertEquals(e.rsvpFrames(), s.rsvpFrames(), name);
    }

    @ParameterizedTest
    @MethodSource("files")
    void tsharkAgrees(String name) throws Exception {
        Path file = capturesDir().resolve(name);
        Scan s = scan(file);
        // One run: every frame with its protocol stack; "rsvp" in the stack is what the display filter rsvp matches.
        List<String> all = Tshark.run("-r", file.toString(), "-T", "fields", "-E", "separator=|",
            "-e", "frame.number", "-e", "frame.protocols");
        List<Long> rsvp = all.stream().map(l -> l.split("\\|", -1))
            .filter(f -> List.of(f[1].split(":")).contains("rsvp")).map(f -> Long.parseLong(f[0].trim())).toList();
        assertEquals(all.size(), s.frames(), name + ": frame count");
        assertEquals(rsvp, s.rsvpFrames(), name + ": RSVP frames");
    }

    @Test
    void everySharedCaptureIsCovered() throws IOException {
        try (Stream<Path> files = Files.list(capturesDir())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng")).sorted().toList();
            assertEquals(files().toList(), names, "add new captures to EXPECTED");
        }
    }
}
