package org.rsvpconsole.engine.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The RSVP messages of a capture file, in frame order, with counts of the frames that held none. Like
 * {@link CaptureReader}, it never throws on bad input: {@link #next()} returns null at the end and {@link #error()}
 * says why the file ended early, if it did.
 */
public final class RsvpCapture implements Closeable {

    private final CaptureReader reader;
    private final Map<NoRsvp.Reason, Long> skipped = new EnumMap<>(NoRsvp.Reason.class);
    private long withoutRsvp;
    private Consumer<NoRsvp> onSkipped = s -> { };

    public RsvpCapture(CaptureReader reader) {
        this.reader = reader;
    }

    /** Opens a capture file; throws when it cannot be read or is not pcap/pcapng ({@link NotACaptureException}). */
    public static RsvpCapture open(Path file) throws IOException {
        return new RsvpCapture(CaptureReader.open(file));
    }

    /** Called for every frame without RSVP (e.g. to log why). */
    public RsvpCapture onSkipped(Consumer<NoRsvp> listener) {
        this.onSkipped = listener;
        return this;
    }

    /** The next RSVP message, or null at the end of the file (or at a fault in it: see {@link #error()}). */
    public RsvpPacket next() {
        Frame f;
        while ((f = reader.next()) != null) {
            switch (RsvpExtractor.extract(f)) {
                case RsvpPacket p -> {
                    return p;
                }
                case NoRsvp none -> {
                    withoutRsvp++;
                    skipped.merge(none.reason(), 1L, Long::sum);
                    onSkipped.accept(none);
                }
            }
        }
        return null;
    }

    /** Frames read so far, with or without RSVP. */
    public long frames() {
        return reader.frameCount();
    }

    /** Frames read so far that held no RSVP message. */
    public long framesWithoutRsvp() {
        return withoutRsvp;
    }

    /** Frames without RSVP, for one reason. */
    public long framesWithoutRsvp(NoRsvp.Reason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /** Why the file ended early; empty at a clean end. */
    public Optional<String> error() {
        return reader.error();
    }

    public CaptureReader reader() {
        return reader;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
