package org.rsvpconsole.app.attach;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rsvpconsole.app.daemon.ControlClient;
import org.rsvpconsole.app.daemon.EventRing;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.live.MessageDissector;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.NetworkStateReducer;
import org.rsvpconsole.persistence.jdbc.EntryForm;

/**
 * The console's {@link LiveNetwork} over attached daemons: the topology is the merged view when it opens (one node
 * per daemon, links from their neighbours, capacities from their interfaces); events are the daemons' own, put on
 * one clock (nanoseconds of wall time since the network opened, earlier entries at 0); snapshots come from the
 * same fold the history replay uses ({@link NetworkStateReducer}) over everything received. Reservations become
 * {@code sender} at the sending host's daemon and {@code reserve} at the receiving host's.
 */
public final class AttachedLiveNetwork implements LiveNetwork {

    private final AttachedNetwork net;
    private final TopologyView topology;
    private final long originNanos;
    private final NetworkStateReducer reducer;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<SessionId, ReserveRequest> requested = new ConcurrentHashMap<>();
    private long applied;

    private AttachedLiveNetwork(AttachedNetwork net, TopologyView topology, long originNanos) {
        this.net = net;
        this.topology = topology;
        this.originNanos = originNanos;
        this.reducer = new NetworkStateReducer(NetworkState.EMPTY);
        reducer.apply(++applied, new HistoryEntry.Topology(originNanos, 1, topology));
    }

