package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.jdbc.EntryForm;

class EventRingTest {

    private static HistoryEntry action(int i) {
        return new HistoryEntry.OperatorAction(i, "who" + i, "reserve", "10.0.0.1/17/5004", "ok");
    }

    @Test
    void keepsTheNewestAndDeliversThoseAfterTheAskedNumberThenNewOnes() throws Exception {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(action(i));
        }
        assertEquals(5, ring.last());
        assertEquals(3, ring.first());
        List<Long> got = new ArrayList<>();
        List<String> order = new ArrayList<>();
        ring.subscribe(3, item -> {
            got.add(item.seq());
            order.add("entry");
            assertEquals(action((int) item.seq()), EntryForm.decode(item.entry()));
        }, () -> order.add("accepted"));
        ring.add(action(6));
        assertEquals(List.of(4L, 5L, 6L), got);
        assertEquals("accepted", order.getFirst(), "the answer to subscribe comes before the entries");
    }

    @Test
    void askingForWhatFellOutOrHasNotHappenedGetsAClearAnswer() {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(action(i));
        }
        EventRing.Gone old = assertThrows(EventRing.Gone.class, () -> ring.subscribe(1, i -> { }, () -> { }));
        assertTrue(old.getMessage().startsWith("entries 2 to 2 are no longer kept: this daemon keeps its newest 3"
            + " entries in memory, oldest now 3; subscribe after 2"), old.getMessage());
        EventRing.Gone ahead = assertThrows(EventRing.Gone.class, () -> ring.subscribe(9, i -> { }, () -> { }));
        assertTrue(ahead.getMessage().startsWith("entry 9 has not happened here: the newest is 5"), ahead.getMessage());
        List<Long> fromOldest = new ArrayList<>();
        assertDoesNotThrow(() -> ring.subscribe(2, i -> fromOldest.add(i.seq()), () -> { }));
        assertEquals(List.of(3L, 4L, 5L), fromOldest);
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
    }
}
