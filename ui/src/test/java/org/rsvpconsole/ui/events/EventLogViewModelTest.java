package org.rsvpconsole.ui.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.live.EventPump;

/** The event log's filters (kind, node, session, text), its wording, its bound, and the session's messages. */
class EventLogViewModelTest {

    private static final long S = 1_000_000_000L;
    private final EventLogViewModel log = new EventLogViewModel();

    private static RsvpEvent resv(String node, SessionId s) {
        return new RsvpEvent.ResvState(1500 * 1_000_000L, node, 1, StateChange.INSTALLED, s, ReservationStyle.FF,
            "eth0", Ipv4Address.of("10.1.0.2"), List.of(SmallNetwork.SENDER),
            FlowRequest.controlledLoad(TrafficSpec.of(10_000, 100)));
    }

    private static RsvpEvent sent(String node, SessionId s) {
        return new RsvpEvent.MessageSent(S, node, 2, "Path", s, "eth0", Ipv4Address.of("10.0.0.2"), 120, new byte[0]);
    }

    private List<String> shown() {
        return log.rows().stream().map(r -> r.node() + " " + r.kind()).toList();
    }

    private void fill() {
        log.apply(new EventPump.Batch(List.of(resv("r1", SmallNetwork.SESSION), sent("r1", SmallNetwork.SESSION),
            resv("r2", SmallNetwork.OTHER), sent("r2", SmallNetwork.OTHER)), null, S));
    }

    @Test
    void byDefaultStateAndErrorsShowMessagesHide() {
        fill();
        assertEquals(List.of("r1 ResvState", "r2 ResvState"), shown());
        log.kindProperty().set(EventLogViewModel.ALL_KINDS);
        assertEquals(4, shown().size());
        log.kindProperty().set("MessageSent");
        assertEquals(List.of("r1 MessageSent", "r2 MessageSent"), shown());
    }

    @Test
    void byNodeSessionAndText() {
        fill();
        log.kindProperty().set(EventLogViewModel.ALL_KINDS);
        log.nodeProperty().set("R2");
        assertEquals(List.of("r2 ResvState", "r2 MessageSent"), shown());
        log.nodeProperty().set("");
        log.sessionProperty().set(SmallNetwork.SESSION.toString());
        assertEquals(List.of("r1 ResvState", "r1 MessageSent"), shown());
        log.textProperty().set("PATH SENT");
        assertEquals(List.of("r1 MessageSent"), shown());
    }

    @Test
    void showSessionShowsAllItsEventsAndMessagesOfAreItsSentMessages() {
        fill();
        log.showSession(SmallNetwork.OTHER);
        assertEquals(List.of("r2 ResvState", "r2 MessageSent"), shown());
        assertEquals(1, log.messagesOf(SmallNetwork.OTHER).size());
        log.showSession(null);
        assertEquals(4, shown().size());
    }

    @Test
    void wording() {
        EventRow r = EventLogViewModel.row(resv("r1", SmallNetwork.SESSION));
        assertEquals("0:00:01.500", r.time());
        assertEquals("FF Resv installed, 80 kbit/s on eth0", r.summary());
        assertEquals("Path sent on eth0 to 10.0.0.2 (120 bytes)", EventLogViewModel.row(sent("r1",
            SmallNetwork.SESSION)).summary());
        RsvpEvent.AdmissionFailed a = new RsvpEvent.AdmissionFailed(S, "r1", 3, SmallNetwork.SESSION, "eth0", 20_000,
            5_000, 1e9, 2, "interface bandwidth");
        assertEquals("admission refused on eth0: asked 160 kbit/s, free 40 kbit/s (interface bandwidth)",
            EventLogViewModel.row(a).summary());
    }
}
