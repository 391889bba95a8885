package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkFileException;
import org.rsvpconsole.engine.live.VirtualNetworkOpener;
import org.rsvpconsole.ui.TestNetworks;

/** File > Open: progress, cancel, the loaders' messages, and the network handed over (or closed if cancelled). */
class OpenNetworkViewModelTest {

    private final List<Runnable> background = new ArrayList<>();
    private final List<LiveNetwork> opened = new ArrayList<>();

    private void runBackground() {
        List<Runnable> now = List.copyOf(background);
        background.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void opensOffTheCallerWithProgressThenHandsTheNetworkOver() {
        OpenNetworkViewModel m = new OpenNetworkViewModel(new VirtualNetworkOpener(1), background::add, Runnable::run);
        m.open(TestNetworks.EXAMPLES.resolve("sp-network.yaml"), opened::add);
        assertTrue(m.runningProperty().get());
        assertEquals("Opening sp-network.yaml: reading the topology and building the network...",
            m.messageProperty().get());
        assertTrue(opened.isEmpty(), "nothing read on the caller's thread");
        runBackground();
        assertFalse(m.runningProperty().get());
        assertEquals("Opened Service provider (6 cities)", m.messageProperty().get());
        assertEquals(1, opened.size());
        assertEquals("", m.errorProperty().get());
        opened.get(0).close();
    }

    @Test
    void cancelledOpeningsCloseTheirNetworkInsteadOfShowingIt() {
        LiveNetwork[] built = new LiveNetwork[1];
        OpenNetworkViewModel m = new OpenNetworkViewModel(file -> {
            built[0] = new VirtualNetworkOpener(1).open(file);
            return built[0];
        }, background::add, Runnable::run);
        m.open(TestNetworks.EXAMPLES.resolve("sp-network.yaml"), opened::add);
        m.cancel();
        assertFalse(m.runningProperty().get());
        assertEquals("Opening cancelled", m.messageProperty().get());
        runBackground();
        assertTrue(opened.isEmpty(), "not shown");
        assertEquals("Opening cancelled", m.messageProperty().get());
        m.cancel();
        assertEquals("Opening cancelled", m.messageProperty().get(), "cancelling nothing changes nothing");
    }

    @Test
    void fileErrorsAreTheLoadersWordsAndOtherFailuresNameTheirKind() {
        OpenNetworkViewModel m = new OpenNetworkViewModel(file -> {
            throw new NetworkFileException("bad.yaml line 4: node a: type 'hots' is not a node type");
        }, Runnable::run, Runnable::run);
        m.open(Path.of("bad.yaml"), opened::add);
        assertEquals("Could not open bad.yaml:\nbad.yaml line 4: node a: type 'hots' is not a node type",
            m.errorProperty().get());
        assertFalse(m.runningProperty().get());
        OpenNetworkViewModel broken = new OpenNetworkViewModel(file -> {
            throw new IllegalStateException("disk on fire");
        }, Runnable::run, Runnable::run);
        broken.open(Path.of("x.yaml"), opened::add);
        assertEquals("Could not open x.yaml:\nIllegalStateException: disk on fire", broken.errorProperty().get());
        assertTrue(opened.isEmpty());
    }

    @Test
    void anOpeningAfterACancelledOneIsTheOneShown() {
        OpenNetworkViewModel m = new OpenNetworkViewModel(new VirtualNetworkOpener(1), background::add, Runnable::run);
        m.open(TestNetworks.EXAMPLES.resolve("sp-network.yaml"), opened::add);
        m.cancel();
        m.open(TestNetworks.EXAMPLES.resolve("sp-network.yaml"), opened::add);
        runBackground();
        assertEquals(1, opened.size());
        assertSame(opened.get(0).topology().name(), opened.get(0).topology().name());
        opened.forEach(LiveNetwork::close);
    }
}
