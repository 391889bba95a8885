package org.rsvpconsole.ui.inspector;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;

/**
 * The inspector: a title, a property sheet (name/value pairs) of whatever is selected, and for an RSVP message event
 * the decoded message as a dissector tree. FX thread only.
 */
public final class InspectorViewModel {

    /** One line of the property sheet. */
    public record Property(String name, String value) {
    }

    private final LiveNetwork network;
    private final StateTablesViewModel tables;
    private final StringProperty title = new SimpleStringProperty("Nothing selected");
    private final ObservableList<Property> properties = FXCollections.observableArrayList();
    private final ObservableList<DissectedField> dissection = FXCollections.observableArrayList();
    private final ObjectProperty<SessionId> session = new SimpleObjectProperty<>();

    public InspectorViewModel(LiveNetwork network, StateTablesViewModel tables) {
        this.network = network;
        this.tables = tables;
    }

    public void showNode(String name) {
        for (TopologyView.NodeView n : network.topology().nodes()) {
            if (n.name().equals(name)) {
                title.set((n.host() ? "Host " : "Router ") + name);
                List<Property> p = new ArrayList<>();
                p.add(new Property("name", name));
                p.add(new Property("kind", n.host() ? "host" : "router"));
                p.add(new Property("addresses", n.addresses().toString()));
                p.add(new Property("description", n.description()));
                long resv = tables.reservations().stream().filter(r -> r.node().equals(name)).count();
                long paths = tables.senders().stream().filter(r -> r.node().equals(name)).count();
                p.add(new Property("reservation state blocks", Long.toString(resv)));
                p.add(new Property("path state blocks", Long.toString(paths)));
                properties.setAll(p);
                dissection.clear();
                session.set(null);
            }
        }
    }

    public void showLink(String link, String description) {
        title.set("Link " + link);
        List<Property> p = new ArrayList<>();
        for (String line : description.split("\n")) {
            p.add(new Property("", line.strip()));
        }
        properties.setAll(p);
        dissection.clear();
        session.set(null);
    }

    public void showReservation(ReservationRow r) {
        title.set("Reservation at " + r.node());
        properties.setAll(recordProperties(r));
        dissection.clear();
        session.set(r.session());
    }

    public void showEvent(EventRow row) {
        title.set(row.kind() + " at " + row.node());
        properties.setAll(recordProperties((Record) row.event()));
        session.set(row.session());
        byte[] datagram = row.event() instanceof RsvpEvent.MessageSent s ? s.datagram()
            : row.event() instanceof RsvpEvent.MessageReceived m ? m.datagram() : null;
        dissection.setAll(datagram == null ? List.of() : network.dissect(datagram));
    }

    static List<Property> recordProperties(Record r) {
        List<Property> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                out.add(new Property(c.getName(), v instanceof byte[] b ? b.length + " bytes" : String.valueOf(v)));
            } catch (ReflectiveOperationException e) {
                out.add(new Property(c.getName(), "?"));
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
