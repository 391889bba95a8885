package org.rsvpconsole.ui.shell;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.aggregates.AggregateRow;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes docs/screenshots/aggregates.png: the Aggregates tab on examples/rfc4495-figure2 after Flow 9 joined X, with
 * aggregate Y selected (320 kbit/s, four microflows admitted, Flow D preempted) and drawn on the map as a bundle.
 * Not a test: build/screenshots.sh runs it.
 */
class AggregateScreenshot {

    @Test
    @SuppressWarnings("unchecked")
    void takeScreenshot() throws Exception {
        TabScreenshot.take(TestNetworks.figure2Network(4), "aggregates.png", (robot, window, network) -> {
            TableView<AggregateRow> table = robot.lookup("#aggregates").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(r -> r.name()
                .equals("Y") && r.reserved().equals("320 kbit/s") && r.preempted() == 1));
            network.pause();
            robot.interact(() -> {
                TabScreenshot.selectTab(robot, "Aggregates");
                table.getItems().stream().filter(r -> r.name().equals("Y")).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().map().path().size() == 5);
        });
    }
}
