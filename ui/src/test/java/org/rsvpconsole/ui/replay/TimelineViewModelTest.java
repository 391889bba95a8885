package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.shell.MainViewModel;

/**
 * The replay timeline on a real recording (an H2 file in a temporary directory), driving the console's own root
 * view model: what the tables, map and log show at an instant, stepping, speed, jumps and the way back to live.
 */
class TimelineViewModelTest {

    @TempDir
    Path dir;
    private Recording rec;
    private MainViewModel model;
    private TimelineViewModel timeline;
    private EventPump pump;

    private void open() throws Exception {
        rec = Recording.twoFlows(dir);
        model = new MainViewModel(rec.network);
        pump = new EventPump(rec.network);
        model.attach(pump);
        // Store reads and FX hand-offs run in place: the test is the FX thread.
        timeline = new TimelineViewModel(rec.store, true, model, Runnable::run, Runnable::run);
        model.setTimeline(timeline);
    }

    @AfterEach
    void close() {
        if (rec != null) {
            rec.close();
        }
    }

    private Set<SessionId> sessionsInTables() {
        Set<SessionId> s = new HashSet<>();
        model.tables().reservations().forEach(r -> s.add(r.session()));
        return s;
    }

    private Set<SessionId> sessionsOnMap() {
        Set<SessionId> s = new HashSet<>();
        for (var l : rec.network.topology().links()) {
            for (LinkDirectionView d : model.map().directionsOf(l.name())) {
                d.reservations().forEach(r -> s.add(r.session()));
            }
        }
        return s;
    }

    @Test
    void replayStartsAtTheNewestInstantAndAJumpShowsTheNetworkAsItWasThen() throws Exception {
        open();
        timeline.enterReplay();
        assertTrue(timeline.replayingProperty().get());
        assertTrue(model.replaying());
        assertEquals(timeline.size(), timeline.position());
        assertEquals(Set.of(rec.flowA, rec.flowB), sessionsInTables());
        assertTrue(timeline.bannerProperty().get().startsWith("REPLAY \u2014 "), timeline.bannerProperty().get());

        timeline.jumpTo(rec.between);
        assertEquals(Set.of(rec.flowA), sessionsInTables(), "B did not exist yet");
        assertEquals(Set.of(rec.flowA), sessionsOnMap());
        for (EventRow r : model.events().allRows()) {
            assertFalse(rec.flowB.equals(r.session()), "no event of B before it was asked for: " + r);
        }
        long shownUpTo = rec.between - rec.network.origin();
        assertTrue(model.events().allRows().stream().allMatch(r -> r.event().timeNanos() <= shownUpTo));
        assertTrue(model.clockProperty().get().startsWith("0:00:0"), model.clockProperty().get());

        timeline.jumpTo(rec.network.origin());
        assertEquals(Set.of(), sessionsInTables(), "nothing at the start");
        assertTrue(model.events().allRows().stream().allMatch(r -> r.event().timeNanos() == 0),
            "only what happened at engine time 0");
    }

    @Test
    void steppingForwardOneEntryAtATimeEndsExactlyWhereAJumpDoes() throws Exception {
        open();
        timeline.enterReplay();
        timeline.jumpTo(rec.between);
        int start = timeline.position();
        List<StoredEntry> entries = timeline.run().entries();
        while (timeline.position() < entries.size()) {
            int before = timeline.position();
            timeline.stepForward();
            assertEquals(before + 1, timeline.position());
            assertEquals(entries.get(before).atNanos(), timeline.replayNanos());
        }
        Set<ReservationRow> stepped = new HashSet<>(model.tables().reservations());
        List<String> steppedLog = model.events().allRows().stream().map(EventRow::summary).toList();
        timeline.jumpTo(rec.between);
        assertEquals(start, timeline.position());
        timeline.jumpTo(Long.MAX_VALUE);
        assertEquals(stepped, new HashSet<>(model.tables().reservations()), "incremental equals rebuilt");
        assertEquals(steppedLog, model.events().allRows().stream().map(EventRow::summary).toList());

        timeline.stepBack();
        assertEquals(entries.size() - 1, timeline.position());
        timeline.stepBack();
        assertEquals(entries.size() - 2, timeline.position());
        assertEquals(entries.get(entries.size() - 3).atNanos(), timeline.replayNanos());
    }

    @Test
    void playAdvancesAtTheChosenSpeedAndStopsAtTheEnd() throws Exception {
        open();
        timeline.enterReplay();
        timeline.setSpeed(5000);
        assertEquals(1000, timeline.speedProperty().get(), "at most x1000");
        timeline.setSpeed(0);
        assertEquals(1, timeline.speedProperty().get(), "at least x1");
        timeline.setSpeed(10);
        timeline.jumpTo(rec.network.origin());
        timeline.play();
        assertTrue(timeline.playingProperty().get());
        long t0 = timeline.replayNanos();
        timeline.tick(1_000_000); // 1 ms of wall time at x10
        assertEquals(t0 + 10_000_000, timeline.replayNanos());
        timeline.pause();
        timeline.tick(1_000_000);
        assertEquals(t0 + 10_000_000, timeline.replayNanos(), "paused: no movement");
        timeline.setSpeed(1000);
        timeline.play();
        timeline.tick(10_000_000_000L);
        assertEquals(timeline.size(), timeline.position());
        assertFalse(timeline.playingProperty().get(), "stops at the end");
        assertEquals(Set.of(rec.flowA, rec.flowB), sessionsInTables());
    }

