package org.rsvpconsole.ui.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rsvpconsole.engine.api.TopologyView;

/**
 * Where the map puts nodes it has no remembered position for: stress majorization (Gansner, Koren and North, "Graph
 * drawing by stress majorization", 2004) on the hop distances, computed once, so the drawing is settled from the
 * first frame and no layout thread keeps moving it (and redrawing the map every frame) afterwards.
 *
 * <p>Each pair of nodes is placed as far apart as the hops between them, router to router hops counting
 * {@link #ROUTER_HOP} and a host's hop to its router {@link #HOST_HOP}: the core opens up by its own distances,
 * cities (sub-trees) spread around it, and hosts sit close to their router. Start positions come from a
 * breadth-first ring layout around the most central router, which keeps the result the same for the same topology.
 */
public final class MapLayout {

    static final double ROUTER_HOP = 1.0;
    static final double HOST_HOP = 0.55;
    /** Sweeps of the majorization: enough to settle ~50 nodes well; fewer for large maps (each sweep is n²). */
    private static int iterations(int n) {
        return n <= 100 ? 300 : Math.max(40, 3_000_000 / (n * n));
    }

    private MapLayout() {
    }

    /** Positions by node name, in graph units (one router hop ~ 1). */
    public static Map<String, double[]> compute(TopologyView topology) {
        List<TopologyView.NodeView> nodes = topology.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).name(), i);
        }
        List<List<int[]>> adjacency = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adjacency.add(new ArrayList<>());
        }
        for (TopologyView.LinkView l : topology.links()) {
            Integer a = index.get(l.nodeA());
            Integer b = index.get(l.nodeB());
            if (a != null && b != null && !a.equals(b)) {
                adjacency.get(a).add(new int[] {b});
                adjacency.get(b).add(new int[] {a});
            }
        }
        double[][] d = distances(nodes, adjacency);
        double[][] xy = start(nodes, adjacency, d);
        majorize(d, xy);
        openCore(xy);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(nodes.get(i).name(), xy[i]);
        }
        return out;
    }

    /**
     * The length of a hop: a host's is short; between routers it grows with the routers' degrees, so the links of a
     * well-connected core, which carry whole regions on either side, are long enough for those regions to fit
     * around it, while access links stay short.
     */
    private static double hop(TopologyView.NodeView a, TopologyView.NodeView b, int degreeA, int degreeB) {
        if (a.host() || b.host()) {
            return HOST_HOP;
        }
        return Math.clamp(ROUTER_HOP + 0.25 * (degreeA + degreeB - 4), ROUTER_HOP, 2.5 * ROUTER_HOP);
    }

    /** Shortest distances (Dijkstra over the two hop lengths); parts not connected are put 2 apart + the largest. */
    static double[][] distances(List<TopologyView.NodeView> nodes, List<List<int[]>> adjacency) {
        int n = nodes.size();
        double[][] d = new double[n][];
        double max = 0;
        for (int s = 0; s < n; s++) {
            double[] dist = new double[n];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            dist[s] = 0;
            java.util.PriorityQueue<double[]> queue = new java.util.PriorityQueue<>((x, y) -> Double.compare(x[0],
                y[0]));
            queue.add(new double[] {0, s});
            while (!queue.isEmpty()) {
                double[] top = queue.poll();
                int u = (int) top[1];
                if (top[0] > dist[u]) {
                    continue;
                }
                for (int[] e : adjacency.get(u)) {
                    double nd = dist[u] + hop(nodes.get(u), nodes.get(e[0]), adjacency.get(u).size(),
                        adjacency.get(e[0]).size());
                    if (nd < dist[e[0]]) {
                        dist[e[0]] = nd;
                        queue.add(new double[] {nd, e[0]});
                    }
                }
            }
            for (double v : dist) {
                if (v != Double.POSITIVE_INFINITY) {
                    max = Math.max(max, v);
                }
            }
            d[s] = dist;
        }
        for (double[] row : d) {
            for (int j = 0; j < n; j++) {
                if (row[j] == Double.POSITIVE_INFINITY) {
                    row[j] = max + 2;
                }
            }
        }
        return d;
    }

    /** Rings of breadth-first layers around the most central router, each node near its parent's angle. */
    private static double[][] start(List<TopologyView.NodeView> nodes, List<List<int[]>> adjacency, double[][] d) {
        int n = nodes.size();
        double[][] xy = new double[n][2];
        if (n == 0) {
            return xy;
        }
        int centre = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double sum = Arrays.stream(d[i]).sum();
            if (!nodes.get(i).host() && sum < best) {
                best = sum;
                centre = i;
            }
        }
        double[] angle = new double[n];
        int[] layer = new int[n];
        Arrays.fill(layer, -1);
        List<List<Integer>> layers = new ArrayList<>();
        boolean[] placed = new boolean[n];
        Random random = new Random(n);
        for (int root = centre; root >= 0; root = next(placed)) {
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(root));
            placed[root] = true;
            layer[root] = 0;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                while (layers.size() <= layer[u]) {
                    layers.add(new ArrayList<>());
                }
                layers.get(layer[u]).add(u);
                for (int[] e : adjacency.get(u)) {
                    if (!placed[e[0]]) {
                        placed[e[0]] = true;
                        layer[e[0]] = layer[u] + 1;
                        angle[e[0]] = angle[u] + random.nextDouble() * 1e-3;
                        queue.add(e[0]);
                    }
                }
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            List<Integer> ring = new ArrayList<>(layers.get(l));
            ring.sort((a, b) -> Double.compare(angle[a], angle[b]));
            for (int k = 0; k < ring.size(); k++) {
                int u = ring.get(k);
                double a = 2 * Math.PI * k / ring.size();
                angle[u] = a;
                xy[u][0] = l * Math.cos(a);
                xy[u][1] = l * Math.sin(a);
            }
        }
        return xy;
    }

    private static int next(boolean[] placed) {
        for (int i = 0; i < placed.length; i++) {
            if (!placed[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Spreads the centre out, keeping every node's direction from it: a radius r becomes R·(r/R)^0.65 (R the
     * largest). Stress puts a hub whose spokes all pull equally at the middle, with its neighbours crowded round it;
     * this gives the core the room its labels need and costs the periphery, where there is room, a little.
     */
    static void openCore(double[][] xy) {
        int n = xy.length;
        if (n < 3) {
            return;
        }
        double cx = 0;
        double cy = 0;
        for (double[] p : xy) {
            cx += p[0] / n;
            cy += p[1] / n;
        }
        double max = 0;
        for (double[] p : xy) {
            max = Math.max(max, Math.hypot(p[0] - cx, p[1] - cy));
        }
        if (max <= 0) {
            return;
        }
        for (double[] p : xy) {
            double r = Math.hypot(p[0] - cx, p[1] - cy);
            if (r > 0) {
                double scale = max * Math.pow(r / max, 0.65) / r;
                p[0] = cx + (p[0] - cx) * scale;
                p[1] = cy + (p[1] - cy) * scale;
            }
        }
    }

    /** Stress majorization, localized form: each node moves to where its distances to all others fit best. */
    private static void majorize(double[][] d, double[][] xy) {
        int n = xy.length;
        for (int it = 0, sweeps = iterations(n); it < sweeps; it++) {
            for (int i = 0; i < n; i++) {
                double sx = 0;
                double sy = 0;
                double sw = 0;
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    double w = 1 / d[i][j];
                    double dx = xy[i][0] - xy[j][0];
                    double dy = xy[i][1] - xy[j][1];
                    double len = Math.sqrt(dx * dx + dy * dy);
                    if (len < 1e-9) {
                        dx = 1e-3 * (i - j);
                        dy = 1e-3;
                        len = Math.sqrt(dx * dx + dy * dy);
                    }
                    sx += w * (xy[j][0] + d[i][j] * dx / len);
                    sy += w * (xy[j][1] + d[i][j] * dy / len);
                    sw += w;
                }
                if (sw > 0) {
                    xy[i][0] = sx / sw;
                    xy[i][1] = sy / sw;
                }
            }
        }
    }
}
