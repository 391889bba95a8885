package org.rsvpconsole.ui.inspector;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.reservations.InterfaceRow;
import org.rsvpconsole.ui.reservations.LabelRow;
import org.rsvpconsole.ui.reservations.LspRow;
import org.rsvpconsole.ui.reservations.LspTableViewModel;
import org.rsvpconsole.ui.reservations.NeighbourRow;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.reservations.SenderRow;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;

/**
 * The inspector: a title, a property sheet (name/value pairs) of whatever is selected, and for an RSVP message event
 * the decoded message as a dissector tree. FX thread only.
 */
public final class InspectorViewModel {

    /** One line of the property sheet, under a category (the sheet groups by it). */
    public record Property(String category, String name, String value) {
    }

    private final LiveNetwork network;
    private final StateTablesViewModel tables;
    private LspTableViewModel lsps;
    /** The LSP shown last and its title, for {@link #refreshLsp}. */
    private LspId shownLsp;
    private String shownLspTitle;
    private final StringProperty title = new SimpleStringProperty("Nothing selected");
    private final ObservableList<Property> properties = FXCollections.observableArrayList();
    private final ObservableList<DissectedField> dissection = FXCollections.observableArrayList();
    private final ObjectProperty<SessionId> session = new SimpleObjectProperty<>();
    /** The table row shown (reservation, sender, interface, neighbour), or null: see {@link #shows}. */
    private Object shownRow;

    public InspectorViewModel(LiveNetwork network, StateTablesViewModel tables) {
        this.network = network;
        this.tables = tables;
    }

    /** Where a node's label table and the LSPs come from (without it the inspector shows no labels). */
    public void setLsps(LspTableViewModel lsps) {
        this.lsps = lsps;
    }

    /**
     * An RSVP-TE LSP: its head end's row, every hop of its recorded route with the label advertised there, every
     * node's label table row, and whether the route taken differs from the explicit route asked for.
     */
    public void showLsp(LspId id) {
        shownRow = null;
        LspRow row = lsps == null ? null : lsps.row(id);
        if (row == null) {
            return;
        }
        String t = "LSP " + row.name() + " (tunnel " + id.tunnelId() + ", LSP " + id.lspId() + ")";
        List<Property> p = lspProperties(id, row);
        shownLsp = id;
        shownLspTitle = t;
        title.set(t);
        if (!p.equals(properties)) {
            properties.setAll(p);
        }
        dissection.clear();
        session.set(null);
    }

    /**
     * Follows new LSP views while the inspector still shows the LSP it showed last (nothing else selected since):
     * its state, labels and route change with make-before-break, preemption and teardown.
     */
    public void refreshLsp() {
        if (shownLsp == null || !title.get().equals(shownLspTitle)) {
            shownLsp = null;
            return;
        }
        if (lsps.row(shownLsp) == null) {
            title.set(shownLspTitle + ": gone");
            shownLsp = null;
            return;
        }
        showLsp(shownLsp);
    }

    private List<Property> lspProperties(LspId id, LspRow row) {
        List<Property> p = new ArrayList<>();
        p.add(new Property("LSP", "name", row.name()));
        p.add(new Property("LSP", "head end", row.head() + " (" + id.headEnd() + ")"));
        p.add(new Property("LSP", "tail end", row.tail() + " (" + id.tailEnd() + ")"));
        p.add(new Property("LSP", "tunnel ID / LSP ID", id.tunnelId() + " / " + id.lspId()));
        p.add(new Property("LSP", "state", row.state()));
        p.add(new Property("LSP", "bandwidth", row.bandwidth()));
        p.add(new Property("LSP", "priorities (setup/hold)", row.priorities()));
        p.add(new Property("LSP", "flags", row.flags()));
        p.add(new Property("LSP", "style", row.style()));
        p.add(new Property("Route", "explicit route", row.explicitRoute()));
        p.add(new Property("Route", "recorded route", row.recordedRoute()));
        String diff = lsps.routeDifference(id);
        p.add(new Property("Route", "explicit vs recorded", diff.isEmpty() ? "the same nodes" : diff));
        List<LspView> views = lsps.views(id);
        LspView head = views.isEmpty() ? null : views.get(0);
        if (head != null) {
            String at = head.node();
            int n = 1;
            for (RecordedHop h : head.recordedRoute()) {
                String next = lsps.nodeName(h.address());
                p.add(new Property("Hops", "hop " + n++, at + " -> " + next + " (" + h.address() + "), "
                    + (h.label() == RecordedHop.NO_LABEL ? "label not recorded" : "label "
                        + LspTableViewModel.label(h.label()))));
                at = next;
            }
        }
        for (LspView v : views) {
            p.add(new Property("Labels", v.node() + " (" + v.role().name().toLowerCase(java.util.Locale.ROOT) + ")",
                lspsLabel(v)));
        }
        return p;
    }

