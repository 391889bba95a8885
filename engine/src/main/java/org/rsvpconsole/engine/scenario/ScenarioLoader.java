package org.rsvpconsole.engine.scenario;

import static org.rsvpconsole.engine.config.YamlTree.lineOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.config.IpProtocols;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.config.YamlTree;
import org.rsvpconsole.engine.config.YamlTree.Section;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Calls;
import org.rsvpconsole.engine.scenario.ScenarioOperation.ChangeTspec;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkDown;
import org.rsvpconsole.engine.scenario.ScenarioOperation.LinkUp;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Release;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Reserve;
import org.rsvpconsole.engine.scenario.ScenarioOperation.StartSender;
import org.rsvpconsole.engine.scenario.ScenarioOperation.TearDown;
import org.rsvpconsole.engine.topology.LinkUnits;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads scenario files (format: {@code docs/scenario-format.md}) in the style of the topology loader: the YAML node
 * tree keeps lines, every value is interpreted here, and all problems are reported together with file, line and
 * key. {@link ScenarioValidator} then checks a scenario against its topology.
 */
public final class ScenarioLoader {

    /** The format version this loader reads. */
    public static final int FORMAT_VERSION = 1;

    /** Traffic profiles every scenario may name as a TSpec. */
    public static final Map<String, TokenBucket> BUILT_IN_PROFILES = Map.of(
        // 20 ms of G.711 (160 bytes) in IP/UDP/RTP (40 bytes): 200-byte packets, 50 a second, 80 kbit/s.
        "g711", new TokenBucket(10_000f, 200f, 10_000f, 200, 200),
        // 20 ms of G.729 (20 bytes) + 40: 60-byte packets, 24 kbit/s.
        "g729", new TokenBucket(3_000f, 60f, 3_000f, 60, 60));

    private static final Set<String> TOP_KEYS = Set.of("version", "name", "description", "topology", "seed",
        "sessions", "profiles", "operations", "aggregates", "without-rfc4495");
    private static final Set<String> AGGREGATE_KEYS = Set.of("aggregator", "deaggregator", "dscp", "bulk",
        "hysteresis", "priority");
    private static final Set<String> SESSION_KEYS = Set.of("destination", "port", "protocol");
    private static final Set<String> TSPEC_KEYS = Set.of("r", "b", "p", "m", "M");
    private static final Set<String> FLOWSPEC_KEYS = Set.of("r", "b", "p", "m", "M", "R", "slack");
    private static final Set<String> OPERATIONS = Set.of("sender", "change-tspec", "teardown", "reserve", "release",
        "link-down", "link-up", "calls", "lsp", "reroute-lsp", "close-lsp");
    private static final Set<String> LSP_KEYS = Set.of("name", "head", "tail", "tunnel", "lsp-id", "bandwidth",
        "route", "setup", "hold", "record-route", "label-recording", "se-style", "local-protection");
    private static final Set<String> REROUTE_KEYS = Set.of("name", "lsp-id", "route");
    private static final Set<String> CLOSE_KEYS = Set.of("name");
    private static final Set<String> ITEM_KEYS = union(OPERATIONS, Set.of("at", "note"));
    private static final Set<String> SENDER_KEYS = Set.of("host", "session", "port", "tspec");
    private static final Set<String> TEARDOWN_KEYS = Set.of("host", "session", "port");
    private static final Set<String> RESERVE_KEYS = Set.of("receiver", "session", "style", "service", "flowspec",
        "filters", "priority");
    private static final Set<String> RELEASE_KEYS = Set.of("receiver", "session");
    private static final Set<String> FILTER_KEYS = Set.of("host", "port");
    private static final Set<String> PRIORITY_KEYS = Set.of("setup", "defend", "reduce-to");
    private static final Set<String> CALLS_KEYS = Set.of("name", "count", "every", "duration", "between", "port",
        "protocol", "tspec", "service", "flowspec", "both-ways", "answer-after", "priority");
    private static final String OPERATION_EXAMPLE = "operations:\n  - at: 0s\n    sender: {host: H1, session: flow1,"
        + " tspec: g711}";

    private final YamlTree yaml;
    private final Map<String, SessionRef> sessions = new LinkedHashMap<>();
    private final Map<String, TokenBucket> profiles = new HashMap<>(BUILT_IN_PROFILES);
    /** The line of the operation item being read ("- at: ..."), which each operation records. */
    private int itemLine;

    private ScenarioLoader(YamlTree yaml) {
        this.yaml = yaml;
    }

    /** Loads a scenario file; its name as given appears in error messages. */
    public static Scenario load(Path path) throws ScenarioException {
        YamlTree yaml = new YamlTree(path.toString(), "write the keys out, or name a session or profile");
        Optional<String> text = yaml.readFile(path, "a scenario file (.scenario.yaml)");
        if (text.isEmpty()) {
            throw new ScenarioException(yaml.problems());
        }
        return new ScenarioLoader(yaml).read(text.get());
    }

