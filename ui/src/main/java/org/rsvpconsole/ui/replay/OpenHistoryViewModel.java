package org.rsvpconsole.ui.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.StoreException;

/**
 * File > Open history: opens a recorded history off the FX thread, with progress messages and Cancel, and says
 * clearly when a file is not one of ours. Two kinds of file are accepted: a history database ({@code NAME.mv.db},
 * opened through the store's hardened check) and an exported history (imported into a temporary store). Anything
 * else is refused before any database sees it. A history that finishes loading after Cancel is closed.
 */
public final class OpenHistoryViewModel {

    /** An opened history: its last run and the store it was read from (closed by {@link #close}). */
    public record Opened(HistoryRun run, EventStore store, Path temporary) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    private static final String EXPORT_MAGIC = "RSVP_CONSOLE_HISTORY_EXPORT";
    private static final String H2_MAGIC = "H:2";

    private final Executor background;
    private final Executor fx;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private long generation;

    public OpenHistoryViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    /** Starts opening {@code file}; {@code onOpened} gets the history unless cancelled first. */
    public void open(Path file, Consumer<Opened> onOpened) {
        long mine = ++generation;
        running.set(true);
        error.set("");
        message.set("Opening " + file.getFileName() + "...");
        CompletableFuture.supplyAsync(() -> {
            try {
                return load(file, s -> fx.execute(() -> {
                    if (mine == generation) {
                        message.set(s);
                    }
                }));
            } catch (IOException | StoreException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((opened, failure) -> fx.execute(() -> {
            if (mine != generation) {
                if (opened != null) {
                    opened.close();
                }
                return;
            }
            running.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                message.set("");
                error.set("Could not open the history " + file + ":\n" + cause.getMessage());
            } else {
                message.set("Opened the history " + file.getFileName());
                onOpened.accept(opened);
            }
        }));
    }

    /** Opens and reads a history; {@code step} hears what is being done. Runs on a worker thread. */
    static Opened load(Path file, Consumer<String> step) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": no such file, or not readable");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(EXPORT_MAGIC.length());
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        EventStore store;
        Path temporary = null;
        if (start.startsWith(H2_MAGIC)) {
            if (!file.getFileName().toString().endsWith(".mv.db")) {
                throw new StoreException(file + " looks like an H2 database but its name does not end in .mv.db,"
                    + " which an RSVP Console history file always does: rename it to NAME.mv.db");
            }
            step.accept("Checking " + file.getFileName() + " and opening it...");
            store = EventStore.open(file.toString());
        } else if (start.equals(EXPORT_MAGIC)) {
            temporary = Files.createTempDirectory("rsvp-history");
            step.accept("Importing " + file.getFileName() + " (" + Files.size(file) / 1024 + " KiB)...");
            store = EventStore.open(temporary.resolve("history").toString());
            try {
                store.importHistory(file);
            } catch (IOException | RuntimeException e) {
                new Opened(null, store, temporary).close();
                throw e;
            }
        } else {
            throw new StoreException(file + " is not an RSVP Console history: it is neither a history database"
                + " (NAME.mv.db, as the console records) nor an exported history (its first line would be "
                + EXPORT_MAGIC + ")");
        }
        try {
            step.accept("Reading the recorded entries...");
            HistoryRun run = HistoryRun.latest(store);
            if (run == null) {
                throw new StoreException(file + " holds no recorded network (no topology entry)");
            }
            return new Opened(run, store, temporary);
        } catch (RuntimeException e) {
            new Opened(null, store, temporary).close();
            throw e;
        }
    }

    /** Abandons the current opening; its history, if it still arrives, is closed. */
    public void cancel() {
        if (running.get()) {
            generation++;
            running.set(false);
            message.set("Opening cancelled");
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** What went wrong, for the error dialog ("" when nothing). */
    public StringProperty errorProperty() {
        return error;
    }
}