    private String lspsLabel(LspView v) {
        return lsps.labelTable(v.node()).stream().filter(l -> l.lsp().equals(v.id())).findFirst()
            .map(LabelRow::text).orElse("-");
    }

    /**
     * Whether the inspector shows {@code row} (that very row object, shown by one of the row methods and nothing
     * shown since): the console then shows its replacement when a refresh replaces it (decision 0028).
     */
    public boolean shows(Object row) {
        return row != null && row == shownRow;
    }

    /** Empties the inspector. */
    public void clear() {
        shownRow = null;
        title.set("Nothing selected");
        properties.clear();
        dissection.clear();
        session.set(null);
    }

    public void showNode(String name) {
        shownRow = null;
        for (TopologyView.NodeView n : network.topology().nodes()) {
            if (n.name().equals(name)) {
                title.set((n.host() ? "Host " : "Router ") + name);
                List<Property> p = new ArrayList<>();
                p.add(new Property("Node", "name", name));
                p.add(new Property("Node", "kind", n.host() ? "host" : "router"));
                p.add(new Property("Node", "addresses", n.addresses().toString()));
                p.add(new Property("Node", "description", n.description()));
                long resv = tables.reservations().stream().filter(r -> r.node().equals(name)).count();
                long paths = tables.senders().stream().filter(r -> r.node().equals(name)).count();
                p.add(new Property("State", "reservation state blocks", Long.toString(resv)));
                p.add(new Property("State", "path state blocks", Long.toString(paths)));
                tables.interfaces().stream().filter(i -> i.node().equals(name)).forEach(i -> p.add(new Property(
                    "Interfaces", i.interfaceName(), (i.up() ? "" : "DOWN, ") + "to " + i.neighbour() + ", reserved "
                    + i.reserved() + " of " + i.reservable())));
                if (lsps != null) {
                    // The node's label table (RFC 3209 §4.1): in-label/interface -> out-label/interface, next hop.
                    lsps.labelTable(name).forEach(l -> p.add(new Property("Label table", l.lspName() + " (tunnel "
                        + l.lsp().tunnelId() + ", LSP " + l.lsp().lspId() + ", " + l.role() + ")", l.text())));
                }
                properties.setAll(p);
                dissection.clear();
                session.set(null);
            }
        }
    }

    /** A link: per direction its state, bandwidths and reservations. */
    public void showLink(String link, List<LinkDirectionView> directions) {
        shownRow = null;
        title.set("Link " + link);
        List<Property> p = new ArrayList<>();
        for (LinkDirectionView d : directions) {
            String c = d.fromNode() + " -> " + d.toNode();
            p.add(new Property(c, "interface", d.fromInterface()));
            p.add(new Property(c, "state", d.up() ? "up" : "DOWN"));
            p.add(new Property(c, "reservable", Units.rate(d.capacityBytesPerSecond())));
            p.add(new Property(c, "per-flow maximum", Units.rate(d.perFlowMaxBytesPerSecond())));
            p.add(new Property(c, "reserved", Units.rate(d.capacityBytesPerSecond() - d.freeBytesPerSecond())));
            p.add(new Property(c, "free", Units.rate(d.freeBytesPerSecond())));
            p.add(new Property(c, "reservations", Integer.toString(d.reservations().size())));
        }
        if (directions.isEmpty()) {
            p.add(new Property("Link", "state", "no snapshot yet"));
        }
        properties.setAll(p);
        dissection.clear();
        session.set(null);
    }

    /** An interface row of the interfaces table. */
    public void showInterface(InterfaceRow i) {
        shownRow = i;
        title.set("Interface " + i.interfaceName() + " of " + i.node());
        properties.setAll(recordProperties("Interface", i));
        dissection.clear();
        session.set(null);
    }

