package org.rsvpconsole.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.reservations.InterfaceRow;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/** The inspector's property sheet for each kind of selection. */
class InspectorViewModelTest {

    private static VirtualLiveNetwork network;
    private static StateTablesViewModel tables;
    private static InspectorViewModel inspector;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetworks.spNetwork(false, 1);
        tables = new StateTablesViewModel(network.topology());
        inspector = new InspectorViewModel(network, tables);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    private static String value(String category, String name) {
        return inspector.properties().stream().filter(p -> p.category().equals(category) && p.name().equals(name))
            .map(InspectorViewModel.Property::value).findFirst().orElse(null);
    }

    @Test
    void aNode() {
        inspector.showNode("par-p1");
        assertEquals("Router par-p1", inspector.titleProperty().get());
        assertEquals("router", value("Node", "kind"));
        assertEquals("Paris core", value("Node", "description"));
        assertEquals("0", value("State", "reservation state blocks"));
        assertNull(inspector.sessionProperty().get());
        inspector.showNode("par-phone1");
        assertEquals("Host par-phone1", inspector.titleProperty().get());
    }

    @Test
    void aLinkPerDirection() {
        TopologyViewModel map = new TopologyViewModel(SmallNetwork.TOPOLOGY);
        map.apply(new EventPump.Batch(List.of(), SmallNetwork.reservedPath(1, SmallNetwork.SESSION, 10_000), 1));
        inspector.showLink("l2", map.directionsOf("l2"));
        assertEquals("Link l2", inspector.titleProperty().get());
        assertEquals("80 kbit/s", value("r1 -> r2", "reserved"));
        assertEquals("920 kbit/s", value("r1 -> r2", "free"));
        assertEquals("0 bit/s", value("r2 -> r1", "reserved"));
        assertEquals("up", value("r2 -> r1", "state"));
        inspector.showLink("l9", List.of());
        assertEquals("no snapshot yet", value("Link", "state"));
    }

    /** What the console asks before showing a refreshed row (decision 0028): that very row, and nothing since. */
    @Test
    void showsTheRowItShowsUntilSomethingElseIsShown() {
        InterfaceRow row = new InterfaceRow("r1", "eth0", "l2", "r2", true, "1 Mbit/s", "80 kbit/s", "920 kbit/s", 1,
            2, 3, 4, 5, 6);
        InterfaceRow equal = new InterfaceRow("r1", "eth0", "l2", "r2", true, "1 Mbit/s", "80 kbit/s", "920 kbit/s",
            1, 2, 3, 4, 5, 6);
        inspector.showInterface(row);
        assertTrue(inspector.shows(row));
        assertFalse(inspector.shows(equal), "the row object, not an equal one");
        assertFalse(inspector.shows(null));
        inspector.showNode("par-p1");
        assertFalse(inspector.shows(row), "a node shown since");
        inspector.showInterface(row);
        inspector.clear();
        assertFalse(inspector.shows(row), "cleared since");
    }

    @Test
    void anInterface() {
        inspector.showInterface(new InterfaceRow("r1", "eth0", "l2", "r2", true, "1 Mbit/s", "80 kbit/s",
            "920 kbit/s", 1, 2, 3, 4, 5, 6));
        assertEquals("Interface eth0 of r1", inspector.titleProperty().get());
        assertEquals("920 kbit/s", value("Interface", "free"));
    }

    @Test
    void aReservationAndItsSessionThenAnEventThenNothing() {
        var resv = new RsvpEvent.ResvState(5, "par-p1", 1, StateChange.INSTALLED, SmallNetwork.SESSION,
            ReservationStyle.FF, "eth0", Ipv4Address.of("10.255.0.2"), List.of(SmallNetwork.SENDER),
            FlowRequest.controlledLoad(TrafficSpec.of(10_000, 100)));
        tables.apply(new EventPump.Batch(List.of(resv), null, 5));
        inspector.showReservation(tables.reservations().get(0));
        assertEquals("Reservation at par-p1", inspector.titleProperty().get());
        assertEquals("LOAD", value("Reservation", "service"));
        assertEquals("1", value("Session", "nodes with reservation state"));
        assertEquals("-", value("Session", "priorities (setup/hold)"), "not known for this session");
        assertEquals(SmallNetwork.SESSION, inspector.sessionProperty().get(), "pcap and tear down act on it");
        inspector.showEvent(new EventRow("0:00:00", "par-p1", "ResvState", SmallNetwork.SESSION, "installed", resv));
        assertEquals("ResvState at par-p1", inspector.titleProperty().get());
        assertEquals("INSTALLED", value("ResvState", "change"));
        assertTrue(inspector.dissection().isEmpty(), "only messages have a decoded tree");
        inspector.clear();
        assertEquals("Nothing selected", inspector.titleProperty().get());
        assertTrue(inspector.properties().isEmpty());
    }
}
