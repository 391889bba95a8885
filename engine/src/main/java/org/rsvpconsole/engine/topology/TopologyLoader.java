package org.rsvpconsole.engine.topology;

import static org.rsvpconsole.engine.config.YamlTree.lineOf;
import static org.rsvpconsole.engine.config.YamlTree.quiet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.config.YamlTree;
import org.rsvpconsole.engine.config.YamlTree.Section;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a topology file (format: {@code docs/topology-format.md}). The YAML is composed into a node tree that
 * keeps line numbers, and every value is interpreted here, so no YAML type magic applies and every error can say
 * where it is. All problems found are reported together in one {@link TopologyException}.
 */
public final class TopologyLoader {

    /** The format version this loader reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_KEYS = Set.of("version", "name", "description", "addressing", "defaults",
        "nodes", "links", "neighbours", "soft-state");
    private static final Set<String> ADDRESSING_KEYS = Set.of("pool");
    private static final Set<String> DIRECTION_KEYS = Set.of("bandwidth", "per-flow", "delay", "loss");
    private static final Set<String> DEFAULTS_KEYS = Set.of("bandwidth", "per-flow", "delay", "loss", "metric",
        "mtu");
    private static final Set<String> NODE_KEYS = Set.of("type", "addresses", "description", "neighbours",
        "soft-state", "as");
    private static final Set<String> SOFT_STATE_KEYS = Set.of("refresh", "keep", "tear-copies");
    private static final Set<String> LINK_KEYS = Set.of("name", "ends", "bandwidth", "per-flow", "delay", "loss",
        "metric", "up", "forward", "reverse", "mtu");
    private static final Set<String> END_KEYS = Set.of("node", "interface", "address", "mtu");

    private final YamlTree yaml;
    private final TopologyBuilder builder = Topology.builder();
    private final Map<String, Integer> nodeLines = new HashMap<>();
    private final NeighbourSettingsReader neighbours;
    private NeighbourSettingsReader.Parsed networkNeighbours = NeighbourSettingsReader.Parsed.NOTHING;
    private final Map<String, NeighbourSettingsReader.Parsed> nodeNeighbours = new HashMap<>();
    private SoftStateSettings networkSoftState = SoftStateSettings.NONE;
    private final Map<String, SoftStateSettings> nodeSoftState = new LinkedHashMap<>();

    private TopologyLoader(String file, Path baseDir) {
        this.yaml = new YamlTree(file, "put shared link settings under 'defaults:'");
        this.neighbours = new NeighbourSettingsReader(yaml, baseDir);
    }

    /** Loads {@code path}; its name as given appears in error messages. */
    public static Topology load(Path path) throws TopologyException {
        TopologyLoader loader = new TopologyLoader(path.toString(), path.toAbsolutePath().getParent());
        Optional<String> text = loader.yaml.readFile(path, "a topology file (.yaml)");
        if (text.isEmpty()) {
            throw loader.failure();
        }
        return loader.read(text.get());
    }

    /**
     * Parses topology text; {@code fileName} names it in error messages, and relative key files start at its
     * directory.
     */
    public static Topology parse(String yaml, String fileName) throws TopologyException {
        Path dir;
        try {
            dir = Path.of(fileName).toAbsolutePath().getParent();
        } catch (java.nio.file.InvalidPathException e) {
            dir = null; // a name that is no path: relative key files start at the working directory
        }
        return new TopologyLoader(fileName, dir).read(yaml);
    }

    private TopologyException failure() {
        return new TopologyException(yaml.problems());
    }

    private void problem(int line, String context, String message) {
        yaml.problem(line, context, message);
    }

    private Section section(org.snakeyaml.engine.v2.nodes.Node n, String context, Set<String> allowed, String what) {
        return yaml.section(n, context, allowed, what);
    }

    private void apply(int line, String context, String key, Runnable action) {
        yaml.apply(line, context, key, action);
    }

