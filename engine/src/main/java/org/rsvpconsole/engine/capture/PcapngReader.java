package org.rsvpconsole.engine.capture;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks, each {@code type(4) total_length(4) body
 * total_length(4)}. A Section Header Block starts each section and fixes its byte order through the byte-order
 * magic 0x1A2B3C4D; Interface Description Blocks give each interface its link type and timestamp resolution
 * (option if_tsresol, code 9; offset if_tsoffset, code 14); packets come in Enhanced (type 6), Simple (type 3) and
 * the obsolete Packet (type 2) blocks. Every other block is skipped by its length.
 */
final class PcapngReader extends CaptureReader {

    static final int SHB_TYPE = 0x0a0d0d0a;
    private static final int IDB_TYPE = 1;
    private static final int PB_TYPE = 2;
    private static final int SPB_TYPE = 3;
    private static final int EPB_TYPE = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;
    /** Interface descriptions are read whole; no real one comes near this. */
    private static final int MAX_IDB = 1 << 20;
    /** A file cannot reasonably describe more interfaces; a bigger count means garbage. */
    private static final int MAX_INTERFACES = 1 << 16;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private boolean bigEndian;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] head = new byte[8];
    private final byte[] fixed = new byte[20];
    private final int[] got = new int[1];

    /** One Interface Description Block; {@code resolution} is the raw if_tsresol byte (default 6: microseconds). */
    private record Interface(int linkType, long snapLength, int resolution, long offsetSeconds) {
    }

    private PcapngReader(ByteSource src) {
        super(src);
    }

    /** Reads the first Section Header Block (its 4-byte block type is already consumed). */
    static PcapngReader start(ByteSource src) throws IOException {
        PcapngReader r = new PcapngReader(src);
        byte[] lenAndMagic = new byte[8];
        int n = src.read(lenAndMagic, 0, 8);
        if (n < 8) {
            throw new NotACaptureException("file ends inside the pcapng section header: 12 bytes needed, "
                + (n + 4) + " present");
        }
        String err = r.section(0, lenAndMagic, 0);
        if (err != null) {
            throw new NotACaptureException(err);
        }
        return r;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    /**
     * Reads a Section Header Block after its type; {@code b} holds the total length at {@code at} and the byte-order
     * magic at {@code at + 4}. Returns an error message or null.
     */
    private String section(long blockStart, byte[] b, int at) throws IOException {
        int magic = Bytes.u32(b, at + 4, true);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else {
            return String.format("pcapng section header at byte %d has byte-order magic 0x%08x"
                + " (expected 0x1a2b3c4d in either byte order): not a pcapng file", blockStart, magic);
        }
        long len = Bytes.u32L(b, at, bigEndian);
        // type, length, magic, version (4), section length (8), trailing length: 28 bytes at least.
        if (len < 28 || len % 4 != 0) {
            return "pcapng section header at byte " + blockStart + " has total length " + len
                + ": it must be at least 28 and a multiple of 4";
        }
        byte[] version = new byte[4];
        int n = src.read(version, 0, 4);
        if (n < 4) {
            return "file ends inside the pcapng section header at byte " + blockStart;
        }
        int major = Bytes.u16(version, 0, bigEndian);
        if (major != 1) {
            return "pcapng section at byte " + blockStart + " has version " + major + "."
                + Bytes.u16(version, 2, bigEndian) + " (only 1.x is defined)";
        }
        // Interface numbering restarts in each section.
        interfaces.clear();
        return skipRestAndTrailer(blockStart, "section header", len, 16);
    }

    /** Skips the rest of a block of which {@code consumed} bytes are read, then checks the trailing length. */
    private String skipRestAndTrailer(long blockStart, String what, long len, long consumed) throws IOException {
        long rest = len - 4 - consumed;
        long skipped = src.skip(rest);
        if (skipped < rest) {
            return "file ends inside the " + what + " block at byte " + blockStart + ": its length says " + len
                + " bytes, " + (consumed + skipped) + " remain";
        }
        return trailer(blockStart, what, len);
    }

    private String trailer(long blockStart, String what, long len) throws IOException {
        int n = src.read(head, 0, 4);
        if (n < 4) {
            return "file ends inside the " + what + " block at byte " + blockStart
                + ": its trailing length field is missing";
        }
        long trailing = Bytes.u32L(head, 0, bigEndian);
        if (trailing != len) {
            return "the " + what + " block at byte " + blockStart + " ends with length " + trailing
                + " but starts with " + len + " (corrupt file?)";
        }
        return null;
    }

    @Override
    Frame readFrame(long number) throws IOException {
        // Each pass consumes a whole block of at least 12 bytes, or ends the iteration: no endless loop.
        while (true) {
            long blockStart = src.offset();
            int n = src.read(head, 0, 8);
            if (n == 0) {
                return null;
            }
            if (n < 8) {
                return fail("file ends inside the header of the block at byte " + blockStart + ": 8 bytes needed, "
                    + n + " remain");
            }
            int type = Bytes.u32(head, 0, bigEndian);
            if (type == SHB_TYPE) {
                byte[] b = new byte[8];
                System.arraycopy(head, 4, b, 0, 4);
                if (src.read(b, 4, 4) < 4) {
                    return fail("file ends inside the pcapng section header at byte " + blockStart);
                }
                String err = section(blockStart, b, 0);
                if (err != null) {
                    return fail(err);
                }
                continue;
            }
            long len = Bytes.u32L(head, 4, bigEndian);
            if (len < 12 || len % 4 != 0) {
                return fail(String.format("block at byte %d (type 0x%08x) has total length %d: it must be at least"
                    + " 12 and a multiple of 4 (corrupt file?)", blockStart, type, len));
            }
            String err;
            switch (type) {
                case IDB_TYPE -> err = interfaceDescription(blockStart, len);
                case EPB_TYPE, PB_TYPE -> {
                    return packet(number, blockStart, len, type == EPB_TYPE);
                }
                case SPB_TYPE -> {
                    return simplePacket(number, blockStart, len);
                }
                default -> err = skipRestAndTrailer(blockStart, String.format("type 0x%08x", type), len, 8);
            }
            if (err != null) {
                return fail(err);
            }
        }
    }

    private String interfaceDescription(long blockStart, long len) throws IOException {
        if (len < 20) {
            return "interface description block at byte " + blockStart + " has total length " + len
                + ": at least 20 needed";
        }
        if (len > MAX_IDB) {
            return "interface description block at byte " + blockStart + " says it is " + len
                + " bytes long (corrupt file?)";
        }
        if (interfaces.size() >= MAX_INTERFACES) {
            return "more than " + MAX_INTERFACES + " interface description blocks in one section (corrupt file?)";
        }
        int bodyLen = (int) len - 12;
        byte[] body = readExactly(bodyLen, got);
        if (body == null) {
            return "file ends inside the interface description block at byte " + blockStart + ": its length says "
                + len + " bytes, " + (8 + got[0]) + " remain";
        }
        int linkType = Bytes.u16(body, 0, bigEndian);
        long snapLen = Bytes.u32L(body, 4, bigEndian);
        int resolution = 6;
        long offset = 0;
        // Options are TLVs padded to 4 bytes; a malformed option list ends the walk (options are not essential).
        int p = 8;
        while (p + 4 <= bodyLen) {
            int code = Bytes.u16(body, p, bigEndian);
            int olen = Bytes.u16(body, p + 2, bigEndian);
            if (code == OPT_END || p + 4 + olen > bodyLen) {
                break;
            }
            if (code == OPT_IF_TSRESOL && olen >= 1) {
                resolution = body[p + 4] & 0xff;
            } else if (code == OPT_IF_TSOFFSET && olen == 8) {
                offset = bigEndian
                    ? ((long) Bytes.u32(body, p + 4, true) << 32) | Bytes.u32L(body, p + 8, true)
                    : ((long) Bytes.u32(body, p + 8, false) << 32) | Bytes.u32L(body, p + 4, false);
            }
            p += 4 + ((olen + 3) & ~3);
        }
        if ((resolution & 0x80) == 0 ? resolution > 18 : (resolution & 0x7f) > 63) {
            return "interface " + interfaces.size() + " (block at byte " + blockStart + ") has timestamp resolution "
                + "option 0x" + Integer.toHexString(resolution) + ", finer than this reader supports";
        }
        interfaces.add(new Interface(linkType, snapLen, resolution, offset));
        String err = trailer(blockStart, "interface description", len);
        return err;
    }

    /** Enhanced Packet Block (type 6) or the obsolete Packet Block (type 2): same fixed part, 20 bytes. */
    private Frame packet(long number, long blockStart, long len, boolean enhanced) throws IOException {
        String what = enhanced ? "enhanced packet" : "packet";
        if (len < 32) {
            return fail(what + " block at byte " + blockStart + " (frame " + number + ") has total length " + len
                + ": at least 32 needed");
        }
        int n = src.read(fixed, 0, 20);
        if (n < 20) {
            return fail("file ends inside the " + what + " block at byte " + blockStart + " (frame " + number + ")");
        }
        int ifaceId = enhanced ? Bytes.u32(fixed, 0, bigEndian) : Bytes.u16(fixed, 0, bigEndian);
        long tsHigh = Bytes.u32L(fixed, 4, bigEndian);
        long tsLow = Bytes.u32L(fixed, 8, bigEndian);
        long capLen = Bytes.u32L(fixed, 12, bigEndian);
        long origLen = Bytes.u32L(fixed, 16, bigEndian);
        if (ifaceId < 0 || ifaceId >= interfaces.size()) {
            return fail(what + " block at byte " + blockStart + " (frame " + number + ") refers to interface "
                + Integer.toUnsignedString(ifaceId) + " but the section describes " + interfaces.size());
        }
        if (capLen > MAX_FRAME) {
            return fail(what + " block at byte " + blockStart + " (frame " + number + ") says it holds " + capLen
                + " bytes, more than the " + MAX_FRAME + " a frame may have (corrupt file?)");
        }
        long padded = (capLen + 3) & ~3L;
        if (padded > len - 32) {
            return fail(what + " block at byte " + blockStart + " (frame " + number + ") says it holds " + capLen
                + " bytes but is only " + len + " bytes long (corrupt file?)");
        }
        byte[] data = readExactly((int) capLen, got);
        if (data == null) {
            return fail("file ends inside " + what + " block at byte " + blockStart + " (frame " + number
                + "): header says " + capLen + " bytes, " + got[0] + " remain");
        }
        String err = skipRestAndTrailer(blockStart, what, len, 28 + capLen);
        if (err != null) {
            return fail(err);
        }
        Interface iface = interfaces.get(ifaceId);
        return new Frame(number, timestamp(iface, (tsHigh << 32) | tsLow), iface.linkType(), data, origLen, ifaceId);
    }

    /** Simple Packet Block (type 3): no interface id (always 0) and no timestamp. */
    private Frame simplePacket(long number, long blockStart, long len) throws IOException {
        if (len < 16) {
            return fail("simple packet block at byte " + blockStart + " (frame " + number + ") has total length "
                + len + ": at least 16 needed");
        }
        if (interfaces.isEmpty()) {
            return fail("simple packet block at byte " + blockStart + " (frame " + number
                + ") comes before any interface description block");
        }
        int n = src.read(fixed, 0, 4);
        if (n < 4) {
            return fail("file ends inside simple packet block at byte " + blockStart + " (frame " + number + ")");
        }
        long origLen = Bytes.u32L(fixed, 0, bigEndian);
        Interface iface = interfaces.get(0);
        // The captured length is implied: the smaller of the packet length, the room in the block and the snaplen.
        long capLen = Math.min(origLen, len - 16);
        if (iface.snapLength() != 0) {
            capLen = Math.min(capLen, iface.snapLength());
        }
        if (capLen > MAX_FRAME) {
            return fail("simple packet block at byte " + blockStart + " (frame " + number + ") holds " + capLen
                + " bytes, more than the " + MAX_FRAME + " a frame may have (corrupt file?)");
        }
        byte[] data = readExactly((int) capLen, got);
        if (data == null) {
            return fail("file ends inside simple packet block at byte " + blockStart + " (frame " + number
                + "): it should hold " + capLen + " bytes, " + got[0] + " remain");
        }
        String err = skipRestAndTrailer(blockStart, "simple packet", len, 12 + capLen);
        if (err != null) {
            return fail(err);
        }
        return new Frame(number, Instant.EPOCH, iface.linkType(), data, origLen, 0);
    }

    /** Converts a 64-bit count of if_tsresol units (unsigned) to an instant. */
    private static Instant timestamp(Interface iface, long units) {
        int res = iface.resolution();
        long seconds;
        long nanos;
        if ((res & 0x80) == 0) {
            long perSecond = POW10[res];
            seconds = Long.divideUnsigned(units, perSecond);
            long rem = Long.remainderUnsigned(units, perSecond);
            nanos = res <= 9 ? rem * POW10[9 - res] : rem / POW10[res - 9];
        } else {
            int bits = res & 0x7f;
            seconds = bits == 0 ? units : units >>> bits;
            long frac = bits == 0 ? 0 : units & ((1L << bits) - 1);
            nanos = bits <= 30 ? (frac * 1_000_000_000L) >>> bits
                : BigInteger.valueOf(frac).multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(bits).longValue();
        }
        if (seconds < 0) {
            // Beyond 2^63 seconds: no representable instant.
            return Instant.MAX;
        }
        long off = iface.offsetSeconds();
        long total = seconds + off;
        if (((seconds ^ total) & (off ^ total)) < 0) {
            return off < 0 ? Instant.MIN : Instant.MAX;
        }
        return instant(total, nanos);
    }
}
