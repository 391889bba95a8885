package org.rsvpconsole.engine.rawip;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;

/**
 * The host's IPv4 and IPv6 routing tables through rtnetlink (RFC 3549): {@code RTM_GETROUTE} asks the kernel which
 * interface and gateway it would use for one destination, exactly as {@code ip route get} does. One socket,
 * used from one thread (the node's event loop). The kernel's answer is the route query of RFC 2209 §4.
 */
final class KernelRoutes implements AutoCloseable {

    static final int RTM_NEWROUTE = 24;
    private static final int RTM_GETROUTE = 26;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTN_UNICAST = 1;
    private static final int NLMSG_DONE = 3;
    private static final int NLM_F_DUMP = 0x300;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_GETADDR = 22;
    private static final int IFA_ADDRESS = 1;

    /**
     * The kernel's answer: out of interface {@code ifindex}, to {@code gateway} (empty: on link), of the
     * destination's family.
     */
    record KernelRoute(int ifindex, Optional<IpAddress> gateway) {
    }

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(8192);
    private final MemorySegment state = arena.allocate(Libc.captureLayout());
    private int sequence;

    KernelRoutes() throws Libc.NativeException {
        this.fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        try {
            Libc.setReceiveTimeout(fd, 1000);
            Libc.bindNetlink(fd, 0);
        } catch (Libc.NativeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The unicast route to {@code destination}; empty if unreachable, local, broadcast or multicast. */
    Optional<KernelRoute> route(IpAddress destination) throws Libc.NativeException {
        int seq = ++sequence;
        boolean v6 = destination instanceof Ipv6Address;
        byte[] dst = new byte[v6 ? 16 : 4];
        destination.copyTo(dst, 0);
        int size = 16 + 12 + 4 + dst.length;
        ByteBuffer req = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        req.putInt(size).putShort((short) RTM_GETROUTE).putShort((short) NLM_F_REQUEST).putInt(seq).putInt(0);
        req.put((byte) (v6 ? Libc.AF_INET6 : Libc.AF_INET)).put((byte) (dst.length * 8)).put((byte) 0).put((byte) 0)
            .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        req.putShort((short) (4 + dst.length)).putShort((short) RTA_DST).put(dst);
        Libc.sendNetlink(fd, req.array());
        for (int tries = 0; tries < 8; tries++) {
            byte[] reply = Libc.recv(fd, buffer, state);
            if (reply == null) {
                throw new Libc.NativeException("rtnetlink RTM_GETROUTE (no answer)", Libc.EAGAIN);
            }
            ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 16) {
                int start = b.position();
                int len = b.getInt();
                int type = b.getShort() & 0xffff;
                b.getShort();
                int replySeq = b.getInt();
                b.getInt();
                if (len < 16 || start + len > reply.length) {
                    break;
                }
                if (replySeq == seq) {
                    if (type == NLMSG_ERROR) {
                        return Optional.empty();
                    }
                    if (type == RTM_NEWROUTE) {
                        return parse(reply, start + 16, start + len);
                    }
                }
                b.position(start + ((len + 3) & ~3));
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv6 addresses of interface {@code ifindex} ({@code RTM_GETADDR}, as {@code ip -6 addr show} lists them),
     * read in the calling thread's network namespace; java.net.NetworkInterface reads IPv6 addresses from the
     * process's /proc/net, which is another namespace's for a thread that entered one.
     */
    java.util.List<Ipv6Address> ipv6Addresses(int ifindex) throws Libc.NativeException {
        int seq = ++sequence;
        ByteBuffer req = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        req.putInt(24).putShort((short) RTM_GETADDR).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(seq)
            .putInt(0);
        req.put((byte) Libc.AF_INET6).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        Libc.sendNetlink(fd, req.array());
        java.util.List<Ipv6Address> out = new java.util.ArrayList<>();
        for (int parts = 0; parts < 1024; parts++) {
            byte[] reply = Libc.recv(fd, buffer, state);
            if (reply == null) {
                throw new Libc.NativeException("rtnetlink RTM_GETADDR (no answer)", Libc.EAGAIN);
            }
            ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder());
            for (int start = 0; start + 16 <= reply.length;) {
                int len = b.getInt(start);
                int type = b.getShort(start + 4) & 0xffff;
                int replySeq = b.getInt(start + 8);
                if (len < 16 || start + len > reply.length) {
                    break;
                }
                if (replySeq == seq) {
                    if (type == NLMSG_DONE || type == NLMSG_ERROR) {
                        return out;
                    }
                    // struct ifaddrmsg { u8 family, prefixlen, flags, scope; u32 index } then attributes.
                    if (type == RTM_NEWADDR && len >= 24 && b.getInt(start + 20) == ifindex) {
                        for (int at = start + 24; at + 4 <= start + len;) {
                            int alen = b.getShort(at) & 0xffff;
                            if (alen < 4 || at + alen > start + len) {
                                break;
                            }
                            if ((b.getShort(at + 2) & 0x3fff) == IFA_ADDRESS && alen == 20) {
                                out.add(Ipv6Address.fromBytes(reply, at + 4));
                            }
                            at += (alen + 3) & ~3;
                        }
                    }
                }
                start += (len + 3) & ~3;
            }
        }
        return out;
    }

    private static Optional<KernelRoute> parse(byte[] m, int from, int to) {
        if (to - from < 12 || (m[from + 7] & 0xff) != RTN_UNICAST) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(m, 0, to).order(ByteOrder.nativeOrder());
        int ifindex = 0;
        IpAddress gateway = null;
        for (int at = from + 12; at + 4 <= to;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > to) {
                break;
            }
            if (type == RTA_OIF && len >= 8) {
                ifindex = b.getInt(at + 4);
            } else if (type == RTA_GATEWAY && len == 20) {
                gateway = Ipv6Address.fromBytes(m, at + 4);
            } else if (type == RTA_GATEWAY && len >= 8) {
                gateway = Ipv4Address.fromBytes(m, at + 4);
            }
            at += (len + 3) & ~3;
        }
        return ifindex == 0 ? Optional.empty() : Optional.of(new KernelRoute(ifindex, Optional.ofNullable(gateway)));
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
