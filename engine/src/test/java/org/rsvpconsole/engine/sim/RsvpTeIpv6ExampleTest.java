package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/** examples/rsvp-te-ipv6*.yaml run as the file says: IPv6 LSPs (RFC 3209 LSP_TUNNEL_IPv6) from topology files. */
class RsvpTeIpv6ExampleTest {

    private static final long S = 1_000_000_000L;
    private static final double MBIT = 125_000;

    private final List<RsvpEvent> events = new ArrayList<>();

    private ScenarioRun start(Topology t, Scenario s) throws Exception {
        ScenarioValidator.validate(s, t);
        return ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withListener(events::add));
    }

    private static double reserved(ScenarioRun run, String link, String from) {
        return run.network().linkDirection(link, from).reservedBytesPerSecond();
    }

    private static LspView lsp(ScenarioRun run, String node, int tunnel) {
        return run.network().node(node).lsps().stream().filter(v -> v.id().tunnelId() == tunnel).findFirst()
            .orElseThrow(() -> new AssertionError(node + " has no LSP of tunnel " + tunnel));
    }

    private static IpAddress ip(String s) {
        return IpAddress.of(s);
    }

    @Test
    void theIpv6ExampleRunsAsItsCommentsSay() throws Exception {
        Path file = Path.of("..", "examples", "rsvp-te-ipv6.scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        ScenarioRun run = start(TopologyLoader.load(s.topologyPath(file).orElseThrow()), s);
        run.runUntil(S / 2);
        LspView v1 = lsp(run, "R1", 1);
        assertTrue(v1.up());
        assertEquals(ip("2001:db8:ff::4"), v1.id().tailEnd());
        assertEquals(ip("2001:db8:12::1"), v1.id().headEnd());
        assertEquals(List.of(ExplicitHop.strict(ip("2001:db8:ff::2")), ExplicitHop.strict(ip("2001:db8:ff::3")),
            ExplicitHop.strict(ip("2001:db8:ff::4"))), v1.explicitRoute());
        assertEquals(List.of(new RecordedHop(ip("2001:db8:12::2"), 16), new RecordedHop(ip("2001:db8:23::3"), 16),
            new RecordedHop(ip("2001:db8:34::4"), 3)), v1.recordedRoute());
        assertEquals(10 * MBIT, reserved(run, "R2-R3", "R2"), 1e-6);

        run.runUntil(S + S / 2);
        assertEquals(List.of(ExplicitHop.strict(ip("2001:db8:12::2")), ExplicitHop.strict(ip("2001:db8:23::3")),
            ExplicitHop.strict(ip("2001:db8:ff::4"))), lsp(run, "R1", 2).explicitRoute(), "R1 expanded the loose hop");
        assertEquals(17, lsp(run, "R2", 2).labels().inLabel());
        assertEquals(30 * MBIT, reserved(run, "R2-R3", "R2"), 1e-6);
        assertEquals(0, reserved(run, "R1-R4", "R1"), 1e-6);

        run.runUntil(3 * S);
        assertEquals(2, lsp(run, "R1", 2).id().lspId());
        assertTrue(lsp(run, "R1", 2).up());
        assertEquals(20 * MBIT, reserved(run, "R1-R4", "R1"), 1e-6);
        assertEquals(10 * MBIT, reserved(run, "R2-R3", "R2"), 1e-6);

        run.runUntil(5 * S);
        assertEquals(0, reserved(run, "R2-R3", "R2"), 1e-6);
        assertTrue(run.network().node("R3").lsps().isEmpty());
        assertTrue(run.report().problems().isEmpty(), run.report().problems().toString());
    }

    @Test
    void aDualStackHeadEndsIpv6LspIsReroutedAndClosedByItsScenario() throws Exception {
        // R1's first interface is IPv4 (toward H1), so its primary address is not the LSP's head end address: the
        // scenario finds the head end by the address, not by the primary address.
        Topology t = TopologyLoader.parse("""
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
            """, "dual.yaml");
        Scenario s = ScenarioLoader.parse("""
            version: 1
            operations:
              - at: 0s
                lsp: {name: D, head: R1, tail: R3, tunnel: 5, bandwidth: 8M, route: ["2001:db8:12::2", R3]}
              - at: 1s
                reroute-lsp: {name: D, lsp-id: 2, route: ["2001:db8:13::3"]}
              - at: 2s
                close-lsp: D
            """, "dual.scenario.yaml");
        ScenarioRun run = start(t, s);
        run.runUntil(S / 2);
        assertEquals(ip("10.0.0.1"), run.network().node("R1").address());
        assertEquals(ip("2001:db8:12::1"), lsp(run, "R1", 5).id().headEnd());
        assertEquals(8 * MBIT, reserved(run, "R2-R3", "R2"), 1e-6);
        run.runUntil(S + S / 2);
        assertEquals(2, lsp(run, "R1", 5).id().lspId());
        assertEquals(8 * MBIT, reserved(run, "R1-R3", "R1"), 1e-6);
        assertEquals(0, reserved(run, "R2-R3", "R2"), 1e-6);
        run.runUntil(3 * S);
        assertTrue(run.network().node("R1").lsps().isEmpty());
        assertEquals(0, reserved(run, "R1-R3", "R1"), 1e-6);
        assertTrue(run.report().problems().isEmpty(), run.report().problems().toString());
    }
}