    /** Parses scenario text; {@code fileName} names it in error messages. */
    public static Scenario parse(String text, String fileName) throws ScenarioException {
        return new ScenarioLoader(new YamlTree(fileName, "write the keys out, or name a session or profile"))
            .read(text);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private Scenario read(String text) throws ScenarioException {
        Optional<Node> root = yaml.compose(text, "a scenario needs an 'operations:' list (see"
            + " docs/scenario-format.md)");
        if (root.isEmpty()) {
            throw new ScenarioException(yaml.problems());
        }
        Section top = yaml.section(root.get(), "", TOP_KEYS, "the top level");
        if (top == null) {
            throw new ScenarioException(yaml.problems());
        }
        top.scalar("version").ifPresent(v -> {
            if (!v.equals(Integer.toString(FORMAT_VERSION))) {
                yaml.problem(top.line("version"), "", "format version " + v + " is not supported; this program reads"
                    + " version " + FORMAT_VERSION);
            }
        });
        String name = top.scalar("name").orElse("");
        String description = top.scalar("description").orElse("");
        Optional<String> topology = top.scalar("topology");
        long seed = top.parse("seed", v -> YamlTree.parseLong(v, "seed", Long.MIN_VALUE, Long.MAX_VALUE)).orElse(1L);
        top.get("profiles").ifPresent(this::readProfiles);
        top.get("sessions").ifPresent(this::readSessions);
        List<AggregateSpec> aggregates = top.get("aggregates").map(this::readAggregates).orElse(List.of());
        List<String> without = new ArrayList<>();
        for (ScalarNode n : top.scalars("without-rfc4495")) {
            without.add(n.getValue());
        }
        List<ScenarioOperation> operations = new ArrayList<>();
        Optional<Node> ops = top.get("operations");
        if (ops.isEmpty()) {
            yaml.problem(0, "", "there is no 'operations:' list; write the timed operations like\n"
                + OPERATION_EXAMPLE);
        } else if (ops.get() instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                readOperation(item).ifPresent(operations::add);
            }
        } else if (!YamlTree.isNull(ops.get())) {
            yaml.problem(lineOf(ops.get()), "operations", "'operations' must be a list, one '- at: ...' item per"
                + " operation, like\n" + OPERATION_EXAMPLE);
        }
        if (yaml.hasProblems()) {
            throw new ScenarioException(yaml.problems());
        }
        return new Scenario(yaml.file(), name, description, topology, seed, operations, aggregates, without);
    }

    /** {@code aggregates:} maps names to {aggregator, deaggregator, dscp, bulk, hysteresis, priority}. */
    private List<AggregateSpec> readAggregates(Node n) {
        List<AggregateSpec> out = new ArrayList<>();
        yaml.forEachNamed(n, "aggregates", "'aggregates' must map names to aggregates, like\n  aggregates:\n"
            + "    Y: {aggregator: R5, deaggregator: R8, dscp: 46, bulk: 80k, hysteresis: 40k}",
            "an aggregate name must be a plain name like Y", (k, value) -> readAggregate(k, value).ifPresent(out::add));
        return out;
    }

