package org.rsvpconsole.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.HistoryEntry;

class EntryFormTest {

    @Test
    void everyEventTypeIsPutOnAnotherClockWithNothingElseChanged() {
        for (HistoryEntry e : EntryCodecTest.everyType()) {
            byte[] bytes = EntryForm.encode(e);
            // Compared by stored form: events with datagrams hold arrays, which records compare by identity.
            assertArrayEquals(bytes, EntryForm.encode(EntryForm.decode(bytes)));
            if (e instanceof HistoryEntry.Engine g) {
                RsvpEvent moved = EntryForm.eventAt(bytes, 42);
                assertEquals(42, moved.timeNanos());
                // Back at its own time it is the same event again: only the time changed.
                assertArrayEquals(bytes, EntryForm.encode(new HistoryEntry.Engine(g.atNanos(),
                    EntryForm.eventAt(EntryForm.encode(new HistoryEntry.Engine(g.atNanos(), moved)),
                    g.event().timeNanos()))));
            } else {
                assertThrows(IllegalArgumentException.class, () -> EntryForm.eventAt(bytes, 42));
            }
        }
    }

    @Test
    void randomBytesAreRefusedAsIllegalArgumentsOnly() {
        Random r = new Random(19);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = 1;
            }
            try {
                EntryForm.eventAt(b, 1);
            } catch (IllegalArgumentException expected) {
                // The only way bad bytes may fail.
            }
        }
    }
}
