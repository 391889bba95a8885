package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.persistence.api.HistoryEntry;

/** File > Open history: real files in a temporary directory, good and bad. */
class OpenHistoryViewModelTest {

    @TempDir
    Path dir;
    private final List<OpenHistoryViewModel.Opened> opened = new ArrayList<>();

    private OpenHistoryViewModel direct() {
        return new OpenHistoryViewModel(Runnable::run, Runnable::run);
    }

    private String errorOpening(Path file) {
        OpenHistoryViewModel vm = direct();
        vm.open(file, opened::add);
        assertFalse(vm.runningProperty().get());
        assertTrue(opened.isEmpty(), "nothing opened");
        return vm.errorProperty().get();
    }

    @Test
    void aFileThatIsNotOursIsRefusedWithAClearMessage() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "id,time\n1,2\n");
        String e = errorOpening(text);
        assertTrue(e.startsWith("Could not open the history " + text + ":\n"), e);
        assertTrue(e.contains("is not an RSVP Console history: it is neither a history database"), e);
        assertFalse(e.contains("Exception"), "no Java words: " + e);

        Path fake = dir.resolve("fake.mv.db");
        Files.write(fake, "H:2,block:1,format:3 but nothing of ours".getBytes());
        e = errorOpening(fake);
        assertTrue(e.contains("is not an RSVP Console history: it has no RSVP Console history in it"), e);

        Path binary = dir.resolve("random.mv.db");
        Files.write(binary, new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13});
        e = errorOpening(binary);
        assertTrue(e.contains("is not an RSVP Console history"), e);

        e = errorOpening(dir.resolve("missing.mv.db"));
        assertTrue(e.contains("cannot read"), e);
        assertFalse(Files.exists(dir.resolve("missing.mv.db")), "no store created by a failed open");
    }

    @Test
    void opensAnExportedHistoryAndADatabaseFile() throws Exception {
        Path export = dir.resolve("two-flows.history");
        int recorded;
        try (Recording rec = Recording.twoFlows(dir.resolve("rec"))) {
            rec.engine.close(); // nothing more happens: the export and the count see the same history
            rec.store.flush();
            rec.store.exportHistory(export);
            recorded = HistoryRun.latest(rec.store).entries().size();
        }
        OpenHistoryViewModel vm = direct();
        vm.open(export, opened::add);
        assertEquals("", vm.errorProperty().get());
        assertEquals(1, opened.size());
        HistoryRun run = opened.get(0).run();
        assertEquals("RFC 4495 Figure 1", run.topology().name());
        assertEquals(recorded, run.entries().size());
        assertTrue(run.entries().stream().anyMatch(e -> e.entry() instanceof HistoryEntry.OperatorAction a
            && a.who().equals("tester") && a.action().equals("reserve") && a.result().startsWith("ok")),
            "operator actions are recorded with who and the result");
        Path temporary = opened.get(0).temporary();
        assertNotNull(temporary);
        opened.get(0).close();
        assertFalse(Files.exists(temporary), "the imported copy is removed on close");

        vm.open(dir.resolve("rec").resolve("history.mv.db"), opened::add);
        assertEquals("", vm.errorProperty().get());
        assertEquals(2, opened.size());
        assertEquals(recorded, opened.get(1).run().entries().size());
        assertNull(opened.get(1).temporary());
        opened.get(1).close();
    }

    @Test
    void cancelDiscardsAndClosesWhatArrivesLater() throws Exception {
        Path export = dir.resolve("h.history");
        try (Recording rec = Recording.twoFlows(dir.resolve("rec"))) {
            rec.store.exportHistory(export);
        }
        List<Runnable> background = new ArrayList<>();
        OpenHistoryViewModel vm = new OpenHistoryViewModel(background::add, Runnable::run);
        vm.open(export, opened::add);
        assertTrue(vm.runningProperty().get());
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        assertEquals("Opening cancelled", vm.messageProperty().get());
        background.forEach(Runnable::run);
        assertTrue(opened.isEmpty(), "a cancelled opening shows nothing");
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            // The late result was closed, so its temporary copy is gone too.
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("rsvp-history")
                && Files.exists(p.resolve("history.mv.db")) && isRecent(p)), "temporary store left behind");
        }
    }

    private static boolean isRecent(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() > System.currentTimeMillis() - 5_000;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
