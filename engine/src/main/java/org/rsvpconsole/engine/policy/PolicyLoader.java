package org.rsvpconsole.engine.policy;

import static org.rsvpconsole.engine.config.YamlTree.lineOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.rsvpconsole.engine.config.IpProtocols;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.config.YamlTree;
import org.rsvpconsole.engine.config.YamlTree.Section;
import org.rsvpconsole.engine.policy.PolicyRequest.Service;
import org.rsvpconsole.engine.topology.LinkUnits;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a node's local policies (format: {@code docs/policy.md}) in the style of the topology loader: every problem
 * is reported with file, line and key, together, without a stack trace. {@link #read} reads a {@code policies:}
 * list found inside another file (a daemon or topology configuration).
 */
public final class PolicyLoader {

    /** The format version this loader reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_KEYS = Set.of("version", "node", "description", "policies");
    private static final Set<String> POLICY_KEYS = Set.of("name", "priority", "match", "max-flows",
        "max-rate-per-flow", "max-token-bucket-per-flow", "flow-service-type", "outgoing-dscp", "outgoing-tos",
        "over-limit", "description");
    private static final Set<String> MATCH_KEYS = Set.of("destination", "destination-port", "protocol", "source",
        "source-port");
    private static final String EXAMPLE = "policies:\n  - name: voice\n    match: {destination-port: 16384-32767,"
        + " protocol: udp}\n    max-rate-per-flow: 80k";

    private PolicyLoader() {
    }

    /** Loads a policy file; its name as given appears in error messages. */
    public static PolicyConfig load(Path path) throws PolicyException {
        YamlTree yaml = new YamlTree(path.toString(), "write each policy's keys out");
        Optional<String> text = yaml.readFile(path, "a policy file (.yaml)");
        if (text.isEmpty()) {
            throw new PolicyException(yaml.problems());
        }
        return parse(yaml, text.get());
    }

    /** Parses policy text; {@code fileName} names it in error messages. */
    public static PolicyConfig parse(String text, String fileName) throws PolicyException {
        return parse(new YamlTree(fileName, "write each policy's keys out"), text);
    }

    private static PolicyConfig parse(YamlTree yaml, String text) throws PolicyException {
        Optional<Node> root = yaml.compose(text, "a policy file needs a 'policies:' list (see docs/policy.md)");
        if (root.isEmpty()) {
            throw new PolicyException(yaml.problems());
        }
        Section top = yaml.section(root.get(), "", TOP_KEYS, "the top level");
        if (top == null) {
            throw new PolicyException(yaml.problems());
        }
        top.scalar("version").ifPresent(v -> {
            if (!v.equals(Integer.toString(FORMAT_VERSION))) {
                yaml.problem(top.line("version"), "", "format version " + v + " is not supported; this program reads"
                    + " version " + FORMAT_VERSION);
            }
        });
        top.scalar("node");
        top.scalar("description");
        PolicyConfig config = PolicyConfig.NONE;
        Optional<Node> policies = top.get("policies");
        if (policies.isEmpty()) {
            yaml.problem(0, "", "there is no 'policies:' list; write the node's policies like\n" + EXAMPLE);
        } else {
            config = read(yaml, policies.get());
        }
        if (yaml.hasProblems()) {
            throw new PolicyException(yaml.problems());
        }
        return config;
    }

    /** Reads a {@code policies:} list, reporting problems into {@code yaml}; what could be read is returned. */
    public static PolicyConfig read(YamlTree yaml, Node policies) {
        if (YamlTree.isNull(policies)) {
            return PolicyConfig.NONE;
        }
        if (!(policies instanceof SequenceNode seq)) {
            yaml.problem(lineOf(policies), "policies", "'policies' must be a list, one '- name: ...' item per"
                + " policy, like\n" + EXAMPLE);
            return PolicyConfig.NONE;
        }
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (Node item : seq.getValue()) {
            readPolicy(yaml, item, names).ifPresent(rules::add);
        }
        return new PolicyConfig(rules);
    }

    private static Optional<PolicyRule> readPolicy(YamlTree yaml, Node item, Map<String, Integer> names) {
        int line = lineOf(item);
        // Name the policy in every message about it, when it has a name.
        String context = "policy at line " + line;
        if (item instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
                    && t.getValueNode() instanceof ScalarNode v && !YamlTree.isNull(v)) {
                    context = "policy '" + v.getValue() + "'";
                }
            }
        }
        Section s = yaml.section(item, context, POLICY_KEYS, "each policy");
        if (s == null) {
            return Optional.empty();
        }
        Optional<String> name = s.scalar("name");
        if (name.isEmpty()) {
            yaml.problem(line, context, "a policy needs a name, like 'name: voice'; reasons and events cite it");
            return Optional.empty();
        }
        Integer first = names.putIfAbsent(name.get(), line);
        if (first != null) {
            yaml.problem(s.line("name"), context, "policy name '" + name.get() + "' is used twice (first on line "
                + first + "); give each policy its own name");
            return Optional.empty();
        }
        String ctx = context;
        int before = yaml.problems().size();
        int priority = (int) s.parse("priority", v -> YamlTree.parseLong(v, "priority", Integer.MIN_VALUE,
            Integer.MAX_VALUE)).orElse(0L).longValue();
        PolicyMatch match = s.get("match").map(m -> readMatch(yaml, m, ctx)).orElse(PolicyMatch.ANY);
        OptionalInt maxFlows = s.parse("max-flows", v -> (int) YamlTree.parseLong(v, "MaxFlows", 0,
            Integer.MAX_VALUE)).map(OptionalInt::of).orElse(OptionalInt.empty());
        OptionalLong maxRate = s.parse("max-rate-per-flow", PolicyLoader::positiveRate).map(OptionalLong::of)
            .orElse(OptionalLong.empty());
        OptionalLong maxBucket = s.parse("max-token-bucket-per-flow", PolicyLoader::positiveBytes)
            .map(OptionalLong::of).orElse(OptionalLong.empty());
        Optional<Service> service = s.parse("flow-service-type", PolicyLoader::parseService);
        OptionalInt dscp = s.parse("outgoing-dscp", PolicyRule::parseDscp).map(OptionalInt::of)
            .orElse(OptionalInt.empty());
        if (s.has("outgoing-tos")) {
            if (s.has("outgoing-dscp")) {
                yaml.problem(s.line("outgoing-tos"), ctx, "give 'outgoing-dscp' or 'outgoing-tos', not both (the TOS"
                    + " byte holds the DSCP in its upper six bits)");
            } else {
                dscp = s.parse("outgoing-tos", PolicyRule::parseTos).map(OptionalInt::of).orElse(OptionalInt.empty());
            }
        }
        PolicyRule.OverLimit overLimit = s.parse("over-limit", PolicyLoader::parseOverLimit)
            .orElse(PolicyRule.OverLimit.CAP);
        s.scalar("description");
        if (yaml.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(name.get(), priority, match, maxFlows, maxRate, maxBucket, service, dscp,
            overLimit));
    }

    private static PolicyMatch readMatch(YamlTree yaml, Node n, String context) {
        Section m = yaml.section(n, context, MATCH_KEYS, "'match'");
        if (m == null) {
            return PolicyMatch.ANY;
        }
        return new PolicyMatch(list(yaml, m, "destination", AddressPrefix::parse),
            list(yaml, m, "destination-port", PortRange::parse), list(yaml, m, "protocol", IpProtocols::parse),
            list(yaml, m, "source", AddressPrefix::parse), list(yaml, m, "source-port", PortRange::parse));
    }

    private static <T> List<T> list(YamlTree yaml, Section m, String key, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (ScalarNode v : m.scalars(key)) {
            try {
                out.add(parser.apply(v.getValue()));
            } catch (IllegalArgumentException e) {
                yaml.problem(lineOf(v), m.context(), "key '" + key + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static long positiveRate(String text) {
        long v = LinkUnits.parseBitsPerSecond(text);
        if (v == 0) {
            throw new IllegalArgumentException("MaxRatePerFlow 0 would refuse every flow; give a rate like 80k, or"
                + " set max-flows: 0 to refuse all");
        }
        return v;
    }

    private static long positiveBytes(String text) {
        long v = LinkUnits.parseBytes(text);
        if (v == 0) {
            throw new IllegalArgumentException("MaxTokenBucketPerFlow 0 would refuse every flow; give a size like"
                + " 2kB, or set max-flows: 0 to refuse all");
        }
        return v;
    }

    static Service parseService(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "guaranteed" -> Service.GUARANTEED;
            case "controlled-load", "controlledload", "controlled_load" -> Service.CONTROLLED_LOAD;
            default -> throw new IllegalArgumentException("'" + text + "' is not a service type; write guaranteed or"
                + " controlled-load" + Names.didYouMean(text, List.of("guaranteed", "controlled-load")));
        };
    }

    private static PolicyRule.OverLimit parseOverLimit(String text) {
        for (PolicyRule.OverLimit o : PolicyRule.OverLimit.values()) {
            if (o.keyword().equals(text.strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not cap or refuse: 'cap' lowers a request to the"
            + " limits (the z/OS agent's way), 'refuse' answers it with a Policy Control Failure");
    }
}
