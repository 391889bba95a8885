package org.rsvpconsole.ui.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.graphstream.graph.Edge;
import org.graphstream.graph.Graph;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxViewPanel;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicElement;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.graphicGraph.GraphicNode;
import org.graphstream.ui.view.Viewer;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.util.InteractiveElement;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.common.Units;

/**
 * The map: a GraphStream graph drawn by its JavaFX viewer inside the console. The graph lives in the FX thread
 * ({@code GRAPH_IN_GUI_THREAD}) and only this class, on the FX thread, changes it; the layout algorithm runs in the
 * viewer's own thread and talks to the drawn copy through the viewer's pipe. Each link is two directed edges, one per
 * direction, coloured and sized by the share of its reservable bandwidth that is reserved.
 */
public final class TopologyPane extends StackPane {

    private static final String LIGHT_FILL = "fill-color: #f4f4f4;";
    private static final String DARK_FILL = "fill-color: #1e1e1e;";
    private static final String STYLE = """
        graph { padding: 40px; fill-color: #f4f4f4; }
        node { size: 14px; fill-color: #607d8b; text-alignment: under; text-size: 11; text-color: #37474f;
               text-background-mode: rounded-box; text-background-color: rgba(255,255,255,180); }
        node.host { shape: box; size: 9px; fill-color: #1e88e5; text-size: 10; text-color: #546e7a;
                    text-visibility-mode: under-zoom; text-visibility: 0.6; }
        node.selected { fill-color: #ff9800; size: 20px; }
        node.trouble { stroke-mode: plain; stroke-color: #d32f2f; stroke-width: 3px; }
        node.picked { fill-color: #8e24aa; size: 20px; }
        edge { arrow-size: 6px, 4px; fill-color: #9e9e9e; text-size: 12; text-style: bold; text-color: #bf360c;
               text-background-mode: rounded-box; text-background-color: rgba(255,255,255,220); }
        """;

    private final TopologyViewModel model;
    private final Graph graph = new MultiGraph("topology");
    private final FxViewer viewer;
    private final FxViewPanel panel;
    private final Tooltip tooltip = new Tooltip();
    private final Set<String> highlighted = new HashSet<>();
    private Consumer<String> onNodeClicked = n -> { };
    private Consumer<SessionId> onTearDown = s -> { };
    private final ContextMenu contextMenu = new ContextMenu();
    private double lastX;
    private double lastY;