    /**
     * A neighbour row: its state, and every counter per message type (sent and received), as the node keeps them;
     * during replay the counters are not in the history, and the sheet says so.
     */
    public void showNeighbour(NeighbourRow n) {
        shownRow = n;
        title.set("Neighbour " + n.neighbour() + " of " + n.node());
        List<Property> p = new ArrayList<>();
        p.add(new Property("Neighbour", "node", n.node()));
        p.add(new Property("Neighbour", "neighbour", n.neighbour()));
        p.add(new Property("Neighbour", "interface", n.interfaceName()));
        p.add(new Property("Neighbour", "refresh reduction (RFC 2961)", n.refreshReduction()));
        p.add(new Property("Neighbour", "integrity (RFC 2747)", n.integrity()));
        p.add(new Property("Neighbour", "Hello (RFC 3209)", n.hello()));
        p.add(new Property("Neighbour", "last heard", n.lastHeard()));
        NeighbourView v = n.view();
        if (v == null) {
            String why = tables.replaying() ? StateTablesViewModel.NOT_RECORDED + ": the history holds events, not"
                + " the node's counters; Back to live shows them" : "none: the node runs plain RFC 2205 toward it";
            p.add(new Property("Counters", "counters", why));
            p.add(new Property("Counters", "messages received", n.messagesIn()));
            p.add(new Property("Counters", "integrity failures", Long.toString(n.integrityFailures())));
            p.add(new Property("Counters", "delivery failures", n.deliveryFailures()));
        } else {
            p.add(new Property("Counters", "retransmissions", Long.toString(v.retransmissions())));
            p.add(new Property("Counters", "acks sent", Long.toString(v.acksSent())));
            p.add(new Property("Counters", "acks received", Long.toString(v.acksReceived())));
            p.add(new Property("Counters", "NACKs sent", Long.toString(v.nacksSent())));
            p.add(new Property("Counters", "NACKs received", Long.toString(v.nacksReceived())));
            p.add(new Property("Counters", "Srefresh ids sent", Long.toString(v.srefreshIdsSent())));
            p.add(new Property("Counters", "Srefresh ids received", Long.toString(v.srefreshIdsReceived())));
            p.add(new Property("Counters", "delivery failures", Long.toString(v.deliveryFailures())));
            p.add(new Property("Counters", "unacknowledged", Integer.toString(v.unacknowledged())));
            p.add(new Property("Counters", "integrity failures", Long.toString(v.integrityFailures())));
            p.add(new Property("Counters", "integrity key id", v.integrity() ? Long.toString(v.integrityKeyId())
                : "none"));
            new TreeMap<>(v.sent()).forEach((type, c) -> p.add(new Property("Sent", type, Long.toString(c))));
            new TreeMap<>(v.received()).forEach((type, c) -> p.add(new Property("Received", type,
                Long.toString(c))));
        }
        properties.setAll(p);
        dissection.clear();
        session.set(null);
    }

    /** A sender (path state) row. */
    public void showSender(SenderRow r) {
        shownRow = r;
        title.set("Sender " + r.from() + ":" + r.sourcePort() + " at " + r.node());
        List<Property> p = new ArrayList<>(recordProperties("Sender", r));
        p.addAll(sessionProperties(r.session()));
        properties.setAll(p);
        dissection.clear();
        session.set(r.session());
    }

    /** A reservation row, with its session (how many nodes hold state for it). */
    public void showReservation(ReservationRow r) {
        shownRow = r;
        title.set("Reservation at " + r.node());
        List<Property> p = new ArrayList<>(recordProperties("Reservation", r));
        p.addAll(sessionProperties(r.session()));
        properties.setAll(p);
        dissection.clear();
        session.set(r.session());
    }

    private List<Property> sessionProperties(SessionId s) {
        long resv = tables.reservations().stream().filter(r -> r.session().equals(s)).count();
        long paths = tables.senders().stream().filter(r -> r.session().equals(s)).count();
        return List.of(new Property("Session", "destination", tables.nodeName(s.destination()) + " ("
                + s.destination() + ")"),
            new Property("Session", "protocol", Integer.toString(s.protocol())),
            new Property("Session", "port", Integer.toString(s.port())),
            new Property("Session", "priorities (setup/hold)", network.priorities(s).map(Object::toString)
                .orElse("-")),
            new Property("Session", "nodes with reservation state", Long.toString(resv)),
            new Property("Session", "nodes with path state", Long.toString(paths)));
    }

    public void showEvent(EventRow row) {
        shownRow = null;
        title.set(row.kind() + " at " + row.node());
        properties.setAll(recordProperties(row.kind(), (Record) row.event()));
        session.set(row.session());
        byte[] datagram = row.event() instanceof RsvpEvent.MessageSent s ? s.datagram()
            : row.event() instanceof RsvpEvent.MessageReceived m ? m.datagram() : null;
        dissection.setAll(datagram == null ? List.of() : network.dissect(datagram));
    }

    static List<Property> recordProperties(String category, Record r) {
        List<Property> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                out.add(new Property(category, c.getName(), v instanceof byte[] b ? b.length + " bytes"
                    : String.valueOf(v)));
            } catch (ReflectiveOperationException e) {
                out.add(new Property(category, c.getName(), "?"));
            }
        }
        return out;
    }

    /** Saves the messages of the selected session (as the event log holds them) to a pcap file. */
    public int savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        network.savePcap(file, messages);
        return messages.size();
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObservableList<Property> properties() {
        return properties;
    }

    public ObservableList<DissectedField> dissection() {
        return dissection;
    }

    public ObjectProperty<SessionId> sessionProperty() {
        return session;
    }
}
