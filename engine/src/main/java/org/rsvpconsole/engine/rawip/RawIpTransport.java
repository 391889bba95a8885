package org.rsvpconsole.engine.rawip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.node.NodeTransport;
import org.rsvpconsole.engine.time.RealTimeScheduler;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.time.Timer;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.MulticastTree;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.NodeKind;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.RouteLookup;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;
import org.rsvpconsole.engine.virtualnet.DatagramSink;

/**
 * One RSVP node on a Linux host: raw IPv4 or IPv6 protocol-46 sockets (one per RSVP interface, bound to it with
 * SO_BINDTODEVICE) through java.lang.foreign, the kernel's routes through rtnetlink, route changes from an
 * rtnetlink monitor. Implements {@link NodeTransport}, so the same {@link org.rsvpconsole.engine.node.RsvpNode}
 * that runs on the virtual network runs here.
 *
 * <ul>
 *   <li>Sending: the node's datagrams are whole IP datagrams, sent with IP_HDRINCL so a router keeps the sender's
 *       source address on Path (RFC 2205 §3.1.3) and its TTL; the node itself puts Router Alert on Path, PathTear
 *       and ResvConf (RFC 2205 §3.11.5).</li>
 *   <li>Receiving on a router: IP_ROUTER_ALERT hands transit datagrams with the option to the socket instead of
 *       forwarding them (not yet TTL-decremented); Path and PathTear go to the node, which sends them on itself
 *       (new RSVP_HOP, TTL and Send_TTL − 1); other intercepted messages not addressed here (ResvConf) are
 *       forwarded unchanged but for the TTL. IP_PKTINFO names the interface a datagram arrived on.</li>
 *   <li>The topology the node sees: itself with one link per configured interface to a stand-in neighbour, the
 *       link's outgoing direction carrying the configured reservable bandwidth (total and per flow).</li>
 * </ul>
 *
 * <p>UDP encapsulation (RFC 2205 Appendix C, decision 0017) is a mode of this transport: with
 * {@link Options#udpOnly} a host opens no raw socket and sends and receives every message in UDP (port 1698)
 * through {@link UdpEncapsulation}; a router listens on UDP as well as raw IP, learns which hops and interfaces
 * need UDP, and sends to them UDP-encapsulated. Both arrive on the same loop as raw datagrams.
 *
 * <p>IPv6 (decision 0031): a node whose interfaces are given IPv6 addresses runs on IPv6 alone. The kernel strips
 * the IPv6 header from what a protocol-46 socket receives, so the datagram is rebuilt from IPV6_PKTINFO,
 * IPV6_HOPLIMIT and IPV6_HOPOPTS; sending uses IPV6_HDRINCL, so the node's datagrams (hop-by-hop Router Alert, RFC
 * 2711, value 1 "RSVP") go out as built, the sender's source address kept on a resent Path. A router intercepts
 * with IPV6_ROUTER_ALERT, which Linux allows only on an IPPROTO_RAW socket (one more socket per interface; it is
 * given whole datagrams, hop limit not yet decremented), isolated to its own network namespace.
 *
 * <p>Unicast only: multicast sessions find no route here; UDP encapsulation is IPv4 only.
 */
