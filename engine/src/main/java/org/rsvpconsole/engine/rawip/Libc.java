package org.rsvpconsole.engine.rawip;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls raw RSVP needs, through java.lang.foreign (no JNI, nothing native to build). Every call
 * captures {@code errno}; failures become a {@link NativeException} whose message names the call and the error
 * ({@code strerror}). Linux x86-64/aarch64 constants and layouts.
 */
final class Libc {

    /** An empty option block (no hop-by-hop options received): one shared, never written. */
    private static final byte[] NO_BYTES = new byte[0];
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_RSVP = 46;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_RAW = 255;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int IP_HDRINCL = 3;
    static final int IP_ROUTER_ALERT = 5;
    static final int IP_PKTINFO = 8;
    static final int IPV6_ROUTER_ALERT = 22;
    static final int IPV6_ROUTER_ALERT_ISOLATE = 30;
    static final int IPV6_HDRINCL = 36;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVHOPOPTS = 53;
    static final int IPV6_HOPOPTS = 54;
    static final int EPERM = 1;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int O_RDONLY = 0;
    static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = capturing("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle SETSOCKOPT = capturing("setsockopt",
        FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle SENDTO = capturing("sendto",
        FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, INT));
    private static final MethodHandle RECVMSG = capturing("recvmsg", FunctionDescriptor.of(LONG, INT, PTR, INT));
    private static final MethodHandle RECV = capturing("recv", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    private static final MethodHandle BIND = capturing("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle CLOSE = capturing("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle SETNS = capturing("setns", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
        FunctionDescriptor.of(INT, PTR, INT, INT), Linker.Option.captureCallState("errno"),
        Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IF_NAMETOINDEX = capturing("if_nametoindex", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
        FunctionDescriptor.of(PTR, INT));

    private Libc() {
    }

    /** A failed C call: {@link #errno()} is its error number. */
    static final class NativeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        NativeException(String call, int errno) {
            super(call + " failed: errno " + errno + " (" + strerror(errno) + ")");
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    private static MethodHandle capturing(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, Linker.Option.captureCallState("errno"));
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException unexpected(Throwable t) {
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    static int socket(int domain, int type, int protocol) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(st, domain, type, protocol);
            if (fd < 0) {
                throw new NativeException("socket(" + domain + ", " + type + ", " + protocol + ")", errno(st));
            }
            return fd;
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void setInt(int fd, int level, int option, int value, String name) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(INT);
            v.set(INT, 0, value);
            set(a, fd, level, option, v, name);
        }
    }

    static void setBytes(int fd, int level, int option, byte[] value, String name) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            set(a, fd, level, option, v.asSlice(0, value.length), name);
        }
    }

    /** SO_RCVTIMEO: a blocking receive returns EAGAIN after this long, so readers notice a close. */
    static void setReceiveTimeout(int fd, long millis) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tv = a.allocate(16);
            tv.set(LONG, 0, millis / 1000);
            tv.set(LONG, 8, (millis % 1000) * 1000);
            set(a, fd, SOL_SOCKET, SO_RCVTIMEO, tv, "SO_RCVTIMEO");
        }
    }

    private static void set(Arena a, int fd, int level, int option, MemorySegment v, String name)
        throws NativeException {
        try {
            MemorySegment st = a.allocate(CAPTURE);
            int r = (int) SETSOCKOPT.invokeExact(st, fd, level, option, v, (int) v.byteSize());
            if (r < 0) {
                throw new NativeException("setsockopt(" + name + ")", errno(st));
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** sendto an IPv4 (4 bytes) or IPv6 (16 bytes) address (port 0: raw sockets have none). */
    static void sendTo(int fd, byte[] data, byte[] address) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(data.length);
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            boolean v6 = address.length == 16;
            // struct sockaddr_in (16 bytes, address at 4) or sockaddr_in6 (28 bytes, address at 8).
            MemorySegment sin = a.allocate(v6 ? 28 : 16);
            sin.set(ValueLayout.JAVA_SHORT, 0, (short) (v6 ? AF_INET6 : AF_INET));
            MemorySegment.copy(address, 0, sin, ValueLayout.JAVA_BYTE, v6 ? 8 : 4, address.length);
            MemorySegment st = a.allocate(CAPTURE);
            long n = (long) SENDTO.invokeExact(st, fd, buf, (long) data.length, 0, sin, (int) sin.byteSize());
            if (n < 0) {
                throw new NativeException("sendto", errno(st));
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * One datagram with its ancillary data: the bytes and the interface index it arrived on (IP_PKTINFO or
     * IPV6_PKTINFO; 0 if the kernel gave none). On IPv6 sockets also the sender's address (msg_name), the
     * destination address (IPV6_PKTINFO), the hop limit (IPV6_HOPLIMIT, -1 if none) and the hop-by-hop options
     * header as received (IPV6_HOPOPTS, empty if none); null / empty on IPv4 sockets.
     */
    record Received(byte[] data, int ifindex, byte[] source6, byte[] destination6, int hopLimit, byte[] hopOptions) {
    }

    /** A reusable receive buffer with its msghdr, iovec, name and control space (one per reader thread). */
    static final class ReceiveBuffer implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment data = arena.allocate(65_536);
        private final MemorySegment control = arena.allocate(512);
        private final MemorySegment iov = arena.allocate(16);
        private final MemorySegment msg = arena.allocate(56);
        private final MemorySegment name = arena.allocate(28);
        private final MemorySegment state = arena.allocate(CAPTURE);

        @Override
        public void close() {
            arena.close();
        }
    }

    static Received recvmsg(int fd, ReceiveBuffer b) throws NativeException {
        b.iov.set(PTR, 0, b.data);
        b.iov.set(LONG, 8, b.data.byteSize());
        b.msg.fill((byte) 0);
        b.name.fill((byte) 0);
        b.msg.set(PTR, 0, b.name);
        b.msg.set(INT, 8, (int) b.name.byteSize());
        b.msg.set(PTR, 16, b.iov);
        b.msg.set(LONG, 24, 1L);
        b.msg.set(PTR, 32, b.control);
        b.msg.set(LONG, 40, b.control.byteSize());
        long n;
        try {
            n = (long) RECVMSG.invokeExact(b.state, fd, b.msg, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            int e = errno(b.state);
            if (e == EAGAIN || e == EINTR) {
                return null;
            }
            throw new NativeException("recvmsg", e);
        }
        byte[] out = b.data.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        long controlLen = b.msg.get(LONG, 40);
        int ifindex = 0;
        byte[] source6 = null;
        byte[] destination6 = null;
        int hopLimit = -1;
        byte[] hopOptions = NO_BYTES;
        if (b.msg.get(INT, 8) >= 24 && b.name.get(ValueLayout.JAVA_SHORT, 0) == AF_INET6) {
            source6 = b.name.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
        }
        // struct cmsghdr { size_t len; int level; int type; data } padded to 8 bytes.
        for (long at = 0; at + 16 <= controlLen;) {
            long len = b.control.get(LONG, at);
            int level = b.control.get(INT, at + 8);
            int type = b.control.get(INT, at + 12);
            if (len < 16 || at + len > controlLen) {
                break;
            }
            if (level == IPPROTO_IP && type == IP_PKTINFO && len >= 16 + 12) {
                ifindex = b.control.get(INT, at + 16);
            } else if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO && len >= 16 + 20) {
                // struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; }
                destination6 = b.control.asSlice(at + 16, 16).toArray(ValueLayout.JAVA_BYTE);
                ifindex = b.control.get(INT, at + 32);
            } else if (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT && len >= 16 + 4) {
                hopLimit = b.control.get(INT, at + 16);
            } else if (level == IPPROTO_IPV6 && type == IPV6_HOPOPTS && len > 16) {
                hopOptions = b.control.asSlice(at + 16, len - 16).toArray(ValueLayout.JAVA_BYTE);
            }
            at += (len + 7) & ~7L;
        }
        return new Received(out, ifindex, source6, destination6, hopLimit, hopOptions);
    }

    /** recv into a fresh array (netlink); null on timeout. */
    static byte[] recv(int fd, MemorySegment buf, MemorySegment state) throws NativeException {
        long n;
        try {
            n = (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            int e = errno(state);
            if (e == EAGAIN || e == EINTR) {
                return null;
            }
            throw new NativeException("recv", e);
        }
        return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    static StructLayout captureLayout() {
        return CAPTURE;
    }

    /** Binds a netlink socket to the given multicast groups (0: none; the kernel picks the port id). */
    static void bindNetlink(int fd, int groups) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment nl = a.allocate(12);
            nl.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
            nl.set(INT, 8, groups);
            MemorySegment st = a.allocate(CAPTURE);
            int r = (int) BIND.invokeExact(st, fd, nl, 12);
            if (r < 0) {
                throw new NativeException("bind(netlink)", errno(st));
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Sends to the kernel on a netlink socket (destination pid 0). */
    static void sendNetlink(int fd, byte[] data) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(data.length);
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment nl = a.allocate(12);
            nl.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
            MemorySegment st = a.allocate(CAPTURE);
            long n = (long) SENDTO.invokeExact(st, fd, buf, (long) data.length, 0, nl, 12);
            if (n < 0) {
                throw new NativeException("sendto(netlink)", errno(st));
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            int r = (int) CLOSE.invokeExact(a.allocate(CAPTURE), fd);
            assert r == 0 || r < 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int ifNameToIndex(String name) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            int i = (int) IF_NAMETOINDEX.invokeExact(st, a.allocateFrom(name));
            if (i == 0) {
                throw new NativeException("if_nametoindex(" + name + ")", errno(st));
            }
            return i;
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Moves the calling thread into the network namespace file {@code path} (e.g. /run/netns/NAME). */
    static void enterNetworkNamespace(String path) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(st, a.allocateFrom(path), O_RDONLY, 0);
            if (fd < 0) {
                throw new NativeException("open(" + path + ")", errno(st));
            }
            try {
                int r = (int) SETNS.invokeExact(st, fd, CLONE_NEWNET);
                if (r < 0) {
                    throw new NativeException("setns(" + path + ")", errno(st));
                }
            } finally {
                close(fd);
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
