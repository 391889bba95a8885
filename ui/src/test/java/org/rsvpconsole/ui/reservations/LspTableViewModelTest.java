package org.rsvpconsole.ui.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.ModelFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.inspector.InspectorViewModel;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.shell.MainViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/**
 * The LSP table, the label tables, the map's LSP highlight and the LabelBound log lines, on the real virtual
 * network running examples/rsvp-te-4router (T1 at 0 s, T2 with a loose hop at 1 s, T3 preempting T1 at 2 s, T2's
 * make-before-break to LSP ID 2 at 3 s), driven through the real pump as the console drives it.
 */
class LspTableViewModelTest {

    private static final double MBIT = 125_000;

    @RegisterExtension
    final ModelFixture live = new ModelFixture();
    private VirtualLiveNetwork network;
    private MainViewModel model;

    @BeforeEach
    void open() throws Exception {
        model = live.open(TestNetworks.teNetwork(1));
        network = live.network();
    }

    /** Pulses as the FX timer would (every 16 ms) until {@code done}, at most 10 s. */
    private void pulseUntil(String what, BooleanSupplier done) throws InterruptedException {
        live.pulseUntil(10, what, done, () -> "rows " + model.lsps().rows());
    }

    private LspRow row(String name, int lspId) {
        return model.lsps().rows().stream().filter(r -> r.name().equals(name) && r.lspId() == lspId).findFirst()
            .orElse(null);
    }

    private boolean up(String name, int lspId) {
        LspRow r = row(name, lspId);
        return r != null && r.state().equals("up");
    }

    private static String property(InspectorViewModel i, String category, String name) {
        return i.properties().stream().filter(p -> p.category().equals(category) && p.name().equals(name))
            .map(InspectorViewModel.Property::value).findFirst().orElse(null);
    }

    @Test
    void anLspRowHasItsAttributesAndItsRecordedRouteWithLabels() throws Exception {
        pulseUntil("T1 up", () -> up("T1", 1));
        LspRow t1 = row("T1", 1);
        assertEquals("R1", t1.head());
        assertEquals("R4", t1.tail());
        assertEquals(1, t1.tunnelId());
        assertEquals("10 Mbit/s", t1.bandwidth());
        assertEquals(10 * MBIT, t1.bandwidthBytesPerSecond(), 1e-6);
        assertEquals("7/7", t1.priorities());
        assertEquals("label recording, SE", t1.flags());
        assertEquals("SE", t1.style());
        assertEquals("R2 R3 R4", t1.explicitRoute());
        // Labels from 16 at R2 and R3 (lowest free first), Implicit NULL from the tail end (RFC 3032 §2.1).
        assertEquals("R2 10.0.12.2 [16], R3 10.0.23.3 [16], R4 10.0.34.4 [3 (pop)]", t1.recordedRoute());
        assertEquals("", model.lsps().routeDifference(t1.id()), "a strict route is recorded as asked");
        assertEquals(1, model.lsps().rows().size(), "one row per LSP at its head end, not per node");
        pulseUntil("T1's reservations in the table", () -> model.tables().reservations().stream().anyMatch(r -> r
            .session().equals(t1.id().session())));
        assertTrue(model.tables().reservations().stream().filter(r -> r.session().equals(t1.id().session()))
            .allMatch(r -> r.protocol().equals("LSP") && r.destPort() == 1), "the tunnel's reservations say LSP");
    }

    @Test
    void selectingAnLspHighlightsItsRecordedRouteWithTheLabelOfEachHop() throws Exception {
        pulseUntil("T1 up", () -> up("T1", 1));
        LspId t1 = row("T1", 1).id();
        model.lsps().selectedProperty().set(t1);
        TopologyViewModel map = model.map();
        assertEquals(t1, map.highlightedLspProperty().get());
        List<TopologyViewModel.Hop> hops = List.copyOf(map.path());
        assertEquals(List.of("R1>R2", "R2>R3", "R3>R4"), hops.stream().map(h -> h.fromNode() + ">" + h.toNode())
            .toList());
        assertEquals(List.of(16L, 16L, 3L), hops.stream().map(TopologyViewModel.Hop::mplsLabel).toList());
        assertEquals("1: label 16, 10 Mbit/s", hops.get(0).label());
        assertEquals("3: label 3 (pop), 10 Mbit/s", hops.get(2).label());
        assertEquals(hops.stream().map(h -> TopologyViewModel.key(h.link(), h.fromNode())).toList(),
            List.copyOf(map.highlighted()), "the map draws the same directions as the hops");
        InspectorViewModel inspector = model.inspector();
        assertEquals("LSP T1 (tunnel 1, LSP 1)", inspector.titleProperty().get());
        assertEquals("R1 -> R2 (10.0.12.2), label 16", property(inspector, "Hops", "hop 1"));
        assertEquals("R3 -> R4 (10.0.34.4), label 3 (pop)", property(inspector, "Hops", "hop 3"));
        assertEquals("the same nodes", property(inspector, "Route", "explicit vs recorded"));
        assertTrue(property(inspector, "Labels", "R1 (head)").startsWith("in - -> out 16 on "),
            property(inspector, "Labels", "R1 (head)"));
        assertTrue(property(inspector, "Labels", "R2 (transit)").matches("in 16 on \\S+ -> out 16 on \\S+, next hop"
            + " R3 \\(10\\.0\\.23\\.3\\)"), property(inspector, "Labels", "R2 (transit)"));
        // Preempted at 2 s by T3 (setup 2 beats hold 7): the highlight ends with the LSP.
        pulseUntil("T1 preempted", () -> row("T1", 1) != null && row("T1", 1).state().equals("down"));
        assertTrue(row("T1", 1).recordedRoute().startsWith("when last up: R2 10.0.12.2 [16]"),
            row("T1", 1).recordedRoute());
        assertEquals("down", property(inspector, "LSP", "state"), "the inspector follows the LSP it shows");
        pulseUntil("the highlight ends", () -> map.highlightedLspProperty().get() == null);
        assertTrue(model.notices().contains("LSP tunnel 3 (setup priority 2) preempted LSP tunnel 1 (holding priority"
            + " 7) on R2 eth1, taking 10 Mbit/s; LSPs are preempted whole."), model.notices().toString());
        assertTrue(map.path().isEmpty());
    }

