package org.rsvpconsole.engine.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LspRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.topology.Topology;

/**
 * One timed operation of a scenario (docs/scenario-format.md). Every operation has its time from the scenario's
 * start and the line of the file it was written on, so that what happens when it runs can be traced to the file.
 */
public sealed interface ScenarioOperation {

    /** When, in nanoseconds from the start of the scenario. */
    long atNanos();

    /** The line of the scenario file (0 for operations a generator made without a line of their own). */
    int line();

    /** The keyword the file uses for this operation. */
    String keyword();

    /** A sender starts: it sends Path for the session with its TSpec (RAPI sender call). */
    record StartSender(long atNanos, int line, String host, SessionRef session, int sourcePort, TokenBucket tspec)
        implements ScenarioOperation {

        public StartSender {
            check(atNanos, host, session);
            Objects.requireNonNull(tspec, "tspec");
        }

        @Override
        public String keyword() {
            return "sender";
        }

        public SenderRef sender() {
            return new SenderRef(host, sourcePort);
        }
    }

    /** A sender changes its TSpec: a Path with the new SENDER_TSPEC. */
    record ChangeTspec(long atNanos, int line, String host, SessionRef session, int sourcePort, TokenBucket tspec)
        implements ScenarioOperation {

        public ChangeTspec {
            check(atNanos, host, session);
            Objects.requireNonNull(tspec, "tspec");
        }

        @Override
        public String keyword() {
            return "change-tspec";
        }
    }

    /** A sender stops: PathTear. */
    record TearDown(long atNanos, int line, String host, SessionRef session, int sourcePort)
        implements ScenarioOperation {

        public TearDown {
            check(atNanos, host, session);
        }

        @Override
        public String keyword() {
            return "teardown";
        }
    }

    /**
     * A receiver reserves, or changes its reservation: Resv with the style, the flowspec and, for FF and SE, the
     * senders as filters (empty for WF).
     */
    record Reserve(long atNanos, int line, String receiver, SessionRef session, ReservationStyle style,
                   FlowRequest flow, List<SenderRef> filters, Optional<Preemption> priority)
        implements ScenarioOperation {

        public Reserve {
            check(atNanos, receiver, session);
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(priority, "priority");
            filters = List.copyOf(filters);
            if (style == ReservationStyle.WF && !filters.isEmpty()) {
                throw new IllegalArgumentException("a WF reservation selects every sender; it takes no filters");
            }
            if (style != ReservationStyle.WF && filters.isEmpty()) {
                throw new IllegalArgumentException("an " + style + " reservation names its senders in filters");
            }
        }

        @Override
        public String keyword() {
            return "reserve";
        }
    }

    /** A receiver releases its reservation: ResvTear. */
    record Release(long atNanos, int line, String receiver, SessionRef session) implements ScenarioOperation {

        public Release {
            check(atNanos, receiver, session);
        }

        @Override
        public String keyword() {
            return "release";
        }
    }

    /** A link fails (both directions); routes change. */
    record LinkDown(long atNanos, int line, LinkRef link) implements ScenarioOperation {

        public LinkDown {
            check(atNanos, "link", link);
        }

        @Override
        public String keyword() {
            return "link-down";
        }
    }

    /** A link comes back. */
    record LinkUp(long atNanos, int line, LinkRef link) implements ScenarioOperation {

        public LinkUp {
            check(atNanos, "link", link);
        }

        @Override
        public String keyword() {
            return "link-up";
        }
    }

    /**
     * A generator of calls: {@code count} calls, one every {@code every}, each between two different nodes picked
     * from {@code between} with the scenario's seed, lasting a duration drawn from [min, max]; {@link
     * Scenario#expand()} turns it into senders, reservations, releases and teardowns.
     *
     * @param name           what the calls are called in logs ({@code call-7})
     * @param firstPort      call i uses destination and source port {@code firstPort + 2i} (RTP's even ports)
     * @param answerNanos    how long after the senders start the receivers reserve (Path must arrive first)
     * @param bothWays       whether each call is two one-way flows, as voice is (RFC 4495 §2)
     */
    record Calls(long atNanos, int line, String name, int count, long everyNanos, long minDurationNanos,
                 long maxDurationNanos, List<String> between, int firstPort, int protocol, TokenBucket tspec,
                 FlowRequest flow, boolean bothWays, long answerNanos, Optional<Preemption> priority)
        implements ScenarioOperation {

        public Calls {
            check(atNanos, name, tspec);
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(priority, "priority");
            between = List.copyOf(between);
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1: " + count);
            }
            if (everyNanos < 0 || minDurationNanos <= 0 || maxDurationNanos < minDurationNanos || answerNanos < 0) {
                throw new IllegalArgumentException("every >= 0, 0 < min duration <= max duration, answer >= 0");
            }
            if (between.size() < 2) {
                throw new IllegalArgumentException("calls need at least two nodes to pick from");
            }
            if (firstPort < 1 || firstPort + 2L * (count - 1) > 0xffff) {
                throw new IllegalArgumentException(count + " calls from port " + firstPort + " need ports up to "
                    + (firstPort + 2L * (count - 1)) + ", beyond 65535: lower 'port' or 'count'");
            }
        }

