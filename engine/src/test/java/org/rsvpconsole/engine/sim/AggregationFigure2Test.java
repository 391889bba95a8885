package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.Dclass;
import org.rsvpconsole.engine.codec.ErrorSpec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * RFC 4495 Figure 2 and Appendix A on examples/rfc4495-figure2*.scenario.yaml: two RFC 3175 aggregates share R10's
 * 800 kbit/s Int8; Flow 9 joins X. With RFC 4495 at Y's deaggregator one call of Y goes and four stay without a
 * gap; without it all of Y goes (RFC 4495 §6). Side by side in docs/preemption.md.
 */
class AggregationFigure2Test {

    private static final long S = 1_000_000_000L;
    private static final List<String> Y_KEPT = List.of("flowA", "flowB", "flowC", "flowE");

    private final List<RsvpEvent> events = new ArrayList<>();

    private ScenarioRun start(String name) throws Exception {
        Path file = Path.of("..", "examples", name + ".scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        ScenarioValidator.validate(s, t);
        return ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withListener(events::add));
    }

    private static SessionId id(ScenarioRun run, String name) {
        return run.report().sessionNames().entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no session " + name));
    }

    private static LinkReport int8(ScenarioRun run) {
        return run.report().links().stream().filter(l -> l.view().fromInterface().equals("Int8")).findFirst()
            .orElseThrow();
    }

    private static double reserved(LinkReport l, SessionId id) {
        return l.view().reservedBytesPerSecond(id);
    }

    private List<RsvpEvent.MessageSent> sent(String node, String type, SessionId id, long from, long to) {
        return events.stream().filter(e -> e instanceof RsvpEvent.MessageSent m && m.messageType().equals(type)
                && m.session().equals(id) && (node == null || m.node().equals(node)) && m.timeNanos() >= from
                && m.timeNanos() < to)
            .map(e -> (RsvpEvent.MessageSent) e).toList();
    }

    private static ObjectMessage decode(byte[] datagram) {
        int ihl = (datagram[0] & 0x0f) * 4;
        return (ObjectMessage) ((DecodeResult.Decoded) new RsvpDecoder().decode(datagram, ihl,
            datagram.length - ihl)).message();
    }

    private List<RsvpEvent.Preempted> preempted() {
        return events.stream().filter(e -> e instanceof RsvpEvent.Preempted).map(e -> (RsvpEvent.Preempted) e)
            .toList();
    }

    @Test
    void theRegionCarriesFiveCallsPerAggregateWithoutInteriorState() throws Exception {
        ScenarioRun run = start("rfc4495-figure2");
        run.runUntil(19 * S);
        SessionId x = id(run, "aggregate X");
        SessionId y = id(run, "aggregate Y");
        SessionId flowA = id(run, "flowA");
        LinkReport int8 = int8(run);
        assertEquals(50_000, reserved(int8, x), 1e-3, "X: 5 x 80 kbit/s");
        assertEquals(50_000, reserved(int8, y), 1e-3, "Y: 5 x 80 kbit/s");
        assertEquals(0, int8.view().freeBytesPerSecond(), 1e-3);
        assertEquals(5, run.network().node("R8").aggregateMicroflows().get("Y").size());
        assertEquals(50_000, run.network().node("R8").aggregateTargets().get("Y"), 1e-3);
        // Interior routers never saw the calls: RSVP-E2E-IGNORE (protocol 134) crossed them as plain IP.
        for (String interior : List.of("R6", "R10", "R11", "R7")) {
            assertTrue(run.network().node(interior).paths(flowA).isEmpty(), interior + " holds no call state");
        }
        RsvpEvent.MessageSent path = sent("R5", "Path", flowA, 0, S).get(0);
        assertEquals(134, path.datagram()[9] & 0xff, "the aggregator sends the end-to-end Path as protocol 134");
        assertTrue(run.network().node("R8").paths(flowA).size() == 1, "the deaggregator processed it");
        // The deaggregator's end-to-end Resv tells the aggregator which DSCP to mark (DCLASS).
        ObjectMessage resv = decode(sent("R8", "Resv", flowA, 0, 19 * S).get(0).datagram());
        assertEquals(List.of(46), resv.first(Dclass.class).orElseThrow().dscps());
        assertTrue(run.problems().isEmpty(), run.problems().toString());
    }

