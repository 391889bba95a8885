package org.rsvpconsole.engine.capture;

import java.io.IOException;

/**
 * libpcap format: a 24-byte file header, then records of a 16-byte header and the captured bytes.
 *
 * <pre>
 * file header: magic(4) version_major(2) version_minor(2) thiszone(4) sigfigs(4) snaplen(4) linktype(4)
 * record:      ts_sec(4) ts_usec_or_nsec(4) incl_len(4) orig_len(4) data(incl_len)
 * </pre>
 * The magic, read as written, gives the byte order (0xa1b2c3d4 or swapped) and the timestamp unit
 * (0xa1b23c4d: nanoseconds).
 */
final class PcapReader extends CaptureReader {

    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final byte[] header = new byte[RECORD_HEADER];
    private final int[] got = new int[1];

    private PcapReader(ByteSource src, boolean bigEndian, boolean nanos, int linkType) {
        super(src);
        this.bigEndian = bigEndian;
        this.nanos = nanos;
        this.linkType = linkType;
    }

    /** Reads the rest of the file header (the 4-byte magic is already consumed). */
    static PcapReader start(ByteSource src, boolean bigEndian, boolean nanos) throws IOException {
        byte[] h = new byte[FILE_HEADER - 4];
        int n = src.read(h, 0, h.length);
        if (n < h.length) {
            throw new NotACaptureException("file ends inside the pcap file header: " + FILE_HEADER
                + " bytes needed, " + (n + 4) + " present");
        }
        int major = Bytes.u16(h, 0, bigEndian);
        int minor = Bytes.u16(h, 2, bigEndian);
        if (major != 2) {
            throw new NotACaptureException("unsupported pcap version " + major + "." + minor + " (only 2.x exists)");
        }
        // The link-type field's upper bits may carry FCS information; the type itself is the low 16 bits.
        int linkType = Bytes.u32(h, 16, bigEndian) & 0xffff;
        return new PcapReader(src, bigEndian, nanos, linkType);
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    /** The file's single link type. */
    public int linkType() {
        return linkType;
    }

    @Override
    Frame readFrame(long number) throws IOException {
        int n = src.read(header, 0, RECORD_HEADER);
        if (n == 0) {
            return null;
        }
        if (n < RECORD_HEADER) {
            return fail("file ends inside the header of packet record " + number + ": " + RECORD_HEADER
                + " bytes needed, " + n + " remain");
        }
        long seconds = Bytes.u32L(header, 0, bigEndian);
        long fraction = Bytes.u32L(header, 4, bigEndian);
        long inclLen = Bytes.u32L(header, 8, bigEndian);
        long origLen = Bytes.u32L(header, 12, bigEndian);
        if (inclLen > MAX_FRAME) {
            return fail("packet record " + number + " says it holds " + inclLen + " bytes, more than the "
                + MAX_FRAME + " a frame may have (corrupt file?)");
        }
        byte[] data = readExactly((int) inclLen, got);
        if (data == null) {
            return fail("file ends inside packet record " + number + ": header says " + inclLen + " bytes, "
                + got[0] + " remain");
        }
        long nanoAdjust = nanos ? fraction : fraction * 1000;
        return new Frame(number, instant(seconds, nanoAdjust), linkType, data, origLen, 0);
    }
}
