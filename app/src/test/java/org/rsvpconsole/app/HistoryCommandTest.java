package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --db} records a run; {@code history} lists it, filtered; bad input is one clear line, exit 2. */
class HistoryCommandTest {

    @TempDir
    static Path dir;
    static String db;
    static Cli simulated;

    @BeforeAll
    static void record() {
        db = dir.resolve("run").toString();
        simulated = Cli.run("simulate", "--scenario", Path.of("..", "examples", "rfc4495-figure1.scenario.yaml")
            .toString(), "--until", "11s", "--db", db);
    }

    @Test
    void simulateRecordsTheRunAndItsReportIsUnchanged() {
        assertEquals(0, simulated.code(), simulated.toString());
        assertTrue(Files.exists(dir.resolve("run.mv.db")));
        Cli plain = Cli.run("simulate", "--scenario", Path.of("..", "examples", "rfc4495-figure1.scenario.yaml")
            .toString(), "--until", "11s");
        assertEquals(plain.out(), simulated.out(), "recording does not change the report");
    }

    @Test
    void listsEveryEventInTimeOrderWithTheTopologyFirst() {
        Cli c = Cli.run("history", "--db", db);
        assertEquals(0, c.code(), c.toString());
        List<String> lines = c.outLines();
        assertTrue(lines.size() > 20, c.out());
        assertTrue(lines.getFirst().contains("  Topology  -  topology version 1"), lines.getFirst());
        assertTrue(lines.stream().anyMatch(l -> l.contains("  Reservation  ")), c.out());
        List<String> times = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(times.stream().sorted().toList(), times, "time order");
        assertTrue(c.err().isEmpty(), c.err());
    }

    @Test
    void filtersByKindNodeTextAndTime() {
        Cli kind = Cli.run("history", "--db", db, "--kind", "Reservation");
        assertEquals(0, kind.code(), kind.toString());
        assertFalse(kind.outLines().isEmpty());
        assertTrue(kind.outLines().stream().allMatch(l -> l.contains("  Reservation  ")), kind.out());

        Cli all = Cli.run("history", "--db", db, "--json");
        List<?> entries = (List<?>) Json.parse(all.out());
        Map<?, ?> some = entries.stream().map(e -> (Map<?, ?>) e).filter(e -> !"".equals(e.get("node")))
            .filter(e -> !"".equals(e.get("session"))).findFirst().orElseThrow();
        String node = (String) some.get("node");
        String session = (String) some.get("session");

        List<?> byNode = (List<?>) Json.parse(Cli.run("history", "--db", db, "--node", node, "--json").out());
        assertTrue(byNode.stream().allMatch(e -> node.equals(((Map<?, ?>) e).get("node"))));
        assertTrue(byNode.size() < entries.size());
        List<?> bySession = (List<?>) Json.parse(Cli.run("history", "--db", db, "--session", session, "--json")
            .out());
        assertTrue(bySession.stream().allMatch(e -> session.equals(((Map<?, ?>) e).get("session"))));
        assertFalse(bySession.isEmpty());

        Cli text = Cli.run("history", "--db", db, "--text", "RESERVED", "--csv");
        assertTrue(text.outLines().getFirst().startsWith("id,stream,seq,time,kind"));
        assertTrue(text.outLines().stream().skip(1).allMatch(l -> l.toLowerCase().contains("reserved")), text.out());

        String t0 = (String) ((Map<?, ?>) entries.get(10)).get("time");
        String t1 = (String) ((Map<?, ?>) entries.get(20)).get("time");
        List<?> window = (List<?>) Json.parse(Cli.run("history", "--db", db, "--from", t0, "--to", t1, "--json")
            .out());
        assertTrue(window.size() >= 11 && window.size() < entries.size(), "entries 10..20 and ties: " + window.size());
        assertTrue(window.stream().allMatch(e -> {
            String t = (String) ((Map<?, ?>) e).get("time");
            return t.compareTo(t0) >= 0 && t.compareTo(t1) <= 0;
        }));

        Cli limited = Cli.run("history", "--db", db, "--limit", "5");
        assertEquals(5, limited.outLines().size());
        assertTrue(limited.err().contains("only the first 5 events"), limited.err());
    }

    private static void clearError(Cli c, String expected) {
        assertEquals(Main.EXIT_USAGE, c.code(), c.toString());
        assertTrue(c.err().contains(expected), c.err());
        assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
        assertTrue(c.out().isEmpty(), c.out());
    }

    @Test
    void badInputIsOneClearErrorWithExitTwo() throws Exception {
        clearError(Cli.run("history", "--db", dir.resolve("nothing-here").toString()), "no such history file");
        Path notOurs = dir.resolve("other.mv.db");
        Files.writeString(notOurs, "just some text, not a database");
        clearError(Cli.run("history", "--db", notOurs.toString()), "is not an RSVP Console history");
        clearError(Cli.run("history", "--db", "jdbc:mysql://localhost/x"), "unsupported database URL");
        clearError(Cli.run("history", "--db", "jdbc:h2:file:" + db + ";INIT=RUNSCRIPT FROM 'x'"),
            "settings in an H2 URL are not accepted");
        clearError(Cli.run("history", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=x"),
            "cannot open the history");
        clearError(Cli.run("history", "--db", db, "--from", "yesterday"), "--from: not a time: 'yesterday'");
        clearError(Cli.run("history", "--db", db, "--to", "2026-13-40"), "--to: not a time");
        clearError(Cli.run("history", "--db", db, "--from", "2026-11-22T10:00Z", "--to", "2026-11-22T09:00Z"),
            "is after --to");
        clearError(Cli.run("simulate", "--scenario", Path.of("..", "examples", "rfc4495-figure1.scenario.yaml")
            .toString(), "--db", notOurs.toString()), "is not an RSVP Console history");
    }

    @Test
    void exportWritesTheWholeHistoryForOpenHistoryAndNeverOverwrites() throws Exception {
        Path file = dir.resolve("run.history");
        Cli c = Cli.run("history", "--db", db, "--export", file.toString());
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.err().contains("entries written to"), c.err());
        // What the console's File > Open history does with an export: import it into an empty store.
        try (var store = org.rsvpconsole.persistence.api.EventStore.open(dir.resolve("imported").toString())) {
            long n = store.importHistory(file);
            Cli listed = Cli.run("history", "--db", db, "--limit", "1000000");
            assertEquals(listed.outLines().size(), n, "every entry of the history is in the export");
        }
        Cli again = Cli.run("history", "--db", db, "--export", file.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists already"), again.err());
        Cli filtered = Cli.run("history", "--db", db, "--export", dir.resolve("x").toString(), "--node", "R1");
        assertEquals(2, filtered.code());
        assertTrue(filtered.err().contains("leave out the filters"), filtered.err());
    }
}
