package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * RFC 3175 §1.4.5 aggregate sizing at the deaggregator, on examples/rfc4495-figure2 before Flow 9 (aggregate Y: bulk
 * 80 kbit/s = 10,000 B/s, hysteresis 40 kbit/s = 5,000 B/s, five 80 kbit/s calls, 50,000 B/s): the aggregate grows
 * by whole steps as soon as its microflows need more, and shrinks only when a step plus the hysteresis is unused, so
 * the interior links see step changes only.
 */
class AggregateSizingTest {

    private static final long S = 1_000_000_000L;

    private static SessionId id(ScenarioRun run, String name) {
        return run.report().sessionNames().entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no session " + name));
    }

    @Test
    void yGrowsByWholeStepsAndShrinksOnlyPastAStepPlusTheHysteresis() throws Exception {
        Path file = Path.of("..", "examples", "rfc4495-figure2.scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        List<RsvpEvent> events = new ArrayList<>();
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withListener(events::add));
        long at = 5 * S;
        run.runUntil(at);
        SenderAddress h5 = new SenderAddress(run.network().node("H5").address(), 0);
        SessionId y = id(run, "aggregate Y");
        List<double[]> steps = new ArrayList<>();
        // Each change at H8, then the aggregate R8 asks for and what R10 reserves for Y on Int8 one second later.
        Runnable record = () -> steps.add(new double[] {run.network().node("R8").aggregateTargets().get("Y"),
            run.network().linkDirection("R10-R11", "R10").reservedBytesPerSecond(y)});
        record.run();

        // A call ends: 40,000 B/s used of 50,000, a whole step unused but not a step plus the hysteresis: stays.
        run.network().releaseReservation("H8", id(run, "flowE"));
        run.runUntil(at += S);
        record.run();
        // Flow A drops to 60 kbit/s: 37,500 used, 12,500 unused (< 15,000): stays.
        reserve(run, "flowA", 7_500, h5, 6002);
        run.runUntil(at += S);
        record.run();
        // Flow B drops to 60 kbit/s: 35,000 used, 15,000 unused (= a step plus the hysteresis): shrinks to the steps
        // that cover 35,000, 40,000 B/s (320 kbit/s).
        reserve(run, "flowB", 7_500, h5, 6004);
        run.runUntil(at += S);
        record.run();
        // Flow A back up to 100 kbit/s: 40,000 used, exactly the aggregate: stays.
        reserve(run, "flowA", 12_500, h5, 6002);
        run.runUntil(at += S);
        record.run();
        // Flow C up to 100 kbit/s: 42,500 used, more than the aggregate: grows by one whole step, 50,000.
        reserve(run, "flowC", 12_500, h5, 6006);
        run.runUntil(at += S);
        record.run();

        double[][] expected = {{50_000, 50_000}, {50_000, 50_000}, {50_000, 50_000}, {40_000, 40_000},
            {40_000, 40_000}, {50_000, 50_000}};
        assertEquals(expected.length, steps.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], steps.get(i)[0], 1e-6, "R8's request for Y after change " + i);
            assertEquals(expected[i][1], steps.get(i)[1], 1e-6, "Y on R10 Int8 after change " + i);
        }
        // R10 saw Y change twice only: 40,000 at the shrink, 50,000 at the growth (every other change stayed inside
        // the aggregate's steps).
        List<Double> yOnInt8 = events.stream().filter(e -> e instanceof RsvpEvent.Reservation r && r.node().equals(
                "R10") && r.interfaceName().equals("Int8") && r.session().equals(y) && r.timeNanos() > 5 * S)
            .map(e -> ((RsvpEvent.Reservation) e).reservedBytesPerSecond()).toList();
        assertEquals(List.of(40_000.0, 50_000.0), yOnInt8);
        assertEquals(4, run.network().node("R8").aggregateMicroflows().get("Y").size());
        assertTrue(run.problems().isEmpty(), run.problems().toString());
    }

    /** H8 asks for {@code bytesPerSecond} of Controlled Load for one call of Y (FF, its one sender on H5). */
    private static void reserve(ScenarioRun run, String flow, double bytesPerSecond, SenderAddress h5, int port) {
        run.network().reserve("H8", id(run, flow), ReservationStyle.FF, FlowRequest.controlledLoad(new TrafficSpec(
            bytesPerSecond, 200, bytesPerSecond, 200, 200)), List.of(new SenderAddress(h5.address(), port)), false);
    }
}