    private Topology read(String text) throws TopologyException {
        Optional<org.snakeyaml.engine.v2.nodes.Node> root = yaml.compose(text,
            "a topology needs 'nodes:' and 'links:' (see docs/topology-format.md)");
        if (root.isEmpty()) {
            throw failure();
        }
        Section top = section(root.get(), "", TOP_KEYS, "the top level");
        if (top == null) {
            throw failure();
        }
        top.scalar("version").ifPresent(v -> {
            if (!v.equals(Integer.toString(FORMAT_VERSION))) {
                problem(top.line("version"), "", "format version " + v + " is not supported; this program reads"
                    + " version " + FORMAT_VERSION);
            }
        });
        top.scalar("name").ifPresent(builder::name);
        top.scalar("description").ifPresent(builder::description);
        top.get("addressing").ifPresent(n -> readAddressing(n));
        top.get("defaults").ifPresent(n -> readDefaults(n));
        top.get("neighbours").ifPresent(n -> networkNeighbours = neighbours.parse(n, "neighbours", null));
        top.get("soft-state").ifPresent(n -> networkSoftState = readSoftState(n, "soft-state"));
        Optional<org.snakeyaml.engine.v2.nodes.Node> nodes = top.get("nodes");
        if (nodes.isEmpty()) {
            problem(0, "", "there is no 'nodes:' section; list the routers and hosts, like\n  nodes:\n"
                + "    R1: router\n    H1: host");
        } else {
            readNodes(nodes.get());
        }
        top.get("links").ifPresent(this::readLinks);
        if (yaml.hasProblems()) {
            throw failure();
        }
        Topology built;
        try {
            built = builder.build();
        } catch (IllegalArgumentException e) {
            problem(top.line("addressing"), "", e.getMessage());
            throw failure();
        }
        Map<String, NeighbourSettings> settings = neighbours.resolve(built, networkNeighbours, nodeNeighbours);
        if (yaml.hasProblems()) {
            throw failure();
        }
        Topology withNeighbours = settings.isEmpty() ? built : built.withNeighbourSettings(settings);
        Map<String, SoftStateSettings> softState = new LinkedHashMap<>();
        for (Node n : built.nodes()) {
            SoftStateSettings own = networkSoftState.with(nodeSoftState.getOrDefault(n.name(), SoftStateSettings.NONE));
            if (own.any()) {
                softState.put(n.name(), own);
            }
        }
        return softState.isEmpty() ? withNeighbours : withNeighbours.withSoftStateSettings(softState);
    }

    /** A {@code soft-state:} section: R, K and the teardown copies (RFC 2205 §3.7, decision 0025). */
    private SoftStateSettings readSoftState(org.snakeyaml.engine.v2.nodes.Node n, String context) {
        Section s = section(n, context, SOFT_STATE_KEYS, "'" + context + "'");
        if (s == null) {
            return SoftStateSettings.NONE;
        }
        long refresh = s.parse("refresh", LinkUnits::parseRefreshNanos).orElse(0L);
        int keep = s.parse("keep", v -> (int) YamlTree.parseLong(v, "keep", 1, 100)).orElse(0);
        int copies = s.parse("tear-copies", v -> (int) YamlTree.parseLong(v, "tear-copies", 1, 16)).orElse(0);
        return new SoftStateSettings(refresh, keep, copies);
    }




    // --- sections

    private void readAddressing(org.snakeyaml.engine.v2.nodes.Node n) {
        Section s = section(n, "addressing", ADDRESSING_KEYS, "'addressing'");
        if (s != null) {
            s.scalar("pool").ifPresent(p -> s.apply("pool", p, builder::addressPool));
        }
    }

    private void readDefaults(org.snakeyaml.engine.v2.nodes.Node n) {
        Section s = section(n, "defaults", DEFAULTS_KEYS, "'defaults'");
        if (s == null) {
            return;
        }
        readDirection(s, builder.defaults());
        readMtu(s, builder.defaults());
        s.scalar("metric").ifPresent(m -> s.apply("metric", m, v -> builder.defaultMetric(parseMetric(v))));
    }

    private void readDirection(Section s, TopologyBuilder.DirectionSpec spec) {
        s.scalar("bandwidth").ifPresent(v -> s.apply("bandwidth", v,
            x -> spec.bandwidth(LinkUnits.parseBitsPerSecond(x))));
        s.scalar("per-flow").ifPresent(v -> s.apply("per-flow", v, x -> spec.perFlow(LinkUnits.parseBitsPerSecond(x))));
        s.scalar("delay").ifPresent(v -> s.apply("delay", v, x -> spec.delayNanos(LinkUnits.parseNanos(x))));
        s.scalar("loss").ifPresent(v -> s.apply("loss", v, x -> spec.loss(LinkUnits.parseLoss(x))));
    }

