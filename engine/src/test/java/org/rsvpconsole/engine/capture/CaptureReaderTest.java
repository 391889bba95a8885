package org.rsvpconsole.engine.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureReaderTest {

    private static final byte[] A = {1, 2, 3, 4, 5};
    private static final byte[] B = {9, 8, 7};

    static CaptureReader open(byte[] file) throws IOException {
        return CaptureReader.open(new ByteArrayInputStream(file));
    }

    static List<Frame> readAll(CaptureReader r) {
        List<Frame> out = new ArrayList<>();
        Frame f;
        while ((f = r.next()) != null) {
            out.add(f);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"le-us", "be-us", "le-ns", "be-ns"})
    void pcapInEveryByteOrderAndResolution(String variant) throws IOException {
        boolean big = variant.startsWith("be");
        boolean nanos = variant.endsWith("ns");
        byte[] file = CaptureBytes.pcap(big, nanos, LinkType.ETHERNET)
            .record(1_700_000_000L, 123_456, A)
            .record(1_700_000_001L, 7, 60, 1514, new byte[60])
            .bytes();
        try (CaptureReader r = open(file)) {
            assertEquals(CaptureFormat.PCAP, r.format());
            List<Frame> frames = readAll(r);
            assertEquals(2, frames.size());
            Frame f1 = frames.get(0);
            assertEquals(1, f1.number());
            assertEquals(LinkType.ETHERNET, f1.linkType());
            assertArrayEquals(A, f1.data());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, nanos ? 123_456 : 123_456_000), f1.timestamp());
            Frame f2 = frames.get(1);
            assertEquals(2, f2.number());
            assertEquals(60, f2.capturedLength());
            assertEquals(1514, f2.originalLength());
            assertTrue(f2.truncated());
            assertEquals(Optional.empty(), r.error());
            assertEquals(2, r.frameCount());
            assertNull(r.next(), "stays at the end");
        }
    }

    @Test
    void pcapLinkTypeIgnoresTheFcsBits() throws IOException {
        byte[] file = CaptureBytes.pcap(false, false, 0x1000_0000 | LinkType.RAW).record(0, 0, A).bytes();
        try (CaptureReader r = open(file)) {
            assertEquals(LinkType.RAW, r.next().linkType());
        }
    }

    @Test
    void pcapRecordDataCutShortSaysWhere() throws IOException {
        byte[] file = CaptureBytes.pcap(false, false, 1).record(0, 0, A).record(0, 0, 1514, 1514, new byte[200])
            .bytes();
        try (CaptureReader r = open(file)) {
            assertEquals(1, readAll(r).size());
            assertEquals(Optional.of("file ends inside packet record 2: header says 1514 bytes, 200 remain"),
                r.error());
        }
    }

    @Test
    void pcapRecordHeaderCutShort() throws IOException {
        byte[] full = CaptureBytes.pcap(true, false, 1).record(0, 0, A).record(0, 0, B).bytes();
        byte[] cut = java.util.Arrays.copyOf(full, 24 + 16 + A.length + 5);
        try (CaptureReader r = open(cut)) {
            assertEquals(1, readAll(r).size());
            assertEquals(Optional.of("file ends inside the header of packet record 2: 16 bytes needed, 5 remain"),
                r.error());
        }
    }

    @Test
    void hostilePcapLengthIsRefusedWithoutAllocating() throws IOException {
        byte[] file = CaptureBytes.pcap(false, false, 1).record(0, 0, 0xffff_ffffL, 0xffff_ffffL, A).bytes();
        try (CaptureReader r = open(file)) {
            assertNull(r.next());
            assertEquals(Optional.of("packet record 1 says it holds 4294967295 bytes, more than the 262144 a frame"
                + " may have (corrupt file?)"), r.error());
        }
    }

    @Test
    void notACaptureFileNamesItsMagic() {
        NotACaptureException e = assertThrows(NotACaptureException.class,
            () -> open("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("not a pcap or pcapng file (magic 0x68656c6c)", e.getMessage());
        e = assertThrows(NotACaptureException.class, () -> open(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0}));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        e = assertThrows(NotACaptureException.class, () -> open(new byte[0]));
        assertEquals("not a pcap or pcapng file (only 0 byte(s) long)", e.getMessage());
    }

    @Test
    void truncatedPcapFileHeader() {
        byte[] header = CaptureBytes.pcap(false, false, 1).bytes();
        NotACaptureException e = assertThrows(NotACaptureException.class,
            () -> open(java.util.Arrays.copyOf(header, 10)));
        assertEquals("file ends inside the pcap file header: 24 bytes needed, 10 present", e.getMessage());
    }

    @Test
    void wrongPcapVersionIsRefused() {
        byte[] header = CaptureBytes.pcap(false, false, 1).bytes();
        header[4] = 7;
        assertThrows(NotACaptureException.class, () -> open(header));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pcapngEveryPacketBlockIsAFrame(boolean big) throws IOException {
        byte[] file = CaptureBytes.pcapng(big)
            .idb(LinkType.ETHERNET, 65535, -1, 0)
            .block(0x0bad, new byte[] {1, 2, 3})          // unknown block type: skipped
            .epb(0, 1_700_000_000_123_456L, A)             // default resolution: microseconds
            .idb(LinkType.RAW, 0, 9, 0)                     // interface 1: nanoseconds
            .epb(1, 1_700_000_000_000_000_007L, B)
            .spb(A)
            .pb(0, 5_000_001L, B)
            .block(5, new byte[8])                        // interface statistics: skipped
            .bytes();
        try (CaptureReader r = open(file)) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
            List<Frame> frames = readAll(r);
            assertEquals(Optional.empty(), r.error());
            assertEquals(4, frames.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(i + 1, frames.get(i).number());
            }
            assertEquals(LinkType.ETHERNET, frames.get(0).linkType());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), frames.get(0).timestamp());
            assertArrayEquals(A, frames.get(0).data());
            assertEquals(LinkType.RAW, frames.get(1).linkType());
            assertEquals(1, frames.get(1).interfaceId());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, 7), frames.get(1).timestamp());
            assertArrayEquals(B, frames.get(1).data());
            assertEquals(LinkType.ETHERNET, frames.get(2).linkType(), "a simple packet belongs to interface 0");
            assertArrayEquals(A, frames.get(2).data());
            assertEquals(Instant.EPOCH, frames.get(2).timestamp());
            assertEquals(Instant.ofEpochSecond(5, 1000), frames.get(3).timestamp());
            assertArrayEquals(B, frames.get(3).data());
        }
    }

    @Test
    void pcapngSectionsMaySwitchByteOrderAndRestartInterfaces() throws IOException {
        byte[] file = CaptureBytes.pcapng(false).idb(LinkType.ETHERNET, 0, -1, 0).epb(0, 0, A)
            .shb(true).idb(LinkType.LINUX_SLL, 0, -1, 0).epb(0, 0, B)
            .bytes();
        try (CaptureReader r = open(file)) {
            List<Frame> frames = readAll(r);
            assertEquals(Optional.empty(), r.error());
            assertEquals(List.of(LinkType.ETHERNET, LinkType.LINUX_SLL),
                frames.stream().map(Frame::linkType).toList());
            assertEquals(List.of(1L, 2L), frames.stream().map(Frame::number).toList());
        }
    }

    @Test
    void pcapngBinaryResolutionAndOffset() throws IOException {
        // 2^-10 s units: 1536 units = 1.5 s; if_tsoffset adds 100 s.
        byte[] file = CaptureBytes.pcapng(false).idb(LinkType.RAW, 0, 0x80 | 10, 100).epb(0, 1536, A).bytes();
        try (CaptureReader r = open(file)) {
            assertEquals(Instant.ofEpochSecond(101, 500_000_000), r.next().timestamp());
        }
    }

    @Test
    void pcapngSimplePacketIsCutToTheSnapLength() throws IOException {
        byte[] file = CaptureBytes.pcapng(true).idb(LinkType.RAW, 3, -1, 0).spb(A).bytes();
        try (CaptureReader r = open(file)) {
            Frame f = r.next();
            assertArrayEquals(new byte[] {1, 2, 3}, f.data());
            assertEquals(5, f.originalLength());
        }
    }

    private static String firstError(byte[] file) throws IOException {
        try (CaptureReader r = open(file)) {
            readAll(r);
            return r.error().orElse(null);
        }
    }

    @Test
    void pcapngBadBlockLengths() throws IOException {
        byte[] tooShort = CaptureBytes.pcapng(false).idb(1, 0, -1, 0).u32(6).u32(8).u32(8).bytes();
        assertEquals("block at byte 60 (type 0x00000006) has total length 8: it must be at least 12 and a multiple"
            + " of 4 (corrupt file?)", firstError(tooShort));
        byte[] odd = CaptureBytes.pcapng(false).u32(6).u32(13).bytes();
        assertTrue(firstError(odd).contains("total length 13"));
        byte[] mismatch = CaptureBytes.pcapng(false).idb(1, 0, -1, 0).epb(0, 0, A).bytes();
        mismatch[mismatch.length - 4] = 99;
        assertTrue(firstError(mismatch).contains("ends with length 99 but starts with"), firstError(mismatch));
    }

    @Test
    void pcapngHostileCapturedLength() throws IOException {
        byte[] file = CaptureBytes.pcapng(false).idb(1, 0, -1, 0).epb(0, 0, 0x7fff_ffffL, 5, A).bytes();
        assertEquals("enhanced packet block at byte 60 (frame 1) says it holds 2147483647 bytes, more than the"
            + " 262144 a frame may have (corrupt file?)", firstError(file));
        byte[] bigger = CaptureBytes.pcapng(false).idb(1, 0, -1, 0).epb(0, 0, 100, 100, A).bytes();
        assertTrue(firstError(bigger).contains("says it holds 100 bytes but is only"), firstError(bigger));
    }

    @Test
    void pcapngHostileBlockLengthIsSkippedNotAllocated() throws IOException {
        // An unknown block claiming 4 GB: the reader skips toward it and reports the file ending, allocating nothing.
        byte[] file = CaptureBytes.pcapng(false).u32(0x0bad).u32(0xffff_fff0).u32(0).bytes();
        assertEquals("file ends inside the type 0x00000bad block at byte 28: its length says 4294967280 bytes, 12"
            + " remain", firstError(file));
        byte[] idb = CaptureBytes.pcapng(false).u32(1).u32(0x7fff_fff0).u32(0).bytes();
        assertTrue(firstError(idb).contains("corrupt file?"));
    }

    @Test
    void pcapngPacketOnUndescribedInterface() throws IOException {
        byte[] file = CaptureBytes.pcapng(true).idb(1, 0, -1, 0).epb(3, 0, A).bytes();
        assertEquals("enhanced packet block at byte 60 (frame 1) refers to interface 3 but the section describes 1",
            firstError(file));
        byte[] spb = CaptureBytes.pcapng(true).spb(A).bytes();
        assertTrue(firstError(spb).contains("before any interface description"));
    }

    @Test
    void pcapngTruncatedInsideAPacket() throws IOException {
        byte[] full = CaptureBytes.pcapng(false).idb(1, 0, -1, 0).epb(0, 0, new byte[100]).bytes();
        byte[] cut = java.util.Arrays.copyOf(full, 60 + 28 + 30);
        assertEquals("file ends inside enhanced packet block at byte 60 (frame 1): header says 100 bytes, 30 remain",
            firstError(cut));
    }

    @Test
    void pcapngBadByteOrderMagicIsNotPcapng() {
        byte[] file = CaptureBytes.pcapng(false).bytes();
        file[8] = 0x55;
        NotACaptureException e = assertThrows(NotACaptureException.class, () -> open(file));
        assertTrue(e.getMessage().contains("byte-order magic"), e.getMessage());
    }

    @Test
    void pcapngTooFineResolutionIsAnError() throws IOException {
        byte[] file = CaptureBytes.pcapng(false).idb(1, 0, 19, 0).epb(0, 0, A).bytes();
        assertTrue(firstError(file).contains("timestamp resolution"));
    }

    /** Every truncation and thousands of random corruptions: never an exception, never a hang. */
    @Test
    void garbageNeverThrowsOrLoops() throws IOException {
        byte[] pcap = CaptureBytes.pcap(false, false, 1).record(0, 0, A).record(1, 2, B).record(3, 4, A).bytes();
        byte[] ng = CaptureBytes.pcapng(true).idb(1, 0, 9, 0).epb(0, 5, A).spb(B).pb(0, 1, A).idb(101, 0, -1, 0)
            .epb(1, 7, B).block(0x77, A).bytes();
        Random rnd = new Random(42);
        int opened = 0;
        for (byte[] base : List.of(pcap, ng)) {
            for (int cut = 0; cut <= base.length; cut++) {
                opened += survive(java.util.Arrays.copyOf(base, cut));
            }
            for (int i = 0; i < 5000; i++) {
                byte[] b = base.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                opened += survive(b);
            }
        }
        assertTrue(opened > 5000, "most corrupted files still open: " + opened);
    }

    private static int survive(byte[] file) {
        CaptureReader r;
        try {
            r = open(file);
        } catch (IOException e) {
            assertTrue(e instanceof NotACaptureException, e.toString());
            return 0;
        }
        int n = 0;
        Frame f;
        while ((f = r.next()) != null) {
            assertTrue(++n < 100, "frame count bounded by the file size");
            RsvpExtractor.extract(f);
        }
        assertTrue(r.finished());
        return 1;
    }
}
