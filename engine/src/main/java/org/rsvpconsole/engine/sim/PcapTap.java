package org.rsvpconsole.engine.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.topology.Interface;

/**
 * Writes every datagram that crossed a link to a pcap file of raw IP packets (LINKTYPE_RAW), stamped with the
 * virtual time of its arrival counted from the Unix epoch (a capture's relative times are then the scenario's
 * times). The datagrams are the nodes' own bytes: IP header with the real addresses and TTL, the Router Alert
 * option where the sender set it, and the RSVP message.
 *
 * <p>A write error stops the capture and is kept for {@link #error()}, so the simulation itself is not disturbed.
 */
public final class PcapTap implements LinkTap {

    private final PcapWriter writer;
    private IOException error;

    public PcapTap(PcapWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public void datagram(long timeNanos, Interface in, byte[] datagram) {
        if (error != null) {
            return;
        }
        try {
            writer.writePacket(Instant.ofEpochSecond(0, timeNanos), datagram);
        } catch (IOException e) {
            error = e;
        } catch (UncheckedIOException e) {
            error = e.getCause();
        }
    }

    /** The first write error, if any. */
    public Optional<IOException> error() {
        return Optional.ofNullable(error);
    }

    /** Packets written. */
    public long packets() {
        return writer.packetsWritten();
    }
}
