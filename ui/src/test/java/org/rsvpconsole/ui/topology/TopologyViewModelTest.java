package org.rsvpconsole.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.live.EventPump;

/** The map's view model: bandwidth colours, the highlighted path hop by hop, hover text, what a link holds. */
class TopologyViewModelTest {

    private static TopologyViewModel withPath(double bytesPerSecond) {
        TopologyViewModel m = new TopologyViewModel(SmallNetwork.TOPOLOGY);
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(1, SmallNetwork.SESSION, bytesPerSecond), 1));
        return m;
    }

    @Test
    void selectingAReservationHighlightsItsPathHopByHopWithTheBandwidthAtEachHop() {
        TopologyViewModel m = withPath(10_000);
        m.highlight(SmallNetwork.SESSION);
        assertEquals(List.of("l1", "l2", "l3"), m.path().stream().map(TopologyViewModel.Hop::link).toList(),
            "from the sender to the receiver, whatever order the snapshot lists them");
        assertEquals(List.of("h1", "r1", "r2"), m.path().stream().map(TopologyViewModel.Hop::fromNode).toList());
        assertEquals("1: 80 kbit/s", m.path().get(0).label());
        assertEquals("3: 80 kbit/s", m.hop("l3", "r2").label());
        assertNull(m.hop("l3", "h2"), "the other direction carries nothing of it");
        assertEquals(List.of("l1>h1", "l2>r1", "l3>r2"), m.highlighted());
    }

    @Test
    void theHighlightFollowsSnapshotsAndClears() {
        TopologyViewModel m = withPath(10_000);
        m.highlight(SmallNetwork.SESSION);
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(2, SmallNetwork.SESSION, 20_000), 2));
        assertEquals("2: 160 kbit/s", m.path().get(1).label(), "bandwidth changed in place");
        m.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(3, SmallNetwork.OTHER, 20_000), 3));
        assertTrue(m.path().isEmpty(), "torn down: nothing left to highlight");
        m.highlight(null);
        assertTrue(m.highlighted().isEmpty());
    }

    @Test
    void utilisationHoverAndTheLinksReservations() {
        TopologyViewModel m = withPath(62_500);
        assertEquals(0.5, m.utilisation("l2", "r1"), 1e-9);
        assertEquals(0, m.utilisation("l2", "r2"), 1e-9);
        assertEquals(0, m.utilisation("nowhere", "r2"), 1e-9, "unknown directions are free");
        String hover = m.describeLink("l2");
        assertTrue(hover.contains("r1 -> r2: reservable 1 Mbit/s, reserved 500 kbit/s, free 500 kbit/s,"
            + " 1 reservations"), hover);
        assertTrue(hover.contains("r2 -> r1: reservable 1 Mbit/s, reserved 0 bit/s, free 1 Mbit/s"), hover);
        List<ReservationView> on = m.reservationsOn("l2");
        assertEquals(List.of(SmallNetwork.SESSION), on.stream().map(ReservationView::session).toList());
        assertTrue(m.reservationsOn("nowhere").isEmpty());
    }

    @Test
    void troubleMarksNodesOnce() {
        TopologyViewModel m = withPath(1000);
        m.markTrouble("r1");
        m.markTrouble("r1");
        assertEquals(List.of("r1"), m.troubled());
        m.clearTrouble();
        assertTrue(m.troubled().isEmpty());
    }
}
