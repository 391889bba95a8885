package org.rsvpconsole.app.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rsvpconsole.app.JsonWriter;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.policy.LocalPolicy;
import org.rsvpconsole.engine.rawip.NetworkNamespaces;
import org.rsvpconsole.engine.rawip.RawIpException;
import org.rsvpconsole.engine.rawip.RawIpTransport;
import org.rsvpconsole.engine.time.RealTimeScheduler;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * One RSVP node on this host: the engine's {@link RsvpNode} on a {@link RawIpTransport}, its status kept from its
 * events, and a {@link ControlServer} on the control socket taking the command line's requests; with a
 * {@code management:} section also a {@link ManagementServer} (TLS, docs/management.md) fed by an {@link EventRing}.
 * All node work runs on the node's loop; requests are posted to it and answered when done.
 */
public final class RsvpDaemon implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RsvpDaemon.class.getName());

    private final DaemonConfig config;
    private final RealTimeScheduler loop;
    private final RawIpTransport transport;
    private final RsvpNode node;
    private final DaemonState state;
    private final Optional<EventRing> ring;
    private ControlServer server;
    private volatile ManagementServer management;
    private final Consumer<HistoryEntry.OperatorAction> actions;

    private RsvpDaemon(DaemonConfig config, RealTimeScheduler loop, RawIpTransport transport, EventSink events,
                       Consumer<HistoryEntry.OperatorAction> actions) {
        this.config = config;
        this.actions = actions;
        this.loop = loop;
        this.transport = transport;
        this.ring = config.management().map(m -> new EventRing(m.ring()));
        this.state = new DaemonState(ring.<EventSink>map(r -> e -> {
            r.accept(e);
            events.accept(e);
        }).orElse(events));
        long start = System.nanoTime();
        this.node = new RsvpNode(transport.node(), transport, config.nodeConfig().withNeighbours(
            keysFrom(config.nodeConfig().neighbours(), start)), new LocalPolicy(config.policies()), state, start);
        transport.attach(node::receive);
        transport.addRouteListener(node::routesChanged);
    }

    /**
     * Starts the node and its control socket.
     *
     * @param namespace a network namespace to run in ({@code ip netns}), for tests and the demo; empty: this one
     * @param events    receives every event too (the store, a test)
     * @throws RawIpException no CAP_NET_RAW, or an interface problem; nothing is left running
     * @throws IOException    the control socket could not be created
     */
    public static RsvpDaemon start(DaemonConfig config, Optional<String> namespace, EventSink events)
        throws RawIpException, IOException {
        return start(config, namespace, events, a -> { });
    }

    /**
     * As {@link #start(DaemonConfig, Optional, EventSink)}, with every operator action (refused ones included) also
     * given to {@code actions} (the history store), from the thread that handled it.
     */
    public static RsvpDaemon start(DaemonConfig config, Optional<String> namespace, EventSink events,
                                   Consumer<HistoryEntry.OperatorAction> actions) throws RawIpException, IOException {
        RawIpException[] entering = new RawIpException[1];
        RealTimeScheduler loop = new RealTimeScheduler(config.node() + "-loop", () -> {
            if (namespace.isPresent()) {
                try {
                    NetworkNamespaces.enter(namespace.get());
                } catch (RawIpException e) {
                    entering[0] = e;
                }
            }
        });
        if (entering[0] != null) {
            loop.close();
            throw entering[0];
        }
        RawIpTransport transport;
        try {
            NodeConfigLifetime lifetime = new NodeConfigLifetime(config);
            transport = RawIpTransport.open(new RawIpTransport.Options(config.node(), config.router(),
                config.interfaces(), config.encapsulation() == DaemonConfig.Encapsulation.UDP, lifetime.nanos(),
                config.asNumber()),
                loop);
        } catch (RawIpException | RuntimeException e) {
            loop.close();
            throw e;
        }
        RsvpDaemon d = new RsvpDaemon(config, loop, transport, events, actions);
        try {
            d.server = ControlServer.start(config.controlSocket(), d::handle);
            d.startManagement();
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    public DaemonConfig config() {
        return config;
    }

    /** The node as the engine sees it: itself and its interfaces (with their bandwidth), stand-in neighbours. */
    public org.rsvpconsole.engine.topology.Topology topology() {
        return transport.topology();
    }

    /**
     * Starts the management channel (if configured and not running). The listening socket is made on the node's
     * loop, so it lives in the node's network namespace.
     */
    public void startManagement() throws IOException {
        if (config.management().isEmpty() || management != null) {
            return;
        }
        ManagementConfig m = config.management().get();
        IOException[] failed = new IOException[1];
        management = onLoop(() -> {
            try {
                return ManagementServer.start(config.node(), m, ring.orElseThrow(), this::statusJson, this::handle,
                    this::record);
            } catch (IOException e) {
                failed[0] = e;
                return null;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** The running management channel. */
    public Optional<ManagementServer> management() {
        return Optional.ofNullable(management);
    }

    /** Stops the management channel: gracefully, or at once as if the daemon died ({@code abrupt}, for tests). */
    public void stopManagement(boolean abrupt) {
        ManagementServer m = management;
        management = null;
        if (m != null) {
            if (abrupt) {
                m.abort();
            } else {
                m.close();
            }
        }
    }

    /** The recent entries for management subscribers (with a management channel). */
    public Optional<EventRing> ring() {
        return ring;
    }

    /** Records what someone did or tried (an operator action), in the ring, the log and the history store. */
    private void record(String who, String action, String target, String result) {
        LOG.log(result.equals("ok") ? System.Logger.Level.INFO : System.Logger.Level.WARNING, config.node() + ": "
            + who + " " + action + " " + target + ": " + result);
        HistoryEntry.OperatorAction a = new HistoryEntry.OperatorAction(EventRing.now(), who, action, target, result);
        ring.ifPresent(r -> r.add(a));
        actions.accept(a);
    }

    /** Runs {@code work} on the node's loop and waits for it (10 s at most). */
    <T> T onLoop(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not answer within 10 s");
        }
    }

    /** The status as JSON (what {@code status --json} prints). */
    public String statusJson() {
        return onLoop(() -> {
            JsonWriter w = new JsonWriter().pretty(1);
            w.beginObject();
            state.describe(config.node(), role(), encapsulation(), node, transport.topology(), w);
            if (config.router()) {
                // RFC 2205 Appendix C: what this router learned about UDP-only hosts.
                w.beginList("udp_hops");
                transport.udpNeighbours().stream().map(Object::toString).sorted().forEach(a -> w.text(null, a));
                w.endList();
                w.beginList("udp_interfaces");
                transport.udpInterfaces().stream().map(i -> i.name()).sorted().forEach(n -> w.text(null, n));
                w.endList();
            }
            w.endObject();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            w.writeTo(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    private String role() {
        return config.router() ? "router" : "host";
    }

    private String encapsulation() {
        if (config.encapsulation() == DaemonConfig.Encapsulation.UDP) {
            return "UDP, RFC 2205 Appendix C, port 1698";
        }
        if (transport.ipv6()) {
            return "raw IPv6 (protocol 46, hop-by-hop Router Alert)";
        }
        return config.router() ? "raw IP (protocol 46), UDP toward Appendix C hosts" : "raw IP (protocol 46)";
    }

    /**
     * One request from {@code who} (a local user on the control socket, a management client); state-changing
     * commands are recorded with who gave them and their result.
     */
    private String handle(String who, ControlRequest r) {
        if (!r.command().equals("sender") && !r.command().equals("reserve") && !r.command().equals("teardown")
            && !r.command().equals("lsp")) {
            return answer(r);
        }
        String target;
        if (r.command().equals("lsp")) {
            target = r.lspTarget();
        } else {
            try {
                target = r.session().toString();
            } catch (ControlRequest.Refused e) {
                target = r.text("dest", "?") + "/" + r.text("proto", "udp") + "/" + r.text("port", "?");
            }
        }
        try {
            String a = answer(r);
            record(who, r.command(), target, "ok");
            return a;
        } catch (RuntimeException e) {
            record(who, r.command(), target, e.getMessage());
            throw e;
        }
    }

    /** A node runs one address family (decision 0031): an address of the other one is refused, saying so. */
    private void sameFamily(IpAddress a) {
        boolean v6 = transport.ipv6();
        if (a instanceof Ipv6Address != v6) {
            throw new ControlRequest.Refused(a + " is an " + (v6 ? "IPv4" : "IPv6") + " address and this node runs "
                + (v6 ? "IPv6" : "IPv4") + " (its interfaces' addresses); run a second daemon for "
                + (v6 ? "IPv4" : "IPv6") + (v6 ? "" : " (interfaces with an IPv6 'address:')") + " beside it");
        }
    }

    /** One control request (see {@link ControlRequest}); the answer's text, or a UserError's message. */
    private String answer(ControlRequest r) {
        return switch (r.command()) {
            case "status" -> r.flag("json") ? statusJson() : onLoop(() -> state.text(config.node(), role(),
                encapsulation(), node, transport.topology()));
            case "sender" -> sender(r);
            case "reserve" -> reserve(r);
            case "teardown" -> teardown(r);
            case "lsp" -> r.flag("close") ? closeLsp(r) : r.flag("reroute") ? rerouteLsp(r) : openLsp(r);
            default -> throw new ControlRequest.Refused("unknown command '" + r.command() + "'");
        };
    }

    private String sender(ControlRequest r) {
        SessionId id = r.session();
        sameFamily(id.destination());
        int port = r.integer("source-port", id.port(), 0, 65535);
        double rate = r.bits("rate") / 8.0;
        double burst = r.bytes("burst");
        double peak = r.has("peak") ? r.bits("peak") / 8.0 : Double.POSITIVE_INFINITY;
        int min = r.integer("min-unit", 64, 0, 65535);
        int max = r.integer("max-packet", 1500, 1, 65535);
        TrafficSpec tspec;
        try {
            tspec = new TrafficSpec(rate, burst, peak, min, max);
        } catch (IllegalArgumentException e) {
            throw new ControlRequest.Refused("the traffic specification is not valid: " + e.getMessage());
        }
        onLoop(() -> {
            node.sender(id, port, tspec);
            return null;
        });
        String self = node.address() instanceof Ipv6Address ? "[" + node.address() + "]"
            : node.address().toString();
        return "sender " + self + ":" + port + " for session " + id + " announced (Path sent)";
    }

    private String reserve(ControlRequest r) {
        SessionId id = r.session();
        sameFamily(id.destination());
        double bytesPerSecond = r.bits("bandwidth") / 8.0;
        ReservationStyle style = r.style();
        boolean guaranteed = r.text("service", "controlled-load").equals("guaranteed");
        Optional<ControlRequest.SenderFilter> only = r.sender();
        only.ifPresent(s -> sameFamily(s.address()));
        return onLoop(() -> {
            List<SenderAddress> filters = new ArrayList<>();
            Map<SenderAddress, TrafficSpec> paths = node.paths(id);
            if (only.isPresent()) {
                ControlRequest.SenderFilter s = only.get();
                if (s.port() < 0) {
                    paths.keySet().stream().filter(p -> p.address().equals(s.address())).forEach(filters::add);
                    if (filters.isEmpty()) {
                        filters.add(new SenderAddress(s.address(), 0));
                    }
                } else {
                    filters.add(new SenderAddress(s.address(), s.port()));
                }
            } else {
                filters.addAll(paths.keySet());
            }
            if (filters.isEmpty() && style != ReservationStyle.WF) {
                throw new ControlRequest.Refused("no Path for session " + id + " has reached this host yet, so"
                    + " there is no sender to reserve for; start the sender first, give --sender ADDR[:PORT],"
                    + " or use --style WF");
            }
            double bucket = paths.values().stream().mapToDouble(TrafficSpec::bucket).max().orElse(1500);
            TrafficSpec t = TrafficSpec.of(bytesPerSecond, Math.max(bucket, 1));
            FlowRequest f = guaranteed ? FlowRequest.guaranteed(t, bytesPerSecond, 0) : FlowRequest.controlledLoad(t);
            node.reserve(id, style, f, filters, true);
            return "reservation " + style + " " + f.service() + " for session " + id + " requested for "
                + filters.size() + " sender(s)";
        });
    }

    private String teardown(ControlRequest r) {
        SessionId id = r.session();
        sameFamily(id.destination());
        return onLoop(() -> {
            Map<SenderAddress, TrafficSpec> before = node.paths(id);
            List<String> done = new ArrayList<>();
            IpAddress self = node.address();
            for (SenderAddress s : before.keySet()) {
                if (s.address().equals(self)) {
                    node.releaseSender(id, s.port());
                    done.add("sender " + s);
                }
            }
            node.releaseReservation(id);
            done.add("reservation");
            return "torn down for session " + id + ": " + String.join(", ", done);
        });
    }

    /**
     * Opens an LSP from this node as head end (RFC 3209 §4.6, docs/rsvp-te.md): LSP ID 1, RECORD_ROUTE always (the
     * status shows the route), label recording and SE style when asked. An explicit route this node cannot follow
     * or no route to the tail end installs nothing: refused with the node's reason.
     */
    private String openLsp(ControlRequest r) {
        IpAddress to = ControlRequest.address(r.text("to", ""));
        sameFamily(to);
        int tunnel = r.integer("tunnel", -1, 0, 65535);
        if (tunnel < 0) {
            throw new ControlRequest.Refused("'tunnel' is missing");
        }
        double bytesPerSecond = r.bits("bandwidth") / 8.0;
        int setup = r.integer("setup", 7, 0, 7);
        int hold = r.integer("hold", setup, 0, 7);
        List<org.rsvpconsole.engine.api.ExplicitHop> route = r.explicitRoute();
        String name = r.text("name", config.node() + "-t" + tunnel);
        LspRequest req;
        try {
            req = new LspRequest(name, to, tunnel, 1, bytesPerSecond, route, setup, hold, true,
                r.flag("record-labels"), r.flag("se"), false);
        } catch (IllegalArgumentException e) {
            throw new ControlRequest.Refused(e.getMessage());
        }
        return onLoop(() -> {
            if (node.lsps().stream().anyMatch(l -> l.role() == LspView.Role.HEAD && l.id().tailEnd().equals(to)
                && l.id().tunnelId() == tunnel)) {
                throw new ControlRequest.Refused("tunnel " + tunnel + " to " + to + " is already open here; close it"
                    + " first (lsp --close --to " + to + " --tunnel " + tunnel + ")");
            }
            String before = state.lastProblem();
            LspId id;
            try {
                id = node.openLsp(req);
            } catch (IllegalArgumentException e) {
                throw new ControlRequest.Refused(e.getMessage());
            }
            if (node.lsps().stream().noneMatch(l -> l.id().equals(id))) {
                String why = state.lastProblem();
                throw new ControlRequest.Refused("LSP " + id + " not signalled"
                    + (why.equals(before) ? "" : ": " + why));
            }
            return "LSP " + id + " \"" + name + "\" signalled (Path with LABEL_REQUEST sent)";
        });
    }

    /**
     * Make-before-break (RFC 3209 §2.5, §4.6.4): signals the tunnel's next LSP (its newest LSP ID + 1, or
     * {@code lsp-id}) on the new explicit route with the same bandwidth, priorities and flags; the node tears the old
     * LSP down once the new one's Resv has reached it. With SE style the two LSPs share one reservation on the links
     * both routes cross, so nothing is counted twice.
     */
    private String rerouteLsp(ControlRequest r) {
        IpAddress to = ControlRequest.address(r.text("to", ""));
        int tunnel = r.integer("tunnel", -1, 0, 65535);
        if (tunnel < 0) {
            throw new ControlRequest.Refused("'tunnel' is missing");
        }
        List<org.rsvpconsole.engine.api.ExplicitHop> route = r.explicitRoute();
        int asked = r.integer("lsp-id", -1, 1, 65535);
        return onLoop(() -> {
            Optional<LspView> current = node.lsps().stream().filter(l -> l.role() == LspView.Role.HEAD
                && l.id().tailEnd().equals(to) && l.id().tunnelId() == tunnel)
                .max(java.util.Comparator.comparingInt(l -> l.id().lspId()));
            if (current.isEmpty()) {
                throw new ControlRequest.Refused("this node heads no tunnel " + tunnel + " to " + to + " to re-route;"
                    + " open it first with lsp --to " + to + " --tunnel " + tunnel + " -b BPS");
            }
            LspId old = current.get().id();
            int next = asked > 0 ? asked : old.lspId() % 65535 + 1;
            if (node.lsps().stream().anyMatch(l -> l.role() == LspView.Role.HEAD && l.id().tailEnd().equals(to)
                && l.id().tunnelId() == tunnel && l.id().lspId() == next)) {
                throw new ControlRequest.Refused("LSP ID " + next + " of tunnel " + tunnel + " is in use; give"
                    + " another --lsp-id");
            }
            String before = state.lastProblem();
            LspId id;
            try {
                id = node.rerouteLsp(old, next, route);
            } catch (IllegalArgumentException e) {
                throw new ControlRequest.Refused(e.getMessage());
            }
            if (node.lsps().stream().noneMatch(l -> l.id().equals(id))) {
                String why = state.lastProblem();
                throw new ControlRequest.Refused("LSP " + id + " not signalled, LSP ID " + old.lspId() + " stays up"
                    + (why.equals(before) ? "" : ": " + why));
            }
            boolean se = (current.get().flags() & org.rsvpconsole.engine.codec.SessionAttribute.FLAG_SE_STYLE_DESIRED)
                != 0;
            return "LSP " + id + " signalled on the new route; LSP ID " + old.lspId() + " is torn down when its Resv"
                + " arrives (make-before-break" + (se ? ", SE style: shared links reserve once)"
                : "; without SE style the two LSPs each reserve on shared links)");
        });
    }

    /** Tears down every LSP of the tunnel this node heads (PathTear, RFC 3209 §4.6). */
    private String closeLsp(ControlRequest r) {
        IpAddress to = ControlRequest.address(r.text("to", ""));
        sameFamily(to);
        int tunnel = r.integer("tunnel", -1, 0, 65535);
        if (tunnel < 0) {
            throw new ControlRequest.Refused("'tunnel' is missing");
        }
        return onLoop(() -> {
            List<LspId> ids = node.lsps().stream().filter(l -> l.role() == LspView.Role.HEAD
                && l.id().tailEnd().equals(to) && l.id().tunnelId() == tunnel).map(LspView::id).toList();
            if (ids.isEmpty()) {
                throw new ControlRequest.Refused("this node heads no tunnel " + tunnel + " to " + to + "; 'status'"
                    + " lists its LSPs");
            }
            ids.forEach(node::closeLsp);
            return "closed " + ids.size() + " LSP(s) of tunnel " + tunnel + " to " + to + " (PathTear sent)";
        });
    }

    /**
     * Keys' validity is written as time from the start (valid-from, valid-until); the node's clock is the
     * monotonic {@code System.nanoTime()}, whose origin is arbitrary: the times become instants of it here.
     */
    static NeighbourConfig keysFrom(NeighbourConfig n, long startNanos) {
        if (n.integrity().keys().isEmpty()) {
            return n;
        }
        List<NeighbourConfig.IntegrityKey> keys = new ArrayList<>();
        for (NeighbourConfig.IntegrityKey k : n.integrity().keys()) {
            keys.add(new NeighbourConfig.IntegrityKey(k.neighbour(), k.keyId(), k.algorithm(), k.secret(),
                after(startNanos, k.validFromNanos()), after(startNanos, k.validUntilNanos())));
        }
        return n.withIntegrity(new NeighbourConfig.Integrity(keys, n.integrity().handshake()));
    }

    /**
     * {@code start + offset}, the unbounded ends (Long.MIN_VALUE, Long.MAX_VALUE) kept unbounded. No overflow:
     * offsets are at most ten years (the reader's limit), the monotonic clock counts from boot.
     */
    private static long after(long start, long offset) {
        return offset == Long.MIN_VALUE || offset == Long.MAX_VALUE ? offset : start + offset;
    }

    /** The node's state lifetime (K + 0.5) x 1.5 x R (RFC 2205 §3.7): how long a UDP hop stays marked. */
    private record NodeConfigLifetime(DaemonConfig config) {
        long nanos() {
            return config.nodeConfig().lifetimeNanos(config.nodeConfig().refreshPeriodNanos());
        }
    }

    @Override
    public void close() {
        stopManagement(false);
        if (server != null) {
            server.close();
        }
        transport.close();
        loop.close();
    }
}
