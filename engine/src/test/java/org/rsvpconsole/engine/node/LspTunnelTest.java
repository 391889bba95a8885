package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/**
 * RFC 3209 LSP tunnels on the virtual network: a head end signals an LSP with LABEL_REQUEST along an
 * EXPLICIT_ROUTE, the tail end answers with labels hop by hop, RECORD_ROUTE records the route with its labels.
 *
 * <pre>
 *   R1 --- R2 --- R3 --- R4      links a-b: 10.0.ab.a / 10.0.ab.b, loopbacks 192.0.2.N
 *    \___________________/       R1-R4 direct: the shortest path, which the explicit routes avoid
 * </pre>
 */
class LspTunnelTest {

    static final long MBIT = 1_000_000;

    static Topology square() {
        TopologyBuilder b = Topology.builder();
        for (int i = 1; i <= 4; i++) {
            b.router("R" + i, "192.0.2." + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        link(b, 1, 2);
        link(b, 2, 3);
        link(b, 3, 4);
        link(b, 1, 4);
        return b.build();
    }

    static TopologyBuilder.LinkSpec link(TopologyBuilder b, int x, int y) {
        return b.link("R" + x, "R" + y).address(0, ip("10.0." + x + y + "." + x))
            .address(1, ip("10.0." + x + y + "." + y));
    }

    static IpAddress ip(String s) {
        return IpAddress.of(s);
    }

    static ExplicitHop strict(String a) {
        return ExplicitHop.strict(ip(a));
    }

    static ExplicitHop loose(String a) {
        return ExplicitHop.loose(ip(a));
    }

    static LspView lsp(Scenario sc, String node) {
        List<LspView> all = sc.net.node(node).lsps();
        assertEquals(1, all.size(), node + " " + all);
        return all.get(0);
    }

    @Test
    void fourRouterLspFollowsItsExplicitRouteWithLabelsAndRecordedRoute() {
        Scenario sc = new Scenario(square());
        sc.net.node("R2").labelRange(200, 299);
        sc.net.node("R3").labelRange(300, 399);
        LspId id = sc.net.node("R1").openLsp(LspRequest.of("R1-to-R4", ip("192.0.2.4"), 7, 1_250_000,
            List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4"))));
        sc.settle();

        // The Path went the explicit way, not the direct R1-R4 link; each link reserves the 10 Mbit/s.
        assertEquals(1_250_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(1_250_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertEquals(1_250_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertEquals(0, sc.reserved("R1-R4", "R1"), 1e-6);
        assertEquals(0, sc.net.node("R4").lsps().stream().filter(v -> v.role() != LspView.Role.TAIL).count());

        // Label tables (RFC 3209 §4.1): R4 advertises Implicit NULL, R3 and R2 allocate from their ranges.
        LabelEntry head = lsp(sc, "R1").labels();
        assertEquals(LabelEntry.NONE, head.inLabel());
        assertEquals(200, head.outLabel());
        assertEquals(ip("10.0.12.2"), head.nextHop());
        assertEquals(200, lsp(sc, "R2").labels().inLabel());
        assertEquals(300, lsp(sc, "R2").labels().outLabel());
        assertEquals(300, lsp(sc, "R3").labels().inLabel());
        assertEquals(LabelEntry.IMPLICIT_NULL, lsp(sc, "R3").labels().outLabel());
        assertEquals(LabelEntry.IMPLICIT_NULL, lsp(sc, "R4").labels().inLabel());
        assertEquals(LabelEntry.NONE, lsp(sc, "R4").labels().outLabel());
        assertEquals(List.of(lsp(sc, "R2").labels()), sc.net.node("R2").labelTable());

        // Roles, priorities and flags as signalled; every node names the same LSP.
        LspView r1 = lsp(sc, "R1");
        assertEquals(id, r1.id());
        assertEquals(new LspId(ip("192.0.2.4"), 7, ip("10.0.12.1"), ip("10.0.12.1"), 1), id);
        assertEquals(LspView.Role.HEAD, r1.role());
        assertEquals(LspView.Role.TRANSIT, lsp(sc, "R2").role());
        assertEquals(LspView.Role.TAIL, lsp(sc, "R4").role());
        assertTrue(r1.up());
        assertEquals(ReservationStyle.SE, r1.style());
        assertEquals(7, r1.setupPriority());
        assertEquals(0x06, r1.flags());
        assertEquals("R1-to-R4", lsp(sc, "R3").name());
        for (String n : List.of("R1", "R2", "R3", "R4")) {
            assertEquals(id, lsp(sc, n).id(), n);
        }

        // The explicit route each node sent on (§4.3.4 step 5: the first subobject is the next hop).
        assertEquals(List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4")), r1.explicitRoute());
        assertEquals(List.of(strict("10.0.23.3"), strict("10.0.34.4")), lsp(sc, "R2").explicitRoute());
        assertEquals(List.of(strict("10.0.34.4")), lsp(sc, "R3").explicitRoute());
        assertEquals(List.of(), lsp(sc, "R4").explicitRoute());

        // RECORD_ROUTE (§4.4): the head end's from the Resv, head to tail, with each hop's label; the tail end's
        // from the Path, nearest first, addresses only (labels are not known when the Path goes).
        assertEquals(List.of(new RecordedHop(ip("10.0.12.2"), 200), new RecordedHop(ip("10.0.23.3"), 300),
            new RecordedHop(ip("10.0.34.4"), 3)), r1.recordedRoute());
        assertEquals(List.of(new RecordedHop(ip("10.0.34.3"), -1), new RecordedHop(ip("10.0.23.2"), -1),
            new RecordedHop(ip("10.0.12.1"), -1)), lsp(sc, "R4").recordedRoute());

        // Label events: each node bound its label once.
        for (String n : List.of("R1", "R2", "R3", "R4")) {
            List<RsvpEvent.LabelBound> bound = sc.events(RsvpEvent.LabelBound.class, n);
            assertEquals(1, bound.size(), n + " " + bound);
            assertEquals(StateChange.INSTALLED, bound.get(0).change());
            assertEquals(id, bound.get(0).lsp());
            assertEquals(id.session(), bound.get(0).session());
        }
        RsvpEvent.LabelBound r2 = sc.events(RsvpEvent.LabelBound.class, "R2").get(0);
        assertEquals(200, r2.inLabel());
        assertEquals(300, r2.outLabel());

        // Tearing the LSP down frees every label and every link.
        sc.net.node("R1").closeLsp(id);
        sc.settle();
        assertEquals(0, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(sc.net.node("R2").labelTable().isEmpty());
        assertEquals(StateChange.TORN_DOWN, sc.events(RsvpEvent.LabelBound.class, "R3").get(1).change());
        assertTrue(sc.net.node("R4").lsps().isEmpty());
    }

    @Test
    void refreshesKeepTheLspWithoutRebindingAndItsStateTimesOutWhenTheHeadEndVanishes() {
        Scenario sc = new Scenario(square());
        sc.net.node("R1").openLsp(LspRequest.of("soft", ip("192.0.2.4"), 7, 125_000,
            List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4"))));
        sc.settle();
        int bound = sc.events(RsvpEvent.LabelBound.class).size();
        // Ten refresh periods (R = 30 s): Path and Resv refreshes only, no new binding, nothing times out.
        sc.run(java.time.Duration.ofSeconds(300));
        assertEquals(bound, sc.events(RsvpEvent.LabelBound.class).size());
        assertTrue(sc.sent("R2", "Path").size() >= 8, "refreshed along the explicit route");
        assertTrue(sc.events(RsvpEvent.PathState.class).stream().noneMatch(e -> e.change() == StateChange.TIMED_OUT));
        assertEquals(125_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(lsp(sc, "R1").up());
        // The head end crashes: downstream state times out (L = 157.5 s) and the labels go with it.
        sc.net.crash("R1");
        sc.run(java.time.Duration.ofSeconds(200));
        assertTrue(sc.net.node("R2").lsps().isEmpty());
        assertTrue(sc.net.node("R3").labelTable().isEmpty());
        assertEquals(0, sc.reserved("R2-R3", "R2"), 1e-6);
    }

    @Test
    void helloFindsADeadTransitNodeAndTheLspsLabelsGoAtOnce() {
        NodeConfig hello = NodeConfig.DEFAULT.withNeighbours(NeighbourConfig.NONE.withHello(
            NeighbourConfig.Hello.ON));
        Scenario sc = new Scenario(square(), n -> hello, 1);
        sc.net.node("R1").openLsp(LspRequest.of("hello", ip("192.0.2.4"), 7, 125_000,
            List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4"))));
        sc.settle();
        assertTrue(lsp(sc, "R1").up());
        long crashAt = sc.time.nowNanos();
        sc.net.crash("R3");
        sc.run(java.time.Duration.ofMillis(50));
        // R2 drops the reservation from R3 and its label (RFC 3209 §5.3), R1 hears the ResvTear: the LSP is down
        // at the head end within 50 ms, not after L; R4 drops the path state from R3.
        assertTrue(sc.net.node("R2").labelTable().isEmpty());
        assertTrue(sc.events(RsvpEvent.LabelBound.class, "R2").stream()
            .anyMatch(e -> e.change() == StateChange.TORN_DOWN && e.timeNanos() > crashAt));
        assertFalse(lsp(sc, "R1").up());
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
        assertTrue(sc.net.node("R4").lsps().isEmpty());
    }

    @Test
    void withoutAnExplicitRouteTheLspTakesTheShortestPath() {
        Scenario sc = new Scenario(square());
        sc.net.node("R1").openLsp(LspRequest.of("direct", ip("192.0.2.4"), 1, 125_000, List.of()));
        sc.settle();
        assertEquals(125_000, sc.reserved("R1-R4", "R1"), 1e-6);
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(LabelEntry.IMPLICIT_NULL, lsp(sc, "R1").labels().outLabel());
    }

    /** The square with the direct R1-R4 link at metric 10: the routed way between R1 and R4 goes round. */
    static Topology metricTen() {
        TopologyBuilder b = Topology.builder();
        for (int i = 1; i <= 4; i++) {
            b.router("R" + i, "192.0.2." + i);
        }
        b.defaults().bandwidth(100 * MBIT).delayNanos(Scenario.MS);
        link(b, 1, 2);
        link(b, 2, 3);
        link(b, 3, 4);
        b.link("R1", "R4").metric(10).address(0, ip("10.0.14.1")).address(1, ip("10.0.14.4"));
        return b.build();
    }

    @Test
    void aLooseHopIsExpandedByRoutingIntoStrictHops() {
        Scenario sc = new Scenario(metricTen());
        // One loose hop to the tail's loopback: R1 routes there (R1-R2-R3-R4, metric 3 against 10) and writes
        // the route it chose into the EXPLICIT_ROUTE as strict hops (RFC 3209 §4.3.4 step 4b).
        sc.net.node("R1").openLsp(LspRequest.of("loose", ip("192.0.2.4"), 2, 125_000,
            List.of(loose("192.0.2.4"))));
        sc.settle();
        assertEquals(List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("192.0.2.4")),
            lsp(sc, "R1").explicitRoute());
        assertEquals(List.of(strict("10.0.23.3"), strict("192.0.2.4")), lsp(sc, "R2").explicitRoute());
        assertEquals(125_000, sc.reserved("R3-R4", "R3"), 1e-6);
        assertEquals(0, sc.reserved("R1-R4", "R1"), 1e-6);
        assertTrue(lsp(sc, "R1").up());
    }

    @Test
    void aLooseHopInTheMiddleIsExpandedWhereItIsReached() {
        Scenario sc = new Scenario(metricTen());
        // Strict to R2, loose to R4's loopback: R2 (not R1) expands the loose hop, along R2-R3-R4.
        sc.net.node("R1").openLsp(LspRequest.of("mid", ip("192.0.2.4"), 3, 125_000,
            List.of(strict("10.0.12.2"), loose("192.0.2.4"))));
        sc.settle();
        assertEquals(List.of(strict("10.0.12.2"), loose("192.0.2.4")), lsp(sc, "R1").explicitRoute());
        assertEquals(List.of(strict("10.0.23.3"), strict("192.0.2.4")), lsp(sc, "R2").explicitRoute());
        assertEquals(125_000, sc.reserved("R2-R3", "R2"), 1e-6);
        assertTrue(lsp(sc, "R1").up());
    }

    @Test
    void aLooseHopWhoseRouteTurnsBackIsABadLooseNode() {
        Scenario sc = new Scenario(square());
        // From R2 the routed way to R4 ties at two hops and the tie goes to the lower next hop, 10.0.12.1: back to
        // R1, where the Path came from. R2 refuses rather than loop: Bad loose node (24/3).
        sc.net.node("R1").openLsp(LspRequest.of("back", ip("192.0.2.4"), 3, 125_000,
            List.of(strict("10.0.12.2"), loose("192.0.2.4"))));
        sc.settle();
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(0);
        assertEquals(24, err.errorCode());
        assertEquals(3, err.errorValue());
        assertEquals("Bad loose node", err.valueName());
        assertTrue(sc.net.node("R2").lsps().isEmpty());
    }

    @Test
    void aStrictHopThatIsNotAdjacentIsRefusedWithBadStrictNode() {
        Scenario sc = new Scenario(square());
        // R2 is not adjacent to R4: R2 answers PathErr Routing Problem / Bad strict node (24/2).
        sc.net.node("R1").openLsp(LspRequest.of("bad", ip("192.0.2.4"), 4, 125_000,
            List.of(strict("10.0.12.2"), strict("10.0.34.4"))));
        sc.settle();
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(0);
        assertEquals("PathErr", err.messageType());
        assertEquals(24, err.errorCode());
        assertEquals(2, err.errorValue());
        assertEquals("Bad strict node", err.valueName());
        assertEquals(ip("10.0.12.2"), err.errorNode());
        assertTrue(sc.net.node("R2").lsps().isEmpty(), "no path state where the route failed");
        assertFalse(lsp(sc, "R1").up());
        // The PathErr R2 sent names R2's interface as the error node and carries the code only.
        assertEquals(1, sc.sent("R2", "PathErr").size());
        assertTrue(sc.events(RsvpEvent.PolicyRejected.class).isEmpty(), "a routing problem is not a policy one");
    }

    @Test
    void unreachableHopsAreRefusedAtTheHeadEnd() {
        Scenario sc = new Scenario(square());
        // No node has 10.99.0.1: Bad loose node (24/3); no node is in the AS of a strict AS hop (the square has no
        // AS numbers): Bad strict node (24/2); nor an IPv6 prefix no node has (24/3, loose); nothing is sent.
        sc.net.node("R1").openLsp(LspRequest.of("nowhere", ip("192.0.2.4"), 5, 125_000,
            List.of(loose("10.99.0.1"))));
        sc.net.node("R1").openLsp(LspRequest.of("as", ip("192.0.2.4"), 6, 125_000,
            List.of(ExplicitHop.as(65001, false))));
        sc.net.node("R1").openLsp(LspRequest.of("v6", ip("192.0.2.4"), 8, 125_000,
            List.of(ExplicitHop.loose(ip("2001:db8::1")))));
        sc.settle();
        // A tail end no node has: No route available toward destination (24/5).
        sc.net.node("R1").openLsp(LspRequest.of("void", ip("203.0.113.9"), 9, 125_000, List.of()));
        sc.settle();
        List<RsvpEvent.ErrorReceived> errs = sc.events(RsvpEvent.ErrorReceived.class, "R1");
        assertEquals(List.of(3, 2, 3, 5), errs.stream().map(RsvpEvent.ErrorReceived::errorValue).toList());
        assertEquals("No route available toward destination", errs.get(3).valueName());
        assertTrue(sc.sent("R1", "Path").isEmpty());
        assertTrue(sc.net.node("R1").lsps().isEmpty());
    }

    @Test
    void aNodeOutOfLabelsRefusesTheLspWithLabelAllocationFailure() {
        Scenario sc = new Scenario(square());
        sc.net.node("R3").labelRange(300, 300);
        List<ExplicitHop> route = List.of(strict("10.0.12.2"), strict("10.0.23.3"), strict("10.0.34.4"));
        sc.net.node("R1").openLsp(LspRequest.of("first", ip("192.0.2.4"), 10, 125_000, route));
        sc.settle();
        sc.net.node("R1").openLsp(LspRequest.of("second", ip("192.0.2.4"), 11, 125_000, route));
        sc.settle();
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(0);
        assertEquals(24, err.errorCode());
        assertEquals(9, err.errorValue());
        assertEquals("MPLS label allocation failure", err.valueName());
        assertEquals(1, sc.net.node("R3").labelTable().size());
        assertEquals(125_000, sc.reserved("R3-R4", "R3"), 1e-6, "the second LSP's reservation was dropped");
        assertEquals(1, sc.net.node("R1").lsps().stream().filter(LspView::up).count());
    }
}
