package org.rsvpconsole.engine.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads frames from a pcap or pcapng file, one at a time, never holding more than one frame in memory.
 *
 * <p>Bad input never throws out of {@link #next()}: a truncated or corrupt file ends the iteration, and
 * {@link #error()} then says where and why (e.g. "file ends inside packet record 17: header says 1514 bytes, 200
 * remain"). Every length field is checked before use: nothing is allocated from a length larger than
 * {@link #MAX_FRAME}, and every step consumes input, so the reader can neither run out of memory nor loop.
 */
public abstract sealed class CaptureReader implements Closeable permits PcapReader, PcapngReader {

    /** The largest frame accepted (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD); larger ones mean a corrupt file. */
    public static final int MAX_FRAME = 262_144;

    final ByteSource src;
    private long frames;
    private String error;
    private boolean done;

    CaptureReader(ByteSource src) {
        this.src = src;
    }

    /** Opens a file; throws when it cannot be read or does not start like a pcap or pcapng file. */
    public static CaptureReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return open(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the file header from a stream (which the reader then owns and closes).
     *
     * @throws NotACaptureException when the first bytes are neither a pcap nor a pcapng header
     */
    public static CaptureReader open(InputStream in) throws IOException {
        ByteSource src = new ByteSource(in);
        byte[] magic = new byte[4];
        int n = src.read(magic, 0, 4);
        if (n < 4) {
            throw new NotACaptureException("not a pcap or pcapng file (only " + n + " byte(s) long)");
        }
        int be = Bytes.u32(magic, 0, true);
        return switch (be) {
            case 0xa1b2c3d4 -> PcapReader.start(src, true, false);
            case 0xd4c3b2a1 -> PcapReader.start(src, false, false);
            case 0xa1b23c4d -> PcapReader.start(src, true, true);
            case 0x4d3cb2a1 -> PcapReader.start(src, false, true);
            case PcapngReader.SHB_TYPE -> PcapngReader.start(src);
            default -> throw new NotACaptureException(String.format("not a pcap or pcapng file (magic 0x%08x%s)", be,
                (be >>> 16) == 0x1f8b ? ", looks gzip-compressed: gunzip it first" : ""));
        };
    }

    /** The file's format. */
    public abstract CaptureFormat format();

    /**
     * The next frame, or null at the end of the file or at the first fault in it (then {@link #error()} is set).
     * Never throws.
     */
    public final Frame next() {
        if (done) {
            return null;
        }
        Frame f;
        try {
            f = readFrame(frames + 1);
        } catch (IOException e) {
            f = null;
            fail("read error after frame " + frames + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Defensive: a parser bug must not escape as an exception on user input; report it as a fault.
            f = null;
            fail("cannot read frame " + (frames + 1) + ": internal error " + e);
        }
        if (f == null) {
            done = true;
            return null;
        }
        frames++;
        return f;
    }

    /** Frames returned so far. */
    public final long frameCount() {
        return frames;
    }

    /** Why the iteration ended early; empty when it reached the clean end of the file (or has not ended). */
    public final Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** True once {@link #next()} has returned null. */
    public final boolean finished() {
        return done;
    }

    @Override
    public void close() throws IOException {
        done = true;
        src.close();
    }

    /** Records the fault that ends the iteration; returns null so parsers can {@code return fail(...)}. */
    final Frame fail(String message) {
        if (error == null) {
            error = message;
        }
        return null;
    }

    /** Reads the next frame, numbered {@code number}; null at the end, or after {@link #fail} on bad input. */
    abstract Frame readFrame(long number) throws IOException;

    /** Reads exactly {@code len} bytes, or returns null with the count actually present in {@code got[0]}. */
    final byte[] readExactly(int len, int[] got) throws IOException {
        byte[] b = new byte[len];
        int n = src.read(b, 0, len);
        got[0] = n;
        return n == len ? b : null;
    }

    static Instant instant(long seconds, long nanos) {
        if (seconds < Instant.MIN.getEpochSecond() || seconds >= Instant.MAX.getEpochSecond()) {
            return seconds < 0 ? Instant.MIN : Instant.MAX;
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
