package org.rsvpconsole.app.daemon;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The daemon's management channel (docs/management.md): TCP with TLS through Netty. A client authenticates by
 * client certificate (its subject's CN mapped to a role) or by token in {@code hello}; a viewer may subscribe to
 * the event stream and ask for status, an operator may also give sender, reserve, teardown and lsp. Commands go to the
 * same handler as the control socket's. Every refusal is answered with the reason, logged and recorded.
 */
public final class ManagementServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ManagementServer.class.getName());
    private static final Set<String> OPERATOR_COMMANDS = Set.of("sender", "reserve", "teardown", "lsp");
    private static final int HELLO_SECONDS = 10;

    /** Where refusals go besides the log: the daemon's record of operator actions. */
    public interface Recorder {
        void record(String who, String action, String target, String result);
    }

    private final String node;
    private final ManagementConfig config;
    private final SslContext tls;
    private final EventRing ring;
    private final Supplier<String> statusJson;
    private final BiFunction<String, ControlRequest, String> commands;
    private final Recorder recorder;
    private final EventLoopGroup group;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;

    private ManagementServer(String node, ManagementConfig config, SslContext tls, EventRing ring,
                             Supplier<String> statusJson, BiFunction<String, ControlRequest, String> commands,
                             Recorder recorder) throws IOException {
        this.node = node;
        this.config = config;
        this.tls = tls;
        this.ring = ring;
        this.statusJson = statusJson;
        this.commands = commands;
        this.recorder = recorder;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("management-" + node, true),
            NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 << 20, 64 << 20))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (clients.size() >= config.maxClients()) {
                        // Before TLS: a flood of connections costs no handshakes.
                        InetSocketAddress a = ch.remoteAddress();
                        refuse(a.getAddress().getHostAddress() + ":" + a.getPort(), "connect", "management",
                            "too many connections (max-clients " + config.maxClients() + ")");
                        ch.close();
                        return;
                    }
                    clients.add(ch);
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()))
                        // One TLS record and write for many frames when entries come fast (a backlog, a burst).
                        .addLast(new FlushConsolidationHandler(256, true))
                        .addLast(new IdleStateHandler(0, ManagementProtocol.PING_SECONDS, 0))
                        .addLast(new LineBasedFrameDecoder(ManagementProtocol.MAX_LINE, true, true))
                        .addLast(new Connection(ch));
                }
            });
        try {
            // The listening socket is made by this thread, so it lives in this thread's network namespace.
            listener = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot listen for management on " + endpoint(config) + ": " + e.getMessage()
                + " (is another daemon using the port? change 'management: listen:')", e);
        }
    }

    /**
     * Starts listening.
     *
     * @param statusJson gives the status as JSON (for {@code welcome})
     * @param commands   answers a command given by someone (the daemon's handler, shared with the control socket)
     * @throws IOException the keystore or CA file cannot be used, or the address cannot be bound
     */
    public static ManagementServer start(String node, ManagementConfig config, EventRing ring,
                                         Supplier<String> statusJson,
                                         BiFunction<String, ControlRequest, String> commands, Recorder recorder)
        throws IOException {
        return new ManagementServer(node, config, ManagementTls.server(config), ring, statusJson, commands, recorder);
    }

    private static String endpoint(ManagementConfig c) {
        return c.host().contains(":") ? "[" + c.host() + "]:" + c.port() : c.host() + ":" + c.port();
    }

    /** The bound port (the configured one, or the one chosen for port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Connections currently open. */
    public int connections() {
        return clients.size();
    }

    /**
     * Drops every connection at once without a TLS close (a reset, as when the process is killed) and stops
     * listening: for tests of what clients do when a daemon dies.
     */
    public void abort() {
        listener.eventLoop().submit(() -> listener.unsafe().closeForcibly()).syncUninterruptibly();
        for (Channel c : clients) {
            c.eventLoop().submit(() -> {
                c.config().setOption(ChannelOption.SO_LINGER, 0);
                c.unsafe().closeForcibly();
            }).syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records (and so logs) a refusal; {@code target} is what was asked for, e.g. a session. */
    private void refuse(String who, String action, String target, String why) {
        recorder.record(who, action, target, "refused: " + why);
    }

    /** One client connection; all its methods run on the connection's event loop. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        private String remote;
        private Optional<String> certificateName = Optional.empty();
        private String who;
        private ManagementConfig.Role role;
        private EventRing.Subscriber subscriber;
        /** Requests wait here while one is being answered, so answers come in the order asked. */
        private final java.util.ArrayDeque<ControlRequest> pending = new java.util.ArrayDeque<>();
        private boolean busy;

        Connection(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetSocketAddress a = (InetSocketAddress) ch.remoteAddress();
            remote = a.getAddress().getHostAddress() + ":" + a.getPort();
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent h) {
                if (!h.isSuccess()) {
                    refuse(remote, "connect", "management", "TLS handshake failed: " + h.cause().getMessage());
                    ch.close();
                    return;
                }
                certificateName = peerName(ctx);
                ch.eventLoop().schedule(() -> {
                    if (who == null && ch.isActive()) {
                        refuseAndClose("hello", remote, "no hello within " + HELLO_SECONDS + " s");
                    }
                }, HELLO_SECONDS, TimeUnit.SECONDS);
            } else if (evt instanceof IdleStateEvent i && i.state() == IdleState.WRITER_IDLE && who != null) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(ManagementProtocol.frame("ping", Map.of(), new byte[0])));
            }
        }

        private Optional<String> peerName(ChannelHandlerContext ctx) {
            try {
                Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession()
                    .getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    return Optional.of(ManagementTls.commonName(x));
                }
            } catch (SSLPeerUnverifiedException e) {
                // No client certificate: a token must follow.
            }
            return Optional.empty();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            String line;
            ByteBuf buf = (ByteBuf) msg;
            try {
                line = buf.toString(StandardCharsets.UTF_8);
            } finally {
                buf.release();
            }
            ControlRequest r;
            try {
                r = ControlRequest.parse(line);
            } catch (ControlRequest.Refused e) {
                error("invalid", e.getMessage());
                return;
            }
            pending.add(r);
            next();
        }

        /** Takes the next waiting request unless one is being answered; runs on the event loop. */
        private void next() {
            while (!busy && !pending.isEmpty() && ch.isActive()) {
                ControlRequest r = pending.poll();
                if (who == null) {
                    hello(r);
                } else {
                    command(r);
                }
            }
        }

        /** Answers off the event loop (the node's loop may take a moment), then takes the next request. */
        private void answerLater(Supplier<byte[]> work) {
            busy = true;
            Thread.ofVirtual().start(() -> {
                byte[] answer = work.get();
                ch.eventLoop().execute(() -> {
                    write(answer);
                    busy = false;
                    next();
                });
            });
        }

        private void hello(ControlRequest r) {
            String as = certificateName.map(n -> "certificate " + n + " at " + remote).orElse(remote);
            if (!r.command().equals("hello")) {
                refuseAndClose(r.command(), as, "the first request must be 'hello' (docs/management.md)");
                return;
            }
            if (!r.text("version", "").equals(Integer.toString(ManagementProtocol.VERSION))) {
                refuseAndClose("hello", as, "protocol version '" + r.text("version", "") + "' is not supported; this"
                    + " daemon speaks version " + ManagementProtocol.VERSION);
                return;
            }
            if (r.has("token")) {
                Optional<ManagementConfig.Token> t = config.token(r.text("token", ""));
                if (t.isEmpty()) {
                    refuseAndClose("hello", as, "the token is not known to daemon " + node);
                    return;
                }
                who = t.get().name();
                role = t.get().role();
            } else if (certificateName.isPresent() && config.clients().containsKey(certificateName.get())) {
                who = certificateName.get();
                role = config.clients().get(who);
            } else {
                refuseAndClose("hello", as, certificateName.isPresent()
                    ? "certificate subject '" + certificateName.get() + "' has no role on daemon " + node
                    + " (add it under management: clients:) and no token was given"
                    : "no client certificate and no token: authenticate with one of them");
                return;
            }
            LOG.log(System.Logger.Level.INFO, "management " + node + ": " + who + " (" + role.word() + ") attached"
                + " from " + remote);
            String name = who;
            String roleWord = role.word();
            answerLater(() -> {
                String status;
                try {
                    status = statusJson.get();
                } catch (RuntimeException e) {
                    status = "{}";
                }
                Map<String, String> f = new LinkedHashMap<>();
                f.put("node", node);
                f.put("who", name);
                f.put("role", roleWord);
                f.put("epoch", ring.epoch());
                f.put("first", Long.toString(ring.first()));
                f.put("last", Long.toString(ring.last()));
                f.put("ring", Integer.toString(ring.capacity()));
                return ManagementProtocol.frame("welcome", f, status.getBytes(StandardCharsets.UTF_8));
            });
        }

        private void command(ControlRequest r) {
            switch (r.command()) {
                case "subscribe" -> subscribe(r);
                case "unsubscribe" -> {
                    unsubscribe();
                    write(ManagementProtocol.text("ok", "unsubscribed"));
                }
                case "hello" -> error("invalid", "already attached as " + who);
                default -> {
                    if (OPERATOR_COMMANDS.contains(r.command()) && role != ManagementConfig.Role.OPERATOR) {
                        String why = role.word() + " '" + who + "' may not " + r.command() + ": the operator role is"
                            + " needed (docs/management.md)";
                        refuse(who + " at " + remote, r.command(), r.command().equals("lsp") ? r.lspTarget()
                            : r.text("dest", "") + "/" + r.text("proto", "udp") + "/" + r.text("port", ""), why);
                        error("forbidden", why);
                        return;
                    }
                    String name = who;
                    answerLater(() -> {
                        try {
                            return ManagementProtocol.text("ok", commands.apply(name, r));
                        } catch (ControlRequest.Refused e) {
                            return errorFrame("refused", e.getMessage());
                        } catch (RuntimeException e) {
                            return errorFrame("internal", "internal error in the daemon: " + e);
                        }
                    });
                }
            }
        }

        private void subscribe(ControlRequest r) {
            long after;
            try {
                after = Long.parseLong(r.text("after", "0"));
            } catch (NumberFormatException e) {
                error("invalid", "'after' is not a number: " + r.text("after", ""));
                return;
            }
            if (subscriber != null) {
                error("invalid", "already subscribed; unsubscribe first");
                return;
            }
            if (after > 0 && r.has("epoch") && !r.text("epoch", "").equals(ring.epoch())) {
                error("restarted", "daemon " + node + " restarted since entry " + after + " (epoch " + ring.epoch()
                    + ", not " + r.text("epoch", "") + "); its entries start again from 1: subscribe after 0");
                return;
            }
            EventRing.Subscriber s = item -> {
                if (!ch.isWritable()) {
                    // 64 MB waiting: the client does not keep up; it resumes from its last number.
                    unsubscribeLater();
                    write(errorFrame("slow", "the client did not keep up with the event stream; resubscribe"));
                    ch.close();
                    return;
                }
                write(ManagementProtocol.frame("event", Map.of("seq", Long.toString(item.seq())), item.entry()));
            };
            try {
                ring.subscribe(after, s, () -> write(ManagementProtocol.frame("ok", Map.of("after",
                    Long.toString(after)), ("subscribed after " + after).getBytes(StandardCharsets.UTF_8))));
                subscriber = s;
            } catch (EventRing.Gone e) {
                write(ManagementProtocol.frame("error", Map.of("reason", "gone", "first", Long.toString(ring.first())),
                    e.getMessage().getBytes(StandardCharsets.UTF_8)));
            }
        }

        private void unsubscribeLater() {
            ch.eventLoop().execute(this::unsubscribe);
        }

        private void unsubscribe() {
            if (subscriber != null) {
                ring.unsubscribe(subscriber);
                subscriber = null;
            }
        }

        private void write(byte[] frame) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame));
        }

        private byte[] errorFrame(String reason, String text) {
            return ManagementProtocol.frame("error", Map.of("reason", reason), text.getBytes(StandardCharsets.UTF_8));
        }

        private void error(String reason, String text) {
            write(errorFrame(reason, text));
        }

        private void refuseAndClose(String action, String as, String why) {
            refuse(as, action, "management", why);
            ch.writeAndFlush(Unpooled.wrappedBuffer(errorFrame("refused", "refused: " + why)))
                .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            unsubscribe();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(errorFrame("invalid", "request line longer than "
                    + ManagementProtocol.MAX_LINE + " bytes"))).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "management " + node + " " + remote + ": " + cause);
            ch.close();
        }
    }
}
