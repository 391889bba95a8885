package org.rsvpconsole.ui.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * What the map shows: the topology, the reservable/reserved bandwidth of each link direction (from the periodic
 * snapshot), the selected node, the highlighted path and the nodes marked by recent errors. FX thread only.
 */
public final class TopologyViewModel {

    private final TopologyView topology;
    private final Map<String, LinkDirectionView> directions = new HashMap<>();
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringProperty selectedNode = new SimpleStringProperty();
    private final ObjectProperty<String> selectedLink = new SimpleObjectProperty<>();
    /** Direction keys ({@link #key}) of the highlighted path, in hop order. */
    private final ObservableList<String> highlighted = FXCollections.observableArrayList();
    /** The session whose path is highlighted, or null. */
    private final ObjectProperty<SessionId> highlightedSession = new SimpleObjectProperty<>();
    /** The highlighted path hop by hop, in order from the sender. */
    private final ObservableList<Hop> path = FXCollections.observableArrayList();
    /** Whether the highlighted session's path has been seen (so its disappearance ends the highlight). */
    private boolean shownOnce;
    /** Nodes where something went wrong recently (admission, policy, timeouts). */
    private final ObservableList<String> troubled = FXCollections.observableArrayList();
    /** The bundle label of the highlighted aggregate ({@link #highlightBundle}), "" for a plain session. */
    private String bundle = "";
    /** The LSP whose recorded route is highlighted, or null (then {@link #highlightedSession} is a session's). */
    private final ObjectProperty<LspId> highlightedLsp = new SimpleObjectProperty<>();
    /** Every node's LSP views from the last pulse that brought them. */
    private List<LspView> lsps = List.of();
    private final Map<IpAddress, String> nodeByAddress = new HashMap<>();
    /** Direction keys ({@link #key}) where a preemption or reduction happened in the last {@link #FLASH_NANOS}. */
    private final ObservableList<String> preempted = FXCollections.observableArrayList();
    /** Per flashing direction, the wall time (ns) its flash ends. */
    private final Map<String, Long> flashEnds = new HashMap<>();
    private LongSupplier wallClock = System::nanoTime;

    /** How long (wall time) a link direction flashes after a preemption on it. */
    public static final long FLASH_NANOS = 3_000_000_000L;

    /**
     * One hop of a highlighted reservation or LSP: the link direction and what the session reserves on it; for an
     * LSP also the label the hop's downstream node advertised (RFC 3209 §4.1), else {@link RecordedHop#NO_LABEL}.
     */
    public record Hop(int number, String link, String fromNode, String toNode, String interfaceName,
                      double reservedBytesPerSecond, long mplsLabel, String bundle) {

        public Hop(int number, String link, String fromNode, String toNode, String interfaceName,
                   double reservedBytesPerSecond) {
            this(number, link, fromNode, toNode, interfaceName, reservedBytesPerSecond, RecordedHop.NO_LABEL);
        }

        public Hop(int number, String link, String fromNode, String toNode, String interfaceName,
                   double reservedBytesPerSecond, long mplsLabel) {
            this(number, link, fromNode, toNode, interfaceName, reservedBytesPerSecond, mplsLabel, "");
        }

        /** The label the map draws on the hop. */
        public String label() {
            return number + ": " + (bundle.isEmpty() ? "" : bundle + ", ")
                + (mplsLabel == RecordedHop.NO_LABEL ? "" : labelText(mplsLabel) + ", ")
                + Units.rate(reservedBytesPerSecond);
        }

        /** An RFC 3175 aggregate's hop: drawn as a bundle (its microflows share it). */
        public boolean isBundle() {
            return !bundle.isEmpty();
        }

        /** An MPLS label as the console writes it: 3 is Implicit NULL, the previous hop pops (RFC 3032 §2.1). */
        public static String labelText(long label) {
            return label == RecordedHop.NO_LABEL ? "-" : label == LabelEntry.IMPLICIT_NULL ? "label 3 (pop)"
                : "label " + label;
        }
    }

    public TopologyViewModel(TopologyView topology) {
        this.topology = topology;
        for (TopologyView.NodeView n : topology.nodes()) {
            n.addresses().forEach(a -> nodeByAddress.put(a, n.name()));
        }
    }

