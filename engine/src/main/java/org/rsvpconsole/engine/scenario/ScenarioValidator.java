package org.rsvpconsole.engine.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.config.ConfigProblem;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Calls;
import org.rsvpconsole.engine.scenario.ScenarioOperation.ChangeTspec;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkDown;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkUp;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Release;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Reserve;
import org.rsvpconsole.engine.scenario.ScenarioOperation.StartSender;
import org.rsvpconsole.engine.scenario.ScenarioOperation.TearDown;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Topology;

/**
 * Checks a scenario against the topology it runs on: every node it names exists, every session's destination is a
 * node or a multicast group, the receiver of a unicast session is its destination, and every link it fails or
 * restores exists. All problems are reported together, at the line of the operation, naming the key.
 */
public final class ScenarioValidator {

    private final Scenario scenario;
    private final Topology topology;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> checkedSessions = new HashSet<>();
    /** LSP names opened so far, in file order. */
    private final Set<String> lsps = new java.util.LinkedHashSet<>();

    private ScenarioValidator(Scenario scenario, Topology topology) {
        this.scenario = scenario;
        this.topology = topology;
    }

    /** Throws when the scenario names something the topology does not have. */
    public static void validate(Scenario scenario, Topology topology) throws ScenarioException {
        ScenarioValidator v = new ScenarioValidator(scenario, topology);
        for (ScenarioOperation op : scenario.operations()) {
            v.check(op);
        }
        if (!v.problems.isEmpty()) {
            throw new ScenarioException(v.problems);
        }
    }

    private void check(ScenarioOperation op) {
        String ctx = op.keyword() + " at line " + op.line();
        switch (op) {
            case StartSender s -> sender(ctx, op.line(), s.host(), s.session());
            case ChangeTspec s -> sender(ctx, op.line(), s.host(), s.session());
            case TearDown s -> sender(ctx, op.line(), s.host(), s.session());
            case Reserve r -> {
                receiver(ctx, op.line(), r.receiver(), r.session());
                for (SenderRef f : r.filters()) {
                    node(ctx, op.line(), "filters", f.node());
                }
            }
            case Release r -> receiver(ctx, op.line(), r.receiver(), r.session());
            case LinkDown l -> link(ctx, op.line(), l.link());
            case LinkUp l -> link(ctx, op.line(), l.link());
            case Calls c -> {
                for (String n : c.between()) {
                    node(ctx, op.line(), "between", n);
                }
            }
            case ScenarioOperation.OpenLsp l -> {
                node(ctx, op.line(), "head", l.head());
                if (IpAddress.parse(l.tail()).isEmpty()) {
                    node(ctx, op.line(), "tail", l.tail());
                }
                route(ctx, op.line(), l.route());
                if (!lsps.add(l.name())) {
                    problem(op.line(), ctx, "key 'name': LSP '" + l.name() + "' is opened twice; give each LSP its"
                        + " own name, or use reroute-lsp to move it");
                }
            }
            case ScenarioOperation.RerouteLsp l -> {
                knownLsp(ctx, op.line(), l.name());
                route(ctx, op.line(), l.route());
            }
            case ScenarioOperation.CloseLsp l -> knownLsp(ctx, op.line(), l.name());
        }
    }

    private void route(String ctx, int line, List<ScenarioOperation.RouteHop> route) {
        for (ScenarioOperation.RouteHop h : route) {
            h.node().ifPresent(n -> node(ctx, line, "route", n));
        }
    }

    private void knownLsp(String ctx, int line, String name) {
        if (!lsps.contains(name)) {
            problem(line, ctx, "key 'name': no 'lsp' item opens an LSP named '" + name + "' before this line"
                + (lsps.isEmpty() ? "" : " (LSPs are " + Names.summarize(lsps) + ")" + Names.didYouMean(name,
                lsps)));
        }
    }

    private void problem(int line, String context, String message) {
        problems.add(new ConfigProblem(scenario.file(), line, context, message));
    }

