package org.rsvpconsole.engine.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.time.PacedVirtualTime;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.time.WallClock;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.RoutingTable;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.virtualnet.RsvpNetwork;

/**
 * The console's embedded network: an {@link RsvpNetwork} on a {@link PacedVirtualTime} (its own simulation thread,
 * real time by default), optionally driven by a {@link TrafficMix}. Every call from outside is posted to the
 * simulation thread; nothing here blocks the caller.
 */
public final class VirtualLiveNetwork implements LiveNetwork {

    private final Topology topology;
    private final TopologyView view;
    private final PacedVirtualTime clock;
    private final RsvpNetwork network;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    /** What each receiver asked for, to change its bandwidth in place. Simulation thread only. */
    private final Map<SessionId, Reservation> reservations = new HashMap<>();
    private final TrafficMix mix;
    /** Priorities of the sessions the traffic mix reserved; written on the simulation thread, read anywhere. */
    private final Map<SessionId, SessionPriorities> priorities = new ConcurrentHashMap<>();
    private volatile boolean mixOn;

    private record Reservation(String receiver, ReservationStyle style, FlowRequest flow,
                               List<SenderAddress> filters) {
    }

    /**
     * @param mix       the traffic mix to run, or null for none
     * @param speed     virtual seconds per wall second (1 = real time)
     * @param failures  receives exceptions of engine tasks (the engine goes on)
     */
    public VirtualLiveNetwork(Topology topology, TrafficMix.Plan mix, double speed, long seed,
                              Consumer<Throwable> failures) {
        this(topology, mix, speed, seed, NodeConfig.DEFAULT, failures);
    }

    /** As above, every node with {@code config} (e.g. another refresh period R, for the pulse benchmark). */
    public VirtualLiveNetwork(Topology topology, TrafficMix.Plan mix, double speed, long seed, NodeConfig config,
                              Consumer<Throwable> failures) {
        this.topology = topology;
        this.view = TopologyViews.of(topology);
        VirtualTime time = new VirtualTime();
        this.clock = new PacedVirtualTime(time, WallClock.system(), speed, failures);
        this.network = new RsvpNetwork(topology, time, seed, n -> config, PolicyControl.ACCEPT_ALL, this::publish);
        this.mix = mix == null ? null : new TrafficMix(mix, this, time);
        this.mixOn = mix != null;
    }

    /** Starts the simulation thread (and the traffic mix). */
    public VirtualLiveNetwork start() {
        clock.start("rsvp-virtual-network");
        if (mix != null) {
            clock.post(mix::start);
        }
        return this;
    }

    /**
     * Starts the traffic mix without the simulation thread, for tests that run the virtual clock themselves.
     *
     * @return the clock to run
     */
    VirtualTime startUnpaced() {
        if (mix != null) {
            mix.start();
        }
        return clock.time();
    }

    private void publish(RsvpEvent e) {
        for (EventSink s : sinks) {
            s.accept(e);
        }
    }

    RsvpNetwork network() {
        return network;
    }

    @Override
    public TopologyView topology() {
        return view;
    }

    @Override
    public void subscribe(EventSink sink) {
        sinks.add(sink);
    }

    @Override
    public long nowNanos() {
        return clock.virtualNowNanos();
    }

    @Override
    public CompletableFuture<NetworkSnapshot> snapshot() {
        return clock.submit(() -> new NetworkSnapshot(clock.time().nowNanos(), network.linkDirections(),
            network.nodeStates(), network.neighbourViews(), network.aggregates()));
    }

    @Override
    public CompletableFuture<List<LspView>> lsps() {
        return clock.submit(network::lsps);
    }

    @Override
    public CompletableFuture<AdmissionPreview> preview(ReserveRequest request) {
        return clock.submit(() -> preview(request, network.linkDirections()));
    }

    AdmissionPreview preview(ReserveRequest request, List<LinkDirectionView> directions) {
        Optional<Node> from = topology.node(request.senderHost());
        Optional<Node> to = topology.node(request.receiverHost());
        if (from.isEmpty() || to.isEmpty()) {
            return new AdmissionPreview(List.of(), "no node named "
                + (from.isEmpty() ? request.senderHost() : request.receiverHost()));
        }
        RoutingTable routing = network.virtualNetwork().routing();
        double requested = request.flow().bandwidth();
        List<AdmissionPreview.Hop> hops = new ArrayList<>();
        Node at = from.get();
        int guard = topology.nodes().size();
        while (!at.equals(to.get())) {
            Optional<Route> r = routing.route(at, to.get());
            if (r.isEmpty() || guard-- == 0) {
                return new AdmissionPreview(hops, "no route from " + at.name() + " to " + to.get().name());
            }
            Route route = r.get();
            Link link = topology.link(route.outgoing());
            LinkDirectionView d = find(directions, link.name(), at.name());
            String reason = "";
            if (!d.up()) {
                reason = "link " + link.name() + " is down";
            } else if (request.flow().service() == ServiceClass.GUARANTEED
                && request.flow().rate() < request.tspec().rate()) {
                reason = "Guaranteed rate R is below the token rate r";
            } else if (requested > d.perFlowMaxBytesPerSecond()) {
                reason = "more than the per-flow maximum of the interface";
            } else if (requested > d.freeBytesPerSecond()) {
                reason = "not enough free bandwidth";
            }
            hops.add(new AdmissionPreview.Hop(at.name(), route.outgoing().name(), link.name(), route.nextNode().name(),
                d.up(), requested, d.freeBytesPerSecond(), d.perFlowMaxBytesPerSecond(), reason));
            at = route.nextNode();
        }
        return new AdmissionPreview(hops, "");
    }