    /**
     * Attaches to {@code endpoints}, waits up to {@code wait} for all of them, and opens on what is attached.
     *
     * @throws IOException no daemon could be attached within {@code wait}, with the first one's reason
     */
    public static AttachedLiveNetwork open(List<DaemonEndpoint> endpoints, Credentials credentials,
                                           AttachedNetwork.Options options, Duration wait)
        throws IOException, InterruptedException {
        List<HistoryEntry> backlog = new ArrayList<>();
        AttachedLiveNetwork[] self = new AttachedLiveNetwork[1];
        AttachedNetwork.Listener l = (daemon, seq, e) -> {
            synchronized (backlog) {
                if (self[0] == null) {
                    backlog.add(e);
                    return;
                }
            }
            self[0].entry(e);
        };
        AttachedNetwork net = AttachedNetwork.attach(endpoints, credentials, options, l);
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end && !net.model().daemons().stream()
            .allMatch(d -> d.state() == AttachedNetwork.LinkState.ATTACHED)) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        AttachedNetwork.Model m = net.model();
        if (m.daemons().stream().noneMatch(d -> d.state() == AttachedNetwork.LinkState.ATTACHED)) {
            net.close();
            AttachedNetwork.DaemonStatus first = m.daemons().getFirst();
            throw new IOException("no daemon attached within " + wait.toSeconds() + " s: " + first.endpoint() + ": "
                + first.detail());
        }
        AttachedLiveNetwork live = new AttachedLiveNetwork(net, topology(m), EventRing.now());
        synchronized (backlog) {
            for (HistoryEntry e : backlog) {
                live.entry(e);
            }
            self[0] = live;
        }
        return live;
    }

    /** The merged view as the console's topology: attached daemons and the links between them. */
    static TopologyView topology(AttachedNetwork.Model m) {
        List<TopologyView.NodeView> nodes = new ArrayList<>();
        Map<String, AttachedNetwork.Node> byName = new LinkedHashMap<>();
        for (AttachedNetwork.Node n : m.nodes()) {
            if (!n.attached()) {
                continue;
            }
            byName.put(n.name(), n);
            List<IpAddress> addresses = new ArrayList<>();
            for (String a : n.addresses()) {
                Ipv4Address.parse(a).ifPresent(addresses::add);
            }
            nodes.add(new TopologyView.NodeView(n.name(), n.host(), addresses, "attached daemon"));
        }
        List<TopologyView.LinkView> links = new ArrayList<>();
        for (AttachedNetwork.Link l : m.links()) {
            AttachedNetwork.Node a = byName.get(l.a());
            AttachedNetwork.Node b = byName.get(l.b());
            if (a == null || b == null) {
                continue;
            }
            Optional<AttachedNetwork.Port> pa = a.ports().stream().filter(p -> p.name().equals(l.via())).findFirst();
            Optional<AttachedNetwork.Port> pb = b.ports().stream().filter(p -> p.address().equals(l.address()))
                .findFirst();
            if (pa.isEmpty() || pb.isEmpty()) {
                continue;
            }
            links.add(new TopologyView.LinkView(l.a() + "-" + l.b(), l.a(), pa.get().name(), l.b(), pb.get().name(),
                pa.get().reservableBps() / 8.0, pb.get().reservableBps() / 8.0));
        }
        return new TopologyView("attached daemons", m.daemons().size() + " daemon(s) over their management channels",
            nodes, links);
    }

    private synchronized void entry(HistoryEntry e) {
        reducer.apply(++applied, e);
        if (!(e instanceof HistoryEntry.Engine g)) {
            return;
        }
        RsvpEvent event = EntryForm.eventAt(EntryForm.encode(e), Math.max(0, g.atNanos() - originNanos));
        for (EventSink s : sinks) {
            s.accept(event);
        }
    }

    @Override
    public TopologyView topology() {
        return topology;
    }

    @Override
    public void subscribe(EventSink sink) {
        sinks.add(sink);
    }

    /** The attached daemons (their connections' states). */
    public AttachedNetwork attached() {
        return net;
    }

    @Override
    public long nowNanos() {
        return Math.max(0, EventRing.now() - originNanos);
    }

    @Override
    public CompletableFuture<NetworkSnapshot> snapshot() {
        synchronized (this) {
            NetworkState s = reducer.state();
            return CompletableFuture.completedFuture(new NetworkSnapshot(nowNanos(), s.directions(),
                s.nodes().stream().map(NetworkState.NodeState::view).toList()));
        }
    }

    @Override
    public CompletableFuture<AdmissionPreview> preview(ReserveRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("a preview needs the whole"
            + " network's state in one engine; on attached daemons, reserve and watch the answers instead"));
    }

    private Optional<AttachedNetwork.Node> node(String name) {
        return net.model().node(name).filter(AttachedNetwork.Node::attached);
    }

    @Override
    public CompletableFuture<SessionId> reserve(ReserveRequest r) {
        Optional<AttachedNetwork.Node> receiver = node(r.receiverHost());
        if (node(r.senderHost()).isEmpty() || receiver.isEmpty() || receiver.get().addresses().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("sender " + r.senderHost() + " and"
                + " receiver " + r.receiverHost() + " must both be attached daemons with an address"));
        }
        String dest = receiver.get().addresses().getFirst();
        SessionId session = new SessionId(Ipv4Address.parse(dest).orElseThrow(), SessionId.UDP, r.port());
        Map<String, String> sender = new LinkedHashMap<>();
        sender.put("dest", dest);
        sender.put("port", Integer.toString(r.port()));
        sender.put("rate", Long.toString(Math.round(r.tspec().rate() * 8)));
        sender.put("burst", Long.toString(Math.round(r.tspec().bucket())));
        if (Double.isFinite(r.tspec().peak())) {
            sender.put("peak", Long.toString(Math.round(r.tspec().peak() * 8)));
        }
        sender.put("min-unit", Integer.toString(r.tspec().minPoliced()));
        sender.put("max-packet", Integer.toString(r.tspec().maxPacket()));
        return net.commandLater(r.senderHost(), "sender", sender).thenCompose(a -> answered(a))
            .thenCompose(x -> reserveAt(r, dest, r.flow().bandwidth())).thenApply(x -> {
                requested.put(session, r);
                return session;
            });
    }

    private CompletableFuture<Void> reserveAt(ReserveRequest r, String dest, double bytesPerSecond) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("dest", dest);
        f.put("port", Integer.toString(r.port()));
        f.put("bandwidth", Long.toString(Math.round(bytesPerSecond * 8)));
        f.put("style", r.style().name());
        f.put("service", r.flow().service() == ServiceClass.GUARANTEED ? "guaranteed" : "controlled-load");
        Optional<AttachedNetwork.Node> sender = node(r.senderHost());
        if (r.style() != ReservationStyle.WF && sender.isPresent() && !sender.get().addresses().isEmpty()) {
            // The filter named, so the receiver need not wait for the Path to arrive (FF and SE name senders).
            f.put("sender", sender.get().addresses().getFirst() + ":" + r.port());
        }
        return net.commandLater(r.receiverHost(), "reserve", f).thenCompose(AttachedLiveNetwork::answered);
    }

    private static CompletableFuture<Void> answered(ControlClient.Answer a) {
        return a.ok() ? CompletableFuture.completedFuture(null)
            : CompletableFuture.failedFuture(new IllegalStateException(a.text()));
    }

    @Override
    public CompletableFuture<Void> tearDown(SessionId session) {
        Map<String, String> f = Map.of("dest", session.destination().toString(), "port",
            Integer.toString(session.port()), "proto", session.protocol() == 6 ? "tcp" : "udp");
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (AttachedNetwork.Node n : net.model().nodes()) {
            if (n.attached()) {
                all.add(net.commandLater(n.name(), "teardown", f).thenCompose(AttachedLiveNetwork::answered));
            }
        }
        requested.remove(session);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond) {
        ReserveRequest r = requested.get(session);
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("session " + session + " was not"
                + " reserved from this console, so its receiver and style are not known here"));
        }
        return reserveAt(r, session.destination().toString(), bandwidthBytesPerSecond);
    }

    @Override
    public List<DissectedField> dissect(byte[] datagram) {
        return MessageDissector.dissect(datagram);
    }

    @Override
    public void savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        VirtualLiveNetwork.writePcap(file, messages);
    }

    @Override
    public boolean isPaused() {
        return false;
    }

    @Override
    public void close() {
        net.close();
    }
}