    @Test
    void aNodesLabelTableIsInItsInspector() throws Exception {
        pulseUntil("T1 up", () -> up("T1", 1));
        List<LabelRow> r2 = model.lsps().labelTable("R2");
        assertEquals(1, r2.size());
        assertEquals("16", r2.get(0).inLabel());
        assertEquals("16", r2.get(0).outLabel());
        assertEquals("R3 (10.0.23.3)", r2.get(0).nextHop());
        assertEquals("3 (pop)", model.lsps().labelTable("R3").get(0).outLabel());
        assertEquals("-", model.lsps().labelTable("R4").get(0).outLabel());
        model.inspector().showNode("R2");
        assertEquals(r2.get(0).text(), property(model.inspector(), "Label table", "T1 (tunnel 1, LSP 1, transit)"));
    }

    @Test
    void aLooseHopIsExpandedAndTheInspectorSaysSo() throws Exception {
        pulseUntil("T2 up", () -> up("T2", 1));
        LspRow t2 = row("T2", 1);
        assertEquals("4/4", t2.priorities());
        assertEquals("R2 R3 (loose) R4", t2.explicitRoute());
        assertEquals("The recorded route differs from the explicit route: loose hop R3 expanded by routing"
            + " (explicit R2 R3 R4, recorded R2 R3 R4)", model.lsps().routeDifference(t2.id()));
        model.lsps().selectedProperty().set(t2.id());
        assertEquals(model.lsps().routeDifference(t2.id()), property(model.inspector(), "Route",
            "explicit vs recorded"));
    }

    @Test
    void makeBeforeBreakShowsTheNewLspIdAndTheOldGoes() throws Exception {
        pulseUntil("T2 LSP 1 up", () -> up("T2", 1));
        model.lsps().selectedProperty().set(row("T2", 1).id());
        pulseUntil("T2 LSP 2 up", () -> up("T2", 2));
        assertEquals("R2 10.0.12.2 [", row("T2", 2).recordedRoute().substring(0, 14));
        assertTrue(row("T2", 2).recordedRoute().contains("R4 10.0.24.4 [3 (pop)]"), row("T2", 2).recordedRoute());
        pulseUntil("T2 LSP 1 torn down", () -> row("T2", 1) == null);
        pulseUntil("the inspector says so", () -> model.inspector().titleProperty().get().equals(
            "LSP T2 (tunnel 2, LSP 1): gone"));
        model.lsps().selectedProperty().set(row("T2", 2).id());
        assertEquals(List.of("R1>R2", "R2>R4"), model.map().path().stream().map(h -> h.fromNode() + ">" + h.toNode())
            .toList());
    }

    @Test
    void labelBoundEventsAreInOperatorWordsAndSelectTheirLsp() throws Exception {
        pulseUntil("T1 up", () -> up("T1", 1));
        pulseUntil("R2's binding in the log", () -> model.events().allRows().stream().anyMatch(r -> r.node()
            .equals("R2") && r.event() instanceof RsvpEvent.LabelBound));
        EventRow bound = model.events().allRows().stream().filter(r -> r.node().equals("R2")
            && r.event() instanceof RsvpEvent.LabelBound).findFirst().orElseThrow();
        assertTrue(bound.summary().matches("label bound for LSP 1 of tunnel 1 from 10\\.0\\.12\\.1 to 192\\.0\\.2\\.4:"
            + " in label 16 on \\S+ -> out label 16 on \\S+"), bound.summary());
        model.events().selectedProperty().set(bound);
        LspId t1 = ((RsvpEvent.LabelBound) bound.event()).lsp();
        assertEquals(t1, model.lsps().selectedProperty().get());
        assertEquals(t1, model.map().highlightedLspProperty().get());
        assertEquals(3, model.map().path().size());
        assertEquals("LSP T1 (tunnel 1, LSP 1)", model.inspector().titleProperty().get());
    }

    @Test
    void replayShowsRecordedLspViewsAndSaysSoWhenAHistoryHasNone() throws Exception {
        pulseUntil("T1 up", () -> up("T1", 1));
        List<LspView> live = network.lsps().get();
        model.setReplaying(true);
        assertTrue(model.lsps().rows().isEmpty());
        assertNull(model.lsps().selectedProperty().get());
        assertEquals(LspTableViewModel.NOT_RECORDED, model.lsps().statusProperty().get());
        // A history without LSP records feeds no views: the table stays empty and says why.
        model.feed(new EventPump.Batch(List.of(), null, 1));
        assertTrue(model.lsps().rows().isEmpty());
        assertEquals(LspTableViewModel.NOT_RECORDED, model.lsps().statusProperty().get());
        // Recorded views (HistoryEntry.LspState) show as live ones do.
        model.feed(new EventPump.Batch(List.of(), null, 1, live));
        assertTrue(up("T1", 1), "the recorded T1 is shown up");
        model.setReplaying(false);
        pulseUntil("T1 back", () -> row("T1", 1) != null);
    }
}
