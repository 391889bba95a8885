package org.rsvpconsole.engine.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A tiny pcap / pcapng reader for tests: pulls the RSVP messages (IP protocol 46) out of the shared captures so they
 * can seed the fuzzer and the benchmarks. It knows just enough link layers for those captures (Ethernet with VLAN
 * tags, Linux cooked v1, PPP, raw IP) and IPv4/IPv6 without extension headers; anything else is skipped. Truncated
 * frames give the bytes that were captured (a decoder must cope with those too).
 */
final class CaptureReader {

    /** One RSVP message found in a capture: {@code name} is {@code file#frame}. */
    record RsvpPacket(String name, byte[] rsvp) {
        @Override
        public String toString() {
            return name + " (" + rsvp.length + " bytes)";
        }
    }

    private static final int IP_PROTO_RSVP = 46;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_PPP = 9;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_IPV4 = 228;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;

    private CaptureReader() {
    }

    /** The shared directory of the repository (system property {@code rsvp.shared.dir}, set by the build). */
    static Path sharedDir() {
        return Paths.get(System.getProperty("rsvp.shared.dir", "../../shared"));
    }

    /** Every RSVP message in every {@code *.pcap} / {@code *.pcapng} of {@code dir}, in file-name order. */
    static List<RsvpPacket> rsvpPacketsIn(Path dir) throws IOException {
        List<RsvpPacket> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.pcap(ng)?")).sorted().toList()) {
                out.addAll(rsvpPackets(f));
            }
        }
        return out;
    }

    static List<RsvpPacket> rsvpPackets(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        List<RsvpPacket> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        if (all.length >= 4 && b.getInt(0) == PCAPNG_SHB) {
            readPcapng(b, name, out);
        } else {
            readPcap(b, name, out);
        }
        return out;
    }

    private static void readPcap(ByteBuffer b, String name, List<RsvpPacket> out) {
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IllegalArgumentException(name + " is neither pcap nor pcapng");
            }
        }
        int linkType = b.getInt(20) & 0xffff;
        int pos = 24;
        int frame = 1;
        while (pos + 16 <= b.limit()) {
            int capLen = b.getInt(pos + 8);
            pos += 16;
            if (capLen < 0 || capLen > b.limit() - pos) {
                break;
            }
            addRsvp(Arrays.copyOfRange(b.array(), pos, pos + capLen), linkType, name + "#" + frame, out);
            pos += capLen;
            frame++;
        }
    }

    private static void readPcapng(ByteBuffer b, String name, List<RsvpPacket> out) {
        List<Integer> linkTypes = new ArrayList<>();
        int pos = 0;
        int frame = 1;
        while (pos + 12 <= b.limit()) {
            int type = b.getInt(pos);
            if (type == PCAPNG_SHB) {
                // The byte-order magic follows the block length; interfaces are numbered per section.
                b.order(b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8) == 0x1a2b3c4d
                    ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                linkTypes.clear();
            }
            int len = b.getInt(pos + 4);
            if (len < 12 || len > b.limit() - pos) {
                break;
            }
            if (type == 1) {
                linkTypes.add(b.getShort(pos + 8) & 0xffff);
            } else if (type == 6 && len >= 28) {
                int iface = b.getInt(pos + 8);
                int capLen = b.getInt(pos + 20);
                int data = pos + 28;
                if (iface >= 0 && iface < linkTypes.size() && capLen >= 0 && capLen <= len - 28) {
                    addRsvp(Arrays.copyOfRange(b.array(), data, data + capLen), linkTypes.get(iface),
                        name + "#" + frame, out);
                }
                frame++;
            }
            pos += len;
        }
    }

    private static void addRsvp(byte[] f, int linkType, String name, List<RsvpPacket> out) {
        int ip = switch (linkType) {
            case LINKTYPE_ETHERNET -> ethernetPayload(f, 12);
            case LINKTYPE_LINUX_SLL -> ethernetPayload(f, 14);
            case LINKTYPE_PPP -> f.length >= 4 && u16(f, 2) == 0x0021 ? 4 : -1;
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> 0;
            default -> -1;
        };
        if (ip < 0 || ip >= f.length) {
            return;
        }
        int version = (f[ip] & 0xff) >>> 4;
        int payload;
        int end;
        if (version == 4 && f.length - ip >= 20) {
            if ((f[ip + 9] & 0xff) != IP_PROTO_RSVP) {
                return;
            }
            payload = ip + (f[ip] & 0x0f) * 4;
            end = ip + u16(f, ip + 2);
        } else if (version == 6 && f.length - ip >= 40) {
            if ((f[ip + 6] & 0xff) != IP_PROTO_RSVP) {
                return;
            }
            payload = ip + 40;
            end = payload + u16(f, ip + 4);
        } else {
            return;
        }
        // Keep only what was captured, and drop link padding past the IP length.
        end = Math.min(end, f.length);
        if (payload < end) {
            out.add(new RsvpPacket(name, Arrays.copyOfRange(f, payload, end)));
        }
    }

    /** Offset of the IP header after an EtherType at {@code typeAt} (skipping 802.1Q tags), or -1 if not IP. */
    private static int ethernetPayload(byte[] f, int typeAt) {
        int at = typeAt;
        while (at + 2 <= f.length) {
            int etherType = u16(f, at);
            if (etherType == 0x8100 || etherType == 0x88a8) {
                at += 4;
            } else {
                return etherType == 0x0800 || etherType == 0x86dd ? at + 2 : -1;
            }
        }
        return -1;
    }

    private static int u16(byte[] f, int at) {
        return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
    }
}
