package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * A consistent copy of the network's reservation state at one instant, taken on the engine's thread: safe to read
 * anywhere, never changes.
 *
 * @param timeNanos  the engine's clock when it was taken
 * @param directions every direction of every link, in topology order
 * @param nodes      per node state counts, in topology order
 */
public record NetworkSnapshot(long timeNanos, List<LinkDirectionView> directions, List<NodeStateView> nodes) {
    public NetworkSnapshot {
        directions = List.copyOf(directions);
        nodes = List.copyOf(nodes);
    }
}
