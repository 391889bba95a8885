package org.rsvpconsole.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.ModelFixture;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.shell.MainViewModel;

/**
 * The map's preemption flash on the real virtual network running examples/rfc4495-figure1 (at x10): when R1
 * reduces Flow 1 on Int2, the direction R1 -> R2 of that link flashes for {@link TopologyViewModel#FLASH_NANOS} of
 * wall time, timed by a clock the test moves, then clears.
 */
class PreemptionFlashTest {

    @RegisterExtension
    final ModelFixture live = new ModelFixture();
    private VirtualLiveNetwork network;
    private MainViewModel model;
    private EventPump pump;
    private final AtomicLong wall = new AtomicLong(1_000_000_000_000L);

    @BeforeEach
    void open() throws Exception {
        model = live.open(TestNetworks.figure1Network(10));
        // Before the first pulse: the flash is timed from the pulses.
        model.map().setWallClock(wall::get);
        network = live.network();
        pump = live.pump();
    }

    @Test
    void theDirectionOfThePreemptionFlashesForThePeriodThenClears() throws Exception {
        TopologyView.LinkView int2 = network.topology().links().stream().filter(l -> l.nodeA().equals("R1")
            && l.interfaceA().equals("Int2")).findFirst().orElseThrow();
        String r1ToR2 = TopologyViewModel.key(int2.name(), "R1");
        long end = System.nanoTime() + 20_000_000_000L;
        while (model.preemptions().rows().isEmpty()) {
            assertTrue(model.map().preempted().isEmpty(), "no flash before the preemption: "
                + model.map().preempted());
            assertTrue(System.nanoTime() < end, "no preemption within 20 s");
            Thread.sleep(16);
            pump.pulse(System.nanoTime());
        }
        RsvpEvent.Preempted p = model.preemptions().rows().get(0).event();
        assertEquals("Int2", p.interfaceName());
        assertEquals(List.of(r1ToR2), List.copyOf(model.map().preempted()), "only the direction out of R1 Int2");
        wall.addAndGet(TopologyViewModel.FLASH_NANOS - 1_000_000L);
        pump.pulse(System.nanoTime());
        assertEquals(List.of(r1ToR2), List.copyOf(model.map().preempted()), "still flashing 1 ms before the end");
        wall.addAndGet(1_000_000L);
        pump.pulse(System.nanoTime());
        assertTrue(model.map().preempted().isEmpty(), "cleared once the period is over");
    }

    @Test
    void aNewPreemptionOnTheSameDirectionRestartsTheFlashAndResetClearsIt() {
        TopologyViewModel map = new TopologyViewModel(network.topology());
        map.setWallClock(wall::get);
        TopologyView.LinkView int2 = network.topology().links().stream().filter(l -> l.nodeA().equals("R1")
            && l.interfaceA().equals("Int2")).findFirst().orElseThrow();
        var flow = new org.rsvpconsole.engine.api.SessionId(network.topology().nodes().get(0).addresses().get(0),
            org.rsvpconsole.engine.api.SessionId.UDP, 5004);
        RsvpEvent.Preempted p = new RsvpEvent.Preempted(1, "R1", 1, "Int2", flow, 300, flow, List.of(), 100, true,
            7_500, 2_500, 10_000, 2_500, "test");
        map.apply(new EventPump.Batch(List.of(p), null, 1));
        wall.addAndGet(TopologyViewModel.FLASH_NANOS / 2);
        map.apply(new EventPump.Batch(List.of(p), null, 2));
        wall.addAndGet(TopologyViewModel.FLASH_NANOS / 2 + 1);
        map.apply(new EventPump.Batch(List.of(), null, 3));
        assertEquals(List.of(TopologyViewModel.key(int2.name(), "R1")), List.copyOf(map.preempted()),
            "the second preemption restarted the period");
        map.reset();
        assertTrue(map.preempted().isEmpty());
    }
}
