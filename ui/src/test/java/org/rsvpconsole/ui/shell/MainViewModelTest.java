package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.live.EventPump;

/** The root view model: every action, its status line, the notices' wording, and the status bar. */
class MainViewModelTest {

    private static final long S = 1_000_000_000L;
    private static final SessionId SESSION = new SessionId(Ipv4Address.of("10.0.0.165"), SessionId.UDP, 16384);

    private VirtualLiveNetwork network;
    private MainViewModel model;

    @BeforeEach
    void open() throws Exception {
        network = TestNetworks.spNetwork(true, 1);
        model = new MainViewModel(network);
    }

    @AfterEach
    void close() {
        network.close();
    }

    private void apply(long t, RsvpEvent... events) {
        model.apply(new EventPump.Batch(List.of(events), null, t));
    }

    @Test
    void pauseAndResumeTheClock() {
        assertFalse(model.pausedProperty().get());
        model.togglePause();
        assertTrue(model.pausedProperty().get());
        assertTrue(network.isPaused());
        assertEquals("Simulation clock paused", model.statusProperty().get());
        model.togglePause();
        assertFalse(network.isPaused());
        assertEquals("Simulation clock running", model.statusProperty().get());
    }

    @Test
    void fasterSlowerRealTimeWithinLimits() {
        assertEquals("x1", model.speedProperty().get());
        model.changeSpeed(10);
        assertEquals("x10", model.speedProperty().get());
        assertEquals(10, network.speed(), 1e-9);
        assertEquals("Simulation clock at x10", model.statusProperty().get());
        model.changeSpeed(10);
        model.changeSpeed(10);
        model.changeSpeed(10);
        assertEquals("x1000", model.speedProperty().get());
        assertEquals("Simulation clock at x1000 (the limit)", model.statusProperty().get());
        model.realTime();
        assertEquals("x1", model.speedProperty().get());
        assertEquals("Simulation clock at real time", model.statusProperty().get());
        model.changeSpeed(0.1);
        assertEquals("x0.1", model.speedProperty().get());
        model.changeSpeed(0.1);
        assertEquals("x0.1", model.speedProperty().get(), "x0.1 is the slowest");
        assertEquals("Simulation clock at x0.1 (the limit)", model.statusProperty().get());
    }

    @Test
    void trafficMixOnAndOff() {
        assertTrue(model.trafficMixProperty().get());
        model.setTrafficMix(false);
        assertFalse(network.trafficMix());
        assertFalse(model.trafficMixProperty().get());
        assertEquals("Traffic mix off: no new calls start", model.statusProperty().get());
        model.setTrafficMix(true);
        assertTrue(network.trafficMix());
        assertEquals("Traffic mix on: calls start and stop on their own", model.statusProperty().get());
    }

    @Test
    void tearDownAndChangeBandwidthSayWhatTheyDo() throws Exception {
        network.start();
        model.tearDown(SESSION).get(5, TimeUnit.SECONDS);
        assertEquals("Tearing down 10.0.0.165/17/16384", model.statusProperty().get());
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.statusProperty().addListener((o, a, b) -> said.add(b));
        var change = model.changeBandwidth(SESSION, "2 M");
        assertTrue(change.isPresent());
        // Said at once, before the engine answers; its answer (the reservation was just torn down) is the failure,
        // which the console words on the FX thread.
        assertEquals("Changing 10.0.0.165/17/16384 to 2 Mbit/s", said.get(0));
        var failure = assertThrows(java.util.concurrent.ExecutionException.class,
            () -> change.get().get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("no reservation of 10.0.0.165/17/16384 made here"),
            failure::toString);
    }

    @Test
    void aBandwidthThatIsNotOneIsRefusedInPlace() {
        for (String text : List.of("", "fast", "-5k", "0")) {
            assertTrue(model.changeBandwidth(SESSION, text).isEmpty(), text);
            assertEquals("Not a bandwidth: '" + text + "' (write bit/s, e.g. 128k or 2M)",
                model.statusProperty().get());
        }
    }

