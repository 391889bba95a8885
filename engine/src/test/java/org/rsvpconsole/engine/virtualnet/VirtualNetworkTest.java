package org.rsvpconsole.engine.virtualnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.MulticastTree;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Route;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

class VirtualNetworkTest {

    private static final long MS = 1_000_000L;
    private static final IpAddress GROUP = IpAddress.of("224.1.2.3");

    private final VirtualTime time = new VirtualTime();

    /**
     * Two ways from H1 to H2; the lower one is longer.
     * <pre>
     *   H1 ── R1 ── R2 ── H2
     *          \        /
     *           R3 ── R4 ── H3
     * </pre>
     */
    private static Topology network() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").router("R3").router("R4")
            .host("H2").host("H3");
        b.defaults().bandwidth(10_000_000).delayNanos(MS);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "H2");
        b.link("R1", "R3");
        b.link("R3", "R4");
        b.link("R4", "R2");
        b.link("R4", "H3");
        return b.build();
    }

    /** Forwards datagrams hop by hop on the current routes, recording where they arrive: a stand-in for nodes. */
    private static List<String> forwardEverything(VirtualNetwork net, Node destination, VirtualTime time) {
        List<String> log = new ArrayList<>();
        for (Node n : net.topology().nodes()) {
            net.attach(n, (in, datagram) -> {
                log.add(n.name() + "@" + time.nowNanos() / MS);
                if (!n.equals(destination)) {
                    net.routing().route(n, destination).ifPresent(r -> net.send(r.outgoing(), datagram));
                }
            });
        }
        return log;
    }

    @Test
    void datagramsTravelHopByHopOnTheRoutes() {
        VirtualNetwork net = new VirtualNetwork(network(), time, 1);
        Topology t = net.topology();
        Node h1 = t.requireNode("H1");
        Node h2 = t.requireNode("H2");
        List<String> log = forwardEverything(net, h2, time);
        Route first = net.routing().route(h1, h2).orElseThrow();
        net.send(first.outgoing(), new byte[] {42});
        time.runUntil(100 * MS);
        assertEquals(List.of("R1@1", "R2@2", "H2@3"), log);
        assertEquals(1, net.counters(first.outgoing()).delivered());
    }

    @Test
    void aLinkFailureReroutesAndTellsListenersInATask() {
        VirtualNetwork net = new VirtualNetwork(network(), time, 1);
        Topology t = net.topology();
        Node h1 = t.requireNode("H1");
        Node h2 = t.requireNode("H2");
        List<Long> versionsHeard = new ArrayList<>();
        net.addRouteListener(r -> versionsHeard.add(r.version()));
        assertEquals(0, net.routing().version());
        assertEquals(List.of("H1", "R1", "R2", "H2"), names(net.routing().path(h1, h2)));

        Link r1r2 = t.link("R1-R2").orElseThrow();
        net.setUp(r1r2, false);
        assertEquals(List.of(), versionsHeard, "listeners run as a task, not inside setUp");
        assertEquals(1, net.routing().version());
        assertEquals(List.of("H1", "R1", "R3", "R4", "R2", "H2"), names(net.routing().path(h1, h2)));
        time.runUntil(0);
        assertEquals(List.of(1L), versionsHeard);

        net.setUp(r1r2, false);
        time.runUntil(0);
        assertEquals(1, net.routing().version(), "no change, no new version");

        List<String> log = forwardEverything(net, h2, time);
        net.send(net.routing().route(h1, h2).orElseThrow().outgoing(), new byte[1]);
        time.runUntil(100 * MS);
        assertEquals(List.of("R1@1", "R3@2", "R4@3", "R2@4", "H2@5"), log);

        net.setUp(r1r2, true);
        time.runUntil(100 * MS);
        assertEquals(List.of(1L, 2L), versionsHeard);
        assertEquals(List.of("H1", "R1", "R2", "H2"), names(net.routing().path(h1, h2)));
        assertTrue(net.isUp(r1r2));
    }

    @Test
    void aDownLinkDropsTraffic() {
        VirtualNetwork net = new VirtualNetwork(network(), time, 1);
        Topology t = net.topology();
        Link access = t.link("H1-R1").orElseThrow();
        List<String> log = forwardEverything(net, t.requireNode("H2"), time);
        net.setUp(access, false);
        net.send(access.a(), new byte[1]);
        time.runUntil(10 * MS);
        assertEquals(List.of(), log);
        assertEquals(new LinkCounters(1, 0, 0, 1), net.counters(access.a()));
        assertTrue(net.routing().route(t.requireNode("H1"), t.requireNode("H2")).isEmpty());
    }

    @Test
    void linksInitiallyDownStartDown() {
        TopologyBuilder b = Topology.builder().router("A").router("B");
        b.defaults().bandwidth(1);
        b.link("A", "B").up(false);
        VirtualNetwork net = new VirtualNetwork(b.build(), time, 1);
        Link l = net.topology().links().get(0);
        assertTrue(!net.isUp(l) && !net.routing().isUp(l));
        assertTrue(net.routing().route(l.a().node(), l.b().node()).isEmpty());
    }

    @Test
    void multicastGroupsFollowJoinsLeavesAndRoutes() {
        VirtualNetwork net = new VirtualNetwork(network(), time, 1);
        Topology t = net.topology();
        Node h1 = t.requireNode("H1");
        Node h2 = t.requireNode("H2");
        Node h3 = t.requireNode("H3");
        List<String> heard = new ArrayList<>();
        net.addMembershipListener((g, members) -> heard.add(g + " " + names(List.copyOf(members))));
        net.join(h2, GROUP);
        net.join(h3, GROUP);
        net.join(h3, GROUP); // already a member: nothing changes
        time.runUntil(0);
        assertEquals(List.of("224.1.2.3 [H2]", "224.1.2.3 [H2, H3]"), heard);
        assertEquals(Set.of(h2, h3), net.members(GROUP));

        MulticastTree tree = net.multicastTree(h1, GROUP);
        assertEquals(Set.of(h2, h3), tree.reached());
        assertEquals(List.of("R1:eth1", "R1:eth2"), tree.outgoing(t.requireNode("R1")).stream()
            .map(Interface::qualifiedName).toList());

        net.setUp(t.link("R1-R3").orElseThrow(), false);
        MulticastTree rerouted = net.multicastTree(h1, GROUP);
        assertEquals(List.of("R1:eth1"), rerouted.outgoing(t.requireNode("R1")).stream()
            .map(Interface::qualifiedName).toList());
        assertEquals(List.of("R2:eth1", "R2:eth2"), rerouted.outgoing(t.requireNode("R2")).stream()
            .map(Interface::qualifiedName).toList(), "H3 now hangs from R2 via R4");

        net.leave(h2, GROUP);
        net.leave(h3, GROUP);
        time.runUntil(0);
        assertEquals(Set.of(), net.members(GROUP));
        assertEquals(Set.of(), net.multicastTree(h1, GROUP).reached());
        assertEquals(4, heard.size());
    }

    @Test
    void groupsMustBeMulticastAddresses() {
        VirtualNetwork net = new VirtualNetwork(network(), time, 1);
        Node h2 = net.topology().requireNode("H2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> net.join(h2, IpAddress.of("10.0.0.1")));
        assertEquals("10.0.0.1 is not a multicast group address", e.getMessage());
        net.join(h2, IpAddress.of("ff15::1"));
        assertEquals(Set.of(h2), net.members(IpAddress.of("ff15::1")));
    }

    @Test
    void equalSeedsGiveEqualRunsOnLossyLinks() {
        assertEquals(lossyRun(9), lossyRun(9));
    }

    private static List<String> lossyRun(long seed) {
        TopologyBuilder b = Topology.builder().router("A").router("B").router("C");
        b.defaults().bandwidth(1_000_000).delayNanos(MS).loss(0.3);
        b.link("A", "B");
        b.link("B", "C");
        VirtualTime t = new VirtualTime();
        VirtualNetwork net = new VirtualNetwork(b.build(), t, seed);
        List<String> log = forwardEverything(net, net.topology().requireNode("C"), t);
        Interface out = net.topology().links().get(0).a();
        for (int i = 0; i < 200; i++) {
            net.send(out, new byte[] {(byte) i});
        }
        t.runUntil(10 * MS);
        log.add(net.counters(out).toString());
        return log;
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }
}