    private static LinkDirectionView find(List<LinkDirectionView> all, String link, String fromNode) {
        for (LinkDirectionView v : all) {
            if (v.link().equals(link) && v.fromNode().equals(fromNode)) {
                return v;
            }
        }
        throw new IllegalStateException("no direction of " + link + " from " + fromNode);
    }

    @Override
    public CompletableFuture<SessionId> reserve(ReserveRequest request) {
        return clock.submit(() -> {
            SessionId session = new SessionId(network.node(request.receiverHost()).address(), SessionId.UDP,
                request.port());
            startSender(request.senderHost(), session, request.port(), request.tspec());
            if (request.priorities().isPresent()) {
                // RFC 3181: the receiver's Resv carries the priorities as a PREEMPTION_PRI element.
                network.node(request.receiverHost()).priorities(session, request.priorities().get(), List.of());
                prioritise(session, request.priorities().get());
            }
            SenderAddress sender = new SenderAddress(network.node(request.senderHost()).address(), request.port());
            List<SenderAddress> filters = request.style() == ReservationStyle.WF ? List.of() : List.of(sender);
            // Path must reach the receiver before its Resv can match a sender (RFC 2205 §3.1.4): reserve after
            // the path has had time to travel, as a receiver application would once it sees the Path upcall.
            clock.time().schedule(50_000_000L, () -> reserveAt(request.receiverHost(), session, request.style(),
                request.flow(), filters));
            return session;
        });
    }

    void startSender(String host, SessionId session, int port, TrafficSpec tspec) {
        network.sender(host, session, port, tspec);
    }

    void reserveAt(String receiver, SessionId session, ReservationStyle style, FlowRequest flow,
                   List<SenderAddress> filters) {
        network.openReceiver(receiver, session);
        network.reserve(receiver, session, style, flow, filters, true);
        reservations.put(session, new Reservation(receiver, style, flow, filters));
    }

    void prioritise(SessionId session, SessionPriorities p) {
        priorities.put(session, p);
    }

    @Override
    public Optional<SessionPriorities> priorities(SessionId session) {
        return Optional.ofNullable(priorities.get(session));
    }

    void releaseAt(String receiver, SessionId session) {
        network.releaseReservation(receiver, session);
        reservations.remove(session);
        priorities.remove(session);
    }

    @Override
    public CompletableFuture<Void> tearDown(SessionId session) {
        return clock.submit(() -> {
            Optional<Node> receiver = topology.ownerOf(session.destination());
            if (receiver.isPresent() && receiver.get().isHost()) {
                RsvpNode rn = network.node(receiver.get().name());
                Map<SenderAddress, TrafficSpec> senders = rn.paths(session);
                network.releaseReservation(receiver.get().name(), session);
                reservations.remove(session);
                priorities.remove(session);
                for (SenderAddress s : senders.keySet()) {
                    Optional<Node> host = topology.ownerOf(s.address());
                    if (host.isPresent() && host.get().isHost()) {
                        network.releaseSender(host.get().name(), session, s.port());
                    }
                }
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond) {
        return clock.submit(() -> {
            Reservation r = reservations.get(session);
            if (r == null) {
                throw new IllegalArgumentException("no reservation of " + session + " made here to change");
            }
            FlowRequest old = r.flow();
            FlowRequest changed = old.service() == ServiceClass.GUARANTEED
                ? FlowRequest.guaranteed(withRate(old.tspec(), Math.min(old.tspec().rate(), bandwidthBytesPerSecond)),
                    bandwidthBytesPerSecond, old.slackMicros())
                : FlowRequest.controlledLoad(withRate(old.tspec(), bandwidthBytesPerSecond));
            network.reserve(r.receiver(), session, r.style(), changed, r.filters(), true);
            reservations.put(session, new Reservation(r.receiver(), r.style(), changed, r.filters()));
            return null;
        });
    }

    private static TrafficSpec withRate(TrafficSpec t, double rate) {
        return new TrafficSpec(rate, t.bucket(), Math.max(t.peak(), rate), t.minPoliced(), t.maxPacket());
    }

    @Override
    public List<DissectedField> dissect(byte[] datagram) {
        return MessageDissector.dissect(datagram);
    }

    @Override
    public void savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        writePcap(file, messages);
    }

    /** The datagrams of {@code messages} with their event times, as a pcap file (any network's events). */
    public static void writePcap(Path file, List<RsvpEvent> messages) throws IOException {
        try (PcapWriter w = PcapWriter.create(file)) {
            for (RsvpEvent e : messages) {
                byte[] datagram = e instanceof RsvpEvent.MessageSent s ? s.datagram()
                    : e instanceof RsvpEvent.MessageReceived r ? r.datagram() : null;
                if (datagram != null) {
                    w.writePacket(Instant.EPOCH.plusNanos(e.timeNanos()), datagram);
                }
            }
        }
    }

    /** The address a node is known by (its first address). */
    IpAddress addressOf(String node) {
        return network.node(node).address();
    }

    @Override
    public boolean isPaused() {
        return clock.isPaused();
    }

    @Override
    public void pause() {
        clock.pause();
    }

    @Override
    public void resume() {
        clock.resume();
    }

    @Override
    public double speed() {
        return clock.speed();
    }

    @Override
    public void setSpeed(double speed) {
        clock.setSpeed(speed);
    }

    @Override
    public boolean trafficMix() {
        return mixOn;
    }

    @Override
    public void setTrafficMix(boolean on) {
        mixOn = on && mix != null;
    }

    @Override
    public void close() {
        try {
            clock.close();
        } catch (RuntimeException e) {
            // Closing must never fail the exit path.
        }
    }
}
