package org.rsvpconsole.app;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryTime;
import org.rsvpconsole.persistence.api.StoreException;
import org.rsvpconsole.persistence.api.StoredEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code history}: lists the recorded events of a history store, filtered, as text, CSV or JSON. */
@Command(name = "history", description = {
    "List the events recorded in a history store (an H2 file, or PostgreSQL by JDBC URL), in time order.",
    "Times are ISO-8601: 2026-11-22T02:14:00Z, 2026-11-22T03:14+01:00, or 2026-11-22 02:14 (UTC)."},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  listed", "  2  the store could not be opened or read, or an option was bad"})
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--db", required = true, paramLabel = "URL",
        description = "The history: an H2 file (path, with or without .mv.db, or jdbc:h2:file:...) or"
            + " jdbc:postgresql://host/db?user=...")
    private String db;

    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after TIME.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events at or before TIME.")
    private String to;

    @Option(names = "--session", paramLabel = "S", description = "Only this session (destination/protocol/port).")
    private String session;

    @Option(names = "--node", paramLabel = "N", description = "Only events of this node.")
    private String node;

    @Option(names = "--kind", paramLabel = "K",
        description = "Only this kind (PathState, ResvState, Reservation, MessageSent, OperatorAction, ...).")
    private String kind;

    @Option(names = "--text", paramLabel = "X", description = "Only events whose summary contains X (any case).")
    private String text;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
        description = "At most N events, the earliest (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Print a JSON array instead of text.")
    private boolean json;

    @Option(names = "--csv", description = "Print CSV instead of text.")
    private boolean csv;

    @Option(names = "--export", paramLabel = "FILE",
        description = "Write the whole history to FILE (every entry, self-describing) instead of listing it; the"
            + " console's File > Open history replays it. The filters do not apply.")
    private Path export;

    @Override
    public Integer call() throws IOException {
        if (export != null) {
            return export();
        }
        if (json && csv) {
            throw new UserException("--json and --csv: choose one");
        }
        if (limit <= 0) {
            throw new UserException("--limit must be positive: " + limit);
        }
        long fromNanos = time("--from", from, Long.MIN_VALUE);
        long toNanos = time("--to", to, Long.MAX_VALUE);
        if (fromNanos > toNanos) {
            throw new UserException("--from " + from + " is after --to " + to);
        }
        requireExisting(db);
        EventFilter filter = new EventFilter(fromNanos, toNanos, session, node, kind, text, limit + 1);
        List<StoredEntry> entries;
        try (EventStore store = EventStore.open(db)) {
            entries = store.events(filter);
        } catch (StoreException e) {
            throw new UserException(e.getMessage());
        }
        boolean more = entries.size() > limit;
        if (more) {
            entries = entries.subList(0, limit);
        }
        Writer out = new OutputStreamWriter(main.out, StandardCharsets.UTF_8);
        if (json) {
            EventStore.writeJson(entries, out);
        } else if (csv) {
            EventStore.writeCsv(entries, out);
        } else {
            for (StoredEntry e : entries) {
                out.write(HistoryTime.format(e.atNanos()) + "  " + e.kind() + "  " + (e.node().isEmpty() ? "-"
                    : e.node()) + "  " + e.summary() + "\n");
            }
        }
        out.flush();
        if (more) {
            main.err.println("rsvp-console: only the first " + limit + " events are listed; narrow the filter or"
                + " raise --limit");
        }
        return 0;
    }

    /** A daemon's history on a shared server, as a file a console opens without reaching that server. */
    private int export() throws IOException {
        if (json || csv || from != null || to != null || session != null || node != null || kind != null
            || text != null) {
            throw new UserException("--export writes the whole history: leave out the filters and --json/--csv");
        }
        if (Files.exists(export)) {
            throw new UserException(export + " exists already: choose a new file name (nothing was overwritten)");
        }
        requireExisting(db);
        try (EventStore store = EventStore.open(db)) {
            store.exportHistory(export);
            main.err.println("rsvp-console: " + store.status().committed() + " entries written to " + export);
        } catch (StoreException e) {
            Files.deleteIfExists(export);
            throw new UserException(e.getMessage());
        }
        return 0;
    }

    private static long time(String option, String value, long none) {
        if (value == null) {
            return none;
        }
        try {
            return HistoryTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    /** Listing never creates a store: a path must name an existing H2 file. */
    static void requireExisting(String db) {
        if (db.startsWith("jdbc:postgresql:")) {
            return;
        }
        String path = db.startsWith("jdbc:h2:file:") ? db.substring("jdbc:h2:file:".length()) : db;
        if (db.startsWith("jdbc:") && !db.startsWith("jdbc:h2:file:")) {
            return; // EventStore.open says what is wrong with other URLs
        }
        if (path.indexOf(';') >= 0) {
            return; // and refuses settings in the URL
        }
        Path file = Path.of(path.endsWith(".mv.db") ? path : path + ".mv.db");
        if (!Files.exists(file)) {
            throw new UserException(file + ": no such history file");
        }
    }
}
