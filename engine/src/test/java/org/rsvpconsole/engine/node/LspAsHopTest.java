package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.node.LspTunnelTest.ip;
import static org.rsvpconsole.engine.node.LspTunnelTest.lsp;
import static org.rsvpconsole.engine.node.LspTunnelTest.strict;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyException;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * AS-number subobjects in EXPLICIT_ROUTE (RFC 3209 §4.3.3.4) on the virtual network: the topology file's
 * {@code as:} puts nodes in autonomous systems, an AS hop is the set of nodes of that AS, reached by routing.
 *
 * <pre>
 *   R1 --- R2 --- R3 --- R4      AS 65001: R1, R2; AS 65002: R3, R4
 *    \___________________/       R1-R4 direct at metric 10: routing goes round
 * </pre>
 */
class LspAsHopTest {

    static final String YAML = """
        version: 1
        name: two ASes
        defaults: {bandwidth: 100M, delay: 1ms}
        nodes:
          R1: {type: router, addresses: [192.0.2.1], as: 65001}
          R2: {type: router, addresses: [192.0.2.2], as: 65001}
          R3: {type: router, addresses: [192.0.2.3], as: 65002}
          R4: {type: router, addresses: [192.0.2.4], as: AS65002}
        links:
          - ends: [{node: R1, address: 10.0.12.1}, {node: R2, address: 10.0.12.2}]
          - ends: [{node: R2, address: 10.0.23.2}, {node: R3, address: 10.0.23.3}]
          - ends: [{node: R3, address: 10.0.34.3}, {node: R4, address: 10.0.34.4}]
          - ends: [{node: R1, address: 10.0.14.1}, {node: R4, address: 10.0.14.4}]
            metric: 10
        """;

    static Topology twoAses() throws TopologyException {
        return TopologyLoader.parse(YAML, "two-ases.yaml");
    }

    @Test
    void theTopologyFileGivesEachNodeItsAsAndRefusesABadOne() throws Exception {
        Topology t = twoAses();
        assertEquals(List.of(65001, 65001, 65002, 65002), t.nodes().stream().map(n -> n.asNumber()).toList());
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(
            YAML.replace("as: 65001}", "as: 70000}"), "bad.yaml"));
        ConfigProblem p = e.problems().get(0);
        assertEquals(5, p.line(), p.toString());
        assertTrue(p.message().contains("'70000' is not an AS number") && p.message().contains("1 to 65535"),
            p.toString());
        assertEquals("node R1", p.context());
    }

    @Test
    void aLooseAsHopIsExpandedByRoutingToTheNearestNodeOfThatAs() throws Exception {
        Scenario sc = new Scenario(twoAses());
        // The nearest node of AS 65002 from R1 is R3 (metric 2 round, against R4 at 3 round or 10 direct): R1
        // writes the routed way there as strict hops and the AS hop made strict (RFC 3209 §4.3.4 step 4b).
        sc.net.node("R1").openLsp(LspRequest.of("to-as", ip("192.0.2.4"), 1, 125_000,
            List.of(ExplicitHop.as(65002, true))));
        sc.settle();
        assertEquals(List.of(strict("10.0.12.2"), ExplicitHop.as(65002, false)), lsp(sc, "R1").explicitRoute());
        // R2: the AS is its strict next hop, R3 is the neighbour in it; R3 is in the AS: the route has ended.
        assertEquals(List.of(ExplicitHop.as(65002, false)), lsp(sc, "R2").explicitRoute());
        assertEquals(List.of(), lsp(sc, "R3").explicitRoute());
        assertTrue(lsp(sc, "R1").up());
        assertEquals(List.of("10.0.12.2", "10.0.23.3", "10.0.34.4"), lsp(sc, "R1").recordedRoute().stream()
            .map(RecordedHop::address).map(Object::toString).toList());
        for (String[] d : new String[][] {{"R1-R2", "R1"}, {"R2-R3", "R2"}, {"R3-R4", "R3"}}) {
            assertEquals(125_000, sc.reserved(d[0], d[1]), 1e-6, d[0]);
        }
        assertEquals(0, sc.reserved("R1-R4", "R1"), 1e-6);
    }

    @Test
    void aStrictAsHopGoesToTheAdjacentNodeOfThatAs() throws Exception {
        Scenario sc = new Scenario(twoAses());
        // R1's neighbour in AS 65002 is R4, over the direct link routing would not take.
        sc.net.node("R1").openLsp(LspRequest.of("strict-as", ip("192.0.2.4"), 2, 125_000,
            List.of(ExplicitHop.as(65002, false))));
        sc.settle();
        assertTrue(lsp(sc, "R1").up());
        assertEquals(125_000, sc.reserved("R1-R4", "R1"), 1e-6);
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-6);
    }

    @Test
    void anAsNoNodeOfWhichIsReachableIsABadLooseOrStrictNode() throws Exception {
        Scenario sc = new Scenario(twoAses());
        // At the head end: loose 24/3, strict 24/2, nothing sent.
        sc.net.node("R1").openLsp(LspRequest.of("nowhere-loose", ip("192.0.2.4"), 3, 125_000,
            List.of(ExplicitHop.as(65009, true))));
        sc.net.node("R1").openLsp(LspRequest.of("nowhere-strict", ip("192.0.2.4"), 4, 125_000,
            List.of(ExplicitHop.as(65009, false))));
        sc.settle();
        List<RsvpEvent.ErrorReceived> errs = sc.events(RsvpEvent.ErrorReceived.class, "R1");
        assertEquals(List.of("Bad loose node", "Bad strict node"), errs.stream()
            .map(RsvpEvent.ErrorReceived::valueName).toList());
        List<org.rsvpconsole.engine.api.IpAddress> r1 = sc.net.topology().addressesOf(sc.net.topology()
            .requireNode("R1"));
        assertTrue(errs.stream().allMatch(e -> e.errorCode() == 24 && r1.contains(e.errorNode())), errs.toString());
        assertTrue(sc.sent("R1", "Path").isEmpty());

        // At a transit node: R2 cannot reach AS 65009 and answers PathErr Routing Problem / Bad loose node.
        sc.net.node("R1").openLsp(LspRequest.of("transit", ip("192.0.2.4"), 5, 125_000,
            List.of(strict("10.0.12.2"), ExplicitHop.as(65009, true))));
        sc.settle();
        assertEquals(1, sc.sent("R2", "PathErr").size());
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(2);
        assertEquals("PathErr", err.messageType());
        assertEquals(24, err.errorCode());
        assertEquals(3, err.errorValue());
        assertEquals(ip("10.0.12.2"), err.errorNode());
        assertTrue(sc.net.node("R2").lsps().isEmpty(), "no path state where the route failed");
        assertFalse(lsp(sc, "R1").up());
    }

    @Test
    void aStrictAsHopWithNoNeighbourInItIsABadStrictNodeEvenWhenTheAsIsReachable() throws Exception {
        Scenario sc = new Scenario(twoAses());
        // R2's neighbours are R1 (65001) and R3 (65002): strict AS 65001 from R2 after R1 would have to turn back.
        sc.net.node("R1").openLsp(LspRequest.of("back", ip("192.0.2.4"), 6, 125_000,
            List.of(strict("10.0.12.2"), strict("10.0.23.3"), ExplicitHop.as(65001, false))));
        sc.settle();
        RsvpEvent.ErrorReceived err = sc.events(RsvpEvent.ErrorReceived.class, "R1").get(0);
        assertEquals(2, err.errorValue());
        assertEquals(ip("10.0.23.3"), err.errorNode());
    }
}
