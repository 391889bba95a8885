package org.rsvpconsole.engine.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a pcap file of raw IP packets (LINKTYPE_RAW, 101), microsecond timestamps, little-endian as libpcap on
 * x86 writes it. Wireshark and tcpdump read it directly.
 */
public final class PcapWriter implements Closeable, Flushable {

    private static final int MAGIC = 0xa1b2c3d4;
    private static final long MAX_SECONDS = 0xffffffffL;

    private final OutputStream out;
    private final byte[] header = new byte[16];
    private long packets;

    /** Writes the file header at once; the stream is buffered and owned by the writer. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        byte[] h = new byte[24];
        Bytes.put32(h, 0, MAGIC, false);
        h[4] = 2;
        h[6] = 4;
        Bytes.put32(h, 16, CaptureReader.MAX_FRAME, false);
        Bytes.put32(h, 20, LinkType.RAW, false);
        this.out.write(h);
    }

    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(Files.newOutputStream(file));
    }

    /** Appends one raw IP packet. */
    public void writePacket(Instant timestamp, byte[] packet, int off, int len) throws IOException {
        long seconds = timestamp.getEpochSecond();
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("pcap cannot hold timestamp " + timestamp);
        }
        if (len > CaptureReader.MAX_FRAME) {
            throw new IllegalArgumentException("packet of " + len + " bytes is larger than the snap length");
        }
        Bytes.put32(header, 0, (int) seconds, false);
        Bytes.put32(header, 4, timestamp.getNano() / 1000, false);
        Bytes.put32(header, 8, len, false);
        Bytes.put32(header, 12, len, false);
        out.write(header);
        out.write(packet, off, len);
        packets++;
    }

    public void writePacket(Instant timestamp, byte[] packet) throws IOException {
        writePacket(timestamp, packet, 0, packet.length);
    }

    /** Appends an RSVP message wrapped in IP (and UDP) as {@code encapsulation} says. */
    public void writeRsvp(Instant timestamp, IpEncapsulation encapsulation, byte[] rsvp, int off, int len)
        throws IOException {
        writePacket(timestamp, encapsulation.wrap(rsvp, off, len));
    }

    public void writeRsvp(Instant timestamp, IpEncapsulation encapsulation, byte[] rsvp) throws IOException {
        writeRsvp(timestamp, encapsulation, rsvp, 0, rsvp.length);
    }

    /** Packets written so far. */
    public long packetsWritten() {
        return packets;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
