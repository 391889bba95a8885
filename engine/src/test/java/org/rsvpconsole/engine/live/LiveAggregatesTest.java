package org.rsvpconsole.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * The console's view of RFC 3175 aggregates ({@code NetworkSnapshot.aggregates}) on the live network running
 * examples/rfc4495-figure2 as its traffic mix: the mix sets up the scenario's aggregation region as simulate does,
 * and each aggregate lists its microflows with their senders, bandwidth, priorities and state.
 */
class LiveAggregatesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final long S = 1_000_000_000L;

    private static VirtualLiveNetwork figure2(String scenario, double speed) throws Exception {
        return new VirtualLiveNetwork(TopologyLoader.load(EXAMPLES.resolve("rfc4495-figure2.yaml")),
            TrafficMixPlan.looping(ScenarioLoader.load(EXAMPLES.resolve(scenario + ".scenario.yaml"))), speed, 1,
            e -> {
                throw new AssertionError(e);
            });
    }

    private static AggregateView named(List<AggregateView> all, String name) {
        return all.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(
            () -> new AssertionError("no aggregate " + name + " in " + all));
    }

    /** The microflows' destination ports and states, in the view's order. */
    private static List<String> flows(AggregateView a) {
        return a.microflows().stream().map(m -> m.session().port() + " " + m.state()).toList();
    }

    @Test
    void beforeFlowNineEachAggregateCarriesFiveCallsAt400k() throws Exception {
        VirtualLiveNetwork live = figure2("rfc4495-figure2", 1);
        VirtualTime time = live.startUnpaced();
        time.runUntil(19 * S);
        List<AggregateView> all = live.network().aggregates();
        assertEquals(List.of("X", "Y"), all.stream().map(AggregateView::name).toList(), "R4's X, then R8's Y");
        AggregateView y = named(all, "Y");
        assertEquals("R5", y.aggregator());
        assertEquals("R8", y.deaggregator());
        assertEquals(46, y.dscp());
        assertEquals(50_000, y.reservedBytesPerSecond(), 1e-6, "400 kbit/s");
        assertEquals(10_000, y.bulkBytesPerSecond(), 1e-6, "bulk 80 kbit/s");
        assertEquals(5_000, y.hysteresisBytesPerSecond(), 1e-6, "hysteresis 40 kbit/s");
        assertEquals(new SessionPriorities(100, 100), y.priority());
        // Admission order at R8: A (1 s), B (1.5 s), C (2 s), E (2.5 s), D (3 s).
        assertEquals(List.of("6002 ADMITTED", "6004 ADMITTED", "6006 ADMITTED", "6010 ADMITTED", "6008 ADMITTED"),
            flows(y));
        AggregateView.Microflow a = y.microflows().get(0);
        assertEquals(10_000, a.bandwidthBytesPerSecond(), 1e-6, "a G.711 call: 80 kbit/s");
        assertEquals(100, a.setupPriority());
        assertEquals(100, a.defendingPriority());
        assertEquals(List.of(live.addressOf("H5")), a.senders().stream().map(s -> s.address()).toList());
        assertEquals(6002, a.senders().get(0).port());
        assertEquals(live.addressOf("R8"), y.session().destination());
        assertEquals(50_000, named(all, "X").reservedBytesPerSecond(), 1e-6);
        assertEquals(5, named(all, "X").admitted().size());
        live.close();
    }

    @Test
    void afterFlowNineYIsAt320kWithFourCallsAndFlowDPreempted() throws Exception {
        VirtualLiveNetwork live = figure2("rfc4495-figure2", 1);
        VirtualTime time = live.startUnpaced();
        time.runUntil(30 * S);
        List<AggregateView> all = live.network().aggregates();
        AggregateView y = named(all, "Y");
        assertEquals(40_000, y.reservedBytesPerSecond(), 1e-6, "Y re-signalled at 320 kbit/s");
        assertEquals(List.of("6002 ADMITTED", "6004 ADMITTED", "6006 ADMITTED", "6010 ADMITTED", "6008 PREEMPTED"),
            flows(y));
        assertEquals(4, y.admitted().size());
        assertEquals(40_000, y.microflowBytesPerSecond(), 1e-6);
        AggregateView.Microflow d = y.microflows().get(4);
        assertEquals(10_000, d.bandwidthBytesPerSecond(), 1e-6, "what Flow D had when it was preempted");
        assertEquals(100, d.defendingPriority());
        AggregateView x = named(all, "X");
        assertEquals(60_000, x.reservedBytesPerSecond(), 1e-6, "X at 480 kbit/s");
        assertEquals(6, x.admitted().size());
        assertTrue(x.microflows().stream().allMatch(m -> m.state() == AggregateView.State.ADMITTED));
        // The mix's next round admits Flow D again (and preempts it again at 20 s of that round).
        live.close();
    }

    @Test
    void withoutRfc4495AtTheDeaggregatorAllOfYIsPreempted() throws Exception {
        VirtualLiveNetwork live = figure2("rfc4495-figure2-legacy", 1);
        VirtualTime time = live.startUnpaced();
        time.runUntil(30 * S);
        AggregateView y = named(live.network().aggregates(), "Y");
        assertEquals(0, y.reservedBytesPerSecond(), 1e-9, "Y released");
        assertEquals(5, y.microflows().size());
        assertTrue(y.microflows().stream().allMatch(m -> m.state() == AggregateView.State.PREEMPTED), flows(y)
            .toString());
        live.close();
    }

    @Test
    void theSnapshotCarriesTheAggregates() throws Exception {
        VirtualLiveNetwork live = figure2("rfc4495-figure2", 20).start();
        // x20: the calls are up by 3 s; 10 s of engine time in about 0.5 s of wall time, well before Flow 9 (20 s).
        while (live.nowNanos() < 10 * S) {
            Thread.sleep(20);
        }
        live.pause();
        NetworkSnapshot s = live.snapshot().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("X", "Y"), s.aggregates().stream().map(AggregateView::name).toList());
        assertEquals(5, named(s.aggregates(), "Y").admitted().size());
        live.close();
    }

    @Test
    void aNetworkWithoutAggregatesHasNone() throws Exception {
        VirtualLiveNetwork live = new VirtualLiveNetwork(TopologyLoader.load(EXAMPLES.resolve(
            "rfc4495-figure1.yaml")), null, 1, 1, e -> { });
        live.startUnpaced().runUntil(S);
        assertEquals(List.of(), live.network().aggregates());
        live.close();
    }
}