public final class RawIpTransport implements NodeTransport, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RawIpTransport.class.getName());
    private static final int TYPE_PATH = 1;
    private static final int TYPE_PATH_TEAR = 5;
    private static final int TYPE_RESV_CONF = 7;
    private static final int MAX_UDP_HOPS = 4096;
    private static final long ROUTE_SETTLE_NANOS = 100_000_000L;

    /**
     * An interface RSVP runs on.
     *
     * @param name          the kernel's interface name
     * @param reservableBps bandwidth reservations may take out of it, bits/s
     * @param perFlowBps    the largest single reservation, bits/s (at most {@code reservableBps})
     * @param udpHosts      a router: UDP-only hosts are on this interface even if none has sent a Path (RFC 2205
     *                      Appendix C: a LAN with only receivers must be configured)
     * @param address       the interface's address RSVP uses (one the kernel has on it); null: its first IPv4
     *                      address. An IPv6 address makes the node an IPv6 node (every interface then needs one).
     */
    public record InterfaceSpec(String name, long reservableBps, long perFlowBps, boolean udpHosts,
                                IpAddress address) {
        public InterfaceSpec {
            Objects.requireNonNull(name, "name");
            if (reservableBps < 0 || perFlowBps < 0 || perFlowBps > reservableBps) {
                throw new IllegalArgumentException("need 0 <= per-flow <= reservable on " + name);
            }
        }

        public InterfaceSpec(String name, long reservableBps, long perFlowBps, boolean udpHosts) {
            this(name, reservableBps, perFlowBps, udpHosts, null);
        }

        public InterfaceSpec(String name, long reservableBps, long perFlowBps) {
            this(name, reservableBps, perFlowBps, false, null);
        }
    }

    /**
     * What the transport runs.
     *
     * @param nodeName         the node's name
     * @param router           forwards and intercepts Router Alert (raw IP, and UDP toward Appendix C hosts)
     * @param interfaces       its RSVP interfaces
     * @param udpOnly          a host without raw sockets: every message UDP-encapsulated (RFC 2205 Appendix C)
     * @param udpLifetimeNanos a router: how long a UDP-encapsulated message from a hop or an interface keeps it
     *                         marked as needing UDP (the node's state lifetime: soft state like the rest)
     * @param asNumber         the node's autonomous system (RFC 3209 §4.3.3.4 AS subobjects), or {@link Node#NO_AS}
     */
    public record Options(String nodeName, boolean router, List<InterfaceSpec> interfaces, boolean udpOnly,
                          long udpLifetimeNanos, int asNumber) {
        /** 157.5 s: RFC 2205 §3.7's state lifetime for the default R = 30 s, K = 3. */
        public static final long DEFAULT_UDP_LIFETIME_NANOS = 157_500_000_000L;

        public Options {
            interfaces = List.copyOf(interfaces);
            if (interfaces.isEmpty()) {
                throw new IllegalArgumentException("a node needs at least one interface");
            }
            if (udpOnly && router) {
                throw new IllegalArgumentException("UDP encapsulation is for hosts (RFC 2205 Appendix C); a router"
                    + " intercepts Router Alert and needs raw IP");
            }
            if (udpLifetimeNanos <= 0) {
                throw new IllegalArgumentException("the UDP lifetime must be positive");
            }
        }

        public Options(String nodeName, boolean router, List<InterfaceSpec> interfaces) {
            this(nodeName, router, interfaces, false, DEFAULT_UDP_LIFETIME_NANOS);
        }

        public Options(String nodeName, boolean router, List<InterfaceSpec> interfaces, boolean udpOnly,
                       long udpLifetimeNanos) {
            this(nodeName, router, interfaces, udpOnly, udpLifetimeNanos, Node.NO_AS);
        }
    }

    private final RealTimeScheduler loop;
    private final Topology topology;
    private final Node node;
    private final Map<Integer, Interface> byIndex = new HashMap<>();
    private final Map<Interface, Integer> sockets = new HashMap<>();
    // IPv6 routers: the IPPROTO_RAW socket per interface that IPV6_ROUTER_ALERT hands transit datagrams to.
    private final Map<Interface, Integer> alertSockets = new HashMap<>();
    private boolean ipv6;
    private final Set<IpAddress> addresses = new HashSet<>();
    private final List<Thread> readers = new ArrayList<>();
    private final List<Runnable> routeListeners = new ArrayList<>();
    private final Map<Interface, String> kernelNames = new LinkedHashMap<>();
    // Appendix C state, on the loop: hops and interfaces heard from in UDP, when last; interfaces configured so.
    private final Map<Ipv4Address, Long> udpHops = new HashMap<>();
    private final Map<Interface, Long> udpInterfaces = new HashMap<>();
    private final Set<Interface> udpConfigured = new HashSet<>();
    private UdpEncapsulation udp;
    private boolean udpOnly;
    private long udpLifetimeNanos = Options.DEFAULT_UDP_LIFETIME_NANOS;
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private KernelRoutes routes;
    private RouteMonitor monitor;
    private DatagramSink sink = (in, d) -> { };
    private Timer routeSettle;
    private volatile boolean closed;

    private RawIpTransport(RealTimeScheduler loop, Topology topology, Node node) {
        this.loop = loop;
        this.topology = topology;
        this.node = node;
    }

    /**
     * Opens the sockets and routing queries on {@code loop}'s thread (and so in its network namespace).
     *
     * @throws RawIpException with the operator's message: no CAP_NET_RAW, an unknown interface, no IPv4 address
     */
    public static RawIpTransport open(Options options, RealTimeScheduler loop) throws RawIpException {
        CompletableFuture<RawIpTransport> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(openHere(options, loop));
            } catch (RawIpException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RawIpException("interrupted while opening the raw IP sockets", false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RawIpException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static RawIpTransport openHere(Options options, RealTimeScheduler loop) throws RawIpException {
        Map<String, Integer> kernelIndex = new HashMap<>();
        Topology topology;
        try {
            topology = localTopology(options, kernelIndex);
        } catch (IllegalArgumentException e) {
            throw new RawIpException("node " + options.nodeName() + ": " + e.getMessage(), false);
        }
        Node self = topology.requireNode(options.nodeName());
        RawIpTransport t = new RawIpTransport(loop, topology, self);
        return t.start(options, kernelIndex);
    }

    /** This node and one stand-in neighbour per interface, with the kernel's addresses and indexes. */
    private static Topology localTopology(Options options, Map<String, Integer> kernelIndex) throws RawIpException {
        TopologyBuilder b = Topology.builder().name(options.nodeName()).addressPool("198.18.0.0/15");
        boolean v6 = options.interfaces().get(0).address() instanceof Ipv6Address;
        int standIns = 0;
        b.node(options.nodeName(), options.router() ? NodeKind.ROUTER : NodeKind.HOST, List.of(), "");
        if (options.asNumber() != Node.NO_AS) {
            b.asNumber(options.nodeName(), options.asNumber());
        }
        for (InterfaceSpec spec : options.interfaces()) {
            int index;
            IpAddress address;
            if (spec.address() instanceof Ipv6Address) {
                index = kernelIndex(spec.name());
                address = interfaceAddress6(spec, index);
            } else {
                NetworkInterface ni;
                try {
                    ni = NetworkInterface.getByName(spec.name());
                } catch (SocketException e) {
                    ni = null;
                }
                if (ni == null) {
                    throw new RawIpException("interface '" + spec.name() + "' does not exist on this host; "
                        + "see 'ip link' for the names", false);
                }
                index = ni.getIndex();
                address = interfaceAddress(spec, ni);
            }
            if (address instanceof Ipv6Address != v6) {
                throw new RawIpException("node " + options.nodeName() + " mixes IPv4 and IPv6 interfaces ("
                    + spec.name() + " is " + (v6 ? "IPv4" : "IPv6") + ", " + options.interfaces().get(0).name()
                    + " is " + (v6 ? "IPv6" : "IPv4") + "); a node runs one address family: give every interface"
                    + " an IPv6 'address:', or none", false);
            }
            kernelIndex.put(spec.name(), index);
            String peer = "peer." + spec.name();
            b.router(peer);
            TopologyBuilder.LinkSpec l = b.link(options.nodeName(), peer).name(spec.name())
                .interfaceName(0, spec.name()).interfaceName(1, "peer").address(0, address);
            if (v6) {
                // The stand-in's address, of the same family: from 100::/64, the discard-only prefix (RFC 6666).
                l.address(1, Ipv6Address.of("100::" + Integer.toHexString(++standIns)));
            }
            l.both().bandwidth(spec.reservableBps());
            l.forward().perFlow(spec.perFlowBps());
        }
        return b.build();
    }

    private static int kernelIndex(String name) throws RawIpException {
        try {
            return Libc.ifNameToIndex(name);
        } catch (Libc.NativeException e) {
            throw new RawIpException("interface '" + name + "' does not exist on this host; see 'ip link' for the"
                + " names", false);
        }
    }

    /** The configured IPv6 address, checked against the kernel's addresses of interface {@code index}. */
    private static IpAddress interfaceAddress6(InterfaceSpec spec, int index) throws RawIpException {
        List<Ipv6Address> kernel;
        try (KernelRoutes k = new KernelRoutes()) {
            kernel = k.ipv6Addresses(index);
        } catch (Libc.NativeException e) {
            throw RawIpException.of("rtnetlink", e);
        }
        if (!kernel.contains(spec.address())) {
            throw new RawIpException("interface '" + spec.name() + "' does not have the address " + spec.address()
                + (kernel.isEmpty() ? " (it has no IPv6 address)" : " (it has " + kernel.stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")") + "; give it that address (ip -6 addr"
                + " add " + spec.address() + "/LEN dev " + spec.name() + "), or configure one it has", false);
        }
        return spec.address();
    }

    /** The address RSVP uses on {@code ni}: the one configured (checked against the kernel's), or its first IPv4. */
    private static IpAddress interfaceAddress(InterfaceSpec spec, NetworkInterface ni) throws RawIpException {
        List<InetAddress> kernel = Collections.list(ni.getInetAddresses());
        if (spec.address() != null) {
            for (InetAddress a : kernel) {
                if (a instanceof Inet4Address v4 && Ipv4Address.fromBytes(v4.getAddress(), 0).equals(spec.address())) {
                    return spec.address();
                }
            }
            throw new RawIpException("interface '" + spec.name() + "' does not have the address " + spec.address()
                + "; give it that address (ip addr add " + spec.address() + "/LEN dev " + spec.name() + "), or"
                + " configure one it has ('ip addr show dev " + spec.name() + "')", false);
        }
        for (InetAddress a : kernel) {
            if (a instanceof Inet4Address v4) {
                return Ipv4Address.fromBytes(v4.getAddress(), 0);
            }
        }
        throw new RawIpException("interface '" + spec.name() + "' has no IPv4 address; give it one"
            + " (ip addr add ADDR/LEN dev " + spec.name() + "), or configure its IPv6 address (address: ...)", false);
    }

    private RawIpTransport start(Options options, Map<String, Integer> kernelIndex) throws RawIpException {
        RawIpTransport t = this;
        t.udpOnly = options.udpOnly();
        t.udpLifetimeNanos = options.udpLifetimeNanos();
        t.ipv6 = topology.interfacesOf(node).get(0).address() instanceof Ipv6Address;
        if (t.ipv6 && options.udpOnly()) {
            throw new RawIpException("node " + options.nodeName() + ": UDP encapsulation (RFC 2205 Appendix C) is"
                + " for IPv4; an IPv6 node speaks raw IPv6 (run it with CAP_NET_RAW), or give its interfaces IPv4"
                + " addresses", false);
        }
        try {
            for (Interface i : topology.interfacesOf(node)) {
                t.byIndex.put(kernelIndex.get(i.name()), i);
                t.addresses.add(i.address());
                t.kernelNames.put(i, i.name());
                if (t.ipv6) {
                    t.sockets.put(i, openSocket6(i.name()));
                    if (options.router()) {
                        t.alertSockets.put(i, openAlertSocket6(i.name()));
                    }
                } else if (!options.udpOnly()) {
                    t.sockets.put(i, openSocket(i.name(), options.router()));
                }
            }
            for (InterfaceSpec spec : options.interfaces()) {
                if (spec.udpHosts()) {
                    topology.interfacesOf(node).stream().filter(i -> i.name().equals(spec.name()))
                        .forEach(t.udpConfigured::add);
                }
            }
            try {
                t.routes = new KernelRoutes();
                t.monitor = new RouteMonitor(options.nodeName() + "-routes", t.ipv6, t::routesMayHaveChanged);
            } catch (Libc.NativeException e) {
                throw RawIpException.of("rtnetlink", e);
            }
            // RFC 2205 Appendix C: a Hu host speaks only UDP; routers speak both; Hr hosts raw only.
            if (options.udpOnly()) {
                t.udp = UdpEncapsulation.host(options.nodeName(), t::udpReceived);
            } else if (options.router() && !t.ipv6) {
                t.udp = UdpEncapsulation.router(options.nodeName(), t.kernelNames, t::udpReceived);
            }
        } catch (RawIpException e) {
            t.close();
            throw e;
        }
        for (Map.Entry<Interface, Integer> e : t.sockets.entrySet()) {
            Interface i = e.getKey();
            int fd = e.getValue();
            // An IPv6 protocol-46 socket is given the payload only; everything else whole datagrams.
            boolean payloadOnly = t.ipv6;
            t.readers.add(Thread.ofPlatform().daemon().name(options.nodeName() + "-" + i.name())
                .start(() -> t.read(i, fd, payloadOnly)));
        }
        for (Map.Entry<Interface, Integer> e : t.alertSockets.entrySet()) {
            Interface i = e.getKey();
            int fd = e.getValue();
            t.readers.add(Thread.ofPlatform().daemon().name(options.nodeName() + "-" + i.name() + "-alert")
                .start(() -> t.read(i, fd, false)));
        }
        return t;
    }

    /**
     * The IPv6 socket of one interface: receives what is addressed to this node (payload and ancillary data),
     * sends whole datagrams (IPV6_HDRINCL).
     */
    private static int openSocket6(String device) throws RawIpException {
        int fd;
        try {
            fd = Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_RSVP);
        } catch (Libc.NativeException e) {
            throw RawIpException.of("raw socket", e);
        }
        try {
            bindToDevice(fd, device);
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_HDRINCL, 1, "IPV6_HDRINCL");
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPOPTS, 1, "IPV6_RECVHOPOPTS");
            Libc.setReceiveTimeout(fd, 200);
            return fd;
        } catch (Libc.NativeException e) {
            Libc.close(fd);
            throw RawIpException.of("raw IPv6 socket on " + device, e);
        }
    }

    /**
     * A router's Router Alert socket for one interface: IPV6_ROUTER_ALERT with value 1 (RSVP, RFC 2711 §2.1), which
     * Linux accepts only on IPPROTO_RAW sockets; isolated, or it would also be handed datagrams forwarded in other
     * network namespaces through an interface of the same index.
     */
    private static int openAlertSocket6(String device) throws RawIpException {
        int fd;
        try {
            fd = Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_RAW);
        } catch (Libc.NativeException e) {
            throw RawIpException.of("raw socket", e);
        }
        try {
            bindToDevice(fd, device);
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_ROUTER_ALERT_ISOLATE, 1, "IPV6_ROUTER_ALERT_ISOLATE");
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_ROUTER_ALERT, IpEncapsulation.IPV6_ROUTER_ALERT_RSVP,
                "IPV6_ROUTER_ALERT");
            Libc.setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
            Libc.setReceiveTimeout(fd, 200);
            return fd;
        } catch (Libc.NativeException e) {
            Libc.close(fd);
            throw RawIpException.of("Router Alert socket on " + device, e);
        }
    }

    private static void bindToDevice(int fd, String device) throws Libc.NativeException {
        byte[] name = (device + "\0").getBytes(StandardCharsets.US_ASCII);
        Libc.setBytes(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, name, "SO_BINDTODEVICE " + device);
    }

    private static int openSocket(String device, boolean router) throws RawIpException {
        int fd;
        try {
            fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_RSVP);
        } catch (Libc.NativeException e) {
            throw RawIpException.of("raw socket", e);
        }
        try {
            bindToDevice(fd, device);
            Libc.setInt(fd, Libc.IPPROTO_IP, Libc.IP_HDRINCL, 1, "IP_HDRINCL");
            Libc.setInt(fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1, "IP_PKTINFO");
            if (router) {
                Libc.setInt(fd, Libc.IPPROTO_IP, Libc.IP_ROUTER_ALERT, 1, "IP_ROUTER_ALERT");
            }
            Libc.setReceiveTimeout(fd, 200);
            return fd;
        } catch (Libc.NativeException e) {
            Libc.close(fd);
            throw RawIpException.of("raw socket on " + device, e);
        }
    }

    /** Who receives the datagrams (the node's {@code receive}); set before traffic flows. */
    public void attach(DatagramSink receiver) {
        this.sink = Objects.requireNonNull(receiver, "receiver");
    }

    /** Hears (on the loop, after changes settle for 100 ms) that the kernel's routes or links changed. */
    public void addRouteListener(Runnable listener) {
        routeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The node this transport runs. */
    public Node node() {
        return node;
    }

    /** Datagrams the kernel refused to send (e.g. no route, interface down). */
    public long sendErrors() {
        return sendErrors.get();
    }

    /** Intercepted datagrams not for this node that were sent on unchanged (ResvConf through a router). */
    public long forwarded() {
        return forwarded.get();
    }

    private void read(Interface bound, int fd, boolean payloadOnly) {
        try (Libc.ReceiveBuffer buffer = new Libc.ReceiveBuffer()) {
            while (!closed) {
                Libc.Received r = Libc.recvmsg(fd, buffer);
                if (r != null && !closed) {
                    byte[] d = payloadOnly ? Ipv6Datagrams.rebuild(r) : r.data();
                    if (d != null) {
                        loop.execute(() -> arrived(bound, r.ifindex(), d));
                    }
                }
            }
        } catch (Libc.NativeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, node.name() + " " + bound.name() + ": " + e.getMessage());
            }
        }
    }

    private void arrived(Interface bound, int ifindex, byte[] d) {
        if (closed) {
            return;
        }
        Interface in = byIndex.getOrDefault(ifindex, bound);
        if (ipv6) {
            arrived6(in, d);
            return;
        }
        if (Ipv4Datagrams.headerLength(d) < 0) {
            return;
        }
        Ipv4Address dst = Ipv4Address.fromBytes(d, 16);
        int type = Ipv4Datagrams.rsvpType(d);
        if (node.isRouter() && !addresses.contains(dst) && Ipv4Datagrams.hasRouterAlert(d)
            && type != TYPE_PATH && type != TYPE_PATH_TEAR) {
            // Intercepted only because of the option: IP forwarding it is (RFC 2205 §3.1.9 ResvConf).
            if (Ipv4Datagrams.decrementTtl(d)) {
                routing().route(node, dst).ifPresent(route -> {
                    forwarded.incrementAndGet();
                    send(route.outgoing(), d);
                });
            }
            return;
        }
        sink.receive(in, d);
    }

    private void arrived6(Interface in, byte[] d) {
        if (Ipv6Datagrams.payloadOffset(d) < 0) {
            return;
        }
        Ipv6Address dst = Ipv6Datagrams.destination(d);
        int type = Ipv6Datagrams.rsvpType(d);
        if (node.isRouter() && !addresses.contains(dst) && Ipv6Datagrams.hasRouterAlert(d)
            && type != TYPE_PATH && type != TYPE_PATH_TEAR) {
            // As for IPv4: intercepted only because of the option (ResvConf, RFC 2205 §3.1.9): forward it.
            if (Ipv6Datagrams.decrementHopLimit(d)) {
                routing().route(node, dst).ifPresent(route -> {
                    forwarded.incrementAndGet();
                    send(route.outgoing(), d);
                });
            }
            return;
        }
        sink.receive(in, d);
    }

    private void routesMayHaveChanged() {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            if (routeSettle != null) {
                routeSettle.cancel();
            }
            routeSettle = loop.schedule(ROUTE_SETTLE_NANOS, () -> {
                for (Runnable l : List.copyOf(routeListeners)) {
                    l.run();
                }
            });
        });
    }

    /** The topology's link ends are stand-ins: the real neighbours are learned from what arrives. */
    @Override
    public boolean neighboursKnown() {
        return false;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Scheduler scheduler() {
        return loop;
    }

    @Override
    public void send(Interface out, byte[] datagram) {
        if (ipv6) {
            if (Ipv6Datagrams.payloadOffset(datagram) >= 0) {
                sendNow(out, datagram, Ipv6Datagrams.destination(datagram));
            }
            return;
        }
        int ihl = Ipv4Datagrams.headerLength(datagram);
        if (ihl < 0) {
            return;
        }
        Ipv4Address dst = Ipv4Address.fromBytes(datagram, 16);
        int type = Ipv4Datagrams.rsvpType(datagram);
        boolean pathLike = type == TYPE_PATH || type == TYPE_PATH_TEAR;
        if (udpOnly) {
            // Hu, RFC 2205 Appendix C Figure 13: Path and PathTear go to the first-hop router Ra (the kernel's
            // gateway toward D; D itself when it is on the link), every other message to its own destination.
            Ipv4Address to = dst;
            if (pathLike) {
                to = kernelRoute(dst).flatMap(KernelRoutes.KernelRoute::gateway)
                    .filter(g -> g instanceof Ipv4Address).map(g -> (Ipv4Address) g).orElse(dst);
            }
            udp.send(out, datagram, ihl, datagram.length - ihl, to, UdpEncapsulation.PU);
            return;
        }
        if (udp != null && !pathLike && udpHop(dst)) {
            // Resv, errors, ResvConf to a hop that spoke UDP: UDP only ("if the node keeps track of which previous
            // hops ... need UDP encapsulation, these messages can be sent using UDP encapsulation").
            udp.send(out, datagram, ihl, datagram.length - ihl, dst, UdpEncapsulation.PU);
            return;
        }
        // The node sets Router Alert itself on Path, PathTear and ResvConf (RFC 2205 §3.11.5).
        sendNow(out, datagram, dst);
        if (udp != null && pathLike && udpInterface(out)) {
            // Router interface a with the (UDP) flag: Raw(D) and UDP(D, Pu) (Appendix C, Figure 13).
            udp.send(out, datagram, ihl, datagram.length - ihl, dst, UdpEncapsulation.PU);
        }
    }

    /** On Netty's thread: a UDP-encapsulated message; everything else happens on the loop. */
    private void udpReceived(Interface bound, Ipv4Address source, Ipv4Address destination, byte[] rsvp) {
        if (!closed) {
            loop.execute(() -> udpArrived(bound, source, destination, rsvp));
        }
    }

    private void udpArrived(Interface bound, Ipv4Address source, Ipv4Address destination, byte[] rsvp) {
        // An RSVP common header (RFC 2205 §3.1.1) at least: version 1, a length that fits.
        if (closed || rsvp.length < 8 || (rsvp[0] & 0xf0) != 0x10 || addresses.contains(source)
            || rsvp.length > 0xffff - IpEncapsulation.IPV4_HEADER - IpEncapsulation.ROUTER_ALERT_V4) {
            return;
        }
        Interface in = bound != null ? bound : interfaceToward(source);
        if (in == null) {
            return;
        }
        int type = rsvp[1] & 0xff;
        boolean pathLike = type == TYPE_PATH || type == TYPE_PATH_TEAR;
        boolean whole = ((rsvp[6] & 0xff) << 8 | (rsvp[7] & 0xff)) == rsvp.length;
        if (node.isRouter() && whole) {
            long now = loop.nowNanos();
            if (udpHops.size() >= MAX_UDP_HOPS) {
                // Anyone can send UDP: forget the expired before remembering more.
                udpHops.values().removeIf(last -> now - last > udpLifetimeNanos);
            }
            udpHops.put(source, now);
            if (pathLike) {
                // "A router may determine if its interface X needs UDP encapsulation by listening for
                // UDP-encapsulated Path messages that were sent to either G* or to the address of interface X."
                udpInterfaces.put(in, now);
            }
        }
        // The received TTL is not visible to a UDP socket: Send_TTL stands for it (Appendix C), so no non-RSVP hop
        // is seen across UDP. The node gets the datagram a raw socket would have given it.
        int ttl = Math.max(1, rsvp[4] & 0xff);
        boolean alert = pathLike || type == TYPE_RESV_CONF;
        // A host's socket listens on every address: the datagram was for this host's address on that interface.
        Ipv4Address to = destination.equals(Ipv4Address.ANY) ? (Ipv4Address) in.address() : destination;
        byte[] datagram = new IpEncapsulation(source, to, ttl, alert, false).wrap(rsvp, 0, rsvp.length);
        sink.receive(in, datagram);
    }

    private boolean udpHop(Ipv4Address address) {
        Long last = udpHops.get(address);
        return last != null && loop.nowNanos() - last <= udpLifetimeNanos;
    }

    private boolean udpInterface(Interface out) {
        Long last = udpInterfaces.get(out);
        return udpConfigured.contains(out) || last != null && loop.nowNanos() - last <= udpLifetimeNanos;
    }

    /** The RSVP interface the kernel routes {@code address} through (a host's only one when it has one). */
    private Interface interfaceToward(Ipv4Address address) {
        if (byIndex.size() == 1) {
            return byIndex.values().iterator().next();
        }
        return kernelRoute(address).map(k -> byIndex.get(k.ifindex())).orElse(null);
    }

    private Optional<KernelRoutes.KernelRoute> kernelRoute(Ipv4Address destination) {
        if (routes == null || closed) {
            return Optional.empty();
        }
        try {
            return routes.route(destination);
        } catch (Libc.NativeException e) {
            LOG.log(System.Logger.Level.WARNING, node.name() + " route to " + destination + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** On the loop: hops (by address) a whole UDP-encapsulated message came from within the lifetime. */
    public Set<Ipv4Address> udpNeighbours() {
        Set<Ipv4Address> out = new HashSet<>();
        udpHops.keySet().stream().filter(this::udpHop).forEach(out::add);
        return out;
    }

    /** On the loop: interfaces marked as having UDP-only hosts (configured, or learned from a UDP Path). */
    public Set<Interface> udpInterfaces() {
        Set<Interface> out = new HashSet<>();
        topology.interfacesOf(node).stream().filter(this::udpInterface).forEach(out::add);
        return out;
    }

    /** Whether this node runs on IPv6 (its interfaces were given IPv6 addresses) rather than IPv4. */
    public boolean ipv6() {
        return ipv6;
    }

    /** Whether this node speaks only UDP (a Hu host), raw IP only (an Hr host), or both (a router). */
    public boolean udpOnly() {
        return udpOnly;
    }

    private void sendNow(Interface out, byte[] d, IpAddress dst) {
        Integer fd = sockets.get(out);
        if (fd == null || closed) {
            return;
        }
        byte[] to = new byte[dst.length()];
        dst.copyTo(to, 0);
        try {
            Libc.sendTo(fd, d, to);
        } catch (Libc.NativeException e) {
            // Soft state: a lost message is repaired by the next refresh (RFC 2205 §3.7).
            sendErrors.incrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, node.name() + " " + out.name() + ": " + e.getMessage());
        }
    }

    @Override
    public RouteLookup routing() {
        return this::route;
    }

    private Optional<Route> route(Node from, IpAddress destination) {
        // The kernel knows this host's routes only: a stand-in neighbour's are unknown (RFC 3209 loose hops are
        // then expanded one hop at a time, each node in turn).
        if (!node.equals(from) || destination instanceof Ipv6Address != ipv6 || addresses.contains(destination)
            || routes == null || closed) {
            return Optional.empty();
        }
        try {
            return routes.route(destination).flatMap(k -> Optional.ofNullable(byIndex.get(k.ifindex())).map(out ->
                new Route(node, topology.neighbour(out).node(), out, topology.neighbour(out), 1,
                    k.gateway().orElse(destination))));
        } catch (Libc.NativeException e) {
            LOG.log(System.Logger.Level.WARNING, node.name() + " route to " + destination + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public MulticastTree multicastTree(Node source, IpAddress group) {
        return new MulticastTree(source, Set.of(), Set.of(), Map.of(), Map.of());
    }

    @Override
    public Set<Node> members(IpAddress group) {
        return Set.of();
    }

    /** Stops the readers and closes every socket; the loop is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        for (Thread r : readers) {
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int fd : sockets.values()) {
            Libc.close(fd);
        }
        sockets.clear();
        for (int fd : alertSockets.values()) {
            Libc.close(fd);
        }
        alertSockets.clear();
        if (monitor != null) {
            monitor.close();
        }
        if (routes != null) {
            // The loop may be asking the kernel a route right now: close the socket on the loop, after that.
            KernelRoutes r = routes;
            if (loop.inLoop()) {
                r.close();
            } else {
                CompletableFuture<Void> done = new CompletableFuture<>();
                try {
                    loop.execute(() -> {
                        r.close();
                        done.complete(null);
                    });
                    done.get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException | ExecutionException
                         | java.util.concurrent.TimeoutException e) {
                    r.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
