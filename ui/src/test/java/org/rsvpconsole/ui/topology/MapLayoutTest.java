package org.rsvpconsole.ui.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.TestNetworks;

/** The map's initial layout on the example network: spread out, hosts by their router, the same every time. */
class MapLayoutTest {

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    @Test
    void theExampleNetworkIsSpreadOutWithHostsByTheirRouter() throws Exception {
        var network = TestNetworks.spNetwork(false, 1);
        TopologyView t = network.topology();
        network.close();
        Map<String, double[]> at = MapLayout.compute(t);
        assertEquals(t.nodes().size(), at.size());
        double closestRouters = Double.MAX_VALUE;
        double closestAny = Double.MAX_VALUE;
        String pair = "";
        for (TopologyView.NodeView a : t.nodes()) {
            assertTrue(Double.isFinite(at.get(a.name())[0]) && Double.isFinite(at.get(a.name())[1]), a.name());
            for (TopologyView.NodeView b : t.nodes()) {
                if (a == b) {
                    continue;
                }
                double d = distance(at.get(a.name()), at.get(b.name()));
                closestAny = Math.min(closestAny, d);
                if (!a.host() && !b.host() && d < closestRouters) {
                    closestRouters = d;
                    pair = a.name() + " and " + b.name();
                }
            }
        }
        // One router hop is ~1 unit: no two routers closer than half a hop, no two nodes on top of each other.
        assertTrue(closestRouters > 0.5, "closest routers " + pair + ": " + closestRouters);
        assertTrue(closestAny > 0.25, "closest nodes " + closestAny);
        for (TopologyView.LinkView l : t.links()) {
            TopologyView.NodeView host = t.nodes().stream().filter(n -> n.host()
                && (n.name().equals(l.nodeA()) || n.name().equals(l.nodeB()))).findFirst().orElse(null);
            if (host == null) {
                continue;
            }
            String router = host.name().equals(l.nodeA()) ? l.nodeB() : l.nodeA();
            double own = distance(at.get(host.name()), at.get(router));
            for (TopologyView.NodeView r : t.nodes()) {
                if (!r.host() && !r.name().equals(router)) {
                    assertTrue(distance(at.get(host.name()), at.get(r.name())) > own,
                        host.name() + " is nearer to " + r.name() + " than to its router " + router);
                }
            }
        }
        if (System.getProperty("layout.dump") != null) {
            StringBuilder b = new StringBuilder();
            at.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append(' ').append(v[1]).append('\n'));
            t.links().forEach(l -> b.append("L ").append(l.nodeA()).append(' ').append(l.nodeB()).append('\n'));
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("layout.dump")), b);
        }
        Map<String, double[]> again = MapLayout.compute(t);
        at.forEach((name, p) -> assertArrayEquals(p, again.get(name), name));
    }

    @Test
    void aChainIsLaidOutStraightInOrder() {
        Map<String, double[]> at = MapLayout.compute(SmallNetwork.TOPOLOGY);
        double hostHop = distance(at.get("h1"), at.get("r1"));
        double routerHop = distance(at.get("r1"), at.get("r2"));
        assertEquals(hostHop, distance(at.get("r2"), at.get("h2")), 0.02, "symmetric");
        assertTrue(routerHop > hostHop, "a host sits closer to its router than routers to each other");
        assertEquals(2 * hostHop + routerHop, distance(at.get("h1"), at.get("h2")), 0.02,
            "h1 - r1 - r2 - h2 in a line, in that order");
    }
}