    private Optional<AggregateSpec> readAggregate(ScalarNode k, Node value) {
        String context = "aggregate " + k.getValue();
        Section a = yaml.section(value, context, AGGREGATE_KEYS, context);
        if (a == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<String> aggregator = requireName(a, "aggregator", context, "aggregator: R5");
        Optional<String> deaggregator = requireName(a, "deaggregator", context, "deaggregator: R8");
        int dscp = a.parse("dscp", v -> (int) YamlTree.parseLong(v, "a DSCP", 0, 63)).orElse(46);
        Optional<Long> bulk = a.require("bulk", LinkUnits::parseBitsPerSecond, "bulk: 80k");
        long hysteresis = a.parse("hysteresis", LinkUnits::parseBitsPerSecond).orElse(0L);
        Optional<Preemption> priority = a.get("priority").flatMap(p -> readPriority(p, context));
        if (bulk.isPresent() && bulk.get() <= 0) {
            yaml.problem(a.line("bulk"), context, "key 'bulk': the aggregate's step must be above 0, like"
                + " 'bulk: 80k'");
        }
        if (yaml.problems().size() == before && aggregator.isPresent() && deaggregator.isPresent()
            && bulk.isPresent()) {
            return Optional.of(new AggregateSpec(k.getValue(), aggregator.get(), deaggregator.get(), dscp,
                bulk.get(), hysteresis, priority, lineOf(k)));
        }
        return Optional.empty();
    }

    // --- named profiles and sessions

    private void readProfiles(Node n) {
        yaml.forEachNamed(n, "profiles", "'profiles' must map names to TSpecs, like\n  profiles:\n"
            + "    video: {r: 2M, b: 50kB, p: 4M, m: 64, M: 1500}", "a profile name must be a plain name like video",
            (k, value) -> readTspec(value, "profile " + k.getValue()).ifPresent(tb -> profiles.put(k.getValue(),
                tb)));
    }

    private void readSessions(Node n) {
        yaml.forEachNamed(n, "sessions", "'sessions' must map names to sessions, like\n  sessions:\n"
            + "    flow1: {destination: H3, port: 5004, protocol: udp}",
            "a session name must be a plain name like flow1",
            (k, value) -> {
                if (sessions.containsKey(k.getValue())) {
                    yaml.problem(lineOf(k), "session " + k.getValue(), "session '" + k.getValue() + "' is defined"
                        + " twice; give each session its own name");
                    return;
                }
                readInlineSession(value, "session " + k.getValue())
                    .ifPresent(s -> sessions.put(k.getValue(), s.named(k.getValue())));
            });
    }

    private Optional<SessionRef> readInlineSession(Node n, String context) {
        Section s = yaml.section(n, context, SESSION_KEYS, context);
        if (s == null) {
            return Optional.empty();
        }
        Optional<String> destination = s.scalar("destination");
        int port = s.parse("port", v -> (int) YamlTree.parseLong(v, "port", 0, 65535)).orElse(0);
        int protocol = s.parse("protocol", IpProtocols::parse).orElse(17);
        if (destination.isEmpty()) {
            yaml.problem(s.line(), context, "a session needs a destination: a node name or an address, like"
                + " 'destination: H3'");
            return Optional.empty();
        }
        Optional<IpAddress> address = IpAddress.parse(destination.get().strip());
        return Optional.of(address.isPresent()
            ? new SessionRef("", Optional.empty(), address, port, protocol)
            : new SessionRef("", Optional.of(destination.get().strip()), Optional.empty(), port, protocol));
    }

    /** A session by name, or written in place. */
    private Optional<SessionRef> session(Section op, String context) {
        Optional<Node> n = op.get("session");
        if (n.isEmpty() || YamlTree.isNull(n.get())) {
            yaml.problem(op.line(), context, "key 'session' is missing; name one from 'sessions:' or write it, like"
                + " 'session: {destination: H3, port: 5004}'");
            return Optional.empty();
        }
        if (n.get() instanceof ScalarNode s) {
            SessionRef ref = sessions.get(s.getValue());
            if (ref == null) {
                yaml.problem(lineOf(s), context, "key 'session': session '" + s.getValue() + "' is not defined"
                    + (sessions.isEmpty() ? "; define it under 'sessions:' or write it in place, like {destination:"
                    + " H3, port: 5004}" : " (sessions are " + Names.summarize(sessions.keySet()) + ")"
                    + Names.didYouMean(s.getValue(), sessions.keySet())));
            }
            return Optional.ofNullable(ref);
        }
        return readInlineSession(n.get(), context + " session");
    }

    // --- traffic: TSpec and flowspec

    /** A profile name or {r, b, p, m, M}; r and b are required. */
    private Optional<TokenBucket> readTspec(Node n, String context) {
        if (n instanceof ScalarNode s && !YamlTree.isNull(s)) {
            TokenBucket tb = profiles.get(s.getValue());
            if (tb == null) {
                yaml.problem(lineOf(s), context, "'" + s.getValue() + "' is not a traffic profile (profiles are "
                    + Names.summarize(profiles.keySet()) + ")" + Names.didYouMean(s.getValue(), profiles.keySet())
                    + "; or write the TSpec, like {r: 80k, b: 200B}");
            }
            return Optional.ofNullable(tb);
        }
        Section s = yaml.section(n, context, TSPEC_KEYS, "a TSpec");
        if (s == null) {
            return Optional.empty();
        }
        return tokenBucket(s, context);
    }

    private Optional<TokenBucket> tokenBucket(Section s, String context) {
        int before = yaml.problems().size();
        Optional<Long> r = s.require("r", LinkUnits::parseBitsPerSecond, "r: 80k");
        Optional<Long> b = s.require("b", LinkUnits::parseBytes, "b: 200B");
        Optional<Float> p = s.parse("p", ScenarioLoader::parsePeak);
        long maxPacket = s.parse("M", ScenarioLoader::packetSize).orElse(1500L);
        long minUnit = s.parse("m", ScenarioLoader::packetSize).orElse(Math.min(64L, maxPacket));
        if (yaml.problems().size() > before || r.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        float rate = r.get() / 8f;
        float peak = p.orElse(Float.POSITIVE_INFINITY);
        if (peak < rate) {
            yaml.problem(s.line("p"), context, "key 'p': the peak rate " + LinkUnits.formatBitsPerSecond(
                (long) (peak * 8)) + " is below r " + LinkUnits.formatBitsPerSecond(r.get()) + "; p must be at"
                + " least r (RFC 2215), or leave p out for unbounded");
            return Optional.empty();
        }
        if (minUnit > maxPacket) {
            yaml.problem(s.line("m"), context, "key 'm': the minimum policed unit " + minUnit + " is larger than the"
                + " maximum packet size M " + maxPacket + "; m must be at most M (RFC 2210)");
            return Optional.empty();
        }
        if (b.get() < maxPacket && s.has("M")) {
            yaml.problem(s.line("b"), context, "key 'b': a bucket of " + b.get() + " bytes cannot hold one packet of"
                + " M = " + maxPacket + " bytes; make b at least M");
            return Optional.empty();
        }
        return Optional.of(new TokenBucket(rate, b.get(), peak, (int) minUnit, (int) maxPacket));
    }

    private static float parsePeak(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("unbounded")) {
            return Float.POSITIVE_INFINITY;
        }
        return LinkUnits.parseBitsPerSecond(text) / 8f;
    }

    private static long packetSize(String text) {
        long v = LinkUnits.parseBytes(text);
        if (v < 1 || v > 65_535) {
            throw new IllegalArgumentException(v + " bytes is not a packet size; use 1 to 65535 bytes");
        }
        return v;
    }

    /** service + flowspec of a reserve or calls item. */
    private Optional<FlowRequest> flow(Section op, String context) {
        FlowRequest.Service service = op.parse("service", ScenarioLoader::parseService)
            .orElse(FlowRequest.Service.CONTROLLED_LOAD);
        Optional<Node> fs = op.get("flowspec");
        if (fs.isEmpty() || YamlTree.isNull(fs.get())) {
            return Optional.of(new FlowRequest(service, Optional.empty(), OptionalDouble.empty(), 0));
        }
        if (fs.get() instanceof ScalarNode s) {
            return readTspec(s, context + " flowspec").map(tb -> new FlowRequest(service, Optional.of(tb),
                OptionalDouble.empty(), 0));
        }
        Section f = yaml.section(fs.get(), context, FLOWSPEC_KEYS, "'flowspec'");
        if (f == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<TokenBucket> tb = Optional.empty();
        if (f.has("r") || f.has("b") || f.has("p") || f.has("m") || f.has("M")) {
            tb = tokenBucket(f, context);
        }
        Optional<Long> rate = f.parse("R", LinkUnits::parseBitsPerSecond);
        long slack = f.parse("slack", ScenarioLoader::parseSlack).orElse(0L);
        if (service == FlowRequest.Service.CONTROLLED_LOAD && (f.has("R") || f.has("slack"))) {
            yaml.problem(f.line(f.has("R") ? "R" : "slack"), context, "R and slack belong to guaranteed service; add"
                + " 'service: guaranteed' or leave them out");
        }
        if (yaml.problems().size() > before) {
            return Optional.empty();
        }
        if (tb.isPresent() && rate.isPresent() && rate.get() / 8f < tb.get().rate()) {
            yaml.problem(f.line("R"), context, "key 'R': " + LinkUnits.formatBitsPerSecond(rate.get()) + " is below"
                + " the token bucket rate r " + LinkUnits.formatBitsPerSecond((long) (tb.get().rate() * 8))
                + "; guaranteed service needs R >= r (RFC 2212)");
            return Optional.empty();
        }
        return Optional.of(new FlowRequest(service, tb, rate.map(v -> OptionalDouble.of(v / 8.0))
            .orElse(OptionalDouble.empty()), slack));
    }

    private static long parseSlack(String text) {
        long nanos = ScenarioTime.parseNanos(text);
        if (nanos / 1000 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("'" + text + "' is too long for a slack term (at most ~71 minutes)");
        }
        return nanos / 1000;
    }

    private static FlowRequest.Service parseService(String text) {
        for (FlowRequest.Service s : FlowRequest.Service.values()) {
            if (s.keyword().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a service; write guaranteed or controlled-load"
            + Names.didYouMean(text, List.of("guaranteed", "controlled-load")));
    }

    private static ReservationStyle parseStyle(String text) {
        for (ReservationStyle s : ReservationStyle.values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a reservation style; write FF (fixed filter),"
            + " WF (wildcard filter) or SE (shared explicit)");
    }

    // --- operations

    private Optional<ScenarioOperation> readOperation(Node item) {
        int line = lineOf(item);
        Section s = yaml.section(item, "operation at line " + line, ITEM_KEYS, "each operation");
        if (s == null) {
            return Optional.empty();
        }
        List<String> kinds = s.keys().stream().filter(OPERATIONS::contains).toList();
        if (kinds.isEmpty()) {
            yaml.problem(line, s.context(), "say what happens: one of " + String.join(", ", OPERATIONS.stream()
                .sorted().toList()) + ", like\n" + OPERATION_EXAMPLE);
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            yaml.problem(s.line(kinds.get(1)), s.context(), "one operation per item, but this one has "
                + String.join(" and ", kinds) + "; start a new '- at:' item for '" + kinds.get(1) + "'");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        String context = kind + " at line " + line;
        itemLine = line;
        s.scalar("note");
        if (!s.has("at")) {
            yaml.problem(line, context, "key 'at' is missing; say when it happens, like 'at: 1.5s'");
            return Optional.empty();
        }
        Optional<Long> at = s.parse("at", ScenarioTime::parseNanos);
        Node body = s.get(kind).orElseThrow();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        return switch (kind) {
            case "sender" -> readSender(body, at.get(), context, false);
            case "change-tspec" -> readSender(body, at.get(), context, true);
            case "teardown" -> readTeardown(body, at.get(), context);
            case "reserve" -> readReserve(body, at.get(), context);
            case "release" -> readRelease(body, at.get(), context);
            case "link-down", "link-up" -> readLink(body, at.get(), context, kind.equals("link-up"));
            case "calls" -> readCalls(body, at.get(), context);
            case "lsp" -> readLsp(body, at.get(), context);
            case "reroute-lsp" -> readReroute(body, at.get(), context);
            case "close-lsp" -> readClose(body, at.get(), context);
            default -> throw new IllegalStateException(kind);
        };
    }

    // --- RSVP-TE LSPs

    private Optional<ScenarioOperation> readLsp(Node body, long at, String context) {
        Section s = yaml.section(body, context, LSP_KEYS, "'lsp'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<String> name = requireName(s, "name", context, "name: T1");
        Optional<String> head = requireName(s, "head", context, "head: R1");
        Optional<String> tail = requireName(s, "tail", context, "tail: R4");
        int tunnel = s.parse("tunnel", v -> (int) YamlTree.parseLong(v, "a tunnel ID", 0, 65535)).orElse(1);
        int lspId = s.parse("lsp-id", v -> (int) YamlTree.parseLong(v, "an LSP ID", 0, 65535)).orElse(1);
        Optional<Long> bandwidth = s.require("bandwidth", LinkUnits::parseBitsPerSecond, "bandwidth: 10M");
        int setup = s.parse("setup", v -> (int) YamlTree.parseLong(v, "a priority (0 best .. 7)", 0, 7)).orElse(7);
        int hold = s.parse("hold", v -> (int) YamlTree.parseLong(v, "a priority (0 best .. 7)", 0, 7))
            .orElse(setup);
        boolean record = s.parse("record-route", YamlTree::parseBoolean).orElse(true);
        boolean labels = s.parse("label-recording", YamlTree::parseBoolean).orElse(true);
        boolean se = s.parse("se-style", YamlTree::parseBoolean).orElse(true);
        boolean protection = s.parse("local-protection", YamlTree::parseBoolean).orElse(false);
        List<ScenarioOperation.RouteHop> route = readRoute(s, context);
        if (bandwidth.isPresent() && bandwidth.get() <= 0) {
            yaml.problem(s.line("bandwidth"), context, "key 'bandwidth': an LSP reserves more than 0, like"
                + " 'bandwidth: 10M'");
        }
        if (hold > setup) {
            yaml.problem(s.line("hold"), context, "key 'hold': holding priority " + hold + " is worse than setup "
                + setup + "; RFC 3209 §4.7.1 says hold at least as well as you set up (0 is best), e.g. 'hold: "
                + setup + "'");
        }
        if (yaml.problems().size() > before || name.isEmpty() || head.isEmpty() || tail.isEmpty()
            || bandwidth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioOperation.OpenLsp(at, itemLine, name.get(), head.get(), tail.get(), tunnel,
            lspId, bandwidth.get(), route, setup, hold, record, labels, se, protection));
    }

    private Optional<ScenarioOperation> readReroute(Node body, long at, String context) {
        Section s = yaml.section(body, context, REROUTE_KEYS, "'reroute-lsp'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<String> name = requireName(s, "name", context, "name: T1");
        Optional<Long> lspId = s.require("lsp-id", v -> YamlTree.parseLong(v, "an LSP ID", 0, 65535), "lsp-id: 2");
        List<ScenarioOperation.RouteHop> route = readRoute(s, context);
        if (yaml.problems().size() > before || name.isEmpty() || lspId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioOperation.RerouteLsp(at, itemLine, name.get(), lspId.get().intValue(),
            route));
    }

    private Optional<ScenarioOperation> readClose(Node body, long at, String context) {
        if (body instanceof ScalarNode n && !YamlTree.isNull(n)) {
            return Optional.of(new ScenarioOperation.CloseLsp(at, itemLine, n.getValue()));
        }
        Section s = yaml.section(body, context, CLOSE_KEYS, "'close-lsp'");
        if (s == null) {
            return Optional.empty();
        }
        return requireName(s, "name", context, "name: T1").map(n -> new ScenarioOperation.CloseLsp(at, itemLine,
            n));
    }

    /** {@code route: [R2, 10.0.23.3, "R4 loose", "10.1.0.0/16 loose", "AS 65001 loose"]}; strict by default. */
    private List<ScenarioOperation.RouteHop> readRoute(Section s, String context) {
        List<ScenarioOperation.RouteHop> out = new ArrayList<>();
        for (ScalarNode n : s.scalars("route")) {
            String text = n.getValue().strip();
            String[] words = text.split("\\s+");
            boolean loose = false;
            int end = words.length;
            if (end > 1 && (words[end - 1].equalsIgnoreCase("loose") || words[end - 1].equalsIgnoreCase("strict"))) {
                loose = words[end - 1].equalsIgnoreCase("loose");
                end--;
            }
            String what = String.join(" ", java.util.Arrays.copyOf(words, end));
            try {
                out.add(routeHop(what, loose));
            } catch (IllegalArgumentException e) {
                yaml.problem(YamlTree.lineOf(n), context, "key 'route': '" + text + "': " + e.getMessage()
                    + "; write a node, an address or prefix, or an AS, then 'loose' if the hop may cross other"
                    + " nodes, like 'route: [R2, \"R4 loose\", \"AS 65001 loose\"]'");
            }
        }
        return out;
    }

    private static ScenarioOperation.RouteHop routeHop(String what, boolean loose) {
        if (what.regionMatches(true, 0, "AS", 0, 2) && what.length() > 2
            && !Character.isLetter(what.charAt(2))) {
            long as = YamlTree.parseLong(what.substring(2).strip(), "an AS number", 0, 65535);
            return new ScenarioOperation.RouteHop(Optional.empty(),
                Optional.of(org.rsvpconsole.engine.api.ExplicitHop.as((int) as, loose)), loose);
        }
        int slash = what.indexOf('/');
        Optional<IpAddress> a = IpAddress.parse(slash < 0 ? what : what.substring(0, slash));
        if (a.isEmpty()) {
            if (slash >= 0 || what.contains(" ")) {
                throw new IllegalArgumentException("not a node name, address or prefix");
            }
            return new ScenarioOperation.RouteHop(Optional.of(what), Optional.empty(), loose);
        }
        int length = slash < 0 ? a.get().length() * 8
            : (int) YamlTree.parseLong(what.substring(slash + 1), "a prefix length", 0, a.get().length() * 8L);
        return new ScenarioOperation.RouteHop(Optional.empty(), Optional.of(new org.rsvpconsole.engine.api.ExplicitHop(
            a.get(), length, -1, loose)), loose);
    }

    private Optional<ScenarioOperation> readSender(Node body, long at, String context, boolean change) {
        Section s = yaml.section(body, context, SENDER_KEYS, "'" + (change ? "change-tspec" : "sender") + "'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<String> host = requireName(s, "host", context, "host: H1");
        Optional<SessionRef> session = session(s, context);
        int port = s.parse("port", v -> (int) YamlTree.parseLong(v, "port", 0, 65535)).orElse(0);
        Optional<TokenBucket> tspec = Optional.empty();
        if (!s.has("tspec") || YamlTree.isNull(s.get("tspec").orElseThrow())) {
            yaml.problem(s.line(), context, "key 'tspec' is missing; name a profile (g711, g729) or write it, like"
                + " 'tspec: {r: 80k, b: 200B}'");
        } else {
            tspec = readTspec(s.get("tspec").orElseThrow(), context);
        }
        if (yaml.problems().size() > before || host.isEmpty() || session.isEmpty() || tspec.isEmpty()) {
            return Optional.empty();
        }
        int line = itemLine;
        return Optional.of(change
            ? new ChangeTspec(at, line, host.get(), session.get(), port, tspec.get())
            : new StartSender(at, line, host.get(), session.get(), port, tspec.get()));
    }

    private Optional<ScenarioOperation> readTeardown(Node body, long at, String context) {
        Section s = yaml.section(body, context, TEARDOWN_KEYS, "'teardown'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<String> host = requireName(s, "host", context, "host: H1");
        Optional<SessionRef> session = session(s, context);
        int port = s.parse("port", v -> (int) YamlTree.parseLong(v, "port", 0, 65535)).orElse(0);
        if (yaml.problems().size() > before || host.isEmpty() || session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TearDown(at, itemLine, host.get(), session.get(), port));
    }

    private Optional<ScenarioOperation> readReserve(Node body, long at, String context) {
        Section s = yaml.section(body, context, RESERVE_KEYS, "'reserve'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<SessionRef> session = session(s, context);
        Optional<String> receiver = s.scalar("receiver");
        if (receiver.isEmpty() && session.isPresent()) {
            receiver = session.get().node();
            if (receiver.isEmpty()) {
                yaml.problem(s.line(), context, "key 'receiver' is missing; a session to an address needs the"
                    + " receiving node, like 'receiver: H3'");
            }
        }
        ReservationStyle style = s.parse("style", ScenarioLoader::parseStyle).orElse(ReservationStyle.FF);
        Optional<FlowRequest> flow = flow(s, context);
        List<SenderRef> filters = readFilters(s, context);
        Optional<Preemption> priority = s.get("priority").flatMap(p -> readPriority(p, context));
        if (style == ReservationStyle.WF && s.has("filters")) {
            yaml.problem(s.line("filters"), context, "key 'filters': a WF reservation selects every sender of the"
                + " session; leave 'filters' out, or use style FF or SE");
        } else if (style != ReservationStyle.WF && filters.isEmpty() && yaml.problems().size() == before) {
            yaml.problem(s.has("filters") ? s.line("filters") : s.line(), context, "an " + style + " reservation"
                + " names its senders; add 'filters: [H1]' (a host, or {host: H1, port: 5004}), or use style WF");
        }
        if (yaml.problems().size() > before || receiver.isEmpty() || session.isEmpty() || flow.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reserve(at, itemLine, receiver.get(), session.get(), style, flow.get(), filters,
            priority));
    }

    private List<SenderRef> readFilters(Section s, String context) {
        List<SenderRef> out = new ArrayList<>();
        Optional<Node> n = s.get("filters");
        if (n.isEmpty() || YamlTree.isNull(n.get())) {
            return out;
        }
        List<Node> items = n.get() instanceof SequenceNode seq ? seq.getValue() : List.of(n.get());
        for (Node item : items) {
            if (item instanceof ScalarNode sc) {
                out.add(new SenderRef(sc.getValue(), 0));
                continue;
            }
            Section f = yaml.section(item, context, FILTER_KEYS, "a filter");
            if (f == null) {
                continue;
            }
            Optional<String> host = requireName(f, "host", context, "{host: H1, port: 5004}");
            int port = f.parse("port", v -> (int) YamlTree.parseLong(v, "port", 0, 65535)).orElse(0);
            host.ifPresent(h -> out.add(new SenderRef(h, port)));
        }
        return out;
    }

    private Optional<Preemption> readPriority(Node n, String context) {
        Section p = yaml.section(n, context, PRIORITY_KEYS, "'priority'");
        if (p == null) {
            return Optional.empty();
        }
        Optional<Long> setup = p.require("setup", v -> YamlTree.parseLong(v, "a priority", 0, 65535), "setup: 300");
        Optional<Long> defend = p.require("defend", v -> YamlTree.parseLong(v, "a priority", 0, 65535),
            "defend: 100");
        List<Long> reduceTo = new ArrayList<>();
        int before = yaml.problems().size();
        for (ScalarNode b : p.scalars("reduce-to")) {
            try {
                long bps = LinkUnits.parseBitsPerSecond(b.getValue());
                if (bps <= 0) {
                    throw new IllegalArgumentException("a fall-back bandwidth must be above 0");
                }
                reduceTo.add(bps);
            } catch (IllegalArgumentException e) {
                yaml.problem(YamlTree.lineOf(b), context, "key 'reduce-to': " + e.getMessage() + "; list the"
                    + " bandwidths the receiver can fall back to, like 'reduce-to: [24k, 16k]'");
            }
        }
        if (setup.isEmpty() || defend.isEmpty() || yaml.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Preemption(setup.get().intValue(), defend.get().intValue(), reduceTo));
    }

    private Optional<ScenarioOperation> readRelease(Node body, long at, String context) {
        Section s = yaml.section(body, context, RELEASE_KEYS, "'release'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        Optional<SessionRef> session = session(s, context);
        Optional<String> receiver = s.scalar("receiver").or(() -> session.flatMap(SessionRef::node));
        if (receiver.isEmpty() && session.isPresent()) {
            yaml.problem(s.line(), context, "key 'receiver' is missing; a session to an address needs the receiving"
                + " node, like 'receiver: H3'");
        }
        if (yaml.problems().size() > before || receiver.isEmpty() || session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Release(at, itemLine, receiver.get(), session.get()));
    }

    private Optional<ScenarioOperation> readLink(Node body, long at, String context, boolean up) {
        LinkRef ref = null;
        if (body instanceof ScalarNode s && !YamlTree.isNull(s)) {
            ref = LinkRef.named(s.getValue());
        } else if (body instanceof SequenceNode seq && seq.getValue().size() == 2
            && seq.getValue().stream().allMatch(e -> e instanceof ScalarNode sc && !YamlTree.isNull(sc))) {
            ref = LinkRef.between(((ScalarNode) seq.getValue().get(0)).getValue(),
                ((ScalarNode) seq.getValue().get(1)).getValue());
        }
        if (ref == null) {
            yaml.problem(lineOf(body), context, "name the link, like 'R1-R2' (its name in the topology), or give its"
                + " two ends, like [R1, R2]");
            return Optional.empty();
        }
        int line = itemLine;
        return Optional.of(up ? new LinkUp(at, line, ref) : new LinkDown(at, line, ref));
    }

    private Optional<ScenarioOperation> readCalls(Node body, long at, String context) {
        Section s = yaml.section(body, context, CALLS_KEYS, "'calls'");
        if (s == null) {
            return Optional.empty();
        }
        int before = yaml.problems().size();
        String name = s.scalar("name").orElse("call");
        Optional<Long> count = s.require("count", v -> YamlTree.parseLong(v, "count", 1, 100_000), "count: 100");
        long every = s.parse("every", ScenarioTime::parseNanos).orElse(0L);
        Optional<long[]> duration = s.require("duration", ScenarioLoader::parseDurationRange, "duration: 30s-90s");
        List<String> between = new ArrayList<>();
        for (ScalarNode n : s.scalars("between")) {
            between.add(n.getValue());
        }
        if (between.size() < 2 && yaml.problems().size() == before) {
            yaml.problem(s.has("between") ? s.line("between") : s.line(), context, "key 'between' must list at least"
                + " two nodes to pick callers and callees from, like 'between: [par-phone1, lon-phone1]'");
        }
        int firstPort = s.parse("port", v -> (int) YamlTree.parseLong(v, "port", 1, 65535)).orElse(16384);
        int protocol = s.parse("protocol", IpProtocols::parse).orElse(17);
        Optional<TokenBucket> tspec = Optional.empty();
        if (!s.has("tspec")) {
            yaml.problem(s.line(), context, "key 'tspec' is missing; name a profile (g711, g729) or write it, like"
                + " 'tspec: {r: 80k, b: 200B}'");
        } else {
            tspec = readTspec(s.get("tspec").orElseThrow(), context);
        }
        Optional<FlowRequest> flow = flow(s, context);
        boolean bothWays = s.parse("both-ways", YamlTree::parseBoolean).orElse(true);
        long answer = s.parse("answer-after", ScenarioTime::parseNanos).orElse(500_000_000L);
        Optional<Preemption> priority = s.get("priority").flatMap(p -> readPriority(p, context));
        if (duration.isPresent() && answer >= duration.get()[0]) {
            yaml.problem(s.line("answer-after"), context, "key 'answer-after': " + ScenarioTime.format(answer)
                + " is not shorter than the shortest call (" + ScenarioTime.format(duration.get()[0]) + "); calls"
                + " would end before they are answered");
        }
        if (count.isPresent() && firstPort + 2L * (count.get() - 1) > 65535) {
            yaml.problem(s.line("count"), context, "key 'count': " + count.get() + " calls from port " + firstPort
                + " need ports up to " + (firstPort + 2L * (count.get() - 1)) + ", beyond 65535; lower 'port' or"
                + " 'count'");
        }
        if (yaml.problems().size() > before || count.isEmpty() || duration.isEmpty() || tspec.isEmpty()
            || flow.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Calls(at, itemLine, name, count.get().intValue(), every, duration.get()[0],
            duration.get()[1], between, firstPort, protocol, tspec.get(), flow.get(), bothWays, answer, priority));
    }

    /** {@code 60s} or {@code 30s-90s}. */
    private static long[] parseDurationRange(String text) {
        int dash = text.indexOf('-');
        long min = ScenarioTime.parseNanos(dash < 0 ? text : text.substring(0, dash));
        long max = dash < 0 ? min : ScenarioTime.parseNanos(text.substring(dash + 1));
        if (min <= 0 || max < min) {
            throw new IllegalArgumentException("'" + text + "' is not a duration range; write one duration like 60s"
                + " or a range like 30s-90s, shortest first, longer than 0");
        }
        return new long[] {min, max};
    }

    private Optional<String> requireName(Section s, String key, String context, String example) {
        Optional<String> v = s.scalar(key);
        if (v.isEmpty()) {
            yaml.problem(s.line(), context, "key '" + key + "' is missing; add it, like '" + example + "'");
        }
        return v;
    }
}
