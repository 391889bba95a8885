package org.rsvpconsole.ui.shell;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkFileException;
import org.rsvpconsole.engine.api.NetworkOpener;

/**
 * File > Open: reads a topology off the FX thread, shows progress, can be cancelled, and reports what is wrong with
 * a file in the loaders' words (file, line, key), never as a stack trace. A network that finishes loading after its
 * opening was cancelled is closed, not shown. Properties change on the FX executor only.
 */
public final class OpenNetworkViewModel {

    private final NetworkOpener opener;
    private final Executor background;
    private final Executor fx;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    /** Which opening is current; results of older (cancelled) ones are discarded. */
    private long generation;

    /**
     * @param background where files are read (a worker thread; the caller's thread in tests)
     * @param fx         where results are applied (Platform::runLater; the caller's thread in tests)
     */
    public OpenNetworkViewModel(NetworkOpener opener, Executor background, Executor fx) {
        this.opener = opener;
        this.background = background;
        this.fx = fx;
    }

    /** Starts opening {@code file}; {@code onOpened} gets the running network unless cancelled first. */
    public void open(Path file, Consumer<LiveNetwork> onOpened) {
        long mine = ++generation;
        running.set(true);
        error.set("");
        message.set("Opening " + file.getFileName() + ": reading the topology and building the network...");
        CompletableFuture.supplyAsync(() -> {
            try {
                return opener.open(file);
            } catch (NetworkFileException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenComplete((network, failure) -> fx.execute(() -> {
            if (mine != generation) {
                if (network != null) {
                    network.close(); // cancelled meanwhile: nobody will show it
                }
                return;
            }
            running.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                message.set("");
                error.set("Could not open " + file + ":\n" + (cause instanceof NetworkFileException
                    ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            } else {
                message.set("Opened " + network.topology().name());
                onOpened.accept(network);
            }
        }));
    }

    /** Abandons the current opening; its network, if it still arrives, is closed. */
    public void cancel() {
        if (running.get()) {
            generation++;
            running.set(false);
            message.set("Opening cancelled");
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
