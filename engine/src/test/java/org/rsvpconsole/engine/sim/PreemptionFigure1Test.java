package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.codec.BundleMessage;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.ErrorSpec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.PolicyData;
import org.rsvpconsole.engine.codec.PolicyElement;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.node.PreemptionSettings;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * RFC 4495 Figure 1 on examples/rfc4495-figure1*.yaml: Flow 2 (priority 300) arrives on R1's full Int2 where Flow 1
 * (defending 100) holds 80 of 100 units. With RFC 4495 Flow 1 is reduced to 20 units, not torn down; without it
 * (RFC 3181 alone) it is preempted whole.
 */
class PreemptionFigure1Test {

    private static final long S = 1_000_000_000L;
    private static final String NAME = "rfc4495-figure1";

    private final List<RsvpEvent> events = new ArrayList<>();

    private ScenarioRun start(PreemptionSettings r1Settings) throws Exception {
        Path file = Path.of("..", "examples", NAME + ".scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        ScenarioValidator.validate(s, t);
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withListener(events::add));
        for (RsvpNode n : run.network().nodes()) {
            n.preemptionSettings(r1Settings);
        }
        return run;
    }

    private static SessionId session(ScenarioRun run, String name) {
        return run.report().sessionNames().entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static LinkReport int2(ScenarioRun run) {
        return run.report().links().stream().filter(l -> l.view().fromInterface().equals("Int2")).findFirst()
            .orElseThrow();
    }

    private static double reservedFor(LinkReport l, SessionId id) {
        return l.view().reservedBytesPerSecond(id);
    }

    private List<RsvpEvent.MessageSent> sent(String type, SessionId id, long from, long to) {
        return events.stream().filter(e -> e instanceof RsvpEvent.MessageSent m && m.messageType().equals(type)
            && m.session().equals(id) && m.timeNanos() >= from && m.timeNanos() < to)
            .map(e -> (RsvpEvent.MessageSent) e).toList();
    }

    private static ObjectMessage decode(byte[] datagram) {
        int ihl = (datagram[0] & 0x0f) * 4;
        DecodeResult r = new RsvpDecoder().decode(datagram, ihl, datagram.length - ihl);
        return (ObjectMessage) ((DecodeResult.Decoded) r).message();
    }

    @Test
    void flowOneIsReducedToTwentyUnitsKeepsSixteenAndFlowTwoGetsEighty() throws Exception {
        ScenarioRun run = start(PreemptionSettings.DEFAULT);
        run.runUntil(10 * S);
        SessionId flow1 = session(run, "flow1");
        assertEquals(10_000, reservedFor(int2(run), flow1), 1e-6, "Flow 1 holds 80 units before Flow 2");
        run.runUntil(11 * S);
        SessionId flow2 = session(run, "flow2");

        // R1 reduced Flow 1 by 60 units for Flow 2, and said why.
        List<RsvpEvent.Preempted> preempted = events.stream().filter(e -> e instanceof RsvpEvent.Preempted)
            .map(e -> (RsvpEvent.Preempted) e).toList();
        assertEquals(1, preempted.size(), preempted.toString());
        RsvpEvent.Preempted p = preempted.get(0);
        assertEquals("R1", p.node());
        assertEquals("Int2", p.interfaceName());
        assertEquals(flow2, p.preemptor());
        assertEquals(flow1, p.victim());
        assertEquals(300, p.preemptionPriority());
        assertEquals(100, p.defendingPriority());
        assertTrue(p.partial());
        assertEquals(7_500, p.takenBytesPerSecond(), 1e-3, "60 units taken");
        assertEquals(2_500, p.remainingBytesPerSecond(), 1e-3, "20 units remain");
        assertEquals(10_000, p.neededBytesPerSecond(), 1e-3);
        assertEquals(2_500, p.freeBytesPerSecond(), 1e-3);
        assertTrue(p.explanation().contains("defends with 100 < 300"), p.explanation());

        // The ResvErr R1 sent: code 2, value 102, InPlace, FLOWSPEC of 20 units, the PREEMPTION_PRI element.
        List<RsvpEvent.MessageSent> errs = sent("ResvErr", flow1, 10 * S, 11 * S).stream()
            .filter(m -> m.node().equals("R1")).toList();
        assertEquals(1, errs.size());
        ObjectMessage err = decode(errs.get(0).datagram());
        ErrorSpec spec = err.first(ErrorSpec.class).orElseThrow();
        assertEquals(2, spec.errorCode());
        assertEquals(102, spec.errorValue());
        assertTrue(spec.inPlace());
        assertEquals(2_500, IntServMath.request(err.first(Flowspec.class).orElseThrow()).bandwidth(), 1e-3);
        PolicyElement.PreemptionPriority pri = (PolicyElement.PreemptionPriority) err.first(PolicyData.class)
            .orElseThrow().elements().get(0);
        assertEquals(300, pri.preemptionPriority());
        assertEquals(100, pri.defendingPriority());

        // No ResvTear for Flow 1 anywhere while it is reduced; its receiver re-requested 16 units (<= 20).
        assertTrue(sent("ResvTear", flow1, 0, 59 * S).isEmpty(), "a reduction sends no ResvTear");
        RsvpEvent.ReductionAnswered answer = events.stream().filter(e -> e instanceof RsvpEvent.ReductionAnswered)
            .map(e -> (RsvpEvent.ReductionAnswered) e).findFirst().orElseThrow();
        assertEquals("H3", answer.node());
        assertEquals(2_500, answer.indicatedBytesPerSecond(), 1e-3);
        assertEquals(10_000, answer.previousBytesPerSecond(), 1e-3);
        assertEquals(2_000, answer.newBytesPerSecond(), 1e-3, "G.729 in 40 ms packets: 16 units");

        // Steady state: Flow 2 at 80 units, Flow 1 at 16, on Int2 and all the way.
        run.runUntil(50 * S);
        LinkReport int2 = int2(run);
        assertEquals(10_000, reservedFor(int2, flow2), 1e-3);
        assertEquals(2_000, reservedFor(int2, flow1), 1e-3);
        assertEquals(500, int2.view().freeBytesPerSecond(), 1e-3);
        LinkReport h1r1 = run.report().links().stream().filter(l -> l.view().fromNode().equals("H1")
            && l.view().toNode().equals("R1")).findFirst().orElseThrow();
        assertEquals(2_000, reservedFor(h1r1, flow1), 1e-3, "the smaller request reached the sender's link");
        assertTrue(int2.peakReservedBytesPerSecond() <= 12_500 + 1e-6, "never more than the 100 units");
        assertTrue(run.problems().isEmpty(), run.problems().toString());
    }

    @Test
    void aDuplicatedReductionReducesOnceAndALaterOneIsNew() throws Exception {
        ScenarioRun run = start(PreemptionSettings.DEFAULT);
        run.runUntil(11 * S);
        SessionId flow1 = session(run, "flow1");
        RsvpEvent.MessageReceived atH3 = events.stream().filter(e -> e instanceof RsvpEvent.MessageReceived m
            && m.node().equals("H3") && m.messageType().equals("ResvErr")).map(e -> (RsvpEvent.MessageReceived) e)
            .findFirst().orElseThrow();
        RsvpNode h3 = run.network().node("H3");
        Interface in = run.network().topology().interfaceOf(h3.node(), atH3.interfaceName()).orElseThrow();
        int before = events.size();
        // The same ResvErr again (a retransmission or a duplicate on the link).
        h3.receive(in, atH3.datagram().clone());
        run.runUntil(12 * S);
        List<RsvpEvent> after = events.subList(before, events.size());
        RsvpEvent.ReductionAnswered dup = after.stream().filter(e -> e instanceof RsvpEvent.ReductionAnswered)
            .map(e -> (RsvpEvent.ReductionAnswered) e).findFirst().orElseThrow();
        assertEquals(2_000, dup.newBytesPerSecond(), 1e-3, "still 16 units");
        assertTrue(dup.explanation().contains("Req#4"), dup.explanation());
        assertTrue(after.stream().noneMatch(e -> e instanceof RsvpEvent.ResvState r && r.node().equals("H3")
            && r.change() == org.rsvpconsole.engine.api.StateChange.CHANGED), "the request did not change again");
        assertEquals(2_000, reservedFor(int2(run), flow1), 1e-3);

        // A further reduction is a new message with a new, smaller flowspec: below every fall-back, so H3 gives up.
        ObjectMessage m = decode(atH3.datagram());
        List<org.rsvpconsole.engine.codec.RsvpObject> objects = new ArrayList<>();
        for (org.rsvpconsole.engine.codec.RsvpObject o : m.objects()) {
            objects.add(o instanceof Flowspec f ? IntServMath.flowspec(
                org.rsvpconsole.engine.node.PreemptionTestAccess.capTo(IntServMath.request(f), 1_000)) : o);
        }
        byte[] again = org.rsvpconsole.engine.node.PreemptionTestAccess.datagram(atH3.datagram(),
            new ObjectMessage(m.type(), m.flags(), m.sendTtl(), objects));
        h3.receive(in, again);
        run.runUntil(13 * S);
        RsvpEvent.ReductionAnswered gaveUp = events.stream().filter(e -> e instanceof RsvpEvent.ReductionAnswered)
            .map(e -> (RsvpEvent.ReductionAnswered) e).reduce((a, b) -> b).orElseThrow();
        assertEquals(0, gaveUp.newBytesPerSecond(), 1e-9);
        assertFalse(sent("ResvTear", flow1, 12 * S, 13 * S).isEmpty(), "giving up releases the reservation");
        assertEquals(0, reservedFor(int2(run), flow1), 1e-9);
    }

    @Test
    void withoutRfc4495FlowOneIsPreemptedWholeWithErrPreemptAndResvTear() throws Exception {
        ScenarioRun run = start(PreemptionSettings.WITHOUT_RFC4495);
        run.runUntil(11 * S);
        SessionId flow1 = session(run, "flow1");
        SessionId flow2 = session(run, "flow2");
        RsvpEvent.Preempted p = events.stream().filter(e -> e instanceof RsvpEvent.Preempted)
            .map(e -> (RsvpEvent.Preempted) e).findFirst().orElseThrow();
        assertFalse(p.partial());
        assertEquals(10_000, p.takenBytesPerSecond(), 1e-3);
        RsvpEvent.MessageSent err = sent("ResvErr", flow1, 10 * S, 11 * S).stream()
            .filter(m -> m.node().equals("R1")).findFirst().orElseThrow();
        ErrorSpec spec = decode(err.datagram()).first(ErrorSpec.class).orElseThrow();
        assertEquals(2, spec.errorCode());
        assertEquals(5, spec.errorValue(), "ERR_PREEMPT");
        PolicyElement.PreemptionPriority pri = (PolicyElement.PreemptionPriority) decode(err.datagram())
            .first(PolicyData.class).orElseThrow().elements().get(0);
        assertEquals(PolicyElement.PreemptionPriority.ERROR_PREEMPTED, pri.errorCode());
        assertNotNull(sent("ResvTear", flow1, 10 * S, 11 * S).stream().filter(m -> m.node().equals("R1"))
            .findFirst().orElse(null), "R1 sends ResvTear upstream for the preempted flow (RFC 2205)");
        LinkReport int2 = int2(run);
        assertEquals(10_000, reservedFor(int2, flow2), 1e-3);
        assertEquals(0, reservedFor(int2, flow1), 1e-9);
    }

    /** Whether {@code datagram} carries a message of {@code type}, alone or in a Bundle. */
    private static boolean carries(byte[] datagram, MessageType type) {
        int ihl = (datagram[0] & 0x0f) * 4;
        if (!(new RsvpDecoder().decode(datagram, ihl, datagram.length - ihl) instanceof DecodeResult.Decoded d)) {
            return false;
        }
        return switch (d.message()) {
            case ObjectMessage o -> o.type() == type;
            case BundleMessage b -> b.messages().stream().anyMatch(o -> o.type() == type);
        };
    }

    @Test
    void withRefreshReductionALostReductionIsRetransmittedAndReducesOnce() throws Exception {
        // RFC 4495 §5 asks for the ResvErr to be delivered reliably where RFC 2961 runs: lose its first copy on the
        // last hop (R2 -> H3) and the MESSAGE_ID retransmission must still reduce Flow 1, and only once.
        NodeConfig rr = NodeConfig.DEFAULT.withNeighbours(
            NeighbourConfig.NONE.withRefreshReduction(NeighbourConfig.RefreshReduction.ON));
        Path file = Path.of("..", "examples", NAME + ".scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        ScenarioRun run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withListener(events::add)
            .withConfigs(n -> rr));
        RsvpNode h3 = run.network().node("H3");
        Link last = t.links().stream().filter(l -> l.a().node().name().equals("R2") && l.b().node().name()
            .equals("H3") || l.a().node().name().equals("H3") && l.b().node().name().equals("R2")).findFirst()
            .orElseThrow();
        Interface atH3 = last.a().node().name().equals("H3") ? last.a() : last.b();
        int[] dropped = {0};
        run.network().virtualNetwork().simulatedLink(last).connect(atH3, (in, datagram) -> {
            if (dropped[0] == 0 && carries(datagram, MessageType.RESV_ERR)) {
                dropped[0]++;
                return;
            }
            h3.receive(in, datagram);
        });
        run.runUntil(20 * S);
        SessionId flow1 = session(run, "flow1");
        assertEquals(1, dropped[0], "the first ResvErr toward H3 was lost");
        List<RsvpEvent.MessageSent> fromR2 = sent("ResvErr", flow1, 10 * S, 20 * S).stream()
            .filter(m -> m.node().equals("R2")).toList();
        assertTrue(fromR2.size() >= 2, "R2 sent the ResvErr again for want of an acknowledgement: " + fromR2);
        List<RsvpEvent.ReductionAnswered> answers = events.stream()
            .filter(e -> e instanceof RsvpEvent.ReductionAnswered).map(e -> (RsvpEvent.ReductionAnswered) e)
            .toList();
        assertEquals(1, answers.size(), "one reduction answered once: " + answers);
        assertEquals(2_000, answers.get(0).newBytesPerSecond(), 1e-3, "G.729 in 40 ms packets: 16 units");
        assertTrue(sent("ResvTear", flow1, 0, 20 * S).isEmpty(), "a reduction sends no ResvTear");
        run.runUntil(50 * S);
        assertEquals(2_000, reservedFor(int2(run), flow1), 1e-3);
        assertEquals(10_000, reservedFor(int2(run), session(run, "flow2")), 1e-3);
        assertTrue(h3.neighbourViews().stream().allMatch(v -> v.deliveryFailures() == 0));
        assertTrue(run.network().node("R2").neighbourViews().stream().mapToLong(v -> v.retransmissions()).sum() >= 1);
    }
}
