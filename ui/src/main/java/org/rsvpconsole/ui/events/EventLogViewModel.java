package org.rsvpconsole.ui.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.ui.common.BatchedList;
import org.rsvpconsole.ui.common.Throttle;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The event log: the newest {@link #CAPACITY} events, filterable by kind, node, session and text, and the selected
 * event, which the map and the inspector follow. FX thread only.
 */
public final class EventLogViewModel {

    public static final int CAPACITY = 20_000;
    /** The kind filter's "everything" value. */
    public static final String ALL_KINDS = "All kinds";
    /** Message events are many; hidden unless asked for, so state changes stand out. */
    public static final String STATE_KINDS = "State and errors";

    private final BatchedList<EventRow> rows = new BatchedList<>();
    private final Throttle<RsvpEvent> throttle = new Throttle<>();
    private final FilteredList<EventRow> filtered = new FilteredList<>(rows);
    private final StringProperty kind = new SimpleStringProperty(STATE_KINDS);
    private final StringProperty node = new SimpleStringProperty("");
    private final StringProperty session = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<EventRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ALL_KINDS, STATE_KINDS,
        "PathState", "ResvState", "Reservation", "AdmissionFailed", "PolicyRejected", "ErrorReceived",
        "ConfirmationReceived", "RouteChanged", "Blockade", "NonRsvpHopDetected", "MessageSent", "MessageReceived",
        "DecodeFailed", "Preempted", "ReductionAnswered", "NeighbourEvent");

    public EventLogViewModel() {
        kind.addListener((o, a, b) -> refilter());
        node.addListener((o, a, b) -> refilter());
        session.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
        refilter();
    }

    public ObservableList<EventRow> rows() {
        return filtered;
    }

    public ObservableList<EventRow> allRows() {
        return rows;
    }

    public ObservableList<String> kinds() {
        return kinds;
    }

    public StringProperty kindProperty() {
        return kind;
    }

    public StringProperty nodeProperty() {
        return node;
    }

    public StringProperty sessionProperty() {
        return session;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<EventRow> selectedProperty() {
        return selected;
    }

    /** Shows only the events of one session (the inspector's and the table's "events of this session"). */
    public void showSession(SessionId s) {
        kind.set(ALL_KINDS);
        session.set(s == null ? "" : s.toString());
    }

    /** Forgets every event and the selection (replay refills the log from the recording). */
    public void reset() {
        selected.set(null);
        rows.clear();
        throttle.clear();
    }

    /** How often the log's rows follow the events (0: every batch); the console redraws its tables 4 times a second. */
    public void setRefreshNanos(long nanos) {
        throttle.setPeriodNanos(nanos);
    }

    public void apply(EventPump.Batch batch) {
        List<RsvpEvent> events = throttle.offer(batch.events(), System.nanoTime());
        if (events.isEmpty()) {
            return;
        }
        List<EventRow> add = new ArrayList<>(events.size());
        for (RsvpEvent e : events) {
            add.add(row(e));
        }
        rows.addAll(add);
        // Drop the oldest tenth at once when full: one shift of the list (and of the filtered views on it) every
        // CAPACITY/10 events instead of one per pulse.
        if (rows.size() > CAPACITY) {
            rows.remove(0, rows.size() - CAPACITY + CAPACITY / 10);
        }
    }

    /** Every message event of a session, for the inspector's dissector and pcap export. */
    public List<RsvpEvent> messagesOf(SessionId s) {
        List<RsvpEvent> out = new ArrayList<>();
        for (EventRow r : rows) {
            if (s.equals(r.session()) && (r.event() instanceof RsvpEvent.MessageSent)) {
                out.add(r.event());
            }
        }
        return out;
    }

    private void refilter() {
        String k = kind.get();
        String n = node.get().trim().toLowerCase(Locale.ROOT);
        String s = session.get().trim();
        String t = text.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(r -> (ALL_KINDS.equals(k) || (STATE_KINDS.equals(k) ? !isMessage(r.kind())
            : r.kind().equals(k)))
            && (n.isEmpty() || r.node().toLowerCase(Locale.ROOT).contains(n))
            && (s.isEmpty() || r.sessionText().equals(s))
            && (t.isEmpty() || r.summary().toLowerCase(Locale.ROOT).contains(t)));
    }

    private static boolean isMessage(String kind) {
        return kind.startsWith("Message");
    }

    /** The log line of one event (also what a Preemptions row shows in the inspector). */
    public static EventRow row(RsvpEvent e) {
        String time = Units.clockMillis(e.timeNanos());
        String kind = e.getClass().getSimpleName();
        return switch (e) {
            case RsvpEvent.PathState p -> new EventRow(time, p.node(), kind, p.session(),
                "Path " + p.change().name().toLowerCase(Locale.ROOT) + " for sender " + p.sender()
                    + (p.interfaceName().isEmpty() ? "" : " on " + p.interfaceName()), e);
            case RsvpEvent.ResvState r -> new EventRow(time, r.node(), kind, r.session(),
                r.style() + " Resv " + r.change().name().toLowerCase(Locale.ROOT) + ", "
                    + Units.rate(r.flowspec().bandwidth())
                    + (r.interfaceName().isEmpty() ? " (local receiver)" : " on " + r.interfaceName()), e);
            case RsvpEvent.Reservation r -> new EventRow(time, r.node(), kind, r.session(),
                "reserved " + Units.rate(r.reservedBytesPerSecond()) + " on " + r.interfaceName() + ", free "
                    + Units.rate(r.freeBytesPerSecond()), e);
            case RsvpEvent.AdmissionFailed a -> new EventRow(time, a.node(), kind, a.session(),
                "admission refused on " + a.interfaceName() + ": asked " + Units.rate(a.requestedBytesPerSecond())
                    + ", free " + Units.rate(a.freeBytesPerSecond()) + " (" + a.reason() + ")", e);
            case RsvpEvent.PolicyRejected p -> new EventRow(time, p.node(), kind, p.session(),
                "policy refused " + p.direction() + ": " + p.reason(), e);
            case RsvpEvent.Blockade b -> new EventRow(time, b.node(), kind, b.session(),
                (b.set() ? "blockade set" : "blockade cleared") + " for " + b.previousHop(), e);
            case RsvpEvent.ConfirmationReceived c -> new EventRow(time, c.node(), kind, c.session(),
                "ResvConf from " + c.confirmingNode() + ": " + Units.rate(c.flowspec().bandwidth()) + " reserved", e);
            case RsvpEvent.ErrorReceived x -> new EventRow(time, x.node(), kind, x.session(),
                x.messageType() + " from " + x.errorNode() + ": " + x.codeName() + " / " + x.valueName(), e);
            case RsvpEvent.NonRsvpHopDetected h -> new EventRow(time, h.node(), kind, h.session(),
                "non-RSVP hop upstream on " + h.interfaceName() + " (Send_TTL " + h.sendTtl() + ", IP TTL "
                    + h.ipTtl() + ")", e);
            case RsvpEvent.RouteChanged r -> new EventRow(time, r.node(), kind, r.session(),
                "route of " + r.sender() + " changed from " + r.oldInterfaces() + " to " + r.newInterfaces(), e);
            case RsvpEvent.MessageSent s -> new EventRow(time, s.node(), kind, s.session(),
                s.messageType() + " sent on " + s.interfaceName() + " to " + s.destination() + " (" + s.length()
                    + " bytes)", e);
            case RsvpEvent.MessageReceived m -> new EventRow(time, m.node(), kind, m.session(),
                m.messageType() + " received on " + m.interfaceName() + " from " + m.source() + " (" + m.length()
                    + " bytes)", e);
            case RsvpEvent.Preempted p -> new EventRow(time, p.node(), kind, p.victim(),
                (p.partial() ? "reduced on " : "preempted on ") + p.interfaceName() + ": " + p.explanation(), e);
            case RsvpEvent.ReductionAnswered r -> new EventRow(time, r.node(), kind, r.session(),
                "answered " + (r.errorValue() == 102 ? "a reduction" : "a preemption") + ": " + r.explanation(), e);
            case RsvpEvent.DecodeFailed d -> new EventRow(time, d.node(), kind, null,
                "undecodable message on " + d.interfaceName() + ": " + d.reason(), e);
            case RsvpEvent.NeighbourEvent n -> new EventRow(time, n.node(), kind, null,
                NeighbourWords.summary(n, String.valueOf(n.neighbour())), e);
            case RsvpEvent.LabelBound l -> new EventRow(time, l.node(), kind, l.session(), labelBound(l), e);
        };
    }

    /**
     * A label binding in operator words (RFC 3209 §4.1): which LSP, what arrives with which label where and leaves
     * with which label where; the head end pushes (no in-label), the tail end's upstream pops (label 3).
     */
    static String labelBound(RsvpEvent.LabelBound l) {
        String what = switch (l.change()) {
            case INSTALLED -> "label bound";
            case CHANGED -> "label binding changed";
            case TIMED_OUT -> "label binding timed out";
            case TORN_DOWN -> "label released";
        };
        String in = l.inLabel() == LabelEntry.NONE ? "head end, no in-label"
            : "in label " + l.inLabel() + (l.inInterface().isEmpty() ? "" : " on " + l.inInterface());
        String out = l.outLabel() == LabelEntry.NONE ? "tail end, no out-label"
            : l.outLabel() == LabelEntry.IMPLICIT_NULL ? "out: pop (next hop advertised implicit null)"
                + (l.outInterface().isEmpty() ? "" : " on " + l.outInterface())
            : "out label " + l.outLabel() + (l.outInterface().isEmpty() ? "" : " on " + l.outInterface());
        LspId id = l.lsp();
        return what + " for LSP " + id.lspId() + " of tunnel " + id.tunnelId() + " from " + id.headEnd() + " to "
            + id.tailEnd() + ": " + in + " -> " + out;
    }
}
