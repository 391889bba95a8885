package org.rsvpconsole.engine.rawip;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.topology.Interface;

/**
 * RSVP in UDP (RFC 2205 Appendix C) through Netty: the sockets only, no protocol state. The rules (who is sent what,
 * what a router learns) are {@link RawIpTransport}'s, on the node's loop; datagrams arrive here on Netty's one
 * thread and are handed to a {@link Receiver}, which posts them to that loop.
 *
 * <ul>
 *   <li>A UDP-only host ("Hu"): one socket on port Pu (1698) of every address; it needs no privilege.</li>
 *   <li>A router: one socket per RSVP interface bound to that interface's address Ra on Pu, so the interface a
 *       datagram came in on is the socket's, and one socket on G* (224.0.0.14) port Pu joined on every RSVP
 *       interface, where Hu hosts send Path for multicast sessions (Appendix C, Figure 14).</li>
 * </ul>
 *
 * <p>Sockets are created on the calling thread (so in its network namespace); callers call from the node's loop.
 * No SO_REUSEADDR: with it Linux lets a second daemon bind the same UDP port and silently share its datagrams.
 */
final class UdpEncapsulation implements AutoCloseable {

    /** Pu, "RSVP-ENCAP-1": where UDP-encapsulated RSVP is sent (Appendix C). */
    static final int PU = 1698;
    /** Pu', "RSVP-ENCAP-2": multicast sessions' Path to D (Appendix C, Figure 14). */
    static final int PU_PRIME = 1699;
    /** G*, "RSVP-ENCAPSULATION": the group routers listen on for Hu hosts' multicast Path. */
    static final Ipv4Address G_STAR = Ipv4Address.of("224.0.0.14");

    /** One UDP-encapsulated RSVP message; called on Netty's thread. */
    interface Receiver {
        /**
         * @param bound       the interface of the socket it came to (a router's Ra socket), or null (G*, a host)
         * @param source      the sender's address
         * @param destination the address it was sent to (Ra, G*, or this host's: the socket's bound address)
         * @param rsvp        the UDP payload: an RSVP message, unchecked
         */
        void received(Interface bound, Ipv4Address source, Ipv4Address destination, byte[] rsvp);
    }

    private static final System.Logger LOG = System.getLogger(UdpEncapsulation.class.getName());

    private final EventLoopGroup group;
    private final Map<Interface, Channel> byInterface = new LinkedHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private Channel any;

    private UdpEncapsulation(String name) {
        this.group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name(name + "-udp")
            .factory(), NioIoHandler.newFactory());
    }

    /** A Hu host: port Pu on every address. */
    static UdpEncapsulation host(String name, Receiver receiver) throws RawIpException {
        UdpEncapsulation u = new UdpEncapsulation(name);
        try {
            u.any = u.bind(new InetSocketAddress(PU), null, receiver, "UDP port " + PU);
            return u;
        } catch (RawIpException | RuntimeException e) {
            u.close();
            throw e;
        }
    }

    /** A router: (Ra, Pu) on each interface, (G*, Pu) joined on each. */
    static UdpEncapsulation router(String name, Map<Interface, String> kernelNames, Receiver receiver)
        throws RawIpException {
        UdpEncapsulation u = new UdpEncapsulation(name);
        try {
            for (Map.Entry<Interface, String> e : kernelNames.entrySet()) {
                Interface i = e.getKey();
                u.byInterface.put(i, u.bind(new InetSocketAddress(inet(i.address()), PU), i, receiver,
                    "UDP port " + PU + " on " + i.address() + " (" + e.getValue() + ")"));
            }
            Channel g = u.bind(new InetSocketAddress(inet(G_STAR), PU), null, receiver, "UDP " + G_STAR + ":" + PU);
            for (String device : kernelNames.values()) {
                NetworkInterface ni = NetworkInterface.getByName(device);
                if (ni == null) {
                    throw new RawIpException("interface '" + device + "' disappeared while opening UDP", false);
                }
                io.netty.channel.ChannelFuture joined = ((NioDatagramChannel) g)
                    .joinGroup(new InetSocketAddress(inet(G_STAR), PU), ni).awaitUninterruptibly();
                if (!joined.isSuccess()) {
                    throw new RawIpException("joining " + G_STAR + " (RFC 2205 Appendix C G*) on " + device + ": "
                        + joined.cause().getMessage(), false);
                }
            }
            return u;
        } catch (SocketException e) {
            u.close();
            throw new RawIpException("joining " + G_STAR + " (RFC 2205 Appendix C G*): " + e.getMessage(), false);
        } catch (RawIpException | RuntimeException e) {
            u.close();
            throw e;
        }
    }

    private Channel bind(InetSocketAddress at, Interface bound, Receiver receiver, String what) throws RawIpException {
        Bootstrap b = new Bootstrap().group(group)
            .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
            .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                    InetSocketAddress from = p.sender();
                    if (from == null || from.getAddress() == null || from.getAddress().getAddress().length != 4) {
                        return;
                    }
                    ByteBuf content = p.content();
                    byte[] rsvp = new byte[content.readableBytes()];
                    content.getBytes(content.readerIndex(), rsvp);
                    received.incrementAndGet();
                    receiver.received(bound, Ipv4Address.fromBytes(from.getAddress().getAddress(), 0),
                        Ipv4Address.fromBytes(at.getAddress().getAddress(), 0), rsvp);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // ICMP port unreachable and the like come back as errors on the socket: soft state mends it.
                    LOG.log(System.Logger.Level.DEBUG, what + ": " + cause.getMessage());
                }
            });
        io.netty.channel.ChannelFuture f = b.bind(at).awaitUninterruptibly();
        if (!f.isSuccess()) {
            String why = f.cause() == null ? "unknown" : f.cause().getMessage();
            throw new RawIpException(what + " could not be opened: " + why + (why != null && why.contains("in use")
                ? "; is another RSVP daemon running on this host?" : ""), false);
        }
        channels.add(f.channel());
        return f.channel();
    }

    /**
     * Sends {@code len} RSVP bytes at {@code off} to {@code to}:{@code port}: from {@code out}'s Ra socket on a router,
     * from the one socket on a host. Returns at once (Netty's thread writes); a failure is counted, not thrown.
     */
    void send(Interface out, byte[] rsvp, int off, int len, Ipv4Address to, int port) {
        Channel c = any != null ? any : byInterface.get(out);
        if (c == null || !c.isActive()) {
            return;
        }
        ByteBuf buf = Unpooled.copiedBuffer(rsvp, off, len);
        sent.incrementAndGet();
        c.writeAndFlush(new DatagramPacket(buf, new InetSocketAddress(inet(to), port)));
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }

    private static InetAddress inet(org.rsvpconsole.engine.api.IpAddress a) {
        byte[] b = new byte[a.length()];
        a.copyTo(b, 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channels.clear();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