    /** An interface MTU, in bytes (a plain number or a size like 9kB). */
    private static void readMtu(Section s, TopologyBuilder.DirectionSpec spec) {
        s.scalar("mtu").ifPresent(v -> s.apply("mtu", v, x -> spec.mtu(LinkUnits.parseBytes(x))));
    }

    private void readNodes(org.snakeyaml.engine.v2.nodes.Node n) {
        yaml.forEachNamed(n, "nodes", "'nodes' must map each node name to its type, like\n  nodes:\n"
            + "    R1: router\n    H1: {type: host, addresses: [192.0.2.10]}",
            "a node name must be a plain name like R1",
            (key, value) -> {
                int line = lineOf(key);
                String name = key.getValue();
                if (nodeLines.containsKey(name)) {
                    problem(line, "node " + name, "node '" + name + "' is defined twice (first on line "
                        + nodeLines.get(name) + "); give each node its own name");
                    return;
                }
                nodeLines.put(name, line);
                readNode(name, line, value);
            });
    }

    private void readNode(String name, int line, org.snakeyaml.engine.v2.nodes.Node value) {
        String context = "node " + name;
        NodeKind kind = NodeKind.ROUTER;
        List<IpAddress> addresses = new ArrayList<>();
        String description = "";
        int as = Node.NO_AS;
        if (value instanceof ScalarNode sc && !sc.getTag().equals(Tag.NULL)) {
            kind = parseKind(sc.getValue(), lineOf(sc), context);
        } else if (value instanceof MappingNode) {
            Section s = section(value, context, NODE_KEYS, context);
            if (s == null) {
                return;
            }
            Optional<String> type = s.scalar("type");
            if (type.isPresent()) {
                kind = parseKind(type.get(), s.line("type"), context);
            }
            description = s.scalar("description").orElse("");
            Optional<String> asText = s.scalar("as");
            if (asText.isPresent()) {
                as = parseAs(asText.get().strip(), s.line("as"), context);
            }
            s.get("neighbours").ifPresent(nb -> nodeNeighbours.put(name, neighbours.parse(nb, context + " neighbours",
                name)));
            s.get("soft-state").ifPresent(ss -> nodeSoftState.put(name, readSoftState(ss, context + " soft-state")));
            for (ScalarNode a : s.scalars("addresses")) {
                try {
                    addresses.add(TopologyBuilder.parseAddress(a.getValue()));
                } catch (IllegalArgumentException e) {
                    problem(lineOf(a), context, "key 'addresses': " + e.getMessage());
                }
            }
        } else if (!(value instanceof ScalarNode)) {
            problem(line, context, "write the node as 'router', 'host' or a mapping like {type: router,"
                + " addresses: [192.0.2.1]}");
            return;
        }
        if (kind == null) {
            return;
        }
        try {
            builder.node(name, kind, addresses, description);
            if (as != Node.NO_AS) {
                builder.asNumber(name, as);
            }
        } catch (IllegalArgumentException e) {
            problem(line, context, e.getMessage());
        }
    }

    /** {@code as: 65001}: RFC 3209 §4.3.3.4 AS subobjects carry a 16-bit AS number. */
    private int parseAs(String text, int line, String context) {
        try {
            return TopologyBuilder.parseAsNumber(text);
        } catch (IllegalArgumentException e) {
            problem(line, context, "key 'as': " + e.getMessage());
            return Node.NO_AS;
        }
    }

    private NodeKind parseKind(String text, int line, String context) {
        for (NodeKind k : NodeKind.values()) {
            if (k.keyword().equals(text)) {
                return k;
            }
        }
        problem(line, context, "type '" + text + "' is not a node type; use 'router' or 'host'"
            + Names.didYouMean(text, List.of("router", "host")));
        return null;
    }

    private void readLinks(org.snakeyaml.engine.v2.nodes.Node n) {
        if (!(n instanceof SequenceNode seq)) {
            problem(lineOf(n), "links", "'links' must be a list, one '- ends: [A, B]' item per link");
            return;
        }
        for (org.snakeyaml.engine.v2.nodes.Node item : seq.getValue()) {
            readLink(item);
        }
    }

