package org.rsvpconsole.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.TopologyLoader;

/** The console's view of RSVP-TE LSPs: {@code LiveNetwork.lsps()} on the virtual network with the TE example. */
class LiveLspsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final long S = 1_000_000_000L;

    @Test
    void theLiveNetworkListsEveryNodesLsps() throws Exception {
        VirtualLiveNetwork live = new VirtualLiveNetwork(TopologyLoader.load(EXAMPLES.resolve(
            "rsvp-te-4router.yaml")), TrafficMixPlan.looping(ScenarioLoader.load(EXAMPLES.resolve(
                "rsvp-te-4router.scenario.yaml"))), 1, 1, e -> {
                    throw new AssertionError(e);
                });
        live.start();
        // Real time at speed 1: T1 (opened at 0 s) is up well before T2 opens at 1 s.
        while (live.nowNanos() < S / 2) {
            Thread.sleep(20);
        }
        List<LspView> all = live.lsps().get(10, TimeUnit.SECONDS).stream().filter(v -> v.id().tunnelId() == 1)
            .toList();
        // T1 at its head end, two transit nodes and its tail end.
        assertEquals(List.of("R1", "R2", "R3", "R4"), all.stream().map(LspView::node).toList());
        assertEquals(List.of(LspView.Role.HEAD, LspView.Role.TRANSIT, LspView.Role.TRANSIT, LspView.Role.TAIL),
            all.stream().map(LspView::role).toList());
        assertTrue(all.stream().allMatch(LspView::up));
        assertEquals("T1", all.get(0).name());
        assertEquals(16, all.get(0).labels().outLabel());
        live.close();
    }

    @Test
    void everyRoundOfTheMixSignalsTheScenariosLspsAfresh() throws Exception {
        VirtualLiveNetwork live = new VirtualLiveNetwork(TopologyLoader.load(EXAMPLES.resolve(
            "rsvp-te-4router.yaml")), TrafficMixPlan.looping(ScenarioLoader.load(EXAMPLES.resolve(
                "rsvp-te-4router.scenario.yaml"))), 1, 1, e -> {
                    throw new AssertionError(e);
                });
        // Unpaced: a failing operation (before: round 2's reroute-lsp finding LSP ID 2 in use) fails the run.
        VirtualTime time = live.startUnpaced();
        time.runUntil(4 * S);
        assertEquals(List.of("T1 1 false", "T2 2 true", "T3 1 true"), heads(live));
        // The last operation is at 5 s, the pause 10 s: the mix closes what is left at 10 s, round 2 starts at 15 s.
        time.runUntil(12 * S);
        assertEquals(List.of(), live.network().lsps());
        time.runUntil(15 * S + S / 2);
        assertEquals(List.of("T1 1 true"), heads(live));
        time.runUntil(19 * S);
        assertEquals(List.of("T1 1 false", "T2 2 true", "T3 1 true"), heads(live), "round 2 as round 1");
        live.close();
    }

    @Test
    void aDualStackHeadEndsIpv6LspIsReroutedAndClosedByTheMix() throws Exception {
        // R1's primary address is IPv4 (its first interface, toward H1); its IPv6 LSP is named by 2001:db8:12::1,
        // and the mix finds the head end by that address to re-route and close it.
        VirtualLiveNetwork live = new VirtualLiveNetwork(TopologyLoader.parse("""
            defaults: {bandwidth: 100M}
            nodes:
              H1: host
              R1: {type: router, addresses: [192.0.2.1, "2001:db8:ff::1"]}
              R2: {type: router, addresses: ["2001:db8:ff::2"]}
              R3: {type: router, addresses: ["2001:db8:ff::3"]}
            links:
              - ends: [R1, H1]
              - ends: [{node: R1, address: "2001:db8:12::1"}, {node: R2, address: "2001:db8:12::2"}]
              - ends: [{node: R2, address: "2001:db8:23::2"}, {node: R3, address: "2001:db8:23::3"}]
              - ends: [{node: R1, address: "2001:db8:13::1"}, {node: R3, address: "2001:db8:13::3"}]
            """, "dual.yaml"), TrafficMixPlan.looping(ScenarioLoader.parse("""
            version: 1
            operations:
              - at: 0s
                lsp: {name: D, head: R1, tail: R3, tunnel: 5, bandwidth: 8M, route: ["2001:db8:12::2", R3]}
              - at: 1s
                reroute-lsp: {name: D, lsp-id: 2, route: ["2001:db8:13::3"]}
              - at: 2s
                close-lsp: D
            """, "dual.scenario.yaml")), 1, 1, e -> {
                throw new AssertionError(e);
            });
        VirtualTime time = live.startUnpaced();
        time.runUntil(S / 2);
        assertEquals(List.of("D 1 true"), heads(live));
        assertEquals("2001:db8:12::1", live.network().node("R1").lsps().get(0).id().headEnd().toString());
        time.runUntil(S + S / 2);
        assertEquals(List.of("D 2 true"), heads(live));
        time.runUntil(2 * S + S / 2);
        assertEquals(List.of(), live.network().lsps());
        live.close();
    }

    /** The head ends' LSPs: name, LSP ID, up. */
    private static List<String> heads(VirtualLiveNetwork live) {
        return live.network().lsps().stream().filter(v -> v.role() == LspView.Role.HEAD)
            .map(v -> v.name() + " " + v.id().lspId() + " " + v.up()).sorted().toList();
    }
}
