package org.rsvpconsole.ui.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;

/**
 * The pulse benchmark's load: a generated network of {@code routers} routers (a 20-wide grid with wrap-around rows
 * and a few long chords, ~2 links per router), {@code reservations} installed reservations spread over its link
 * directions, and an event stream of {@code eventsPerSecond} events (ResvState refreshes and changes, Path and Resv
 * messages sent and received, an admission failure now and then) produced on its own thread, as the engine's thread
 * would. Snapshots are built on that thread too. It stands in for the engine so the benchmark measures the console
 * alone, at a load that is exactly known.
 */
final class LoadNetwork implements LiveNetwork {

    private static final int WIDTH = 20;
    private static final FlowRequest FLOW = FlowRequest.controlledLoad(TrafficSpec.of(10_000, 200));

    private final TopologyView topology;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-engine");
        t.setDaemon(true);
        return t;
    });
    private final int eventsPerSecond;
    private final long start = System.nanoTime();
    private final Random random = new Random(1);
    /** Per link direction: its reservations (engine thread only after start). */
    private final List<LinkDirectionView> directions = new ArrayList<>();
    private final List<RsvpEvent.ResvState> installed = new ArrayList<>();
    private long sequence;
    private volatile long events;

    LoadNetwork(int routers, int reservations, int eventsPerSecond) {
        this.eventsPerSecond = eventsPerSecond;
        List<TopologyView.NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < routers; i++) {
            nodes.add(new TopologyView.NodeView(name(i), false, List.of(address(i)), "generated router"));
        }
        List<TopologyView.LinkView> links = new ArrayList<>();
        for (int i = 0; i < routers; i++) {
            int right = i % WIDTH == WIDTH - 1 ? i - WIDTH + 1 : i + 1;
            int down = i + WIDTH;
            links.add(link(links.size(), i, right));
            if (down < routers) {
                links.add(link(links.size(), i, down));
            }
            if (i % 37 == 0 && i + 3 * WIDTH + 7 < routers) {
                links.add(link(links.size(), i, i + 3 * WIDTH + 7));
            }
        }
        this.topology = new TopologyView("Generated " + routers + " routers", "pulse benchmark", nodes, links);
        List<List<ReservationView>> per = new ArrayList<>();
        for (int i = 0; i < links.size() * 2; i++) {
            per.add(new ArrayList<>());
        }
        for (int r = 0; r < reservations; r++) {
            int d = r % per.size();
            TopologyView.LinkView l = links.get(d / 2);
            String from = d % 2 == 0 ? l.nodeA() : l.nodeB();
            String to = d % 2 == 0 ? l.nodeB() : l.nodeA();
            SessionId s = session(r);
            per.get(d).add(new ReservationView(s, ReservationStyle.FF, List.of(sender(r)), FLOW, 10_000));
            installed.add(new RsvpEvent.ResvState(0, from, 0, StateChange.INSTALLED, s, ReservationStyle.FF,
                d % 2 == 0 ? "eth0" : "eth1", address(index(to)), List.of(sender(r)), FLOW));
        }
        for (int d = 0; d < per.size(); d++) {
            TopologyView.LinkView l = links.get(d / 2);
            String from = d % 2 == 0 ? l.nodeA() : l.nodeB();
            String to = d % 2 == 0 ? l.nodeB() : l.nodeA();
            double cap = l.capacityAtoB();
            directions.add(new LinkDirectionView(l.name(), from, d % 2 == 0 ? "eth0" : "eth1", to, true, cap, cap,
                cap - per.get(d).size() * 10_000.0, per.get(d)));
        }
    }

    private static String name(int i) {
        return String.format("r%03d", i);
    }

    private static int index(String name) {
        return Integer.parseInt(name.substring(1));
    }

    private static Ipv4Address address(int i) {
        return Ipv4Address.of("10." + (i / 250) + "." + (i % 250) + ".1");
    }

    private static SessionId session(int r) {
        return new SessionId(Ipv4Address.of("172.16." + (r / 250) % 250 + "." + (r % 250 + 1)), SessionId.UDP,
            5000 + r / 62_500);
    }

    private static SenderAddress sender(int r) {
        return new SenderAddress(Ipv4Address.of("192.168." + (r / 250) % 250 + "." + (r % 250 + 1)), 5000);
    }

    private static TopologyView.LinkView link(int n, int a, int b) {
        return new TopologyView.LinkView("link" + n, name(a), "eth" + (n % 4), name(b), "eth" + (n % 4 + 1),
            1.25e9, 1.25e9);
    }

    /** Publishes the installed reservations, then the steady stream, 1/100 of a second's worth every 10 ms. */
    LoadNetwork start() {
        engine.execute(() -> installed.forEach(this::publish));
        int perTick = Math.max(1, eventsPerSecond / 100);
        engine.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                publish(next());
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    long published() {
        return events;
    }

    private RsvpEvent next() {
        long t = nowNanos();
        RsvpEvent.ResvState r = installed.get(random.nextInt(installed.size()));
        int kind = random.nextInt(1000);
        if (kind == 0) {
            return new RsvpEvent.AdmissionFailed(t, r.node(), ++sequence, r.session(), r.interfaceName(), 20_000,
                10_000, 1e9, 2, "interface bandwidth");
        }
        if (kind < 300) {
            return new RsvpEvent.ResvState(t, r.node(), ++sequence, kind < 30 ? StateChange.CHANGED
                : StateChange.INSTALLED, r.session(), r.style(), r.interfaceName(), r.nextHop(), r.senders(),
                r.flowspec());
        }
        String type = kind < 650 ? "Path" : "Resv";
        return kind % 2 == 0
            ? new RsvpEvent.MessageSent(t, r.node(), ++sequence, type, r.session(), r.interfaceName(), r.nextHop(),
                160, new byte[0])
            : new RsvpEvent.MessageReceived(t, r.node(), ++sequence, type, r.session(), r.interfaceName(),
                r.nextHop(), 160, new byte[0]);
    }

    private void publish(RsvpEvent e) {
        events++;
        for (EventSink s : sinks) {
            s.accept(e);
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

    @Override
    public long nowNanos() {
        return System.nanoTime() - start;
    }

    @Override
    public CompletableFuture<NetworkSnapshot> snapshot() {
        return CompletableFuture.supplyAsync(() -> new NetworkSnapshot(nowNanos(), List.copyOf(directions),
            List.of()), engine);
    }

    @Override
    public CompletableFuture<AdmissionPreview> preview(ReserveRequest request) {
        return CompletableFuture.completedFuture(new AdmissionPreview(List.of(), "not in the benchmark"));
    }

    @Override
    public CompletableFuture<SessionId> reserve(ReserveRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("benchmark"));
    }

    @Override
    public CompletableFuture<Void> tearDown(SessionId session) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<DissectedField> dissect(byte[] datagram) {
        return List.of();
    }

    @Override
    public void savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        throw new IOException("not in the benchmark");
    }

    @Override
    public boolean isPaused() {
        return false;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public double speed() {
        return 1;
    }

    @Override
    public void setSpeed(double speed) {
    }

    @Override
    public boolean trafficMix() {
        return true;
    }

    @Override
    public void setTrafficMix(boolean on) {
    }

    @Override
    public void close() {
        engine.shutdownNow();
    }
}
