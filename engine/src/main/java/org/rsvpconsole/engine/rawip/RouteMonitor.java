package org.rsvpconsole.engine.rawip;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Listens to rtnetlink's link, address and route groups (IPv4, or IPv6 for an IPv6 node) and reports that
 * something changed, so the node re-reads its routes (local repair, RFC 2205 §3.6). One reader thread; the callback
 * must hand the work to the node's event loop.
 */
final class RouteMonitor implements AutoCloseable {

    private static final int RTMGRP_LINK = 0x1;
    private static final int RTMGRP_IPV4_IFADDR = 0x10;
    private static final int RTMGRP_IPV4_ROUTE = 0x40;
    private static final int RTMGRP_IPV6_IFADDR = 0x100;
    private static final int RTMGRP_IPV6_ROUTE = 0x400;

    private final int fd;
    private final Thread reader;
    private volatile boolean closed;

    /** Opens the socket in the calling thread's network namespace and starts the reader thread {@code name}. */
    RouteMonitor(String name, boolean ipv6, Runnable onChange) throws Libc.NativeException {
        this.fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        try {
            Libc.setReceiveTimeout(fd, 200);
            Libc.bindNetlink(fd, RTMGRP_LINK | (ipv6 ? RTMGRP_IPV6_IFADDR | RTMGRP_IPV6_ROUTE
                : RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE));
        } catch (Libc.NativeException e) {
            Libc.close(fd);
            throw e;
        }
        this.reader = Thread.ofPlatform().daemon().name(name).start(() -> run(onChange));
    }

    private void run(Runnable onChange) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(16_384);
            MemorySegment state = arena.allocate(Libc.captureLayout());
            while (!closed) {
                byte[] m = Libc.recv(fd, buf, state);
                if (m != null && m.length > 0 && !closed) {
                    onChange.run();
                }
            }
        } catch (Libc.NativeException e) {
            if (!closed) {
                System.getLogger(RouteMonitor.class.getName()).log(System.Logger.Level.WARNING,
                    "route monitor stopped: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Libc.close(fd);
    }
}
