package org.rsvpconsole.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.live.TopologyViews;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.sim.ScenarioRun;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;

/**
 * Replay equivalence: the examples' service-provider scenario (hundreds of calls set up and torn down, a core link
 * cut and restored) is recorded into the store through its engine sink; at 20 random instants the live network's
 * state is captured, and afterwards the state the store rebuilds for each instant must be exactly the same.
 */
class ReplayEquivalenceTest {

    private static final long ORIGIN = 1_750_000_000_000_000_000L;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    /** What the live network and the replay are compared on, in a canonical order. */
    record Picture(TreeMap<String, String> directions, TreeMap<String, String> nodes) {
    }

    static Picture live(List<LinkDirectionView> dirs, List<NodeStateView> nodes) {
        TreeMap<String, String> d = new TreeMap<>();
        for (LinkDirectionView v : dirs) {
            d.put(v.link() + " " + v.fromNode() + "/" + v.fromInterface() + ">" + v.toNode(),
                "capacity " + v.capacityBytesPerSecond() + " free " + v.freeBytesPerSecond() + " "
                    + reservations(v.reservations()));
        }
        TreeMap<String, String> n = new TreeMap<>();
        for (NodeStateView v : nodes) {
            n.put(v.node(), "paths " + v.paths() + " resvs " + v.reservations() + " blockades " + v.blockades());
        }
        return new Picture(d, n);
    }

    static Picture replayed(NetworkState s) {
        return live(s.directions(), s.nodes().stream().map(NetworkState.NodeState::view).toList());
    }

    private static List<String> reservations(List<ReservationView> rs) {
        List<String> out = new ArrayList<>();
        for (ReservationView r : rs) {
            out.add(r.session() + " " + r.style() + " " + r.senders() + " " + r.flowspec() + " "
                + r.reservedBytesPerSecond());
        }
        out.sort(null);
        return out;
    }

    /** The entries that differ, for a readable failure. */
    static String difference(Picture want, Picture got) {
        StringBuilder b = new StringBuilder();
        for (var pair : List.of(List.of(want.directions(), got.directions()), List.of(want.nodes(), got.nodes()))) {
            TreeMap<String, String> w = pair.get(0);
            TreeMap<String, String> g = pair.get(1);
            for (String k : w.keySet()) {
                if (!w.get(k).equals(g.get(k))) {
                    b.append("\n  ").append(k).append(": live ").append(w.get(k)).append("\n    replayed ")
                        .append(g.get(k));
                }
            }
            for (String k : g.keySet()) {
                if (!w.containsKey(k)) {
                    b.append("\n  ").append(k).append(": only replayed ").append(g.get(k));
                }
            }
        }
        return b.toString();
    }

    @Test
    void stateRebuiltFromTheStoreEqualsTheLiveStateAtTwentyRandomInstants() throws Exception {
        Path examples = Path.of("..", "examples");
        Scenario scenario = ScenarioLoader.load(examples.resolve("sp-network.scenario.yaml"));
        Topology topology = TopologyLoader.load(examples.resolve("sp-network.yaml"));
        long end = 6 * 60 * S; // calls coming and going, the core link cut at 3 min and back at 5 min
        long[] instants = new Random(5).longs(20, 1, end).sorted().toArray();
        List<Picture> livePictures = new ArrayList<>();
        try (EventStore store = EventStore.open(dir.resolve("replay").toString())) {
            assertTrue(store.offer(new HistoryEntry.Topology(ORIGIN, 1, TopologyViews.of(topology))));
            ScenarioRun run = ScenarioRun.start(topology, scenario,
                ScenarioRun.Options.defaults(scenario.seed()).withListener(store.sink(ORIGIN)));
            for (long t : instants) {
                run.runUntil(t);
                livePictures.add(live(run.network().linkDirections(), run.network().nodeStates()));
            }
            run.runUntil(end);
            store.flush();
            assertEquals(0, store.status().lost());
            assertNull(store.checkContiguous());
            assertTrue(store.status().committed() > 50_000, "a long history: " + store.status().committed());
            long reserved = LongStream.range(0, instants.length).filter(i -> livePictures.get((int) i).directions()
                .values().stream().anyMatch(v -> v.contains("/17/"))).count();
            assertTrue(reserved >= 15, "most instants have reservations in place: " + reserved);
            for (int i = 0; i < instants.length; i++) {
                Picture want = livePictures.get(i);
                Picture got = replayed(store.stateAt(ORIGIN + instants[i]));
                assertEquals(want, got, "at " + instants[i] / 1e9 + " s: " + difference(want, got));
            }
        }
    }
}
