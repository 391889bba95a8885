package org.rsvpconsole.app.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.config.YamlTree;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NodeConfig;
import org.rsvpconsole.engine.policy.PolicyConfig;
import org.rsvpconsole.engine.policy.PolicyLoader;
import org.rsvpconsole.engine.rawip.RawIpTransport.InterfaceSpec;
import org.rsvpconsole.engine.scenario.ScenarioTime;
import org.rsvpconsole.engine.topology.LinkUnits;
import org.rsvpconsole.engine.topology.NeighbourSettings;
import org.rsvpconsole.engine.topology.NeighbourSettingsReader;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One daemon's configuration (docs/daemon.md), read with the shared YAML reader: problems come together with file,
 * line and key.
 *
 * <pre>
 * node: r1                      # the name in events and status (default: the host name)
 * as: 65001                     # the node's AS (RFC 3209 AS subobjects name it; default: none)
 * role: router                  # router (forwards, intercepts Router Alert) or host
 * encapsulation: raw            # raw (IP protocol 46, needs CAP_NET_RAW) or udp (RFC 2205 Appendix C, hosts)
 * control-socket: /run/rsvp-console/rsvp.sock
 * refresh: 30s                  # R (RFC 2205 §3.7)
 * keep: 3                       # K
 * tear-copies: 1                # copies of each PathTear/ResvTear, for lossy links (decision 0025)
 * interfaces:
 *   - name: eth0
 *     bandwidth: 100M           # reservable, bits/s (k, M, G)
 *     per-flow: 10M             # largest single reservation (default: all of it)
 *     udp-hosts: true           # a router: UDP-only hosts here, also when none sends (Appendix C)
 *     address: 2001:db8:1::1    # the address RSVP uses (default: the first IPv4); IPv6 makes an IPv6 node
 * store: /var/lib/rsvp-console/history   # record events (H2 file, relative to this file, or JDBC URL)
 * neighbours:                   # RFC 2961, RFC 2747, RFC 3209 §5 toward the neighbours (a topology file's section)
 *   refresh-reduction: on
 *   integrity: {keys: [{id: 1, key-file: r1.key}]}   # a key 'neighbour' is an address here
 *   hello: {interval: 200ms}
 * policies: [...]               # docs/policy.md
 * management: {...}             # the TLS management channel, docs/management.md (off when absent)
 * </pre>
 */
