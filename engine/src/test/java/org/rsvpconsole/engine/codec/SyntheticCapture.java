package org.rsvpconsole.engine.codec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.capture.PcapWriter;

/**
 * Writes a large capture for the decode benchmark (build/bench-decode): N RSVP messages over raw IPv4, cycling
 * through {@link EveryMessageType} (every message type with a rich set of objects).
 * Usage: {@code SyntheticCapture OUT.pcap COUNT}.
 */
public final class SyntheticCapture {

    private SyntheticCapture() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticCapture OUT.pcap COUNT");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        List<byte[]> encoded = EveryMessageType.messages().values().stream().map(RsvpCodec::encode).toList();
        IpEncapsulation ip = IpEncapsulation.of(IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.9"), 63);
        try (PcapWriter w = PcapWriter.create(out)) {
            for (long i = 0; i < count; i++) {
                byte[] m = encoded.get((int) (i % encoded.size()));
                w.writeRsvp(Instant.ofEpochSecond(1_700_000_000L, i * 1000), ip, m);
            }
        }
        System.err.println("wrote " + count + " RSVP messages to " + out);
    }
}
