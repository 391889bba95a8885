package org.rsvpconsole.app.attach;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import org.rsvpconsole.app.daemon.ControlClient;
import org.rsvpconsole.app.daemon.ManagementProtocol.Frame;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.jdbc.EntryForm;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Many RSVP daemons attached at once over their management channels, seen as one network: each daemon is a node
 * with its interfaces; the neighbours it reports (previous and next hops) join them into links, and a neighbour
 * that is not attached is a node of its own. Each daemon's entries are numbered; a lost connection is re-made with
 * back-off and resumes after the last number received, so no entry is lost or delivered twice (docs/management.md).
 */
public final class AttachedNetwork implements AutoCloseable {

    /** The state of one daemon's connection. */
    public enum LinkState {
        /** Connecting (first time, or again after a loss). */
        CONNECTING,
        /** Attached and receiving the event stream. */
        ATTACHED,
        /** The connection was lost or could not be made; retrying with back-off. */
        LOST,
        /** The daemon refused us (credentials, role); retrying at the longest back-off. */
        REFUSED,
        /** Closed by us. */
        CLOSED
    }

    /** Receives every entry of every daemon, in each daemon's order, on that daemon's connection thread. */
    public interface Listener {
        void entry(String daemon, long seq, HistoryEntry entry);

        /** A connection changed state. */
        default void state(DaemonStatus status) {
        }
    }

    /**
     * One daemon as the client sees it.
     *
     * @param node        the daemon's node name ("" until first attached)
     * @param lastSeq     the number of the last entry received
     * @param received    entries received since attaching the first time
     * @param attachments how many times the connection was made (1 + reconnections)
     * @param lost        entries the daemon no longer had when we came back (its ring had moved on), or that a
     *                    restart took with it; 0 when nothing was missed
     * @param restarts    times the daemon was found restarted (its numbers began again)
     */
    public record DaemonStatus(DaemonEndpoint endpoint, LinkState state, String node, String detail, long lastSeq,
                               long received, int attachments, long lost, int restarts) {
    }

    /**
     * A node of the merged view: an attached daemon, or a neighbour seen by one.
     *
     * @param host  the daemon runs as an end system (false for routers and for neighbours)
     * @param ports the daemon's RSVP interfaces (none for a neighbour)
     */
    public record Node(String name, boolean attached, List<String> addresses, boolean host, List<Port> ports) {
    }

    /** One RSVP interface of a daemon, with its reservable bandwidth in bits per second. */
    public record Port(String name, String address, long reservableBps) {
    }

    /** Two nodes joined by a neighbour relation ({@code a}'s interface {@code via} faces {@code address}). */
    public record Link(String a, String via, String b, String address) {
    }

    /** The merged view at one moment. */
    public record Model(List<DaemonStatus> daemons, List<Node> nodes, List<Link> links) {

        public Optional<Node> node(String name) {
            return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
        }
    }

    /**
     * Reconnection back-off and the threads that run connections (a test may put them in a network namespace).
     */
    public record Options(Duration minBackoff, Duration maxBackoff, ThreadFactory threads) {
        public static final Options DEFAULT = new Options(Duration.ofMillis(200), Duration.ofSeconds(10),
            Thread.ofPlatform().daemon().name("attach-", 0).factory());
    }

    private final Credentials credentials;
    private final Options options;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Daemon> daemons = new ArrayList<>();

    private AttachedNetwork(List<DaemonEndpoint> endpoints, Credentials credentials, Options options) {
        this.credentials = credentials;
        this.options = options;
        for (DaemonEndpoint e : endpoints) {
            daemons.add(new Daemon(e));
        }
    }

