package org.rsvpconsole.engine.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.EroSubobject;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.Label;
import org.rsvpconsole.engine.codec.LabelRequest;
import org.rsvpconsole.engine.codec.LspTunnelSender;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.RroSubobject;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.SessionAttribute;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.RouteLookup;
import org.rsvpconsole.engine.topology.Topology;

/**
 * RSVP-TE (RFC 3209) for one {@link RsvpNode}: explicit-route processing (§4.3.4), label allocation (§4.1),
 * record-route subobjects (§4.4), SESSION_ATTRIBUTE priorities on the RFC 3181 scale the node's admission control
 * uses (§4.7), and the node's LSP views. Runs on the node's thread on its state blocks, like {@link Preemption}.
 */
final class TrafficEngineering {

    /** RFC 3032 §2.1: labels 0 to 15 are reserved. */
    static final long FIRST_LABEL = 16;
    /** The largest 20-bit MPLS label (RFC 3209 §4.1). */
    static final long LAST_LABEL = 1_048_575;
    /** TE priorities 0 (best) to 7 map to RFC 3181's scale, where higher is more important: 7 − p. */
    private static final int WORST = 7;

    private final Node node;
    private final Topology topology;
    private long nextLabel = FIRST_LABEL;
    private long lastLabel = LAST_LABEL;
    /** Labels released, reused lowest first so that a label table stays compact and deterministic. */
    private final java.util.TreeSet<Long> released = new java.util.TreeSet<>();

    /** False over raw IP: the topology's peers are stand-ins, so explicit hops are found through routing. */
    private final boolean neighboursKnown;

    TrafficEngineering(Node node, Topology topology) {
        this(node, topology, true);
    }

    TrafficEngineering(Node node, Topology topology, boolean neighboursKnown) {
        this.node = node;
        this.topology = topology;
        this.neighboursKnown = neighboursKnown;
    }

    // Labels (§4.1) ------------------------------------------------------------------------------------------

    void labelRange(long first, long last) {
        if (first < FIRST_LABEL || last > LAST_LABEL || first > last) {
            throw new IllegalArgumentException("a label range must lie within " + FIRST_LABEL + ".." + LAST_LABEL
                + " (RFC 3032 §2.1 reserves 0..15): " + first + ".." + last);
        }
        nextLabel = first;
        lastLabel = last;
        released.clear();
    }

    /** A free label of this node's (per-platform) label space, or NONE when the range is used up. */
    long allocate() {
        if (!released.isEmpty()) {
            return released.pollFirst();
        }
        if (nextLabel > lastLabel) {
            return LabelEntry.NONE;
        }
        return nextLabel++;
    }

    void release(long label) {
        if (label >= FIRST_LABEL) {
            released.add(label);
        }
    }

    // Explicit routes (§4.3.4) -------------------------------------------------------------------------------

    /** Where an explicit route leads from here: an interface and the route sent on, or the route's end. */
    record Hop(Interface outgoing, List<EroSubobject> onward) {
    }

    /** A route this node cannot follow: the Routing Problem value (§4.3.4) and why, for the PathErr. */
    record Refusal(int value, String reason) {
        RsvpError error() {
            return new RsvpError(ErrorCodes.ROUTING_PROBLEM, value);
        }
    }

    static final int BAD_ERO = 1;
    static final int BAD_STRICT_NODE = 2;
    static final int BAD_LOOSE_NODE = 3;
    static final int BAD_INITIAL_SUBOBJECT = 4;
    static final int NO_ROUTE = 5;
    static final int RRO_LOOP = 7;
    static final int NON_RSVP_ROUTER = 8;
    static final int LABEL_ALLOCATION_FAILURE = 9;
    static final int UNSUPPORTED_L3PID = 10;

    /**
     * Selects the next hop of an explicit route (RFC 3209 §4.3.4). {@code head} is true at the head end, whose
     * route lists the hops after itself; elsewhere the first subobject must contain this node (step 1). Subobjects
     * this node also belongs to are passed (step 3); the end of the route returns a hop with a null interface
     * (step 2: route normally from here). A strict next abstract node must be a neighbour (step 4a); a loose one is
     * reached by routing (step 4b) and the routed path is written into the route as strict hops, so the hops after
     * this one follow what this node chose. The first subobject sent on denotes the next hop (step 5).
     *
     * @return a {@link Hop} or a {@link Refusal}
     */
    Object next(List<EroSubobject> route, boolean head, RouteLookup routing, Interface incoming) {
        for (EroSubobject o : route) {
            if (o instanceof EroSubobject.Unknown u) {
                return new Refusal(BAD_ERO, "subobject type " + u.type() + " is not understood here");
            }
        }
        List<EroSubobject> e = new ArrayList<>(route);
        if (!head) {
            if (e.isEmpty()) {
                return new Refusal(BAD_ERO, "the EXPLICIT_ROUTE has no subobject");
            }
            if (!contains(e.get(0), node)) {
                return new Refusal(BAD_INITIAL_SUBOBJECT, "the first subobject " + describe(e.get(0))
                    + " does not contain " + node.name());
            }
        } else {
            IpAddress self = topology.addressesOf(node).get(0);
            e.add(0, new EroSubobject.IpPrefix(false, self, self.length() * 8));
        }
        while (e.size() > 1 && contains(e.get(1), node)) {
            e.remove(0);
        }
        if (e.size() == 1) {
            return new Hop(null, List.of());
        }
        EroSubobject second = e.get(1);
        List<EroSubobject> rest = e.subList(2, e.size());
        return second.loose() ? loose(second, rest, routing, incoming) : strict(second, rest, routing, incoming);
    }

