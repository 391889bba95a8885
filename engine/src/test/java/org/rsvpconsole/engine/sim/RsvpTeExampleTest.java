package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.rsvpconsole.engine.scenario.ScenarioException;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.junit.jupiter.api.Assertions;

/** examples/rsvp-te-4router*.yaml run as the file says (RFC 3209 LSPs, priorities, make-before-break). */
class RsvpTeExampleTest {

    private static final long S = 1_000_000_000L;
    private static final double MBIT = 125_000;

    private final List<RsvpEvent> events = new ArrayList<>();

    private ScenarioRun start() throws Exception {
        Path file = Path.of("..", "examples", "rsvp-te-4router.scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
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

    private static String link(ScenarioRun run, String a, String b) {
        return run.network().topology().linksBetween(run.network().topology().requireNode(a),
            run.network().topology().requireNode(b)).get(0).name();
    }

    @Test
    void theExampleRunsAsItsCommentsSay() throws Exception {
        ScenarioRun run = start();
        String r2r3 = link(run, "R2", "R3");
        String r1r2 = link(run, "R1", "R2");
        run.runUntil(S / 2);
        assertEquals(10 * MBIT, reserved(run, r2r3, "R2"), 1e-6);
        LspView t1 = lsp(run, "R1", 1);
        assertTrue(t1.up());
        assertEquals(List.of(ExplicitHop.strict(IpAddress.of("192.0.2.2")), ExplicitHop.strict(
            IpAddress.of("192.0.2.3")), ExplicitHop.strict(IpAddress.of("192.0.2.4"))), t1.explicitRoute());
        // Labels from 16 up at R2 and R3, Implicit NULL from R4.
        assertEquals(List.of(new RecordedHop(IpAddress.of("10.0.12.2"), 16), new RecordedHop(
            IpAddress.of("10.0.23.3"), 16), new RecordedHop(IpAddress.of("10.0.34.4"), 3)), t1.recordedRoute());

        run.runUntil(S + S / 2);
        assertEquals(30 * MBIT, reserved(run, r2r3, "R2"), 1e-6);
        assertEquals(List.of(ExplicitHop.strict(IpAddress.of("192.0.2.3")), ExplicitHop.strict(
            IpAddress.of("192.0.2.4"))), lsp(run, "R2", 2).explicitRoute(), "R2 expanded the loose hop");
        assertEquals(17, lsp(run, "R2", 2).labels().inLabel());

        run.runUntil(2 * S + S / 2);
        assertEquals(35 * MBIT, reserved(run, r2r3, "R2"), 1e-6);
        RsvpEvent.Preempted p = events.stream().filter(e -> e instanceof RsvpEvent.Preempted)
            .map(e -> (RsvpEvent.Preempted) e).findFirst().orElseThrow();
        assertEquals("R2", p.node());
        assertEquals(1, p.victim().port());
        assertEquals(3, p.preemptor().port());
        assertFalse(p.partial());
        assertFalse(lsp(run, "R1", 1).up());
        assertTrue(lsp(run, "R1", 3).up());

        run.runUntil(4 * S);
        assertEquals(15 * MBIT, reserved(run, r2r3, "R2"), 1e-6);
        assertEquals(20 * MBIT, reserved(run, link(run, "R2", "R4"), "R2"), 1e-6);
        assertEquals(2, lsp(run, "R1", 2).id().lspId());
        assertTrue(lsp(run, "R1", 2).up());
        // R1-R2 carried T1 (until preempted), T2 once, T3: never more than 10 + 20 + 15 Mbit/s.
        assertTrue(events.stream().filter(e -> e instanceof RsvpEvent.Reservation r && r.node().equals("R1")
            && r.interfaceName().equals(run.network().topology().linksBetween(run.network().topology()
                .requireNode("R1"), run.network().topology().requireNode("R2")).get(0).a().name())
            && r.session().port() == 2).allMatch(e -> ((RsvpEvent.Reservation) e).reservedBytesPerSecond()
                <= 20 * MBIT + 1e-6));
        assertEquals(35 * MBIT, reserved(run, r1r2, "R1"), 1e-6);

        run.runUntil(6 * S);
        assertEquals(0, reserved(run, r2r3, "R2"), 1e-6);
        assertTrue(run.report().problems().isEmpty(), run.report().problems().toString());
        // simulate's report lists each node's LSPs: R2 still carries T2's new LSP (toward R4 over R2-R4)...
        NodeReport r2 = run.report().nodes().stream().filter(n -> n.state().node().equals("R2")).findFirst()
            .orElseThrow();
        // and T1's path state (its head end still signals it; preempted, it has no reservation or label).
        assertEquals(List.of(1, 2), r2.lsps().stream().map(l -> l.id().tunnelId()).toList());
        assertFalse(r2.lsps().get(0).up());
        assertEquals(2, r2.lsps().get(1).id().lspId());
        assertTrue(r2.lsps().get(1).up());
        TextVisitor v = new TextVisitor();
        run.report().describe(v);
        String text = v.toString();
        assertTrue(text.contains("lspId = 2"), text);
        assertTrue(text.contains("10.0.12.2(label "), text);
    }

    @Test
    void badLspOperationsAreReportedWithTheirLines() throws Exception {
        String text = """
            version: 1
            topology: rsvp-te-4router.yaml
            operations:
              - at: 0s
                lsp: {name: T1, head: R1, tail: R4, bandwidth: 10M, route: [R2, "R9 loose"], setup: 4, hold: 5}
              - at: 1s
                reroute-lsp: {name: T9, lsp-id: 2, route: [R2]}
              - at: 2s
                lsp: {name: T2, head: R1, tail: R4, route: ["10.0.0.0/99"]}
            """;
        ScenarioException e = Assertions.assertThrows(ScenarioException.class,
            () -> ScenarioLoader.parse(text, "te.scenario.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("holding priority 5 is worse than setup 4"), m);
        assertTrue(m.contains("key 'bandwidth'"), m);
        assertTrue(m.contains("10.0.0.0/99"), m);
        Scenario ok = ScenarioLoader.parse("""
            version: 1
            operations:
              - at: 0s
                lsp: {name: T1, head: R1, tail: R4, bandwidth: 10M, route: [R2, "R9 loose"]}
              - at: 1s
                reroute-lsp: {name: T9, lsp-id: 2, route: [R2]}
            """, "te.scenario.yaml");
        Topology t = TopologyLoader.load(Path.of("..", "examples", "rsvp-te-4router.yaml"));
        ScenarioException v = Assertions.assertThrows(ScenarioException.class, () -> ScenarioValidator.validate(ok,
            t));
        assertTrue(v.getMessage().contains("node 'R9' is not in the topology"), v.getMessage());
        assertTrue(v.getMessage().contains("no 'lsp' item opens an LSP named 'T9'"), v.getMessage());
        assertTrue(v.getMessage().contains("line 5: reroute-lsp"), v.getMessage());
    }
}