    private void readLink(org.snakeyaml.engine.v2.nodes.Node item) {
        int line = lineOf(item);
        if (!(item instanceof MappingNode)) {
            problem(line, "links", "each link is a mapping like {ends: [R1, R2], bandwidth: 100M}");
            return;
        }
        MappingNode raw = (MappingNode) item;
        // Name the link after its ends as written, so even a link with a wrong end is named in its errors.
        List<Map<String, org.snakeyaml.engine.v2.nodes.Node>> ends = new ArrayList<>();
        String context = "link at line " + line;
        org.snakeyaml.engine.v2.nodes.Node endsNode = null;
        for (NodeTuple t : raw.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("ends")) {
                endsNode = t.getValueNode();
            }
        }
        if (endsNode instanceof SequenceNode endSeq) {
            List<String> names = new ArrayList<>();
            for (org.snakeyaml.engine.v2.nodes.Node e : endSeq.getValue()) {
                Map<String, org.snakeyaml.engine.v2.nodes.Node> end = readEnd(e, context);
                ends.add(end);
                names.add(end != null && end.get("node") instanceof ScalarNode s ? s.getValue() : "?");
            }
            context = "link " + String.join("-", names);
        }
        Section s = section(item, context, LINK_KEYS, context);
        if (s == null) {
            return;
        }
        String ctx = context;
        if (endsNode == null) {
            problem(line, ctx, "a link needs its two ends, like 'ends: [R1, R2]'");
            return;
        }
        if (!(endsNode instanceof SequenceNode) || ends.size() != 2) {
            problem(lineOf(endsNode), ctx, "key 'ends' must list exactly two nodes, like 'ends: [R1, R2]'");
            return;
        }
        if (ends.contains(null)) {
            return;
        }
        String a = ((ScalarNode) ends.get(0).get("node")).getValue();
        String b = ((ScalarNode) ends.get(1).get("node")).getValue();
        TopologyBuilder.LinkSpec spec;
        try {
            spec = builder.link(a, b);
        } catch (IllegalArgumentException e) {
            problem(s.line("ends"), ctx, e.getMessage());
            return;
        }
        for (int side = 0; side < 2; side++) {
            int sideIndex = side;
            Map<String, org.snakeyaml.engine.v2.nodes.Node> end = ends.get(side);
            if (end.get("interface") instanceof ScalarNode i) {
                apply(lineOf(i), ctx, "interface", () -> spec.interfaceName(sideIndex, i.getValue()));
            }
            if (end.get("address") instanceof ScalarNode ad) {
                apply(lineOf(ad), ctx, "address", () -> spec.address(sideIndex,
                    TopologyBuilder.parseAddress(ad.getValue())));
            }
            if (end.get("mtu") instanceof ScalarNode mtu) {
                apply(lineOf(mtu), ctx, "mtu", () -> spec.mtu(sideIndex, LinkUnits.parseBytes(mtu.getValue())));
            }
        }
        checkFamilies(ends, s.line("ends"), ctx);
        s.scalar("name").ifPresent(v -> s.apply("name", v, spec::name));
        s.scalar("metric").ifPresent(v -> s.apply("metric", v, x -> spec.metric(parseMetric(x))));
        s.scalar("up").ifPresent(v -> s.apply("up", v, x -> spec.up(YamlTree.parseBoolean(x))));
        readDirection(s, spec.both());
        readMtu(s, spec.both());
        Section fwd = s.get("forward").map(f -> section(f, ctx, DIRECTION_KEYS, ctx + " forward")).orElse(null);
        Section rev = s.get("reverse").map(r -> section(r, ctx, DIRECTION_KEYS, ctx + " reverse")).orElse(null);
        if (fwd != null) {
            readDirection(fwd, spec.forward());
        }
        if (rev != null) {
            readDirection(rev, spec.reverse());
        }
        checkBandwidth(ctx, line, spec, s, fwd, rev);
    }

    /** Every direction needs a bandwidth from somewhere, and a per-flow said on the link must fit in it. */
    private void checkBandwidth(String ctx, int line, TopologyBuilder.LinkSpec spec, Section link, Section fwd,
                                Section rev) {
        boolean linkOrDefault = spec.both().hasBandwidth() || builder.defaults().hasBandwidth();
        if (!linkOrDefault && !(spec.forward().hasBandwidth() && spec.reverse().hasBandwidth())) {
            problem(line, ctx, "no bandwidth; add e.g. 'bandwidth: 10M' to the link, or to 'defaults:' for every"
                + " link");
            return;
        }
        for (Section dir : new Section[] {fwd, rev}) {
            Section perFlowAt = dir != null && dir.has("per-flow") ? dir : link.has("per-flow") ? link : null;
            if (perFlowAt == null) {
                continue;
            }
            Optional<Long> perFlow = perFlowAt.scalar("per-flow").flatMap(v -> quiet(LinkUnits::parseBitsPerSecond,
                v));
            Section bwAt = dir != null && dir.has("bandwidth") ? dir : link.has("bandwidth") ? link : null;
            Optional<Long> bw = bwAt == null ? Optional.empty()
                : bwAt.scalar("bandwidth").flatMap(v -> quiet(LinkUnits::parseBitsPerSecond, v));
            if (perFlow.isPresent() && bw.isPresent() && perFlow.get() > bw.get()) {
                problem(perFlowAt.line("per-flow"), ctx, "key 'per-flow': " + LinkUnits.formatBitsPerSecond(
                    perFlow.get()) + " is more than the bandwidth " + LinkUnits.formatBitsPerSecond(bw.get())
                    + "; a single reservation cannot exceed the total: lower per-flow or raise bandwidth");
                return;
            }
        }
    }


    /**
     * A link is one subnet: both ends' addresses of one family, so an IPv6 session's RSVP_HOPs stay IPv6 hop by hop.
     * The pool gives IPv4 addresses only, so an end beside an IPv6 one needs an address written too.
     */
    private void checkFamilies(List<Map<String, org.snakeyaml.engine.v2.nodes.Node>> ends, int line, String ctx) {
        IpAddress[] given = new IpAddress[2];
        for (int side = 0; side < 2; side++) {
            if (ends.get(side).get("address") instanceof ScalarNode ad) {
                try {
                    given[side] = TopologyBuilder.parseAddress(ad.getValue());
                } catch (IllegalArgumentException e) {
                    return; // reported with its line already
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            if (given[side] != null && given[side].length() == 16 && given[1 - side] == null) {
                problem(line, ctx, "end " + (side + 1) + " has the IPv6 address " + given[side] + " but end "
                    + (2 - side) + " has none: give it an IPv6 address too (the address pool gives IPv4 only)");
                return;
            }
        }
        if (given[0] != null && given[1] != null && given[0].length() != given[1].length()) {
            problem(line, ctx, "its ends' addresses " + given[0] + " and " + given[1] + " are of different"
                + " families; give both ends IPv4 or both IPv6 addresses");
        }
    }

    /** One end: a node name, or a mapping {node, interface, address}; null after reporting a problem. */
    private Map<String, org.snakeyaml.engine.v2.nodes.Node> readEnd(org.snakeyaml.engine.v2.nodes.Node e,
                                                                    String context) {
        Map<String, org.snakeyaml.engine.v2.nodes.Node> end = new LinkedHashMap<>();
        if (e instanceof ScalarNode sc && !sc.getTag().equals(Tag.NULL)) {
            end.put("node", sc);
            return end;
        }
        if (e instanceof MappingNode) {
            Section s = section(e, context, END_KEYS, context);
            if (s == null) {
                return null;
            }
            for (String k : END_KEYS) {
                s.get(k).ifPresent(v -> end.put(k, v));
            }
            s.scalar("interface");
            s.scalar("address");
            s.scalar("mtu");
            if (!(end.get("node") instanceof ScalarNode)) {
                problem(lineOf(e), context, "a link end written as a mapping needs 'node:', like {node: R1,"
                    + " interface: Int2}");
                return null;
            }
            return end;
        }
        problem(lineOf(e), context, "a link end is a node name like R1, or {node: R1, interface: Int2, address:"
            + " 10.0.0.1}");
        return null;
    }


    private static int parseMetric(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a metric; use a whole number from 1 to"
                + " 16777215");
        }
    }

}