    /**
     * Step 4a: a strict next abstract node must be adjacent. A neighbour in it is found among the topology's link
     * ends where they are the real neighbours; else (raw IP: stand-ins) through the route toward it, whose next hop
     * (the kernel's gateway, or the address itself on link) must lie in it. Where the neighbours are unknown a
     * route whose gateway is outside it is followed anyway and the node there checks that the first subobject
     * names it (§4.3.4.1 step 1), since a loopback address is behind a gateway of another prefix.
     */
    private Object strict(EroSubobject second, List<EroSubobject> rest, RouteLookup routing, Interface incoming) {
        for (Interface oi : topology.interfacesOf(node)) {
            Interface peer = topology.neighbour(oi);
            if (peer != null && oi != incoming && contains(second, peer.node())) {
                return new Hop(oi, onward(List.of(), second, rest));
            }
        }
        Optional<IpAddress> toward = target(second, routing);
        Optional<Route> r = toward.flatMap(a -> routing.route(node, a));
        if (r.isPresent() && r.get().outgoing() != incoming
            && (within(second, r.get()) || !neighboursKnown && second instanceof EroSubobject.IpPrefix)) {
            return new Hop(r.get().outgoing(), onward(List.of(), second, rest));
        }
        return new Refusal(BAD_STRICT_NODE, "strict hop " + describe(second) + " is not adjacent to " + node.name());
    }

    /**
     * Step 4b: a loose next abstract node is reached by routing, through the node's route lookup (the virtual
     * network's tables, the kernel's routes on a real host) as Path forwarding uses it. The routed path is written
     * into the route as strict hops (the node "may insert" subobjects), each the next hop's address, so the
     * nodes after this one follow what this node chose, and the loose hop becomes strict where the next hop lies in
     * it. Where routing can answer only for this node (raw IP: the kernel's routes are this host's) the expansion
     * is one strict hop, and each node on the way expands the rest in turn.
     */
    private Object loose(EroSubobject second, List<EroSubobject> rest, RouteLookup routing, Interface incoming) {
        Optional<IpAddress> t = target(second, routing);
        if (t.isEmpty()) {
            return new Refusal(BAD_LOOSE_NODE, second instanceof EroSubobject.AsNumber ? "no node of loose hop "
                + describe(second) + " is reachable from " + node.name() : "no node has an address in loose hop "
                + describe(second));
        }
        List<EroSubobject> inserted = new ArrayList<>();
        Node at = node;
        Interface first = null;
        boolean reached = false;
        for (int guard = 0; guard <= topology.nodes().size() && !reached; guard++) {
            Optional<Route> r = routing.route(at, t.get());
            if (r.isEmpty() && at != node) {
                break;
            }
            if (r.isEmpty() || at == node && r.get().outgoing() == incoming) {
                return new Refusal(BAD_LOOSE_NODE, "no route from " + node.name() + " to loose hop "
                    + describe(second) + (r.isEmpty() ? "" : " but back out of " + incoming.name()));
            }
            if (first == null) {
                first = r.get().outgoing();
            }
            reached = within(second, r.get());
            if (!reached) {
                IpAddress via = r.get().nextHopAddress();
                inserted.add(new EroSubobject.IpPrefix(false, via, via.length() * 8));
                at = r.get().nextNode();
            }
        }
        return new Hop(first, onward(inserted, reached ? strictOf(second) : second, rest));
    }

    private static List<EroSubobject> onward(List<EroSubobject> inserted, EroSubobject hop, List<EroSubobject> rest) {
        List<EroSubobject> out = new ArrayList<>(inserted);
        out.add(hop);
        out.addAll(rest);
        return List.copyOf(out);
    }

    private static EroSubobject strictOf(EroSubobject o) {
        return switch (o) {
            case EroSubobject.IpPrefix p -> new EroSubobject.IpPrefix(false, p.address(), p.prefixLength());
            case EroSubobject.AsNumber a -> new EroSubobject.AsNumber(false, a.asNumber());
            case EroSubobject.Unknown u -> u;
        };
    }

