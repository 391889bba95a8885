package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed extractor finds the RSVP messages the captures hold (counts as tshark 4.0 shows them). */
class CaptureReaderTest {

    @Test
    void peafowlHoldsPathResvAndResvConf() throws IOException {
        List<CaptureReader.RsvpPacket> p = CaptureReader.rsvpPackets(
            CaptureReader.sharedDir().resolve("captures/peafowl__rsvp.pcap"));
        assertEquals(3, p.size());
        assertEquals(List.of(1, 2, 7), p.stream().map(m -> m.rsvp()[1] & 0xff).toList());
        assertEquals("peafowl__rsvp.pcap#1", p.get(0).name());
        // Exactly the RSVP length: no IP header before it, no Ethernet padding after it.
        for (CaptureReader.RsvpPacket m : p) {
            assertEquals(0x10, m.rsvp()[0] & 0xf0);
            assertEquals(((m.rsvp()[6] & 0xff) << 8) | (m.rsvp()[7] & 0xff), m.rsvp().length, m.name());
        }
    }

    @Test
    void everyLinkLayerOfTheSharedCapturesIsRead() throws IOException {
        List<CaptureReader.RsvpPacket> all = CaptureReader.rsvpPacketsIn(CaptureReader.sharedDir().resolve("captures"));
        // pcapng + Ethernet, Linux cooked (5 Hellos), Ethernet with non-RSVP frames; PPP LSP Ping has none.
        assertEquals(1, count(all, "tcpdump__rsvp-inf-loop-2.pcapng#"));
        assertEquals(5, count(all, "tcpdump__rsvp-infinite-loop.pcap#"));
        assertEquals(1, count(all, "tcpdump__rsvp-rsvp_obj_print-oobr.pcap#"));
        assertEquals(0, count(all, "tcpdump__lspping-fec-rsvp.pcap#"));
        assertTrue(all.size() >= 16, "RSVP messages found: " + all.size());
    }

    private static long count(List<CaptureReader.RsvpPacket> all, String prefix) {
        return all.stream().filter(p -> p.name().startsWith(prefix)).count();
    }
}