    @Test
    void jumpsToTypedTimesAndToLogEvents() throws Exception {
        open();
        timeline.enterReplay();
        assertFalse(timeline.jumpTo("yesterday"));
        assertTrue(timeline.messageProperty().get().startsWith("Not a time: 'yesterday'"));
        assertTrue(timeline.jumpTo("0:00:00"));
        assertEquals(Set.of(), sessionsInTables());
        assertTrue(timeline.jumpTo(java.time.Instant.ofEpochSecond(0, rec.between).toString()));
        assertEquals(Set.of(rec.flowA), sessionsInTables());

        StoredEntry bResv = rec.store.events(EventFilter.all(1000).withKind("ResvState")
            .withSession(rec.flowB.toString())).get(0);
        RsvpEvent event = ((HistoryEntry.Engine) bResv.entry()).event();
        assertTrue(timeline.jumpToEvent(event));
        assertEquals(bResv.atNanos(), timeline.replayNanos());
        assertTrue(sessionsInTables().contains(rec.flowB) || model.events().allRows().stream()
            .anyMatch(r -> r.event().equals(event)), "the event itself is shown");
        assertEquals(event, model.events().allRows().get(model.events().allRows().size() - 1).event(),
            "it is the last event shown");
    }

    @Test
    void replayFromAnEventOfTheLiveLog() throws Exception {
        open();
        StoredEntry aResv = rec.store.events(EventFilter.all(1000).withKind("ResvState")
            .withSession(rec.flowA.toString())).get(0);
        RsvpEvent event = ((HistoryEntry.Engine) aResv.entry()).event();
        timeline.enterReplay(event);
        assertTrue(timeline.replayingProperty().get());
        assertEquals(aResv.atNanos(), timeline.replayNanos());
        assertFalse(sessionsInTables().contains(rec.flowB));
    }

    @Test
    void backToLiveShowsEveryEventOnceIncludingThoseThatHappenedDuringReplay() throws Exception {
        open();
        pump.pulse(System.nanoTime());
        timeline.enterReplay();
        timeline.jumpTo(rec.between);
        // The live network goes on while the operator looks at the past: a third flow.
        SessionId c = rec.reserve("H1", "H4", 5008);
        pump.pulse(System.nanoTime());
        assertFalse(sessionsInTables().contains(c), "replay does not show live events");
        timeline.backToLive();
        assertFalse(timeline.replayingProperty().get());
        assertFalse(model.replaying());
        for (int i = 0; i < 5; i++) {
            pump.pulse(System.nanoTime());
            Thread.sleep(20);
        }
        assertEquals(Set.of(rec.flowA, rec.flowB, c), sessionsInTables());
        // Stop the clock, then let the pump take what the engine made up to then, so that the recording and the
        // log cover the same events (refreshes go on in real time on a loaded machine).
        rec.network.pause();
        Thread.sleep(100);
        for (int i = 0; i < 3; i++) {
            pump.pulse(System.nanoTime());
            Thread.sleep(20);
        }
        rec.store.flush();
        long recorded = rec.store.events(EventFilter.all(Integer.MAX_VALUE)).stream()
            .filter(e -> e.entry() instanceof HistoryEntry.Engine).count();
        Set<String> keys = new HashSet<>();
        for (EventRow r : model.events().allRows()) {
            assertTrue(keys.add(r.node() + "#" + r.event().sequence()), "shown twice: " + r);
        }
        assertEquals(recorded, keys.size(), "every recorded event shown, once");
        assertEquals("", timeline.bannerProperty().get());
    }

    @Test
    void withoutARecordingThereIsNothingToReplayAndAHistoryFileHasNoLive() throws Exception {
        open();
        TimelineViewModel none = new TimelineViewModel(null, true, model, Runnable::run, Runnable::run);
        none.enterReplay();
        assertFalse(none.replayingProperty().get());
        assertTrue(none.messageProperty().get().contains("--no-record"));
        assertEquals("Not recording", none.recordingProperty().get());

        timeline.enterReplay();
        HistoryRun run = timeline.run();
        TimelineViewModel file = new TimelineViewModel(null, false, model, Runnable::run, Runnable::run);
        file.show(run);
        file.backToLive();
        assertTrue(file.replayingProperty().get(), "no live network to go back to");
        assertNotEquals("", file.messageProperty().get());
    }

    @Test
    void theStatusBarSaysWhenRecordingFallsBehind() throws Exception {
        open();
        timeline.refreshRecording();
        assertTrue(timeline.recordingProperty().get().startsWith("Recording ("), timeline.recordingProperty().get());
        assertFalse(timeline.recordingTroubleProperty().get());
        // A store whose buffer holds one entry, offered more than it can take at once.
        try (var small = org.rsvpconsole.persistence.jdbc.JdbcEventStore.open(dir.resolve("small").toString(), 1)) {
            for (int i = 0; i < 10_000; i++) {
                small.offer(new HistoryEntry.OperatorAction(i, "t", "x", "y", "ok"));
            }
            TimelineViewModel t = new TimelineViewModel(small, true, model, Runnable::run, Runnable::run);
            assertTrue(t.recordingTroubleProperty().get());
            assertTrue(t.recordingProperty().get().startsWith("Recording falling behind: "),
                t.recordingProperty().get());
        }
    }
}
