package org.rsvpconsole.ui.reserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;

/** Every validation message of the reserve form, picking on the map, and preview/reserve through the engine. */
class ReserveViewModelTest {

    private static VirtualLiveNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetworks.spNetwork(false, 100).start();
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    private static ReserveViewModel valid() {
        ReserveViewModel m = new ReserveViewModel(network);
        m.pick("par-phone1");
        m.pick("mad-phone1");
        assertTrue(m.validProperty().get(), "defaults plus two hosts are valid");
        return m;
    }

    private static void expect(StringProperty field, String text, StringProperty message, String start,
                               ReserveViewModel m) {
        field.set(text);
        assertTrue(message.get().startsWith(start), "'" + text + "' -> " + message.get());
        assertFalse(m.validProperty().get());
    }

    @Test
    void hostsMustBePickedAndDiffer() {
        ReserveViewModel m = new ReserveViewModel(network);
        assertEquals("Pick a sender host on the map or in the list", m.senderMessage().get());
        assertEquals("Pick a receiver host on the map or in the list", m.receiverMessage().get());
        m.pick("par-p1");
        assertEquals("par-p1 is a router: reservations start and end at hosts", m.senderMessage().get());
        m.pick("par-phone1");
        assertEquals("par-phone1", m.senderProperty().get());
        m.receiverProperty().set("par-phone1");
        assertEquals("The receiver must be another host than the sender", m.receiverMessage().get());
        m.receiverProperty().set("nowhere");
        assertEquals("nowhere is not a host: reservations start and end at hosts", m.receiverMessage().get());
        m.pick("mad-phone1");
        assertEquals("mad-phone1", m.senderProperty().get(), "a pick after a complete pair starts over");
        assertEquals("", m.receiverProperty().get());
    }

    @Test
    void everyFieldSaysWhatIsWrong() {
        ReserveViewModel m = valid();
        expect(m.portProperty(), "0", m.portMessage(), "Port must be a whole number from 1 to 65535", m);
        m.portProperty().set("5004");
        expect(m.rateProperty(), "fast", m.rateMessage(), "Token rate r must be a bandwidth above 0", m);
        expect(m.rateProperty(), "0", m.rateMessage(), "Token rate r must be a bandwidth above 0", m);
        m.rateProperty().set("80k");
        expect(m.bucketProperty(), "big", m.bucketMessage(), "Bucket size b must be a size above 0", m);
        m.bucketProperty().set("50kB");
        expect(m.peakProperty(), "fast", m.peakMessage(), "Peak rate p must be a bandwidth", m);
        expect(m.peakProperty(), "40k", m.peakMessage(), "Peak rate p must be at least the token rate r", m);
        m.peakProperty().set("inf");
        expect(m.minPolicedProperty(), "-1", m.minPolicedMessage(), "Minimum policed unit m must be", m);
        m.minPolicedProperty().set("64");
        expect(m.maxPacketProperty(), "x", m.maxPacketMessage(), "Maximum packet size M must be a whole number", m);
        expect(m.maxPacketProperty(), "32", m.maxPacketMessage(), "Maximum packet size M must be at least", m);
        m.maxPacketProperty().set("1500");
        assertTrue(m.validProperty().get());
        m.serviceProperty().set(ServiceClass.GUARANTEED);
        assertTrue(m.validProperty().get(), "R defaults to r");
        expect(m.guaranteedRateProperty(), "40k", m.guaranteedRateMessage(), "Guaranteed rate R must be at least", m);
        expect(m.guaranteedRateProperty(), "quick", m.guaranteedRateMessage(), "Rate R must be a bandwidth", m);
        m.guaranteedRateProperty().set("100k");
        expect(m.slackProperty(), "-5", m.slackMessage(), "Slack S must be a whole number of microseconds", m);
        m.slackProperty().set("10000");
        assertTrue(m.validProperty().get());
        assertEquals(12_500, m.request().flow().rate(), 1e-9, "100 kbit/s is 12500 bytes/s");
    }

    @Test
    void previewShowsEveryHopAndReserveReturnsTheSession() throws Exception {
        ReserveViewModel m = valid();
        AdmissionPreview p = m.preview().get(5, TimeUnit.SECONDS);
        assertTrue(p.admitted(), p.toString());
        assertEquals("par-phone1", p.hops().get(0).node());
        assertEquals("mad-phone1", p.hops().get(p.hops().size() - 1).toNode());
        m.show(p);
        assertTrue(m.verdictProperty().get().startsWith("Admission would pass on all"), m.verdictProperty().get());
        m.rateProperty().set("50M");
        AdmissionPreview refused = m.preview().get(5, TimeUnit.SECONDS);
        assertFalse(refused.admitted());
        m.show(refused);
        assertTrue(m.verdictProperty().get()
            .startsWith("Would be refused at par-ce1 eth0: more than the per-flow maximum"), m.verdictProperty().get());
        m.rateProperty().set("80k");
        var session = m.reserve().get(5, TimeUnit.SECONDS);
        assertEquals(5004, session.port());
    }

    @Test
    void prioritiesAreBothOrNeitherAndTravelWithTheReservation() throws Exception {
        ReserveViewModel m = valid();
        assertTrue(m.request().priorities().isEmpty(), "none by default");
        expect(m.setupPriorityProperty(), "300", m.priorityMessage(), "Priorities are whole numbers", m);
        expect(m.holdPriorityProperty(), "70000", m.priorityMessage(), "Priorities are whole numbers", m);
        m.holdPriorityProperty().set("100");
        assertTrue(m.validProperty().get());
        assertEquals(new SessionPriorities(300, 100), m.request().priorities().orElseThrow());
        m.portProperty().set("5006");
        var session = m.reserve().get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(new SessionPriorities(300, 100)), network.priorities(session),
            "the Priorities column shows them");
    }
}
