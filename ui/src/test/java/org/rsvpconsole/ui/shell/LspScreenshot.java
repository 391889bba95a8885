package org.rsvpconsole.ui.shell;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.LspRow;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes docs/screenshots/lsps.png: the LSPs tab on examples/rsvp-te-4router with T2's make-before-break LSP
 * selected, its labelled route on the map and its hops in the inspector. Not a test: build/screenshots.sh runs it.
 */
class LspScreenshot {

    @Test
    @SuppressWarnings("unchecked")
    void takeScreenshot() throws Exception {
        TabScreenshot.take(TestNetworks.teNetwork(1), "lsps.png", (robot, window, network) -> {
            // From 3 s: T2 on its new LSP (R1-R2-R4), T3 up until 5 s, T1 preempted (down).
            TableView<LspRow> table = robot.lookup("#lsps").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(r -> r.name()
                .equals("T2") && r.lspId() == 2 && r.state().equals("up")));
            // Held there: on a loaded machine the window may take seconds to draw, and T3 closes at 5 s.
            network.pause();
            robot.interact(() -> {
                TabScreenshot.selectTab(robot, "LSPs");
                table.getItems().stream().filter(r -> r.name().equals("T2") && r.lspId() == 2).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.model().map().path().isEmpty());
        });
    }
}
