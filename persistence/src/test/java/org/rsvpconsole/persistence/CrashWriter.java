package org.rsvpconsole.persistence;

import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * The child process of {@link CrashTest}: opens the store at {@code args[0]}, prints {@code READY}, then writes
 * events until it is killed, printing {@code ACK n} after each commit (n = the last committed entry id). Every
 * event's engine sequence is the entry id it should get, so the parent can check that nothing moved or vanished.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        EventStore store = EventStore.open(args[0]);
        store.onCommit(id -> {
            System.out.println("ACK " + id);
            System.out.flush();
        });
        long next = store.status().committed() + 1;
        System.out.println("READY " + next);
        System.out.flush();
        while (true) {
            for (int i = 0; i < 20; i++, next++) {
                HistoryEntry e = Histories.message(Histories.T0 + next * 1000, next, "r" + (next % 3));
                if (!store.offer(e)) {
                    throw new IllegalStateException("buffer full");
                }
            }
            Thread.sleep(2);
        }
    }
}