    private Optional<Node> node(String ctx, int line, String key, String name) {
        Optional<Node> n = topology.node(name);
        if (n.isEmpty()) {
            List<String> names = topology.nodes().stream().map(Node::name).toList();
            problem(line, ctx, "key '" + key + "': node '" + name + "' is not in the topology (nodes are "
                + Names.summarize(names) + ")" + Names.didYouMean(name, names));
        }
        return n;
    }

    private void sender(String ctx, int line, String host, SessionRef session) {
        Optional<Node> n = node(ctx, line, "host", host);
        Optional<Node> dest = destination(ctx, line, session);
        if (n.isPresent() && dest.isPresent() && n.get().equals(dest.get())) {
            problem(line, ctx, "key 'host': " + host + " is the destination of session " + session.label()
                + "; a sender sends to another node");
        }
    }

    private void receiver(String ctx, int line, String receiver, SessionRef session) {
        Optional<Node> n = node(ctx, line, "receiver", receiver);
        Optional<Node> dest = destination(ctx, line, session);
        if (n.isPresent() && dest.isPresent() && !n.get().equals(dest.get())) {
            problem(line, ctx, "key 'receiver': session " + session.label() + " goes to " + dest.get().name()
                + ", so " + dest.get().name() + " is its receiver, not " + receiver + " (only a multicast session"
                + " has receivers of its own choosing)");
        }
    }

    /** The destination node of a unicast session; empty for multicast, or after reporting a problem. */
    private Optional<Node> destination(String ctx, int line, SessionRef s) {
        boolean first = checkedSessions.add(s.label());
        if (s.node().isPresent()) {
            Optional<Node> n = topology.node(s.node().get());
            if (n.isEmpty() && first) {
                List<String> names = topology.nodes().stream().map(Node::name).toList();
                problem(line, ctx, "key 'session': the destination '" + s.node().get() + "' of session " + s.label()
                    + " is not a node of the topology (nodes are " + Names.summarize(names) + ")"
                    + Names.didYouMean(s.node().get(), names) + "; write a node name or an address");
            }
            return n;
        }
        IpAddress a = s.address().orElseThrow();
        if (isMulticast(a)) {
            return Optional.empty();
        }
        Optional<Node> owner = topology.ownerOf(a);
        if (owner.isEmpty() && first) {
            problem(line, ctx, "key 'session': no node of the topology has the address " + a + " (session "
                + s.label() + "); write the node's name, one of its addresses, or a multicast group");
        }
        return owner;
    }

    private static boolean isMulticast(IpAddress a) {
        return switch (a) {
            case Ipv4Address v4 -> v4.isMulticast();
            case Ipv6Address v6 -> v6.isMulticast();
        };
    }

    private void link(String ctx, int line, LinkRef ref) {
        if (ref.name().isPresent()) {
            if (topology.link(ref.name().get()).isEmpty()) {
                List<String> names = topology.links().stream().map(Link::name).toList();
                problem(line, ctx, "link '" + ref.name().get() + "' is not in the topology (links are "
                    + Names.summarize(names) + ")" + Names.didYouMean(ref.name().get(), names)
                    + "; or give its two ends, like [R1, R2]");
            }
            return;
        }
        Optional<Node> a = node(ctx, line, "ends", ref.ends().get(0));
        Optional<Node> b = node(ctx, line, "ends", ref.ends().get(1));
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        List<Link> between = topology.linksBetween(a.get(), b.get());
        if (between.isEmpty()) {
            problem(line, ctx, "no link joins " + a.get().name() + " and " + b.get().name() + "; links of "
                + a.get().name() + " go to " + Names.summarize(topology.interfacesOf(a.get()).stream()
                .map(i -> topology.neighbour(i).node().name()).toList()));
        } else if (between.size() > 1) {
            problem(line, ctx, between.size() + " links join " + a.get().name() + " and " + b.get().name()
                + "; name the one you mean: " + String.join(", ", between.stream().map(Link::name).toList()));
        }
    }
}