    /** Whether a route's next hop lies in the abstract node: its node (where known) or its address does. */
    private boolean within(EroSubobject o, Route r) {
        return neighboursKnown && contains(o, r.nextNode())
            || o instanceof EroSubobject.IpPrefix p && inPrefix(r.nextHopAddress(), p.address(), p.prefixLength());
    }

    /**
     * Where to route for an abstract node: an IPv4/IPv6 prefix's address when some node has it (or, where the
     * nodes are not all known, the address itself); an AS's nearest node of that AS (§4.3.3.4).
     */
    private Optional<IpAddress> target(EroSubobject o, RouteLookup routing) {
        if (o instanceof EroSubobject.IpPrefix p) {
            if (!neighboursKnown) {
                return Optional.of(p.address());
            }
            return owner(o).map(n -> addressIn(n, p));
        }
        if (o instanceof EroSubobject.AsNumber) {
            IpAddress best = null;
            long distance = Long.MAX_VALUE;
            for (Node n : topology.nodes()) {
                if (n != node && contains(o, n) && !topology.addressesOf(n).isEmpty()) {
                    IpAddress a = topology.addressesOf(n).get(0);
                    Optional<Route> r = routing.route(node, a);
                    if (r.isPresent() && r.get().distance() < distance) {
                        distance = r.get().distance();
                        best = a;
                    }
                }
            }
            return Optional.ofNullable(best);
        }
        return Optional.empty();
    }

    /** Whether {@code n} belongs to the abstract node {@code o}: has an address in the prefix, or is in the AS. */
    private boolean contains(EroSubobject o, Node n) {
        if (o instanceof EroSubobject.AsNumber as) {
            return n.asNumber() != Node.NO_AS && n.asNumber() == as.asNumber();
        }
        if (!(o instanceof EroSubobject.IpPrefix p)) {
            return false;
        }
        for (IpAddress a : topology.addressesOf(n)) {
            if (inPrefix(a, p.address(), p.prefixLength())) {
                return true;
            }
        }
        return false;
    }

    /** The node's first address in the prefix (it has one: {@link #contains}), of the prefix's family. */
    private IpAddress addressIn(Node n, EroSubobject.IpPrefix p) {
        for (IpAddress a : topology.addressesOf(n)) {
            if (inPrefix(a, p.address(), p.prefixLength())) {
                return a;
            }
        }
        return topology.addressesOf(n).get(0);
    }

