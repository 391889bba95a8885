package org.rsvpconsole.engine.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.virtualnet.RsvpNetwork;

/** A virtual RSVP network for a scenario test: the topology, virtual time and a log of every event. */
final class Scenario {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    final VirtualTime time = new VirtualTime();
    final List<RsvpEvent> events = new ArrayList<>();
    final RsvpNetwork net;

    Scenario(Topology t) {
        this(t, n -> NodeConfig.DEFAULT, 1);
    }

    Scenario(Topology t, Function<Node, NodeConfig> configs, long seed) {
        this(t, configs, PolicyControl.ACCEPT_ALL, seed);
    }

    Scenario(Topology t, Function<Node, NodeConfig> configs, PolicyControl policy, long seed) {
        net = new RsvpNetwork(t, time, seed, configs, policy, events::add);
    }

    /** Runs virtual time forward. */
    Scenario run(Duration d) {
        time.runFor(d);
        return this;
    }

    /** Runs one second: enough for trigger messages to cross any test topology. */
    Scenario settle() {
        return run(Duration.ofSeconds(1));
    }

    <T extends RsvpEvent> List<T> events(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
    }

    <T extends RsvpEvent> List<T> events(Class<T> kind, String node) {
        return events(kind).stream().filter(e -> e.node().equals(node)).collect(Collectors.toList());
    }

    /** Messages of one type sent by a node, in order. */
    List<RsvpEvent.MessageSent> sent(String node, String type) {
        return events(RsvpEvent.MessageSent.class, node).stream().filter(e -> e.messageType().equals(type))
            .collect(Collectors.toList());
    }

    double reserved(String link, String fromNode) {
        return net.linkDirection(link, fromNode).reservedBytesPerSecond();
    }
}