        @Override
        public String keyword() {
            return "calls";
        }
    }

    /**
     * One hop of an LSP's explicit route as the file writes it: a node name (its first address, resolved against
     * the topology), or an address, prefix or AS number; strict unless loose (RFC 3209 §4.3.3).
     */
    record RouteHop(Optional<String> node, Optional<ExplicitHop> hop, boolean loose) {

        public RouteHop {
            if (node.isPresent() == hop.isPresent()) {
                throw new IllegalArgumentException("a route hop is a node or an address/AS hop");
            }
        }

        /** The hop on {@code t}: a node stands for its first address (its loopback when it has one). */
        public ExplicitHop resolve(Topology t) {
            if (hop.isPresent()) {
                return hop.get();
            }
            IpAddress a = t.addressesOf(t.requireNode(node.get())).get(0);
            return loose ? ExplicitHop.loose(a) : ExplicitHop.strict(a);
        }

        static List<ExplicitHop> resolve(List<RouteHop> route, Topology t) {
            List<ExplicitHop> out = new ArrayList<>(route.size());
            for (RouteHop h : route) {
                out.add(h.resolve(t));
            }
            return out;
        }

        @Override
        public String toString() {
            return node.map(n -> n + (loose ? " loose" : "")).orElseGet(() -> hop.orElseThrow().toString());
        }
    }

    /**
     * A head end opens an RSVP-TE LSP (RFC 3209): {@code name} names it for later {@code reroute-lsp} and
     * {@code close-lsp}; the tail end is a node or an address.
     */
    record OpenLsp(long atNanos, int line, String name, String head, String tail, int tunnelId, int lspId,
                   long bandwidthBps, List<RouteHop> route, int setupPriority, int holdingPriority,
                   boolean recordRoute, boolean labelRecording, boolean seStyle, boolean localProtection)
        implements ScenarioOperation {

        public OpenLsp {
            check(atNanos, name, head);
            Objects.requireNonNull(tail, "tail");
            route = List.copyOf(route);
        }

        @Override
        public String keyword() {
            return "lsp";
        }

        /** What the head end is asked to signal, with node names resolved on {@code t}. */
        public LspRequest request(Topology t) {
            IpAddress end = IpAddress.parse(tail).orElseGet(() -> t.addressesOf(t.requireNode(tail)).get(0));
            return new LspRequest(name, end, tunnelId, lspId, bandwidthBps / 8.0, RouteHop.resolve(route, t),
                setupPriority, holdingPriority, recordRoute, labelRecording, seStyle, localProtection);
        }
    }

    /** Make-before-break (RFC 3209 §2.5): the LSP {@code name} moves to {@code route} under a new LSP ID. */
    record RerouteLsp(long atNanos, int line, String name, int lspId, List<RouteHop> route)
        implements ScenarioOperation {

        public RerouteLsp {
            check(atNanos, name, route);
            route = List.copyOf(route);
        }

        @Override
        public String keyword() {
            return "reroute-lsp";
        }

        public List<ExplicitHop> explicitRoute(Topology t) {
            return RouteHop.resolve(route, t);
        }
    }

    /** The head end tears the LSP {@code name} down (PathTear). */
    record CloseLsp(long atNanos, int line, String name) implements ScenarioOperation {

        public CloseLsp {
            check(atNanos, name, name);
        }

        @Override
        public String keyword() {
            return "close-lsp";
        }
    }

    private static void check(long atNanos, Object a, Object b) {
        if (atNanos < 0) {
            throw new IllegalArgumentException("time must not be negative: " + atNanos);
        }
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
    }
}