    @Test
    void flowNineTakesEightyFromYWhichLosesOneCallAndKeepsFourWithoutAGap() throws Exception {
        ScenarioRun run = start("rfc4495-figure2");
        run.runUntil(30 * S);
        SessionId x = id(run, "aggregate X");
        SessionId y = id(run, "aggregate Y");
        SessionId flowD = id(run, "flowD");
        LinkReport int8 = int8(run);
        assertEquals(60_000, reserved(int8, x), 1e-3, "X ends at 480 kbit/s");
        assertEquals(40_000, reserved(int8, y), 1e-3, "Y re-signalled at 320 kbit/s");
        assertEquals(40_000, run.network().node("R8").aggregateTargets().get("Y"), 1e-3);

        // R10 reduced Y by 80 kbit/s for X: one event, partial, with the priorities compared.
        List<RsvpEvent.Preempted> atR10 = preempted().stream().filter(p -> p.node().equals("R10")).toList();
        assertEquals(1, atR10.size(), atR10.toString());
        RsvpEvent.Preempted r10 = atR10.get(0);
        assertEquals("Int8", r10.interfaceName());
        assertEquals(x, r10.preemptor());
        assertEquals(y, r10.victim());
        assertEquals(200, r10.preemptionPriority());
        assertEquals(100, r10.defendingPriority());
        assertTrue(r10.partial());
        assertEquals(10_000, r10.takenBytesPerSecond(), 1e-3);
        assertEquals(40_000, r10.remainingBytesPerSecond(), 1e-3);
        ObjectMessage err = decode(sent("R10", "ResvErr", y, 19 * S, 30 * S).get(0).datagram());
        assertEquals(102, err.first(ErrorSpec.class).orElseThrow().errorValue());
        assertEquals(40_000, IntServMath.request(err.first(Flowspec.class).orElseThrow()).bandwidth(), 1e-3);
        assertTrue(sent(null, "ResvTear", y, 19 * S, 59 * S).isEmpty(), "no ResvTear toward Y's aggregator");

        // R8 preempted exactly one call of Y, Flow D: ResvErr downstream and ResvTear upstream for it only.
        List<RsvpEvent.Preempted> atR8 = preempted().stream().filter(p -> p.node().equals("R8")).toList();
        assertEquals(1, atR8.size(), atR8.toString());
        assertEquals(flowD, atR8.get(0).victim());
        assertEquals(1, sent("R8", "ResvErr", flowD, 19 * S, 30 * S).size());
        assertEquals(1, sent("R8", "ResvTear", flowD, 19 * S, 30 * S).size());
        assertEquals(4, run.network().node("R8").aggregateMicroflows().get("Y").size());

        // The other four calls of Y never lost their reservation at any instant.
        for (String name : Y_KEPT) {
            SessionId f = id(run, name);
            assertTrue(sent(null, "ResvTear", f, 19 * S, 59 * S).isEmpty(), name + ": no ResvTear");
            assertTrue(sent(null, "ResvErr", f, 19 * S, 59 * S).isEmpty(), name + ": no ResvErr");
            assertTrue(events.stream().noneMatch(e -> e.timeNanos() >= 19 * S
                && (e instanceof RsvpEvent.ResvState r && r.session().equals(f) && r.change() != StateChange.CHANGED
                    && r.change() != StateChange.INSTALLED
                    || e instanceof RsvpEvent.Reservation r2 && r2.session().equals(f)
                    && r2.reservedBytesPerSecond() == 0)), name + " kept its reservation throughout");
        }
        // Nor did Y itself drop to zero on Int8 at any instant: 400k, then 320k.
        List<Double> yOnInt8 = events.stream().filter(e -> e instanceof RsvpEvent.Reservation r
                && r.node().equals("R10") && r.interfaceName().equals("Int8") && r.session().equals(y))
            .map(e -> ((RsvpEvent.Reservation) e).reservedBytesPerSecond()).toList();
        assertEquals(40_000, yOnInt8.get(yOnInt8.size() - 1), 1e-3);
        assertTrue(yOnInt8.stream().allMatch(b -> b > 0), yOnInt8.toString());
        RsvpEvent.ReductionAnswered answer = events.stream().filter(e -> e instanceof RsvpEvent.ReductionAnswered a
            && a.node().equals("R8")).map(e -> (RsvpEvent.ReductionAnswered) e).findFirst().orElseThrow();
        assertEquals(40_000, answer.newBytesPerSecond(), 1e-3);
        assertTrue(run.problems().isEmpty(), run.problems().toString());
    }

    @Test
    void aDeaggregatorWithoutRfc4495TearsDownAllOfY() throws Exception {
        ScenarioRun run = start("rfc4495-figure2-legacy");
        run.runUntil(30 * S);
        SessionId x = id(run, "aggregate X");
        SessionId y = id(run, "aggregate Y");
        LinkReport int8 = int8(run);
        assertEquals(60_000, reserved(int8, x), 1e-3, "X still gets 480 kbit/s");
        assertEquals(0, reserved(int8, y), 1e-9, "Y is gone");
        assertEquals(1, preempted().stream().filter(p -> p.node().equals("R10") && p.partial()).count(),
            "R10 itself still only reduced Y");
        assertEquals(5, preempted().stream().filter(p -> p.node().equals("R8")).count(), "all five calls of Y");
        for (String name : List.of("flowA", "flowB", "flowC", "flowD", "flowE")) {
            assertFalse(sent("R8", "ResvTear", id(run, name), 19 * S, 30 * S).isEmpty(), name + " torn down");
        }
        assertTrue(run.network().node("R8").aggregateMicroflows().get("Y").isEmpty());
    }
}
