package org.rsvpconsole.engine.capture;

import java.time.Instant;

/**
 * One captured packet. Frames are numbered as Wireshark numbers them: every packet record (pcap) or packet block
 * (pcapng EPB, SPB, PB) is one frame, counting from 1. Equality is identity on {@code data}, as for any record
 * holding an array.
 *
 * @param number         1-based frame number
 * @param timestamp      capture time (for a Simple Packet Block, which has none: the epoch)
 * @param linkType       the LINKTYPE_ value of the interface that captured it ({@link LinkType})
 * @param data           the captured bytes; owned by this frame, not copied on access, not to be modified
 * @param originalLength the length of the packet on the wire (may exceed {@code data.length} when truncated)
 * @param interfaceId    the pcapng interface index (0 for pcap)
 */
public record Frame(long number, Instant timestamp, int linkType, byte[] data, long originalLength,
                    int interfaceId) {

    /** Captured length in bytes. */
    public int capturedLength() {
        return data.length;
    }

    /** True when fewer bytes were captured than were on the wire (snap length). */
    public boolean truncated() {
        return originalLength > data.length;
    }
}
