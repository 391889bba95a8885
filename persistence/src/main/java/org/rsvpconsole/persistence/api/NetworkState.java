package org.rsvpconsole.persistence.api;

import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;

/**
 * The whole network's state after a prefix of the history: what the snapshots hold and what replay shows. Built
 * only by {@link NetworkStateReducer}, so a stored snapshot and a replay from an earlier one always agree.
 *
 * @param lastId     the id of the last entry applied (0 for none)
 * @param atNanos    the time of that entry
 * @param topology   the current topology version, or null before the first
 * @param directions every direction of every link with its reservations, in topology order
 * @param nodes      per node state, in topology order (then in order of first appearance)
 */
public record NetworkState(long lastId, long atNanos, int topologyVersion, TopologyView topology,
                           List<LinkDirectionView> directions, List<NodeState> nodes) {

    public static final NetworkState EMPTY = new NetworkState(0, 0, 0, null, List.of(), List.of());

    public NetworkState {
        directions = List.copyOf(directions);
        nodes = List.copyOf(nodes);
    }

    /** Path state of one sender at one node (RFC 2209 PSB key). */
    public record PathKey(SessionId session, SenderAddress sender, String interfaceName) {
    }

    /** One reservation request at one node (RFC 2209 RSB key: session, outgoing interface, next hop). */
    public record ResvKey(SessionId session, String interfaceName, IpAddress nextHop) {
    }

    /** Blockade state for one previous hop (RFC 2205 §3.5). */
    public record BlockadeKey(SessionId session, IpAddress previousHop) {
    }

    /** The state blocks one node holds. */
    public record NodeState(String node, List<PathKey> paths, List<ResvKey> reservations,
                            List<BlockadeKey> blockades) {
        public NodeState {
            paths = List.copyOf(paths);
            reservations = List.copyOf(reservations);
            blockades = List.copyOf(blockades);
        }

        /** The counts the engine's {@link NodeStateView} shows; sessions are those with a path or reservation. */
        public NodeStateView view() {
            long sessions = java.util.stream.Stream.concat(paths.stream().map(PathKey::session),
                reservations.stream().map(ResvKey::session)).distinct().count();
            return new NodeStateView(node, true, (int) sessions, paths.size(), reservations.size(),
                blockades.size());
        }
    }
}