    /** Attaches to every endpoint; connections are made in the background (see {@link #model()}). */
    public static AttachedNetwork attach(List<DaemonEndpoint> endpoints, Credentials credentials, Options options,
                                         Listener... listeners) {
        AttachedNetwork n = new AttachedNetwork(endpoints, credentials, options);
        n.listeners.addAll(List.of(listeners));
        for (Daemon d : n.daemons) {
            d.thread = options.threads().newThread(d::run);
            d.thread.start();
        }
        return n;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** The merged view now. */
    public Model model() {
        List<DaemonStatus> status = new ArrayList<>();
        Map<String, String> owner = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Daemon.View> views = new ArrayList<>();
        for (Daemon d : daemons) {
            Daemon.View v = d.view();
            views.add(v);
            status.add(v.status());
            if (v.status().node().isEmpty()) {
                continue;
            }
            List<Port> ports = List.copyOf(v.interfaces().values());
            nodes.put(v.status().node(), new Node(v.status().node(), true, ports.stream().map(Port::address).toList(),
                v.host(), ports));
            ports.forEach(p -> owner.put(p.address(), v.status().node()));
        }
        Set<Link> links = new LinkedHashSet<>();
        Set<String> pairs = new LinkedHashSet<>();
        for (Daemon.View v : views) {
            String a = v.status().node();
            for (Neighbour n : v.neighbours()) {
                String b = owner.get(n.address());
                if (b == null) {
                    b = n.address();
                    nodes.putIfAbsent(b, new Node(b, false, List.of(b), false, List.of()));
                }
                if (!b.equals(a) && pairs.add(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a)) {
                    links.add(new Link(a, n.interfaceName(), b, n.address()));
                }
            }
        }
        return new Model(status, List.copyOf(nodes.values()), List.copyOf(links));
    }

    /**
     * One command to the daemon whose node is {@code node} (its own connection: hello, command, answer).
     *
     * @throws IOException the node is not attached, or its daemon could not be reached
     */
    public ControlClient.Answer command(String node, String command, Map<String, String> fields) throws IOException {
        for (Daemon d : daemons) {
            if (d.view().status().node().equals(node)) {
                return ManagementClient.ask(d.endpoint, credentials, command, fields);
            }
        }
        throw new IOException("node '" + node + "' is not one of the attached daemons");
    }

    /**
     * {@link #command} on a thread of {@link Options#threads} (so it reaches the daemons from where the connections
     * do), completing with the answer or failing with a {@link java.io.IOException}.
     */
    public java.util.concurrent.CompletableFuture<ControlClient.Answer> commandLater(String node, String command,
                                                                                  Map<String, String> fields) {
        java.util.concurrent.CompletableFuture<ControlClient.Answer> f = new java.util.concurrent.CompletableFuture<>();
        options.threads().newThread(() -> {
            try {
                f.complete(command(node, command, fields));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }).start();
        return f;
    }

    @Override
    public void close() {
        for (Daemon d : daemons) {
            d.close();
        }
        for (Daemon d : daemons) {
            try {
                d.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    record Neighbour(String address, String interfaceName) {
    }

    /** One daemon's connection, run on its own thread; its fields are guarded by the object's lock. */
    private final class Daemon {
        private final DaemonEndpoint endpoint;
        private Thread thread;
        private volatile boolean closed;
        private ManagementClient.Session session;
        private LinkState state = LinkState.CONNECTING;
        private String detail = "";
        private String node = "";
        private String epoch;
        private long lastSeq;
        private long received;
        private int attachments;
        private long lost;
        private int restarts;
        private final Map<String, Port> interfaces = new LinkedHashMap<>();
        private boolean host;
        private final Set<Neighbour> neighbours = new LinkedHashSet<>();

        Daemon(DaemonEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        record View(DaemonStatus status, Map<String, Port> interfaces, Set<Neighbour> neighbours, boolean host) {
        }

        synchronized View view() {
            // Copies in the daemon's order (interfaces as configured, neighbours as seen).
            return new View(status(), new LinkedHashMap<>(interfaces), new LinkedHashSet<>(neighbours), host);
        }

        private DaemonStatus status() {
            return new DaemonStatus(endpoint, state, node, detail, lastSeq, received, attachments, lost, restarts);
        }

        void run() {
            long backoff = options.minBackoff().toMillis();
            while (!closed) {
                boolean refused = false;
                try (ManagementClient.Session s = ManagementClient.open(endpoint, credentials)) {
                    synchronized (this) {
                        session = s;
                    }
                    if (closed) {
                        return;
                    }
                    attached(s.welcome());
                    subscribe(s);
                    backoff = options.minBackoff().toMillis();
                    while (!closed) {
                        Frame f = s.read();
                        if (f.kind().equals("event")) {
                            event(f);
                        }
                    }
                } catch (ManagementClient.Refused r) {
                    refused = r.reason().equals("refused") || r.reason().equals("forbidden");
                    change(refused ? LinkState.REFUSED : LinkState.LOST, r.getMessage());
                } catch (IOException | IllegalArgumentException e) {
                    change(LinkState.LOST, e.getMessage());
                }
                if (closed) {
                    break;
                }
                long wait = refused ? options.maxBackoff().toMillis() : backoff;
                try {
                    Thread.sleep(wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
                } catch (InterruptedException e) {
                    break;
                }
                backoff = Math.min(options.maxBackoff().toMillis(), backoff * 2);
            }
            change(LinkState.CLOSED, "");
        }

        private void attached(ManagementClient.Welcome w) {
            synchronized (this) {
                if (epoch != null && !epoch.equals(w.epoch())) {
                    // A restarted daemon numbers from 1 again; what happened between is not in its ring.
                    restarts++;
                    lastSeq = 0;
                    neighbours.clear();
                }
                epoch = w.epoch();
                node = w.node();
                interfaces.clear();
                readStatus(w.statusJson());
            }
        }

        private void subscribe(ManagementClient.Session s) throws IOException {
            for (int attempt = 0; ; attempt++) {
                long after;
                synchronized (this) {
                    after = lastSeq;
                }
                s.send("subscribe", Map.of("after", Long.toString(after), "epoch", epoch));
                try {
                    s.read();
                    change(LinkState.ATTACHED, "");
                    synchronized (this) {
                        attachments++;
                    }
                    return;
                } catch (ManagementClient.Refused r) {
                    if (attempt > 3 || !(r.reason().equals("gone") || r.reason().equals("restarted"))) {
                        throw r;
                    }
                    synchronized (this) {
                        long first = r.frame().number("first");
                        if (r.reason().equals("restarted") || first < 0) {
                            restarts += r.reason().equals("restarted") ? 1 : 0;
                            lastSeq = 0;
                        } else {
                            lost += first - 1 - lastSeq;
                            lastSeq = first - 1;
                        }
                    }
                }
            }
        }

        private void event(Frame f) throws IOException {
            long seq = f.number("seq");
            HistoryEntry e = EntryForm.decode(f.body());
            synchronized (this) {
                if (seq != lastSeq + 1) {
                    throw new IOException("daemon " + endpoint + " sent entry " + seq + " after " + lastSeq);
                }
                lastSeq = seq;
                received++;
                if (e instanceof HistoryEntry.Engine g) {
                    neighbour(g.event());
                }
            }
            for (Listener l : listeners) {
                l.entry(node, seq, e);
            }
        }

        private void neighbour(RsvpEvent e) {
            switch (e) {
                case RsvpEvent.PathState p when !p.interfaceName().isEmpty() && live(p.change()) ->
                    neighbours.add(new Neighbour(p.previousHop().toString(), p.interfaceName()));
                case RsvpEvent.ResvState r when !r.interfaceName().isEmpty() && live(r.change()) ->
                    neighbours.add(new Neighbour(r.nextHop().toString(), r.interfaceName()));
                case RsvpEvent.NeighbourEvent n when !n.interfaceName().isEmpty() ->
                    neighbours.add(new Neighbour(n.neighbour().toString(), n.interfaceName()));
                default -> {
                }
            }
        }

        private static boolean live(StateChange c) {
            return c == StateChange.INSTALLED || c == StateChange.CHANGED;
        }

        /** Interfaces and neighbours from the welcome's status JSON (JSON is YAML 1.2, so the YAML reader reads it). */
        private void readStatus(String json) {
            Object root;
            try {
                root = new Load(LoadSettings.builder().build()).loadFromString(json);
            } catch (RuntimeException e) {
                return;
            }
            if (!(root instanceof Map<?, ?> m)) {
                return;
            }
            host = "host".equals(m.get("role"));
            for (Map<?, ?> i : maps(m.get("interfaces"))) {
                long bps = i.get("reservable_bps") instanceof Number n ? n.longValue() : 0;
                interfaces.put(String.valueOf(i.get("name")), new Port(String.valueOf(i.get("name")),
                    String.valueOf(i.get("address")), bps));
            }
            for (Map<?, ?> n : maps(m.get("neighbours"))) {
                neighbours.add(new Neighbour(String.valueOf(n.get("address")), String.valueOf(n.get("interface"))));
            }
        }

        private static List<Map<?, ?>> maps(Object list) {
            List<Map<?, ?>> out = new ArrayList<>();
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m) {
                        out.add(m);
                    }
                }
            }
            return out;
        }

        private void change(LinkState s, String why) {
            DaemonStatus now;
            synchronized (this) {
                if (state == s && Objects.equals(detail, why)) {
                    return;
                }
                state = s;
                detail = why == null ? "" : why;
                now = status();
            }
            for (Listener l : listeners) {
                l.state(now);
            }
        }

        void close() {
            closed = true;
            ManagementClient.Session s;
            synchronized (this) {
                s = session;
            }
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // Closing anyway.
                }
            }
            thread.interrupt();
        }
    }
}
