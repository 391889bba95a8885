package org.rsvpconsole.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

class RoutingTableTest {

    private static List<String> path(RoutingTable r, Topology t, String from, String to) {
        return r.path(t.requireNode(from), t.requireNode(to)).stream().map(Node::name).toList();
    }

    /**
     * A square with two equal-cost ways from A to D, and a costlier diagonal.
     * <pre>
     *   A ── B
     *   │ \  │        A-D has metric 5; all others 1
     *   C ── D
     * </pre>
     */
    private static Topology square() {
        TopologyBuilder b = Topology.builder().router("A").router("B").router("C").router("D");
        b.defaults().bandwidth(1_000_000);
        b.link("A", "C");   // 10.0.0.1 / .2
        b.link("A", "B");   // 10.0.0.5 / .6
        b.link("B", "D");
        b.link("C", "D");
        b.link("A", "D").metric(5);
        return b.build();
    }

    @Test
    void shortestPathsFollowMetrics() {
        TopologyBuilder b = Topology.builder().router("A").router("B").router("C");
        b.defaults().bandwidth(1_000_000);
        b.link("A", "B").metric(10);
        b.link("A", "C").metric(3);
        b.link("C", "B").metric(3);
        Topology t = b.build();
        RoutingTable r = RoutingTable.initial(t);
        assertEquals(List.of("A", "C", "B"), path(r, t, "A", "B"));
        assertEquals(6, r.distance(t.requireNode("A"), t.requireNode("B")).orElseThrow());
        Route route = r.route(t.requireNode("A"), t.requireNode("B")).orElseThrow();
        assertEquals("A:eth1", route.outgoing().qualifiedName());
        assertEquals("C", route.nextNode().name());
        assertEquals(route.nextHop().address(), route.nextHopAddress());
        assertEquals(6, route.distance());
    }

    @Test
    void equalCostTiesGoToTheLowestNextHopAddress() {
        Topology t = square();
        RoutingTable r = RoutingTable.initial(t);
        // A-C-D and A-B-D both cost 2; C's address on the A-C link (10.0.0.2) is below B's (10.0.0.6).
        assertEquals(List.of("A", "C", "D"), path(r, t, "A", "D"));
        // D-B-A and D-C-A tie too: B's address on B-D (10.0.0.9) is below C's on C-D (10.0.0.13).
        assertEquals(List.of("D", "B", "A"), path(r, t, "D", "A"));
        // Reordering the file does not matter when addresses are given: the rule is about addresses.
        assertEquals(r.route(t.requireNode("A"), t.requireNode("D")).orElseThrow().nextHopAddress(),
            IpAddress.of("10.0.0.2"));
    }

    @Test
    void routesAreDeterministicAcrossComputations() {
        Topology t = square();
        RoutingTable one = RoutingTable.initial(t);
        RoutingTable two = RoutingTable.compute(t, i -> true, 0);
        for (Node a : t.nodes()) {
            for (Node b : t.nodes()) {
                assertEquals(one.route(a, b), two.route(a, b));
            }
        }
    }

    @Test
    void hopByHopForwardingFollowsThePathReported() {
        Topology t = square();
        RoutingTable r = RoutingTable.initial(t);
        for (Node from : t.nodes()) {
            for (Node to : t.nodes()) {
                List<Node> p = r.path(from, to);
                for (int i = 0; i + 1 < p.size(); i++) {
                    assertEquals(p.get(i + 1), r.route(p.get(i), to).orElseThrow().nextNode());
                }
            }
        }
    }

    @Test
    void aLinkDownMovesRoutesAndRecoveryBringsThemBack() {
        Topology t = square();
        Link ac = t.link("A-C").orElseThrow();
        RoutingTable before = RoutingTable.initial(t);
        RoutingTable down = RoutingTable.compute(t, i -> i != ac.index(), 1);
        assertEquals(1, down.version());
        assertFalse(down.isUp(ac));
        assertEquals(List.of("A", "B", "D"), path(down, t, "A", "D"));
        assertEquals(List.of("A", "B", "D", "C"), path(down, t, "A", "C"));
        RoutingTable upAgain = RoutingTable.compute(t, i -> true, 2);
        assertEquals(path(before, t, "A", "D"), path(upAgain, t, "A", "D"));
    }

    @Test
    void aCutOffNodeIsUnreachable() {
        Topology t = square();
        Node a = t.requireNode("A");
        RoutingTable r = RoutingTable.compute(t, i -> !t.links().get(i).ends().stream()
            .anyMatch(e -> e.node().equals(a)), 1);
        assertTrue(r.route(t.requireNode("D"), a).isEmpty());
        assertTrue(r.distance(t.requireNode("D"), a).isEmpty());
        assertEquals(List.of(), r.path(t.requireNode("D"), a));
        assertEquals(List.of("D"), path(r, t, "D", "D"));
        assertEquals(0, r.distance(a, a).orElseThrow());
    }

    @Test
    void hostsNeverForwardEvenWhenMultiHomed() {
        // R1 - H - R2 is the only way between the routers, but H is a host: R1 and R2 cannot reach each other.
        TopologyBuilder b = Topology.builder().router("R1").router("R2").host("H");
        b.defaults().bandwidth(1_000_000);
        b.link("R1", "H");
        b.link("H", "R2");
        Topology t = b.build();
        RoutingTable r = RoutingTable.initial(t);
        assertTrue(r.route(t.requireNode("R1"), t.requireNode("R2")).isEmpty());
        assertEquals(List.of("R1", "H"), path(r, t, "R1", "H"));
        assertEquals(List.of("H", "R2"), path(r, t, "H", "R2"));
    }

