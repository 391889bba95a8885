package org.rsvpconsole.ui.charts;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.live.EventPump;

/**
 * The live charts: reserved bandwidth over time of the selected link (each direction) and of the selected session,
 * and the rate of RSVP messages sent (Path, Resv, others). Sampled from the snapshots the {@link EventPump} already
 * delivers, at most once per second of engine time, keeping the last {@link #WINDOW} samples: no extra engine work
 * and a few dozen points changed per second. FX thread only. X values are engine seconds; Y values kbit/s or
 * messages per second.
 */
public final class ChartsViewModel {

    /** Samples kept per series (five minutes at one a second). */
    public static final int WINDOW = 300;
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final TopologyView topology;
    private final ObjectProperty<String> link = new SimpleObjectProperty<>();
    private final ObjectProperty<SessionId> session = new SimpleObjectProperty<>();
    private final StringProperty linkTitle = new SimpleStringProperty("Select a link on the map");
    private final StringProperty sessionTitle = new SimpleStringProperty("Select a reservation");
    private final XYChart.Series<Number, Number> linkAtoB = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> linkBtoA = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> sessionReserved = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> pathRate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> resvRate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> otherRate = new XYChart.Series<>();
    private long lastSample = Long.MIN_VALUE;
    private long path;
    private long resv;
    private long other;

    public ChartsViewModel(TopologyView topology) {
        this.topology = topology;
        sessionReserved.setName("reserved (largest hop)");
        pathRate.setName("Path");
        resvRate.setName("Resv");
        otherRate.setName("other");
        link.addListener((o, a, b) -> selectLink(b));
        session.addListener((o, a, b) -> {
            sessionReserved.getData().clear();
            sessionTitle.set(b == null ? "Select a reservation" : "Session " + b + ", kbit/s");
        });
    }

    private void selectLink(String name) {
        linkAtoB.getData().clear();
        linkBtoA.getData().clear();
        linkTitle.set("Select a link on the map");
        for (TopologyView.LinkView l : topology.links()) {
            if (l.name().equals(name)) {
                linkAtoB.setName(l.nodeA() + " -> " + l.nodeB());
                linkBtoA.setName(l.nodeB() + " -> " + l.nodeA());
                linkTitle.set("Link " + name + ", reserved kbit/s");
            }
        }
    }

    /** Empties every series and counter (replay refills them from the recording). */
    public void reset() {
        for (XYChart.Series<Number, Number> s : List.of(linkAtoB, linkBtoA, sessionReserved, pathRate, resvRate,
            otherRate)) {
            s.getData().clear();
        }
        lastSample = Long.MIN_VALUE;
        path = 0;
        resv = 0;
        other = 0;
    }

    /** Counts messages and, once per engine second with a fresh snapshot, adds a point to each series. */
    public void apply(EventPump.Batch batch) {
        for (RsvpEvent e : batch.events()) {
            if (e instanceof RsvpEvent.MessageSent s) {
                switch (s.messageType()) {
                    case "Path" -> path++;
                    case "Resv" -> resv++;
                    default -> other++;
                }
            }
        }
        NetworkSnapshot snapshot = batch.snapshot();
        if (snapshot == null || (lastSample != Long.MIN_VALUE && snapshot.timeNanos() - lastSample < SAMPLE_NANOS)) {
            return;
        }
        double x = snapshot.timeNanos() / 1e9;
        if (lastSample != Long.MIN_VALUE) {
            double seconds = (snapshot.timeNanos() - lastSample) / 1e9;
            add(pathRate, x, path / seconds);
            add(resvRate, x, resv / seconds);
            add(otherRate, x, other / seconds);
        }
        path = 0;
        resv = 0;
        other = 0;
        lastSample = snapshot.timeNanos();
        sampleLink(snapshot.directions(), x);
        sampleSession(snapshot.directions(), x);
    }

    private void sampleLink(List<LinkDirectionView> directions, double x) {
        String l = link.get();
        if (l == null) {
            return;
        }
        for (TopologyView.LinkView lv : topology.links()) {
            if (!lv.name().equals(l)) {
                continue;
            }
            for (LinkDirectionView d : directions) {
                if (d.link().equals(l)) {
                    double kbits = (d.capacityBytesPerSecond() - d.freeBytesPerSecond()) * 8 / 1000;
                    add(d.fromNode().equals(lv.nodeA()) ? linkAtoB : linkBtoA, x, kbits);
                }
            }
        }
    }

    private void sampleSession(List<LinkDirectionView> directions, double x) {
        SessionId s = session.get();
        if (s == null) {
            return;
        }
        double most = 0;
        for (LinkDirectionView d : directions) {
            double here = 0;
            for (ReservationView r : d.reservations()) {
                if (r.session().equals(s)) {
                    here += r.reservedBytesPerSecond();
                }
            }
            most = Math.max(most, here);
        }
        add(sessionReserved, x, most * 8 / 1000);
    }

    private static void add(XYChart.Series<Number, Number> series, double x, double y) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        data.add(new XYChart.Data<>(x, y));
        if (data.size() > WINDOW) {
            data.remove(0, data.size() - WINDOW);
        }
    }

    public ObjectProperty<String> linkProperty() {
        return link;
    }

    public ObjectProperty<SessionId> sessionProperty() {
        return session;
    }

    public StringProperty linkTitleProperty() {
        return linkTitle;
    }

    public StringProperty sessionTitleProperty() {
        return sessionTitle;
    }

    /** The selected link's two directions. */
    public List<XYChart.Series<Number, Number>> linkSeries() {
        return List.of(linkAtoB, linkBtoA);
    }

    public XYChart.Series<Number, Number> sessionSeries() {
        return sessionReserved;
    }

    /** Messages sent per second, network-wide: Path, Resv, others. */
    public List<XYChart.Series<Number, Number>> messageSeries() {
        return List.of(pathRate, resvRate, otherRate);
    }
}
