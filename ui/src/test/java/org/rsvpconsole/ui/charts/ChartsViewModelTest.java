package org.rsvpconsole.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.live.EventPump;

/** Live charts: sampled once per engine second from the pump's snapshots, a bounded window, rates per second. */
class ChartsViewModelTest {

    private static final long S = 1_000_000_000L;

    private static RsvpEvent sent(String type) {
        return new RsvpEvent.MessageSent(0, "r1", 1, type, SmallNetwork.SESSION, "eth0", Ipv4Address.of("10.0.0.2"),
            100, new byte[0]);
    }

    private static List<Double> ys(XYChart.Series<Number, Number> s) {
        return s.getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    @Test
    void theSelectedLinkAndSessionAreSampledOncePerSecond() {
        ChartsViewModel m = new ChartsViewModel(SmallNetwork.TOPOLOGY);
        m.linkProperty().set("l2");
        m.sessionProperty().set(SmallNetwork.SESSION);
        assertEquals("Link l2, reserved kbit/s", m.linkTitleProperty().get());
        assertEquals("r1 -> r2", m.linkSeries().get(0).getName());
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(S, SmallNetwork.SESSION, 10_000), S));
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(S + S / 2, SmallNetwork.SESSION, 20_000),
            S));
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(2 * S, SmallNetwork.SESSION, 20_000), 2 * S));
        assertEquals(List.of(80.0, 160.0), ys(m.linkSeries().get(0)), "the half-second snapshot is skipped");
        assertEquals(List.of(0.0, 0.0), ys(m.linkSeries().get(1)), "nothing reserved the other way");
        assertEquals(List.of(80.0, 160.0), ys(m.sessionSeries()));
        assertEquals(2.0, m.sessionSeries().getData().get(1).getXValue().doubleValue(), "x is engine seconds");
        m.sessionProperty().set(null);
        assertTrue(m.sessionSeries().getData().isEmpty(), "a new selection starts a new chart");
        assertEquals("Select a reservation", m.sessionTitleProperty().get());
    }

    @Test
    void messageRatesPerSecondOfEngineTime() {
        ChartsViewModel m = new ChartsViewModel(SmallNetwork.TOPOLOGY);
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(S, SmallNetwork.SESSION, 1), S));
        List<RsvpEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(sent("Path"));
        }
        events.add(sent("Resv"));
        events.add(sent("Resv"));
        events.add(sent("PathTear"));
        m.apply(new EventPump.Batch(events, null, S));
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(3 * S, SmallNetwork.SESSION, 1), 3 * S));
        assertEquals(List.of(5.0), ys(m.messageSeries().get(0)), "10 Path in 2 s");
        assertEquals(List.of(1.0), ys(m.messageSeries().get(1)));
        assertEquals(List.of(0.5), ys(m.messageSeries().get(2)));
    }

    @Test
    void theWindowIsBounded() {
        ChartsViewModel m = new ChartsViewModel(SmallNetwork.TOPOLOGY);
        m.linkProperty().set("l1");
        for (int i = 1; i <= ChartsViewModel.WINDOW + 20; i++) {
            m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(i * S, SmallNetwork.SESSION, 1), i * S));
        }
        assertEquals(ChartsViewModel.WINDOW, m.linkSeries().get(0).getData().size());
        assertEquals(21.0, m.linkSeries().get(0).getData().get(0).getXValue().doubleValue(), "oldest dropped");
        m.linkProperty().set("nowhere");
        assertEquals("Select a link on the map", m.linkTitleProperty().get());
    }
}
