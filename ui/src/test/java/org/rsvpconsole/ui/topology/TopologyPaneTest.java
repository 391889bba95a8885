package org.rsvpconsole.ui.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.graphstream.ui.graphicGraph.GraphicElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.live.EventPump;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map on a real window (Xvfb): the hop labels of a highlighted reservation are drawn on its edges and go away
 * when the reservation ends, when another session is highlighted or when the highlight is cleared. Checked on the
 * graph GraphStream draws (its graphic graph), not only on the model.
 */
class TopologyPaneTest {

    private final FxRobot robot = new FxRobot();
    private TopologyViewModel model;
    private TopologyPane pane;

    @BeforeEach
    void open() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "UI tests need a display: run them through xvfb-run");
        Stage stage = FxToolkit.registerPrimaryStage();
        Preferences prefs = Preferences.userRoot().node("org/rsvpconsole/topology-pane-test");
        prefs.clear();
        FxToolkit.setupFixture(() -> {
            model = new TopologyViewModel(SmallNetwork.TOPOLOGY);
            pane = new TopologyPane(model, prefs);
            stage.setScene(new Scene(pane, 600, 400));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(pane::close);
        FxToolkit.cleanupStages();
    }

    private void snapshot(NetworkSnapshot s) {
        robot.interact(() -> model.apply(new EventPump.Batch(List.of(), s, s.timeNanos())));
    }

    /** The labels the viewer draws, edge id = label, sorted by edge id. */
    private List<String> drawnLabels() throws Exception {
        List<String> out = new ArrayList<>();
        robot.interact(() -> pane.viewer().getGraphicGraph().edges().sorted(
            java.util.Comparator.comparing(e -> e.getId())).forEach(e -> {
                String label = ((GraphicElement) e).label;
                if (label != null && !label.isEmpty()) {
                    out.add(e.getId() + "=" + label);
                }
            }));
        return out;
    }

    private void highlighted() throws Exception {
        snapshot(SmallNetwork.reservedPath(1, SmallNetwork.SESSION, 10_000));
        robot.interact(() -> model.highlight(SmallNetwork.SESSION));
        assertEquals(List.of("l1>h1=1: 80 kbit/s", "l2>r1=2: 80 kbit/s", "l3>r2=3: 80 kbit/s"), drawnLabels());
    }

    @Test
    void hopLabelsGoWhenTheReservationEnds() throws Exception {
        highlighted();
        snapshot(SmallNetwork.reservedPath(2, SmallNetwork.OTHER, 10_000));
        assertEquals(List.of(), drawnLabels(), "the highlighted session is gone from every link");
        assertNull(model.highlightedSessionProperty().get(), "the highlight ended with the reservation");
        snapshot(SmallNetwork.reservedPath(3, SmallNetwork.SESSION, 10_000));
        assertEquals(List.of(), drawnLabels(), "a later reservation of the same session is not the selected one");
    }

    @Test
    void hopLabelsGoWhenTheSelectionChangesOrClears() throws Exception {
        highlighted();
        robot.interact(() -> model.highlight(SmallNetwork.OTHER));
        assertEquals(List.of(), drawnLabels(), "OTHER is reserved nowhere");
        robot.interact(() -> model.highlight(SmallNetwork.SESSION));
        robot.interact(() -> model.highlight(null));
        assertEquals(List.of(), drawnLabels());
    }

    /** The pixels GraphStream drew, after letting its viewer redraw. */
    private int[] pixels() throws Exception {
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> image[0] = pane.snapshot(null, null));
        int w = (int) image[0].getWidth();
        int h = (int) image[0].getHeight();
        int[] out = new int[w * h];
        image[0].getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0,
            w);
        return out;
    }

    /**
     * The drawn map, not only the graphic graph, loses the hop labels and the highlighted look when the highlight ends
     * (decision 0015: with a transparent graph fill GraphStream painted every frame over the last).
     */
    @Test
    void theDrawnMapLosesTheLabelsToo() throws Exception {
        snapshot(SmallNetwork.reservedPath(1, SmallNetwork.SESSION, 10_000));
        int[] before = pixels();
        robot.interact(() -> model.highlight(SmallNetwork.SESSION));
        int[] highlighted = pixels();
        assertFalse(java.util.Arrays.equals(before, highlighted), "the path and its labels are drawn");
        robot.interact(() -> model.highlight(null));
        assertArrayEquals(before, pixels(), "after the highlight the map is drawn as before it");
    }

    /**
     * The same when the highlighted reservation ends (the operator did not clear it): once it is gone from the
     * snapshots, the map is drawn as a map that never highlighted it (issue 4: labels stayed after a session ended).
     */
    @Test
    void theDrawnMapLosesTheLabelsWhenTheReservationEnds() throws Exception {
        snapshot(SmallNetwork.reservedPath(1, SmallNetwork.OTHER, 10_000));
        int[] never = pixels();
        snapshot(SmallNetwork.reservedPath(2, SmallNetwork.SESSION, 10_000));
        robot.interact(() -> model.highlight(SmallNetwork.SESSION));
        assertFalse(java.util.Arrays.equals(never, pixels()), "the path and its labels are drawn");
        snapshot(SmallNetwork.reservedPath(3, SmallNetwork.OTHER, 10_000));
        assertNull(model.highlightedSessionProperty().get(), "the highlight ended with the reservation");
        assertArrayEquals(never, pixels(), "no label or highlighted edge is left on the drawn map");
    }
}