    public TopologyPane(TopologyViewModel model, Preferences positions) {
        this.model = model;
        System.setProperty("org.graphstream.ui", "javafx");
        graph.setAttribute("ui.stylesheet", STYLE);
        graph.setAttribute("ui.antialias");
        graph.setAttribute("ui.quality");
        TopologyView t = model.topology();
        Map<String, double[]> computed = null;
        for (TopologyView.NodeView n : t.nodes()) {
            org.graphstream.graph.Node gn = graph.addNode(n.name());
            gn.setAttribute("ui.label", n.name());
            if (n.host()) {
                gn.setAttribute("ui.class", "host");
            }
            double x = positions.getDouble(n.name() + ".x", Double.NaN);
            double y = positions.getDouble(n.name() + ".y", Double.NaN);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                if (computed == null) {
                    computed = MapLayout.compute(t);
                }
                double[] p = computed.get(n.name());
                x = p[0];
                y = p[1];
            }
            gn.setAttribute("xyz", x, y, 0);
        }
        for (TopologyView.LinkView l : t.links()) {
            graph.addEdge(TopologyViewModel.key(l.name(), l.nodeA()), l.nodeA(), l.nodeB(), true);
            graph.addEdge(TopologyViewModel.key(l.name(), l.nodeB()), l.nodeB(), l.nodeA(), true);
        }
        // Every node has its place (remembered or MapLayout's): no layout thread moving the map, so it is settled
        // from the first frame and redrawn only when something on it changes.
        viewer = new FxViewer(graph, Viewer.ThreadingModel.GRAPH_IN_GUI_THREAD);
        panel = (FxViewPanel) viewer.addDefaultView(false);
        getChildren().add(panel);
        setMinSize(200, 200);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setStyle("-fx-font-family: monospace;");
        Tooltip.install(panel, tooltip);
        tooltip.setOnShowing(e -> tooltip.setText(hoverText(lastX, lastY)));
        panel.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            lastX = e.getX();
            lastY = e.getY();
        });
        panel.addEventFilter(MouseEvent.MOUSE_CLICKED, this::clicked);
        panel.setOnContextMenuRequested(e -> {
            contextMenu.getItems().setAll(contextItems(e.getX(), e.getY()));
            if (!contextMenu.getItems().isEmpty()) {
                contextMenu.show(panel, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        panel.addEventFilter(ScrollEvent.SCROLL, e -> {
            zoom(e.getDeltaY() > 0 ? 0.85 : 1 / 0.85);
            e.consume();
        });
        panel.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                pan(lastX - e.getX(), lastY - e.getY());
                lastX = e.getX();
                lastY = e.getY();
                e.consume();
            }
        });
        panel.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = e.getX();
            lastY = e.getY();
        });
        model.revisionProperty().addListener((o, a, b) -> restyleEdges());
        model.selectedNodeProperty().addListener((o, a, b) -> restyleNodes());
        model.troubled().addListener((javafx.collections.ListChangeListener<String>) c -> restyleNodes());
        model.preempted().addListener((javafx.collections.ListChangeListener<String>) c -> restyleEdges());
        model.highlighted().addListener((javafx.collections.ListChangeListener<String>) c -> {
            highlighted.clear();
            highlighted.addAll(model.highlighted());
            restyleEdges();
        });
        restyleEdges();
    }

    public void setOnNodeClicked(Consumer<String> handler) {
        onNodeClicked = handler;
    }

    /** What "Tear down..." in the map's context menu does (the window confirms first). */
    public void setOnTearDown(Consumer<SessionId> handler) {
        onTearDown = handler;
    }

    public ContextMenu contextMenu() {
        return contextMenu;
    }

    /** The context menu at (x, y): tear down the highlighted reservation, or one of those on the link there. */
    List<MenuItem> contextItems(double x, double y) {
        List<MenuItem> items = new ArrayList<>();
        SessionId highlightedSession = model.highlightedSessionProperty().get();
        String link = nearestLink(x, y);
        if (link != null) {
            List<ReservationView> on = model.reservationsOn(link);
            if (on.isEmpty()) {
                MenuItem none = new MenuItem("No reservations on " + link);
                none.setDisable(true);
                items.add(none);
            }
            for (ReservationView r : on.subList(0, Math.min(on.size(), 12))) {
                MenuItem show = new MenuItem("Show path of " + r.session() + " ("
                    + Units.rate(r.reservedBytesPerSecond()) + ")");
                show.setOnAction(a -> model.highlight(r.session()));
                MenuItem tear = new MenuItem("Tear down " + r.session() + "...");
                tear.setOnAction(a -> onTearDown.accept(r.session()));
                items.add(show);
                items.add(tear);
            }
            if (on.size() > 12) {
                MenuItem more = new MenuItem((on.size() - 12) + " more: use the reservation table");
                more.setDisable(true);
                items.add(more);
            }
        }
        if (highlightedSession != null) {
            if (!items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            MenuItem tear = new MenuItem("Tear down highlighted " + highlightedSession + "...");
            tear.setOnAction(a -> onTearDown.accept(highlightedSession));
            MenuItem clear = new MenuItem("Clear highlight");
            clear.setOnAction(a -> model.highlight(null));
            items.add(tear);
            items.add(clear);
        } else if (model.highlightedLspProperty().get() != null) {
            if (!items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            MenuItem clear = new MenuItem("Clear highlight of " + model.highlightedLspProperty().get());
            clear.setOnAction(a -> model.highlightLsp(null));
            items.add(clear);
        }
        return items;
    }

    public Viewer viewer() {
        return viewer;
    }

    /** Nodes picked for a reservation by clicking (drawn apart). */
    public void setPicked(Set<String> nodes) {
        for (org.graphstream.graph.Node n : graph) {
            n.removeAttribute("ui.picked");
        }
        restyleNodes(nodes);
    }

    private Set<String> picked = Set.of();

    private void restyleNodes(Set<String> nodes) {
        picked = Set.copyOf(nodes);
        restyleNodes();
    }

    private void restyleNodes() {
        String sel = model.selectedNodeProperty().get();
        for (TopologyView.NodeView n : model.topology().nodes()) {
            StringBuilder cls = new StringBuilder(n.host() ? "host" : "");
            if (n.name().equals(sel)) {
                cls.append(cls.isEmpty() ? "" : ",").append("selected");
            }
            if (picked.contains(n.name())) {
                cls.append(cls.isEmpty() ? "" : ",").append("picked");
            }
            if (model.troubled().contains(n.name())) {
                cls.append(cls.isEmpty() ? "" : ",").append("trouble");
            }
            org.graphstream.graph.Node gn = graph.getNode(n.name());
            if (cls.isEmpty()) {
                gn.removeAttribute("ui.class");
            } else {
                gn.setAttribute("ui.class", cls.toString());
            }
        }
    }

    private void restyleEdges() {
        for (TopologyView.LinkView l : model.topology().links()) {
            style(l.name(), l.nodeA());
            style(l.name(), l.nodeB());
        }
    }

    private void style(String link, String from) {
        Edge e = graph.getEdge(TopologyViewModel.key(link, from));
        var d = model.direction(link, from);
        double u = model.utilisation(link, from);
        String colour;
        if (d != null && !d.up()) {
            colour = "#000000";
        } else if (model.preempted().contains(TopologyViewModel.key(link, from))) {
            // A preemption or reduction just happened here: magenta, apart from the green-to-red load scale.
            colour = "#d500f9";
        } else if (highlighted.contains(TopologyViewModel.key(link, from))) {
            colour = "#ff6f00";
        } else {
            // Green (free) through amber to red (full).
            int r = (int) Math.round(u < 0.5 ? 80 + 350 * u : 255);
            int g = (int) Math.round(u < 0.5 ? 175 : 175 - 260 * (u - 0.5));
            colour = String.format(Locale.ROOT, "rgb(%d,%d,%d)", Math.min(255, r), Math.max(40, g), 60);
        }
        TopologyViewModel.Hop hop = model.hop(link, from);
        if (hop != null) {
            if (!hop.label().equals(e.getAttribute("ui.label"))) {
                e.setAttribute("ui.label", hop.label());
            }
        } else if (e.hasAttribute("ui.label")) {
            e.removeAttribute("ui.label");
        }
        // An aggregate's hops are drawn as a bundle: thicker than one reservation's path.
        double size = hop != null && hop.isBundle() ? 11 : highlighted.contains(TopologyViewModel.key(link, from)) ? 6
            : 1.5 + 5 * u;
        String style = String.format(Locale.ROOT, "fill-color: %s; size: %.1fpx; %s", colour, size,
            d != null && !d.up() ? "stroke-mode: dashes;" : "");
        // GraphStream parses a style on every set: only edges whose look changed are touched.
        if (!style.equals(e.getAttribute("ui.style"))) {
            e.setAttribute("ui.style", style);
        }
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        GraphicElement el = panel.findGraphicElementAt(java.util.EnumSet.of(InteractiveElement.NODE), e.getX(),
            e.getY());
        if (el != null) {
            model.selectedNodeProperty().set(el.getId());
            onNodeClicked.accept(el.getId());
        } else {
            String link = nearestLink(e.getX(), e.getY());
            if (link != null) {
                model.selectedLinkProperty().set(link);
            }
        }
    }

    /** The screen position of a node (for robot tests and screenshots), in the panel's coordinates. */
    public Point2D nodePosition(String node) {
        GraphicNode n = (GraphicNode) viewer.getGraphicGraph().getNode(node);
        if (n == null) {
            return null;
        }
        Point3 p = panel.getCamera().transformGuToPx(n.getX(), n.getY(), 0);
        return new Point2D(p.x, p.y);
    }

    public FxViewPanel panel() {
        return panel;
    }

    private String hoverText(double x, double y) {
        GraphicElement el = panel.findGraphicElementAt(java.util.EnumSet.of(InteractiveElement.NODE), x, y);
        if (el != null) {
            return el.getId();
        }
        String link = nearestLink(x, y);
        return link == null ? "" : model.describeLink(link);
    }

    /** The link whose drawn line passes closest to (x, y), within a few pixels. */
    private String nearestLink(double x, double y) {
        GraphicGraph gg = viewer.getGraphicGraph();
        Camera cam = panel.getCamera();
        String best = null;
        double bestDistance = 8;
        for (TopologyView.LinkView l : model.topology().links()) {
            GraphicNode a = (GraphicNode) gg.getNode(l.nodeA());
            GraphicNode b = (GraphicNode) gg.getNode(l.nodeB());
            if (a == null || b == null) {
                continue;
            }
            Point3 pa = cam.transformGuToPx(a.getX(), a.getY(), 0);
            Point3 pb = cam.transformGuToPx(b.getX(), b.getY(), 0);
            double dist = segmentDistance(x, y, pa.x, pa.y, pb.x, pb.y);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = l.name();
            }
        }
        return best;
    }

    static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.clamp(((px - ax) * dx + (py - ay) * dy) / len, 0, 1);
        double cx = ax + t * dx;
        double cy = ay + t * dy;
        return Math.hypot(px - cx, py - cy);
    }

    public void zoom(double factor) {
        Camera c = panel.getCamera();
        c.setViewPercent(Math.clamp(c.getViewPercent() * factor, 0.05, 5));
    }

    private void pan(double dxPx, double dyPx) {
        Camera c = panel.getCamera();
        Point3 center = c.getViewCenter();
        Point3 origin = c.transformPxToGu(0, 0);
        Point3 moved = c.transformPxToGu(dxPx, dyPx);
        c.setViewCenter(center.x + moved.x - origin.x, center.y + moved.y - origin.y, 0);
    }

    public void fit() {
        panel.getCamera().resetView();
    }

    /** Centres the view on a node and selects it; false when there is no such node. */
    public boolean find(String node) {
        GraphicNode n = (GraphicNode) viewer.getGraphicGraph().getNode(node);
        if (n == null) {
            return false;
        }
        panel.getCamera().setViewCenter(n.getX(), n.getY(), 0);
        panel.getCamera().setViewPercent(0.5);
        model.selectedNodeProperty().set(node);
        return true;
    }

    /** Remembers where the nodes are, for the next time this topology opens. */
    public void savePositions(Preferences positions) {
        GraphicGraph gg = viewer.getGraphicGraph();
        for (TopologyView.NodeView n : model.topology().nodes()) {
            GraphicNode gn = (GraphicNode) gg.getNode(n.name());
            if (gn != null) {
                positions.putDouble(n.name() + ".x", gn.getX());
                positions.putDouble(n.name() + ".y", gn.getY());
            }
        }
    }

    /** Stops the layout thread and the viewer's timer. */
    /**
     * The map's background for the theme. Opaque on purpose: GraphStream's JavaFX renderer paints each frame over the
     * last with the graph's fill colour, so a transparent one never erased old labels and edges (decision 0015).
     */
    public void setDark(boolean dark) {
        // The graph's own fill is read from the style sheet only (a graph-level ui.style does not reach it).
        graph.setAttribute("ui.stylesheet", dark ? STYLE.replace(LIGHT_FILL, DARK_FILL) : STYLE);
    }

    public void close() {
        contextMenu.hide();
        try {
            viewer.disableAutoLayout();
            viewer.close();
        } catch (RuntimeException e) {
            // GraphStream 2.0's FxViewer.close() can fail on a view it already released (renderers == null);
            // closing the window must never fail because of it.
        }
    }
}