    /**
     * Highlights an RSVP-TE LSP instead of a session: its recorded route hop by hop with each hop's label and the
     * LSP's bandwidth (null clears it). Follows the LSP views of each snapshot; ends when the LSP is gone.
     */
    public void highlightLsp(LspId lsp) {
        shownOnce = false;
        highlightedLsp.set(lsp);
        // Not the tunnel's session: the map's "tear down highlighted" is for IntServ sessions.
        highlightedSession.set(null);
        bundle = "";
        recomputePath();
    }

    /** The LSP whose route is highlighted, or null. */
    public ObjectProperty<LspId> highlightedLspProperty() {
        return highlightedLsp;
    }

    /**
     * The hops of {@code lsp} from its head end: the head end's RECORD_ROUTE (§4.4.3: each address is the
     * interface of the next node, with the label it advertised); without one (no recording asked), the label
     * table rows followed from node to node by their outgoing interfaces.
     */
    List<Hop> lspHops(LspId lsp) {
        Map<String, LspView> byNode = new HashMap<>();
        LspView head = null;
        for (LspView v : lsps) {
            if (v.id().equals(lsp)) {
                byNode.put(v.node(), v);
                if (v.role() == LspView.Role.HEAD) {
                    head = v;
                }
            }
        }
        if (head == null || !head.up()) {
            return List.of();
        }
        List<Hop> out = new ArrayList<>();
        String at = head.node();
        if (!head.recordedRoute().isEmpty()) {
            for (RecordedHop r : head.recordedRoute()) {
                String next = nodeByAddress.get(r.address());
                LinkDirectionView d = next == null ? null : directionBetween(at, next);
                if (d == null) {
                    break;
                }
                out.add(new Hop(out.size() + 1, d.link(), at, next, d.fromInterface(), head.bandwidthBytesPerSecond(),
                    r.label()));
                at = next;
            }
            return out;
        }
        Set<String> seen = new HashSet<>();
        LspView v = head;
        while (v != null && seen.add(v.node()) && !v.labels().outInterface().isEmpty()) {
            LinkDirectionView d = leaving(v.node(), v.labels().outInterface());
            if (d == null) {
                break;
            }
            out.add(new Hop(out.size() + 1, d.link(), d.fromNode(), d.toNode(), d.fromInterface(),
                head.bandwidthBytesPerSecond(), v.labels().outLabel()));
            v = byNode.get(d.toNode());
        }
        return out;
    }

    private LinkDirectionView directionBetween(String from, String to) {
        for (LinkDirectionView d : directions.values()) {
            if (d.fromNode().equals(from) && d.toNode().equals(to)) {
                return d;
            }
        }
        return null;
    }

    private LinkDirectionView leaving(String fromNode, String fromInterface) {
        for (LinkDirectionView d : directions.values()) {
            if (d.fromNode().equals(fromNode) && d.fromInterface().equals(fromInterface)) {
                return d;
            }
        }
        return null;
    }

    /** Highlights where {@code session} is reserved, hop by hop (null clears the highlight). */
    public void highlight(SessionId session) {
        highlight(session, "");
    }

    /**
     * Highlights an RFC 3175 aggregate's reservation as a bundle: each hop drawn thick and labelled with
     * {@code bundle} (its name and DSCP) before the bandwidth the aggregate reserves there.
     */
    public void highlightBundle(SessionId aggregate, String bundle) {
        highlight(aggregate, bundle == null ? "" : bundle);
    }

    private void highlight(SessionId session, String bundleLabel) {
        bundle = session == null ? "" : bundleLabel;
        shownOnce = false;
        highlightedLsp.set(null);
        highlightedSession.set(session);
        recomputePath();
    }

    public ObjectProperty<SessionId> highlightedSessionProperty() {
        return highlightedSession;
    }

    public ObservableList<Hop> path() {
        return path;
    }

    /** The hop of the highlighted path on a direction, or null. */
    public Hop hop(String link, String fromNode) {
        for (Hop h : path) {
            if (h.link().equals(link) && h.fromNode().equals(fromNode)) {
                return h;
            }
        }
        return null;
    }