    private Optional<Node> owner(EroSubobject o) {
        for (Node n : topology.nodes()) {
            if (contains(o, n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    static boolean inPrefix(IpAddress a, IpAddress prefix, int length) {
        if (a.length() != prefix.length()) {
            return false;
        }
        byte[] x = a.bytes();
        byte[] y = prefix.bytes();
        for (int i = 0; i < length; i++) {
            int bit = 0x80 >>> (i % 8);
            if ((x[i / 8] & bit) != (y[i / 8] & bit)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(EroSubobject o) {
        return o instanceof EroSubobject.AsNumber as ? "AS " + as.asNumber() : String.valueOf(hop(o));
    }

    // Conversions ----------------------------------------------------------------------------------------------

    static List<EroSubobject> subobjects(List<ExplicitHop> hops) {
        List<EroSubobject> out = new ArrayList<>(hops.size());
        for (ExplicitHop h : hops) {
            out.add(h.address() == null ? new EroSubobject.AsNumber(h.loose(), h.asNumber())
                : new EroSubobject.IpPrefix(h.loose(), h.address(), h.prefixLength()));
        }
        return List.copyOf(out);
    }

    static ExplicitHop hop(EroSubobject o) {
        return switch (o) {
            case EroSubobject.IpPrefix p -> new ExplicitHop(p.address(), p.prefixLength(), -1, p.loose());
            case EroSubobject.AsNumber a -> ExplicitHop.as(a.asNumber(), a.loose());
            case EroSubobject.Unknown u -> null;
        };
    }

    static List<ExplicitHop> hops(List<EroSubobject> route) {
        List<ExplicitHop> out = new ArrayList<>();
        for (EroSubobject o : route == null ? List.<EroSubobject>of() : route) {
            ExplicitHop h = hop(o);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    /** RRO subobjects as hops: a Label subobject belongs to the address before it (§4.4.3). */
    static List<RecordedHop> recorded(List<RroSubobject> rro) {
        List<RecordedHop> out = new ArrayList<>();
        for (RroSubobject o : rro == null ? List.<RroSubobject>of() : rro) {
            if (o instanceof RroSubobject.Address a) {
                out.add(new RecordedHop(a.address(), RecordedHop.NO_LABEL));
            } else if (o instanceof RroSubobject.RecordedLabel l && !out.isEmpty() && l.contents().length() == 4) {
                RecordedHop last = out.remove(out.size() - 1);
                long label = ((long) l.contents().get(0) << 24) | (l.contents().get(1) << 16)
                    | (l.contents().get(2) << 8) | l.contents().get(3);
                out.add(new RecordedHop(last.address(), label));
            }
        }
        return out;
    }

    /** This node's subobjects pushed onto the front of {@code rro} (§4.4.3): its address, then its label. */
    static List<RroSubobject> push(List<RroSubobject> rro, IpAddress address, long label) {
        List<RroSubobject> out = new ArrayList<>();
        out.add(new RroSubobject.Address(address, address.length() * 8, 0));
        if (label != LabelEntry.NONE) {
            out.add(RroSubobject.RecordedLabel.of(0, (int) label));
        }
        if (rro != null) {
            out.addAll(rro);
        }
        return out;
    }

    /** Whether a received RRO names one of this node's addresses: the Path looped (§4.4.3). */
    boolean loops(List<RroSubobject> rro) {
        if (rro == null) {
            return false;
        }
        List<IpAddress> mine = topology.addressesOf(node);
        for (RroSubobject o : rro) {
            if (o instanceof RroSubobject.Address a && mine.contains(a.address())) {
                return true;
            }
        }
        return false;
    }

    static boolean labelRecording(PathStateBlock p) {
        return p.attribute != null && (p.attribute.flags() & SessionAttribute.FLAG_LABEL_RECORDING_DESIRED) != 0;
    }

    static boolean seStyle(PathStateBlock p) {
        return p.attribute != null && (p.attribute.flags() & SessionAttribute.FLAG_SE_STYLE_DESIRED) != 0;
    }

    /** L3PIDs this node carries: IPv4 and IPv6 (RFC 3209 §4.2.4 refuses others with 24/10). */
    static boolean supported(LabelRequest r) {
        return r instanceof LabelRequest.NoRange && (r.l3pid() == LabelRequest.L3PID_IPV4
            || r.l3pid() == LabelRequest.L3PID_IPV6);
    }

    /**
     * The SESSION_ATTRIBUTE priorities as the RFC 3181 element the node's admission control compares (§4.7.1:
     * setup 0 is best, RFC 3181: higher wins), so LSPs preempt and are preempted by the same {@link Preemption}
     * as IntServ reservations: an LSP set up with priority s takes from one holding with priority h when s < h.
     * Without a SESSION_ATTRIBUTE an LSP sets up at 7 and holds at 0 (§4.7.1 defaults): it neither preempts nor is
     * preempted.
     */
    static PreemptionPriority priority(PathStateBlock p) {
        int setup = p.attribute == null ? WORST : p.attribute.setupPriority();
        int hold = p.attribute == null ? 0 : p.attribute.holdingPriority();
        return new PreemptionPriority(0, PreemptionPriority.MERGE_HIGHEST_PRIORITY, PreemptionPriority.ERROR_NONE,
            WORST - setup, WORST - hold);
    }

    // Views ----------------------------------------------------------------------------------------------------

    static LspId id(LspTunnelSession s, LspTunnelSender sender) {
        return new LspId(s.endpoint(), s.tunnelId(), s.extendedTunnelId(), sender.source(), sender.lspId());
    }

    LabelEntry entry(LspId id, PathStateBlock p, boolean downstreamReserved) {
        Interface out = p.outgoing.isEmpty() ? null : p.outgoing.get(0);
        return new LabelEntry(id, p.inLabel, p.incoming == null ? "" : p.incoming.name(),
            downstreamReserved ? p.outLabel : LabelEntry.NONE, out == null ? "" : out.name(),
            out == null ? null : p.outLabelHop != null ? p.outLabelHop : topology.neighbour(out).address());
    }

    LspView view(LspId id, PathStateBlock p, boolean downstreamReserved, ReservationStyle style, boolean up) {
        LspView.Role role = p.local() ? LspView.Role.HEAD : p.localDelivery ? LspView.Role.TAIL
            : LspView.Role.TRANSIT;
        SessionAttribute a = p.attribute;
        List<RecordedHop> rr = p.local() ? recorded(p.resvRecord) : recorded(p.pathRecord);
        return new LspView(id, node.name(), role, a == null ? "" : a.name(), a == null ? WORST : a.setupPriority(),
            a == null ? 0 : a.holdingPriority(), a == null ? 0 : a.flags(), p.apiTspec.rate(),
            hops(p.onwardRoute), rr, entry(id, p, downstreamReserved), style, up);
    }

    static Label label(long l) {
        return new Label((int) l);
    }
}
