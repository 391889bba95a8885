package org.rsvpconsole.ui.preemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.ui.ModelFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.shell.MainViewModel;

/**
 * The Preemptions tab's model on the real virtual network running examples/rfc4495-figure1 (at x10): Flow 2
 * arrives at 10.5 s and R1 reduces Flow 1 on Int2 from 80 to the 20 kbit/s left (RFC 4495 §2), driven through the
 * real pump as the console drives it.
 */
class PreemptionsViewModelTest {

    @RegisterExtension
    final ModelFixture live = new ModelFixture();
    private MainViewModel model;

    @BeforeEach
    void open() throws Exception {
        model = live.open(TestNetworks.figure1Network(10));
    }

    private void pulseUntil(String what, BooleanSupplier done) throws InterruptedException {
        live.pulseUntil(20, what, done, () -> "rows " + model.preemptions().rows());
    }

    @Test
    void flow1ReducedByFlow2OnR1Int2IsOneRowWithItsNumbers() throws Exception {
        assertEquals("No preemptions", model.preemptions().statusProperty().get());
        pulseUntil("the reduction", () -> !model.preemptions().rows().isEmpty());
        PreemptionRow r = model.preemptions().rows().get(0);
        assertEquals("R1", r.node());
        assertEquals("Int2", r.interfaceName());
        assertEquals(5006, r.preemptor().port(), "Flow 2 is the preemptor");
        assertEquals(5004, r.victim().port(), "Flow 1 is the victim");
        assertEquals("300/100", r.priorities());
        assertEquals("reduced", r.kind());
        assertEquals(7_500, r.takenBytesPerSecond(), 1e-6);
        assertEquals(2_500, r.remainingBytesPerSecond(), 1e-6);
        assertEquals("60 kbit/s", r.taken());
        assertEquals("20 kbit/s", r.remaining());
        assertEquals(r.event().explanation(), r.explanation());
        assertTrue(r.explanation().contains("300") && r.explanation().contains("100"), r.explanation());
        assertTrue(r.time().startsWith("0:00:10."), r.time());
        assertEquals("1 preemption: 1 reduced (RFC 4495), 0 whole", model.preemptions().statusProperty().get());
        assertEquals(List.of(r), List.copyOf(model.preemptions().rows()), "one row per Preempted event");
    }

    @Test
    void selectingARowSelectsTheVictimsSessionOnTheMapAndInTheInspector() throws Exception {
        pulseUntil("the reduction", () -> !model.preemptions().rows().isEmpty());
        PreemptionRow r = model.preemptions().rows().get(0);
        model.preemptions().selectedProperty().set(r);
        assertEquals(r.victim(), model.map().highlightedSessionProperty().get());
        assertEquals("R1", model.map().selectedNodeProperty().get());
        assertEquals("Preempted at R1", model.inspector().titleProperty().get());
        assertEquals(r.victim(), model.inspector().sessionProperty().get());
    }

    @Test
    void newestFirstAndReplayFeedsTheSameRows() throws Exception {
        pulseUntil("the reduction", () -> !model.preemptions().rows().isEmpty());
        RsvpEvent.Preempted first = model.preemptions().rows().get(0).event();
        RsvpEvent.Preempted later = new RsvpEvent.Preempted(first.timeNanos() + 1_000_000_000L, "R2",
            first.sequence() + 1, "eth0", first.victim(), 200, first.preemptor(), List.of(), 50, false, 10_000,
            0, 10_000, 0, "whole preemption");
        model.setReplaying(true);
        model.reset();
        assertTrue(model.preemptions().rows().isEmpty());
        model.feed(new EventPump.Batch(List.of(first, later), null, later.timeNanos()));
        assertEquals(List.of("R2", "R1"), model.preemptions().rows().stream().map(PreemptionRow::node).toList(),
            "newest first");
        assertEquals("whole", model.preemptions().rows().get(0).kind());
        assertEquals("2 preemptions: 1 reduced (RFC 4495), 1 whole", model.preemptions().statusProperty().get());
    }
}