    private void recomputePath() {
        SessionId session = highlightedSession.get();
        LspId lsp = highlightedLsp.get();
        List<Hop> hops = lsp != null ? lspHops(lsp) : session == null ? List.of() : hops(session);
        if (hops.isEmpty() && shownOnce) {
            // The highlighted reservation has ended: the highlight ends with it, so a later reservation that reuses
            // the session (the traffic mix's next round) is not drawn as if it were still the one selected.
            shownOnce = false;
            highlightedLsp.set(null);
            highlightedSession.set(null);
            bundle = "";
        }
        shownOnce |= !hops.isEmpty();
        if (!hops.equals(path)) {
            path.setAll(hops);
            highlighted.setAll(hops.stream().map(h -> key(h.link(), h.fromNode())).toList());
        }
    }

    /** The directions {@code session} is reserved on, ordered from the sender's side (breadth first). */
    List<Hop> hops(SessionId session) {
        Map<String, List<LinkDirectionView>> byFrom = new LinkedHashMap<>();
        Map<LinkDirectionView, Double> reserved = new HashMap<>();
        Set<String> targets = new HashSet<>();
        for (LinkDirectionView d : directions.values()) {
            double sum = 0;
            boolean on = false;
            for (ReservationView r : d.reservations()) {
                if (r.session().equals(session)) {
                    on = true;
                    sum += r.reservedBytesPerSecond();
                }
            }
            if (on) {
                byFrom.computeIfAbsent(d.fromNode(), k -> new ArrayList<>()).add(d);
                reserved.put(d, sum);
                targets.add(d.toNode());
            }
        }
        List<String> starts = byFrom.keySet().stream().filter(n -> !targets.contains(n)).sorted().toList();
        ArrayDeque<String> queue = new ArrayDeque<>(starts.isEmpty() ? byFrom.keySet().stream().sorted().limit(1)
            .toList() : starts);
        List<Hop> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (!seen.add(at)) {
                continue;
            }
            for (LinkDirectionView d : byFrom.getOrDefault(at, List.of())) {
                out.add(new Hop(out.size() + 1, d.link(), d.fromNode(), d.toNode(), d.fromInterface(),
                    reserved.get(d), RecordedHop.NO_LABEL, bundle));
                queue.add(d.toNode());
            }
        }
        return out;
    }

    /** Both directions of a link as the last snapshot showed them (those known so far). */
    public List<LinkDirectionView> directionsOf(String link) {
        List<LinkDirectionView> out = new ArrayList<>();
        for (TopologyView.LinkView l : topology.links()) {
            if (l.name().equals(link)) {
                for (String from : List.of(l.nodeA(), l.nodeB())) {
                    LinkDirectionView d = direction(link, from);
                    if (d != null) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    /** The sessions reserved on either direction of a link, for the map's context menu. */
    public List<ReservationView> reservationsOn(String link) {
        Map<SessionId, ReservationView> out = new LinkedHashMap<>();
        for (TopologyView.LinkView l : topology.links()) {
            if (l.name().equals(link)) {
                for (String from : List.of(l.nodeA(), l.nodeB())) {
                    LinkDirectionView d = direction(link, from);
                    if (d != null) {
                        d.reservations().forEach(r -> out.putIfAbsent(r.session(), r));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    public TopologyView topology() {
        return topology;
    }

    /** The key of one direction of a link: the link's name and the node it leaves. */
    public static String key(String link, String fromNode) {
        return link + ">" + fromNode;
    }

    public IntegerProperty revisionProperty() {
        return revision;
    }

    public StringProperty selectedNodeProperty() {
        return selectedNode;
    }

    public ObjectProperty<String> selectedLinkProperty() {
        return selectedLink;
    }

    public ObservableList<String> highlighted() {
        return highlighted;
    }

    public ObservableList<String> troubled() {
        return troubled;
    }

    public LinkDirectionView direction(String link, String fromNode) {
        return directions.get(key(link, fromNode));
    }

    /** Forgets link state and trouble marks (replay); the next snapshot redraws the map. */
    public void reset() {
        directions.clear();
        lsps = List.of();
        troubled.clear();
        flashEnds.clear();
        preempted.clear();
        recomputePath();
        revision.set(revision.get() + 1);
    }

    public void apply(EventPump.Batch batch) {
        flash(batch.events());
        if (batch.lsps() != null) {
            lsps = batch.lsps();
            if (batch.snapshot() == null && highlightedLsp.get() != null) {
                recomputePath();
            }
        }
        if (batch.snapshot() != null) {
            for (LinkDirectionView d : batch.snapshot().directions()) {
                directions.put(key(d.link(), d.fromNode()), d);
            }
            recomputePath();
            revision.set(revision.get() + 1);
        }
    }

    /** Reserved share of a direction, 0..1 (0 when unknown or without capacity). */
    public double utilisation(String link, String fromNode) {
        LinkDirectionView d = direction(link, fromNode);
        if (d == null || d.capacityBytesPerSecond() <= 0) {
            return 0;
        }
        return Math.clamp((d.capacityBytesPerSecond() - d.freeBytesPerSecond()) / d.capacityBytesPerSecond(), 0, 1);
    }

    /** What hovering a link shows: per direction its reservable, reserved and free bandwidth and its reservations. */
    public String describeLink(String link) {
        StringBuilder b = new StringBuilder(link);
        for (TopologyView.LinkView l : topology.links()) {
            if (!l.name().equals(link)) {
                continue;
            }
            for (String from : List.of(l.nodeA(), l.nodeB())) {
                LinkDirectionView d = direction(link, from);
                b.append('\n').append(from).append(" -> ").append(from.equals(l.nodeA()) ? l.nodeB() : l.nodeA());
                if (d == null) {
                    b.append(": no data yet");
                    continue;
                }
                b.append(d.up() ? "" : " (DOWN)").append(": reservable ").append(Units.rate(d.capacityBytesPerSecond()))
                    .append(", reserved ").append(Units.rate(d.capacityBytesPerSecond() - d.freeBytesPerSecond()))
                    .append(", free ").append(Units.rate(d.freeBytesPerSecond()))
                    .append(", ").append(d.reservations().size()).append(" reservations");
                int shown = 0;
                for (ReservationView r : d.reservations()) {
                    if (shown++ == 5) {
                        b.append("\n    ...");
                        break;
                    }
                    b.append("\n    ").append(r.session()).append(' ').append(r.style()).append(' ')
                        .append(Units.rate(r.reservedBytesPerSecond()));
                }
            }
        }
        return b.toString();
    }

    /** The clock the flashes are timed by (wall time, ns); tests give their own. */
    public void setWallClock(LongSupplier clock) {
        this.wallClock = clock;
    }

    /**
     * Direction keys flashing because a preemption or reduction happened there (RFC 3181, RFC 4495): the map
     * draws them in their own colour for {@link #FLASH_NANOS} of wall time after the event arrived.
     */
    public ObservableList<String> preempted() {
        return preempted;
    }

    /** Marks the directions of this pulse's preemptions and ends the flashes whose time is up (every pulse). */
    private void flash(List<RsvpEvent> events) {
        long now = wallClock.getAsLong();
        for (RsvpEvent e : events) {
            if (e instanceof RsvpEvent.Preempted p) {
                String key = leavingKey(p.node(), p.interfaceName());
                if (key != null) {
                    flashEnds.put(key, now + FLASH_NANOS);
                    if (!preempted.contains(key)) {
                        preempted.add(key);
                    }
                }
            }
        }
        if (!flashEnds.isEmpty()) {
            flashEnds.values().removeIf(end -> end - now <= 0);
            preempted.retainAll(flashEnds.keySet());
        }
    }

    /** The direction leaving {@code node} by {@code interfaceName}, from the topology, or null. */
    private String leavingKey(String node, String interfaceName) {
        for (TopologyView.LinkView l : topology.links()) {
            if (l.nodeA().equals(node) && l.interfaceA().equals(interfaceName)) {
                return key(l.name(), l.nodeA());
            }
            if (l.nodeB().equals(node) && l.interfaceB().equals(interfaceName)) {
                return key(l.name(), l.nodeB());
            }
        }
        return null;
    }

    /** Marks a node as the place of a recent problem (the map shows it until {@link #clearTrouble}). */
    public void markTrouble(String node) {
        if (!troubled.contains(node)) {
            troubled.add(node);
        }
    }

    public void clearTrouble() {
        troubled.clear();
    }
}
