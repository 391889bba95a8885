package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * A consistent copy of the network's reservation state at one instant, taken on the engine's thread: safe to read
 * anywhere, never changes.
 *
 * @param timeNanos  the engine's clock when it was taken
 * @param directions every direction of every link, in topology order
 * @param nodes      per node state counts, in topology order
 * @param neighbours every neighbour of every node that runs refresh reduction, integrity or Hello (RFC 2961,
 *                   RFC 2747, RFC 3209 §5), in topology order; empty where nothing is known (plain RFC 2205 nodes,
 *                   or a snapshot rebuilt from a recorded history, which holds events and no counters)
 * @param aggregates every RFC 3175 aggregate with its microflows, as its deaggregator sees it, in topology order of
 *                   the deaggregators; empty where there are none or nothing is known (a recorded history: the
 *                   events do not say which microflows an aggregate carries)
 */
public record NetworkSnapshot(long timeNanos, List<LinkDirectionView> directions, List<NodeStateView> nodes,
                              List<Neighbour> neighbours, List<AggregateView> aggregates) {

    /** One neighbour of {@code node}. */
    public record Neighbour(String node, NeighbourView view) {
    }

    public NetworkSnapshot {
        directions = List.copyOf(directions);
        nodes = List.copyOf(nodes);
        neighbours = List.copyOf(neighbours);
        aggregates = List.copyOf(aggregates);
    }

    /** A snapshot without aggregates. */
    public NetworkSnapshot(long timeNanos, List<LinkDirectionView> directions, List<NodeStateView> nodes,
                           List<Neighbour> neighbours) {
        this(timeNanos, directions, nodes, neighbours, List.of());
    }

    /** A snapshot without neighbour state. */
    public NetworkSnapshot(long timeNanos, List<LinkDirectionView> directions, List<NodeStateView> nodes) {
        this(timeNanos, directions, nodes, List.of(), List.of());
    }
}