    @Test
    void noticesSayWhatHappenedAndWhyInOperatorWordsAndMarkTheMap() {
        apply(S, new RsvpEvent.AdmissionFailed(S, "mil-ce2", 1, SESSION, "eth0", 250_000, 125_000, 1e9, 2,
            "interface bandwidth"));
        assertEquals("Reservation refused at mil-ce2 on eth0: it asked for 2 Mbit/s but only 1 Mbit/s is free"
            + " (interface bandwidth). Session 10.0.0.165/17/16384.", model.notices().get(0));
        assertEquals(List.of("mil-ce2"), model.map().troubled());
        apply(S, new RsvpEvent.PolicyRejected(S, "par-pe1", 2, SESSION, "Resv", 2, 0, "MaxRatePerFlow 1 Mbit/s"));
        assertEquals("Local policy at par-pe1 refused the Resv of session 10.0.0.165/17/16384: MaxRatePerFlow"
            + " 1 Mbit/s.", model.notices().get(1));
        FlowRequest f = FlowRequest.controlledLoad(TrafficSpec.of(10_000, 100));
        apply(S, new RsvpEvent.ResvState(S, "par-p1", 3, StateChange.TIMED_OUT, SESSION, ReservationStyle.FF, "eth0",
            Ipv4Address.of("10.255.0.2"), List.of(), f));
        assertEquals("The reservation of session 10.0.0.165/17/16384 at par-p1 timed out: its next hop stopped"
            + " refreshing it.", model.notices().get(2));
        apply(S, new RsvpEvent.ResvState(S, "par-p1", 4, StateChange.INSTALLED, SESSION, ReservationStyle.FF, "eth0",
            Ipv4Address.of("10.255.0.2"), List.of(), f));
        assertEquals(3, model.notices().size(), "installing is not a problem");
    }

    @Test
    void aPreemptionSaysWhoTookHowMuchFromWhomAndWhere() {
        SessionId y = new SessionId(Ipv4Address.of("10.2.0.9"), 17, 46);
        apply(S, new RsvpEvent.Preempted(S, "R10", 1, "Int8", SESSION, 200, y, List.of(), 100, true, 10_000,
            40_000, 60_000, 50_000, "because"));
        assertEquals("10.0.0.165/17/16384 (priority 200) took 80 kbit/s from 10.2.0.9/17/46 on R10 Int8;"
            + " 10.2.0.9/17/46 reduced to 320 kbit/s (RFC 4495).", model.notices().get(0));
        apply(S, new RsvpEvent.Preempted(S, "R1", 2, "Int2", y, 300, SESSION, List.of(), 100, false, 10_000, 0,
            10_000, 2_500, "because"));
        assertEquals("10.2.0.9/17/46 (priority 300) took 80 kbit/s from 10.0.0.165/17/16384 on R1 Int2;"
            + " 10.0.0.165/17/16384 preempted.", model.notices().get(1));
        assertEquals(List.of("R10", "R1"), model.map().troubled());
    }

    @Test
    void theStatusBarCountsAndTheClock() {
        apply(75 * S);
        assertEquals("0:01:15", model.clockProperty().get());
        assertTrue(model.countsProperty().get().startsWith("50 nodes, 60 links, 0 sessions, 0 reservations, 0 events"),
            model.countsProperty().get());
        assertEquals("Service provider (6 cities)", model.networkName());
    }

    @Test
    void selectingAnEventMovesTheMapTheHighlightAndTheInspector() {
        RsvpEvent.ResvState e = new RsvpEvent.ResvState(S, "par-p1", 3, StateChange.INSTALLED, SESSION,
            ReservationStyle.FF, "eth0", Ipv4Address.of("10.255.0.2"), List.of(),
            FlowRequest.controlledLoad(TrafficSpec.of(10_000, 100)));
        model.events().selectedProperty().set(new EventRow("0:00:01", "par-p1", "ResvState", SESSION, "x", e));
        assertEquals("par-p1", model.map().selectedNodeProperty().get());
        assertEquals(SESSION, model.map().highlightedSessionProperty().get());
        assertEquals(SESSION, model.charts().sessionProperty().get(), "the session chart follows");
        assertEquals("ResvState at par-p1", model.inspector().titleProperty().get());
    }

    @Test
    void noticesAreWrappedForTheirPopup() {
        String text = "R2 dropped a Hello from R4 (10.0.0.18) on eth2: it failed the integrity check (digest does not"
            + " match: the message was altered or signed with another key). Check that both ends use the same key.";
        String wrapped = ConsoleWindow.wrap(text, 90);
        assertEquals(text, wrapped.replace('\n', ' '));
        assertTrue(wrapped.lines().allMatch(l -> l.length() <= 90) && wrapped.lines().count() == 3, wrapped);
    }
}