public record DaemonConfig(String node, boolean router, Encapsulation encapsulation, Path controlSocket,
                           NodeConfig nodeConfig, List<InterfaceSpec> interfaces, PolicyConfig policies,
                           Optional<String> store, Optional<ManagementConfig> management, int asNumber) {

    /** How RSVP messages travel (RFC 2205 §3.1 raw IP, Appendix C UDP). */
    public enum Encapsulation { RAW, UDP }

    /** Where the daemon listens and the commands connect when nobody says. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/rsvp-console/rsvp.sock");

    private static final Set<String> TOP = Set.of("version", "node", "role", "encapsulation", "control-socket",
        "refresh", "keep", "tear-copies", "interfaces", "policies", "description", "store", "management", "neighbours",
        "as");
    private static final Set<String> IFACE = Set.of("name", "bandwidth", "per-flow", "udp-hosts", "description",
        "address");
    private static final String IFACE_EXAMPLE = "interfaces:\n  - name: eth0\n    bandwidth: 100M";

    public DaemonConfig {
        interfaces = List.copyOf(interfaces);
        store = store == null ? Optional.empty() : store;
        management = management == null ? Optional.empty() : management;
        if (asNumber != org.rsvpconsole.engine.topology.Node.NO_AS && (asNumber < 1 || asNumber > 65535)) {
            throw new IllegalArgumentException("an AS number is 1 to 65535: " + asNumber);
        }
    }

    /** In no AS. */
    public DaemonConfig(String node, boolean router, Encapsulation encapsulation, Path controlSocket,
                        NodeConfig nodeConfig, List<InterfaceSpec> interfaces, PolicyConfig policies,
                        Optional<String> store, Optional<ManagementConfig> management) {
        this(node, router, encapsulation, controlSocket, nodeConfig, interfaces, policies, store, management,
            org.rsvpconsole.engine.topology.Node.NO_AS);
    }

    /** The same in autonomous system {@code as} (RFC 3209 §4.3.3.4). */
    public DaemonConfig withAsNumber(int as) {
        return new DaemonConfig(node, router, encapsulation, controlSocket, nodeConfig, interfaces, policies, store,
            management, as);
    }

    /** Without a history store or a management channel. */
    public DaemonConfig(String node, boolean router, Encapsulation encapsulation, Path controlSocket,
                        NodeConfig nodeConfig, List<InterfaceSpec> interfaces, PolicyConfig policies) {
        this(node, router, encapsulation, controlSocket, nodeConfig, interfaces, policies, Optional.empty(),
            Optional.empty());
    }

    /** The same with UDP encapsulation (RFC 2205 Appendix C), as {@code daemon --udp} asks. */
    public DaemonConfig withUdp() {
        return new DaemonConfig(node, router, Encapsulation.UDP, controlSocket, nodeConfig, interfaces, policies,
            store, management, asNumber);
    }

    /** The same with another control socket. */
    public DaemonConfig withControlSocket(Path socket) {
        return new DaemonConfig(node, router, encapsulation, socket, nodeConfig, interfaces, policies, store,
            management, asNumber);
    }

    /** The same recording to {@code urlOrFile} (an H2 file or a JDBC URL). */
    public DaemonConfig withStore(String urlOrFile) {
        return new DaemonConfig(node, router, encapsulation, controlSocket, nodeConfig, interfaces, policies,
            Optional.of(urlOrFile), management, asNumber);
    }

    /** The same with {@code m} as its management channel. */
    public DaemonConfig withManagement(Optional<ManagementConfig> m) {
        return new DaemonConfig(node, router, encapsulation, controlSocket, nodeConfig, interfaces, policies, store,
            m, asNumber);
    }

    public static DaemonConfig load(Path file) throws DaemonConfigException {
        YamlTree yaml = new YamlTree(file.toString(), "write each key out");
        Optional<String> text = yaml.readFile(file, "a daemon configuration (.yaml)");
        if (text.isEmpty()) {
            throw new DaemonConfigException(yaml.problems());
        }
        // Relative files (store, keys) are beside the configuration, not wherever the daemon happens to start.
        return parse(yaml, text.get(), file.toAbsolutePath().getParent());
    }

    /** Parses configuration text; {@code fileName} names it in errors, and relative key files start beside it. */
    public static DaemonConfig parse(String text, String fileName) throws DaemonConfigException {
        Path dir;
        try {
            dir = Path.of(fileName).toAbsolutePath().getParent();
        } catch (java.nio.file.InvalidPathException e) {
            dir = null;
        }
        // A name that is no path: relative files start at the working directory.
        return parse(new YamlTree(fileName, "write each key out"), text, dir != null ? dir
            : Path.of("").toAbsolutePath());
    }

    private static DaemonConfig parse(YamlTree yaml, String text, Path base) throws DaemonConfigException {
        Optional<Node> root = yaml.compose(text, "a daemon configuration needs at least an 'interfaces:' list, like\n"
            + IFACE_EXAMPLE);
        if (root.isEmpty()) {
            throw new DaemonConfigException(yaml.problems());
        }
        YamlTree.Section top = yaml.section(root.get(), "", TOP, "the top level");
        if (top == null) {
            throw new DaemonConfigException(yaml.problems());
        }
        top.scalar("version").ifPresent(v -> {
            if (!v.equals("1")) {
                yaml.problem(top.line("version"), "", "format version " + v + " is not supported; write 'version: 1'");
            }
        });
        top.scalar("description");
        String node = top.scalar("node").orElseGet(DaemonConfig::hostName);
        int as = top.parse("as", org.rsvpconsole.engine.topology.TopologyBuilder::parseAsNumber)
            .orElse(org.rsvpconsole.engine.topology.Node.NO_AS);
        boolean router = top.parse("role", v -> switch (v) {
            case "router" -> true;
            case "host" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not a role; write 'router' or 'host'");
        }).orElse(true);
        Encapsulation enc = top.parse("encapsulation", v -> switch (v) {
            case "raw" -> Encapsulation.RAW;
            case "udp" -> Encapsulation.UDP;
            default -> throw new IllegalArgumentException("'" + v + "' is not an encapsulation; write 'raw' (IP"
                + " protocol 46) or 'udp' (RFC 2205 Appendix C)");
        }).orElse(Encapsulation.RAW);
        if (enc == Encapsulation.UDP && router) {
            yaml.problem(top.line("encapsulation"), "", "key 'encapsulation': udp is for hosts (RFC 2205 Appendix C);"
                + " a router intercepts Router Alert over raw IP and speaks UDP to such hosts by itself: write"
                + " 'role: host', or 'encapsulation: raw' on a router");
        }
        Optional<String> store = top.scalar("store").map(String::strip).filter(v -> !v.isEmpty())
            .map(st -> st.startsWith("jdbc:") || Path.of(st).isAbsolute() ? st : base.resolve(st).toString());
        Path socket = top.parse("control-socket", Path::of).orElse(DEFAULT_SOCKET);
        long refresh = top.parse("refresh", ScenarioTime::parseNanos).orElse(Duration.ofSeconds(30).toNanos());
        if (refresh < 1_000_000) {
            yaml.problem(top.line("refresh"), "", "key 'refresh': the refresh period must be at least 1ms");
            refresh = Duration.ofSeconds(30).toNanos();
        }
        int keep = top.parse("keep", v -> (int) YamlTree.parseLong(v, "keep", 1, 100)).orElse(3);
        int tearCopies = top.parse("tear-copies", v -> (int) YamlTree.parseLong(v, "tear-copies", 1, 16)).orElse(1);
        List<InterfaceSpec> ifaces = new ArrayList<>();
        Optional<Node> list = top.get("interfaces");
        if (list.isEmpty() || YamlTree.isNull(list.get())) {
            yaml.problem(top.line(), "", "there is no 'interfaces:' list; name the interfaces RSVP runs on, like\n"
                + IFACE_EXAMPLE);
        } else if (!(list.get() instanceof SequenceNode seq)) {
            yaml.problem(YamlTree.lineOf(list.get()), "interfaces", "'interfaces' must be a list, one '- name: ...'"
                + " item per interface, like\n" + IFACE_EXAMPLE);
        } else {
            Set<String> names = new HashSet<>();
            for (Node item : seq.getValue()) {
                readInterface(yaml, item, names).ifPresent(ifaces::add);
            }
            // One address family per node (decision 0031): RSVP_HOP and the routes follow the interfaces'.
            long v6 = ifaces.stream().filter(i -> i.address() instanceof Ipv6Address).count();
            if (v6 > 0 && v6 < ifaces.size()) {
                yaml.problem(YamlTree.lineOf(list.get()), "interfaces", "the interfaces mix IPv6 ("
                    + names(ifaces, true) + ") and IPv4 (" + names(ifaces, false) + "); a node runs one address"
                    + " family: give every interface an IPv6 'address:', or none");
            }
            if (v6 > 0 && enc == Encapsulation.UDP) {
                yaml.problem(top.line("encapsulation"), "", "key 'encapsulation': udp (RFC 2205 Appendix C) is for"
                    + " IPv4; an IPv6 node speaks raw IPv6: write 'encapsulation: raw'");
            }
        }
        PolicyConfig policies = top.get("policies").map(p -> PolicyLoader.read(yaml, p)).orElse(PolicyConfig.NONE);
        Optional<ManagementConfig> management = top.get("management").flatMap(m -> ManagementConfig.read(yaml, m,
            base));
        // The same reader as a topology file's 'neighbours:' (one home for the section's rules and messages).
        NeighbourSettings neighbours = top.get("neighbours")
            .map(n -> NeighbourSettingsReader.readDaemon(yaml, n, base)).orElse(NeighbourSettings.NONE);
        if (yaml.hasProblems()) {
            throw new DaemonConfigException(yaml.problems());
        }
        NodeConfig nc = new NodeConfig(refresh, keep, true, -1, -1, 64, NeighbourConfig.of(neighbours), tearCopies);
        return new DaemonConfig(node, router, enc, socket, nc, ifaces, policies, store, management, as);
    }

    private static String names(List<InterfaceSpec> ifaces, boolean v6) {
        return String.join(", ", ifaces.stream().filter(i -> i.address() instanceof Ipv6Address == v6)
            .map(InterfaceSpec::name).toList());
    }

    private static Optional<InterfaceSpec> readInterface(YamlTree yaml, Node item, Set<String> names) {
        String context = "interface at line " + YamlTree.lineOf(item);
        YamlTree.Section s = yaml.section(item, context, IFACE, "each interface");
        if (s == null) {
            return Optional.empty();
        }
        s.scalar("description");
        Optional<String> name = s.require("name", v -> v, "name: eth0");
        Optional<Long> bw = s.require("bandwidth", LinkUnits::parseBitsPerSecond, "bandwidth: 100M");
        Optional<Long> perFlow = s.parse("per-flow", LinkUnits::parseBitsPerSecond);
        boolean udpHosts = s.parse("udp-hosts", v -> switch (v) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
        }).orElse(false);
        Optional<IpAddress> address = s.parse("address", v -> IpAddress.parse(v).orElseThrow(
            () -> new IllegalArgumentException("'" + v
                + "' is not an IPv4 or IPv6 address; write the interface's address like 2001:db8:1::1 or"
                + " 192.0.2.1, without a prefix length")));
        if (address.isEmpty() && s.get("address").isPresent()) {
            // Already reported; counted as neither family.
            return Optional.empty();
        }
        if (address.isPresent() && (address.get() instanceof Ipv6Address a6 ? a6.isMulticast()
            : ((Ipv4Address) address.get()).isMulticast())) {
            yaml.problem(s.line("address"), context, "key 'address': " + address.get() + " is a multicast address;"
                + " write the interface's own unicast address");
            return Optional.empty();
        }
        if (address.isPresent() && address.get() instanceof Ipv6Address a6 && (a6.high() >>> 54) == 0x3fa) {
            // fe80::/10: a next hop would need its scope (interface), and RSVP_HOP carries none (RFC 2205 A.2).
            yaml.problem(s.line("address"), context, "key 'address': " + a6 + " is a link-local address; write the"
                + " interface's global or unique local IPv6 address (ip -6 addr show scope global)");
            return Optional.empty();
        }
        if (name.isPresent() && !names.add(name.get())) {
            yaml.problem(s.line("name"), context, "interface '" + name.get() + "' is listed twice");
            return Optional.empty();
        }
        if (name.isEmpty() || bw.isEmpty()) {
            return Optional.empty();
        }
        long pf = perFlow.orElse(bw.get());
        if (pf > bw.get()) {
            yaml.problem(s.line("per-flow"), "interface " + name.get(), "key 'per-flow': "
                + LinkUnits.formatBitsPerSecond(pf) + " is more than the interface's bandwidth "
                + LinkUnits.formatBitsPerSecond(bw.get()));
            return Optional.empty();
        }
        return Optional.of(new InterfaceSpec(name.get(), bw.get(), pf, udpHosts, address.orElse(null)));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "-");
        } catch (java.io.IOException e) {
            return "rsvp";
        }
    }
}
