package org.rsvpconsole.ui.preemption;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The preemption history: one row per {@link RsvpEvent.Preempted}, newest first. Rows come from the events alone,
 * so replay (which feeds the recorded events) shows the same history. FX thread only.
 */
public final class PreemptionsViewModel {

    /** Rows kept; the oldest go first (the event log and the store keep them all). */
    public static final int MAX_ROWS = 10_000;

    private final ObservableList<PreemptionRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<PreemptionRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No preemptions");
    private final Function<SessionId, String> sessionNames;

    /** Sessions named by their session id. */
    public PreemptionsViewModel() {
        this(SessionId::toString);
    }

    /**
     * @param sessionNames how a row names a preemptor or victim when its event arrives (the console names
     *                     aggregates and their microflows by the Aggregates tab's views)
     */
    public PreemptionsViewModel(Function<SessionId, String> sessionNames) {
        this.sessionNames = sessionNames;
    }

    /** Newest first. */
    public ObservableList<PreemptionRow> rows() {
        return rows;
    }

    /** The row the operator selected, or null; the console selects its victim's session. */
    public ObjectProperty<PreemptionRow> selectedProperty() {
        return selected;
    }

    /** A line over the table: how many preemptions and reductions. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void apply(EventPump.Batch batch) {
        List<PreemptionRow> added = new ArrayList<>();
        for (RsvpEvent e : batch.events()) {
            if (e instanceof RsvpEvent.Preempted p) {
                added.add(0, row(p));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        rows.addAll(0, added);
        if (rows.size() > MAX_ROWS) {
            rows.remove(MAX_ROWS, rows.size());
        }
        long reduced = rows.stream().filter(r -> r.event().partial()).count();
        status.set(rows.size() + (rows.size() == 1 ? " preemption: " : " preemptions: ") + reduced + " reduced"
            + " (RFC 4495), " + (rows.size() - reduced) + " whole");
    }

    /** Forgets the history (replay jumps and a new network). */
    public void reset() {
        rows.clear();
        selected.set(null);
        status.set("No preemptions");
    }

    private PreemptionRow row(RsvpEvent.Preempted p) {
        String time = Units.clockMillis(p.timeNanos());
        return new PreemptionRow(time, p.node(), p.interfaceName(), p.preemptor(), p.victim(),
            sessionNames.apply(p.preemptor()), sessionNames.apply(p.victim()),
            p.preemptionPriority() + "/" + p.defendingPriority(), p.partial() ? "reduced" : "whole",
            Units.rate(p.takenBytesPerSecond()), Units.rate(p.remainingBytesPerSecond()), p.takenBytesPerSecond(),
            p.remainingBytesPerSecond(), p.explanation(), p);
    }
}