    @Test
    void routesByDestinationAddressIncludingLoopbacks() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1", "192.0.2.1").router("R2", "192.0.2.2")
            .host("H2");
        b.defaults().bandwidth(1_000_000);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "H2");
        Topology t = b.build();
        RoutingTable r = RoutingTable.initial(t);
        Node h1 = t.requireNode("H1");
        IpAddress h2Address = t.interfacesOf(t.requireNode("H2")).get(0).address();
        Route toH2 = r.route(h1, h2Address).orElseThrow();
        assertEquals("R1", toH2.nextNode().name());
        assertEquals("H2", toH2.destination().name());
        assertEquals("R2", r.route(h1, IpAddress.of("192.0.2.2")).orElseThrow().destination().name());
        assertTrue(r.route(h1, IpAddress.of("203.0.113.9")).isEmpty(), "nobody has that address");
        assertTrue(r.route(h1, t.interfacesOf(h1).get(0).address()).isEmpty(), "its own address");
    }

    /**
     * A tree with shared branches.
     * <pre>
     *        S
     *        │
     *        R1
     *       /  \
     *     R2    R3 ── H4
     *    /  \     \
     *   H1  H2     H3
     * </pre>
     */
    private static Topology tree() {
        TopologyBuilder b = Topology.builder().host("S").router("R1").router("R2").router("R3").host("H1")
            .host("H2").host("H3").host("H4");
        b.defaults().bandwidth(1_000_000);
        b.link("S", "R1");
        b.link("R1", "R2");
        b.link("R1", "R3");
        b.link("R2", "H1");
        b.link("R2", "H2");
        b.link("R3", "H3");
        b.link("R3", "H4");
        return b.build();
    }

    @Test
    void multicastTreeBranchesWhereReceiversDiverge() {
        Topology t = tree();
        RoutingTable r = RoutingTable.initial(t);
        Node s = t.requireNode("S");
        MulticastTree tree = r.multicastTree(s, List.of(t.requireNode("H1"), t.requireNode("H2"),
            t.requireNode("H3"), s));
        assertEquals(Set.of("H1", "H2", "H3"), names(tree.reached()));
        assertTrue(tree.unreachable().isEmpty());
        assertEquals(List.of("S:eth0"), qualified(tree.outgoing(s)));
        assertTrue(tree.incoming(s).isEmpty());
        assertEquals(List.of("R1:eth1", "R1:eth2"), qualified(tree.outgoing(t.requireNode("R1"))));
        assertEquals("R1:eth0", tree.incoming(t.requireNode("R1")).orElseThrow().qualifiedName());
        assertEquals(List.of("R2:eth1", "R2:eth2"), qualified(tree.outgoing(t.requireNode("R2"))));
        assertEquals(List.of("R3:eth1"), qualified(tree.outgoing(t.requireNode("R3"))), "H4 did not join");
        assertEquals(List.of(), tree.outgoing(t.requireNode("H1")));
        assertEquals("H1:eth0", tree.incoming(t.requireNode("H1")).orElseThrow().qualifiedName());
        assertFalse(tree.contains(t.requireNode("H4")));
        assertEquals(Set.of("S", "R1", "R2", "R3", "H1", "H2", "H3"), names(tree.nodes()));
    }

    @Test
    void multicastTreeLeavesOutReceiversThatAreCutOff() {
        Topology t = tree();
        Link r1r3 = t.link("R1-R3").orElseThrow();
        RoutingTable r = RoutingTable.compute(t, i -> i != r1r3.index(), 1);
        MulticastTree tree = r.multicastTree(t.requireNode("S"), List.of(t.requireNode("H1"), t.requireNode("H3")));
        assertEquals(Set.of("H1"), names(tree.reached()));
        assertEquals(Set.of("H3"), names(tree.unreachable()));
        assertEquals(List.of("R1:eth1"), qualified(tree.outgoing(t.requireNode("R1"))));
    }

    @Test
    void multicastTreeOnAMeshUsesShortestPathsAndIsATree() throws TopologyException {
        Topology sp = TopologyLoader.load(TopologyLoaderTest.examplesDir().resolve("sp-network.yaml"));
        RoutingTable r = RoutingTable.initial(sp);
        Node src = sp.requireNode("fra-server1");
        List<Node> receivers = sp.hosts().stream().filter(h -> h.name().contains("video")).toList();
        MulticastTree tree = r.multicastTree(src, receivers);
        assertEquals(Set.copyOf(receivers), tree.reached());
        for (Node n : tree.nodes()) {
            if (!n.equals(src)) {
                // One way in per node: it is a tree, and each branch is the node's shortest way to the source.
                Interface in = tree.incoming(n).orElseThrow();
                Node parent = sp.neighbour(in).node();
                assertTrue(tree.outgoing(parent).contains(sp.neighbour(in)), n + " hangs from " + parent);
                assertEquals(r.route(n, src).orElseThrow().outgoing(), in);
            }
        }
        int edges = tree.nodes().stream().mapToInt(n -> tree.outgoing(n).size()).sum();
        assertEquals(tree.nodes().size() - 1, edges, "a tree has one edge fewer than nodes");
    }

    private static Set<String> names(Set<Node> nodes) {
        return nodes.stream().map(Node::name).collect(java.util.stream.Collectors.toSet());
    }

    private static List<String> qualified(List<Interface> interfaces) {
        return interfaces.stream().map(Interface::qualifiedName).toList();
    }
}
