package org.rsvpconsole.engine.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.config.Names;

/**
 * Builds a {@link Topology} in code (tests, scenarios) and for {@link TopologyLoader}. Each call checks what it
 * can at once and throws {@link IllegalArgumentException} with a message meant for the person who wrote the
 * topology; {@link #build()} then names the interfaces and addresses nobody gave:
 * <ul>
 *   <li>interfaces are called {@code eth0}, {@code eth1}, ... per node in link order (skipping given names);</li>
 *   <li>a link end without an address gets one from the next free /30 of the address pool (default
 *       {@value #DEFAULT_POOL}): {@code .1} for the first end, {@code .2} for the second; blocks holding an
 *       address given anywhere in the topology are skipped.</li>
 * </ul>
 */
public final class TopologyBuilder {

    public static final String DEFAULT_POOL = "10.0.0.0/16";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final String NAME_HINT = "use letters, digits, '.', '_' and '-', starting with a letter or digit";

    private String name = "";
    private String description = "";
    private int poolBase;
    private int poolPrefix;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> asNumbers = new HashMap<>();
    private final List<LinkSpec> links = new ArrayList<>();
    private final Set<String> linkNames = new HashSet<>();
    private final Map<IpAddress, String> addressUsers = new HashMap<>();
    private final DirectionSpec defaults = new DirectionSpec();
    private int defaultMetric = 1;

    TopologyBuilder() {
        addressPool(DEFAULT_POOL);
    }

    public TopologyBuilder name(String topologyName) {
        this.name = Objects.requireNonNull(topologyName);
        return this;
    }

    public TopologyBuilder description(String text) {
        this.description = Objects.requireNonNull(text);
        return this;
    }

    /** The IPv4 pool automatic link addresses come from, as {@code a.b.c.d/len} (len 8..30). */
    public TopologyBuilder addressPool(String cidr) {
        int slash = cidr.indexOf('/');
        Ipv4Address base = slash < 0 ? null : Ipv4Address.parse(cidr.substring(0, slash).strip()).orElse(null);
        int len;
        try {
            len = slash < 0 ? -1 : Integer.parseInt(cidr.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (base == null || len < 8 || len > 30) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 pool; write it like 10.0.0.0/16"
                + " (prefix length 8 to 30)");
        }
        int mask = (int) (0xFFFFFFFFL << (32 - len));
        if ((base.bits() & ~mask) != 0) {
            throw new IllegalArgumentException("pool " + cidr + " has host bits set; did you mean "
                + new Ipv4Address(base.bits() & mask) + "/" + len + "?");
        }
        this.poolBase = base.bits();
        this.poolPrefix = len;
        return this;
    }

    /** Link properties used where a link and its directions say nothing. */
    public DirectionSpec defaults() {
        return defaults;
    }

    /** The metric of links that give none (initially 1). */
    public TopologyBuilder defaultMetric(int metric) {
        this.defaultMetric = checkMetric(metric);
        return this;
    }

    public TopologyBuilder router(String nodeName, String... addresses) {
        return node(nodeName, NodeKind.ROUTER, parseAll(addresses), "");
    }

    public TopologyBuilder host(String nodeName, String... addresses) {
        return node(nodeName, NodeKind.HOST, parseAll(addresses), "");
    }

    /** Adds a node with its own addresses (router ID, loopbacks: addresses on no link). */
    public TopologyBuilder node(String nodeName, NodeKind kind, List<IpAddress> addresses, String text) {
        checkName("node", nodeName);
        if (nodes.containsKey(nodeName)) {
            throw new IllegalArgumentException("node '" + nodeName + "' is defined twice; give each node its own"
                + " name");
        }
        for (IpAddress a : addresses) {
            claim(a, "node " + nodeName);
        }
        nodes.put(nodeName, new NodeSpec(nodeName, kind, List.copyOf(addresses), text));
        return this;
    }

    /**
     * An AS number as files write it, {@code 65001} or {@code AS65001}: 1 to 65535, since RFC 3209 §4.3.3.4 AS
     * subobjects carry 16 bits.
     *
     * @throws IllegalArgumentException saying what is wrong and how to write it
     */
    public static int parseAsNumber(String text) {
        String s = text.strip();
        String t = s.regionMatches(true, 0, "AS", 0, 2) ? s.substring(2).strip() : s;
        try {
            int as = Integer.parseInt(t);
            if (as >= 1 && as <= 65535) {
                return as;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + s + "' is not an AS number; write a number from 1 to 65535 (RFC 3209"
            + " AS subobjects carry 16 bits), like 65001 or AS65001");
    }

    /** Puts a defined node in autonomous system {@code as} (1 to 65535; RFC 3209 §4.3.3.4 AS subobjects). */
    public TopologyBuilder asNumber(String nodeName, int as) {
        requireNode(nodeName);
        if (as < 1 || as > 65535) {
            throw new IllegalArgumentException("an AS number is 1 to 65535 (RFC 3209 AS subobjects carry 16 bits): "
                + as);
        }
        asNumbers.put(nodeName, as);
        return this;
    }

    /** Adds a link between two defined nodes; configure it through the returned spec. */
    public LinkSpec link(String a, String b) {
        requireNode(a);
        requireNode(b);
        if (a.equals(b)) {
            throw new IllegalArgumentException("a link joins two different nodes, but both ends are '" + a + "'");
        }
        LinkSpec spec = new LinkSpec(nodes.get(a), nodes.get(b));
        String base = a + "-" + b;
        String linkName = base;
        for (int n = 2; linkNames.contains(linkName); n++) {
            linkName = base + "#" + n;
        }
        spec.name = linkName;
        linkNames.add(linkName);
        links.add(spec);
        return spec;
    }

    public boolean hasNode(String nodeName) {
        return nodes.containsKey(nodeName);
    }

    public Set<String> nodeNames() {
        return nodes.keySet();
    }

    private void requireNode(String nodeName) {
        if (!nodes.containsKey(nodeName)) {
            throw new IllegalArgumentException("node '" + nodeName + "' is not defined (nodes are "
                + Names.summarize(nodes.keySet()) + ")" + Names.didYouMean(nodeName, nodes.keySet()));
        }
    }

    private void claim(IpAddress a, String user) {
        if (a instanceof Ipv4Address v4 && (v4.isMulticast() || v4.bits() == 0)) {
            throw new IllegalArgumentException("address " + a + " of " + user + " is not a unicast address");
        }
        String earlier = addressUsers.putIfAbsent(a, user);
        if (earlier != null) {
            throw new IllegalArgumentException("address " + a + " is already used by " + earlier
                + "; every address must be unique");
        }
    }

    /** Names the unnamed interfaces, allocates missing addresses, and freezes the topology. */
    public Topology build() {
        List<Node> nodeList = new ArrayList<>();
        Map<String, Node> built = new HashMap<>();
        for (NodeSpec s : nodes.values()) {
            Node n = new Node(nodeList.size(), s.name, s.kind, s.addresses, s.description,
                asNumbers.getOrDefault(s.name, Node.NO_AS));
            nodeList.add(n);
            built.put(s.name, n);
        }
        // Interface names: given ones are reserved first, then eth0, eth1... per node.
        Map<String, Set<String>> usedNames = new HashMap<>();
        Map<String, Integer> nextEth = new HashMap<>();
        for (LinkSpec l : links) {
            for (int side = 0; side < 2; side++) {
                if (l.interfaceNames[side] != null) {
                    usedNames.computeIfAbsent(l.ends[side].name, k -> new HashSet<>()).add(l.interfaceNames[side]);
                }
            }
        }
        AddressPool pool = new AddressPool();
        List<Interface> interfaces = new ArrayList<>();
        List<Link> linkList = new ArrayList<>();
        for (LinkSpec l : links) {
            IpAddress[] addr = l.addresses.clone();
            if (addr[0] == null || addr[1] == null) {
                int block = pool.nextBlock(l.name);
                if (addr[0] == null) {
                    addr[0] = new Ipv4Address(block + 1);
                }
                if (addr[1] == null) {
                    addr[1] = new Ipv4Address(block + 2);
                }
            }
            Interface[] ends = new Interface[2];
            for (int side = 0; side < 2; side++) {
                String nodeName = l.ends[side].name;
                String ifName = l.interfaceNames[side];
                if (ifName == null) {
                    Set<String> used = usedNames.computeIfAbsent(nodeName, k -> new HashSet<>());
                    int n = nextEth.getOrDefault(nodeName, 0);
                    while (used.contains("eth" + n)) {
                        n++;
                    }
                    ifName = "eth" + n;
                    used.add(ifName);
                    nextEth.put(nodeName, n + 1);
                }
                Integer mtu = DirectionSpec.first(l.mtus[side], l.both.mtu, defaults.mtu);
                ends[side] = new Interface(interfaces.size(), built.get(nodeName), ifName, addr[side],
                    linkList.size(), mtu == null ? Interface.DEFAULT_MTU : mtu);
                interfaces.add(ends[side]);
            }
            LinkDirection fwd = l.forward.resolve(l.both, defaults, ends[0], ends[1], l.name);
            LinkDirection rev = l.reverse.resolve(l.both, defaults, ends[1], ends[0], l.name);
            linkList.add(new Link(linkList.size(), l.name, fwd, rev, l.metric == 0 ? defaultMetric : l.metric,
                l.up));
        }
        return new Topology(name, description, nodeList, linkList, interfaces);
    }

    private static int checkMetric(int metric) {
        if (metric < 1 || metric > 0xFFFFFF) {
            throw new IllegalArgumentException("metric " + metric + " is out of range; use a whole number from 1"
                + " to 16777215");
        }
        return metric;
    }

    private static int checkMtu(long bytes) {
        if (bytes < Interface.MIN_MTU || bytes > Interface.MAX_MTU) {
            throw new IllegalArgumentException("MTU " + bytes + " bytes is out of range; use " + Interface.MIN_MTU
                + " to " + Interface.MAX_MTU + " bytes, e.g. 1500 (Ethernet) or 9000 (jumbo frames)");
        }
        return (int) bytes;
    }

    private static void checkName(String what, String candidate) {
        if (candidate == null || !NAME.matcher(candidate).matches()) {
            throw new IllegalArgumentException(what + " name '" + candidate + "' is not allowed; " + NAME_HINT
                + " (at most 64 characters)");
        }
    }

    private static List<IpAddress> parseAll(String... texts) {
        List<IpAddress> out = new ArrayList<>();
        for (String t : texts) {
            out.add(parseAddress(t));
        }
        return out;
    }

    static IpAddress parseAddress(String text) {
        return IpAddress.parse(text.strip()).orElseThrow(() -> new IllegalArgumentException("'" + text
            + "' is not an IP address; write it like 192.0.2.1 or 2001:db8::1"));
    }

    /** The next free /30 blocks of the pool. */
    private final class AddressPool {
        private long next = Integer.toUnsignedLong(poolBase);
        private final long end = Integer.toUnsignedLong(poolBase) + (1L << (32 - poolPrefix));

        int nextBlock(String forLink) {
            while (next + 4 <= end) {
                int block = (int) next;
                next += 4;
                boolean free = true;
                for (int k = 0; k < 4 && free; k++) {
                    free = !addressUsers.containsKey(new Ipv4Address(block + k));
                }
                if (free) {
                    return block;
                }
            }
            throw new IllegalArgumentException("the address pool " + new Ipv4Address(poolBase) + "/" + poolPrefix
                + " has no free /30 left for link " + forLink + "; give a larger pool (addressing: pool: 10.0.0.0/16)"
                + " or addresses on the links");
        }
    }

    private record NodeSpec(String name, NodeKind kind, List<IpAddress> addresses, String description) {
    }

    /**
     * Properties of one link direction (or, on the link itself, of both, or of every link as defaults); null
     * means "not said here". Setters check their values.
     */
    public static final class DirectionSpec {
        private Long bandwidth;
        private Long perFlow;
        private Long delay;
        private Double loss;
        /** An interface property, not a direction's: only on a link (both ends) or as a default. */
        private Integer mtu;

        /** Total reservable bandwidth, bits/s. */
        public DirectionSpec bandwidth(long bps) {
            if (bps < 0 || bps > LinkUnits.MAX_BPS) {
                throw new IllegalArgumentException("bandwidth " + bps + " is out of range; "
                    + LinkUnits.BANDWIDTH_HINT);
            }
            this.bandwidth = bps;
            return this;
        }

        /** Largest single reservation, bits/s (default: the whole bandwidth). */
        public DirectionSpec perFlow(long bps) {
            if (bps < 0 || bps > LinkUnits.MAX_BPS) {
                throw new IllegalArgumentException("per-flow " + bps + " is out of range; "
                    + LinkUnits.BANDWIDTH_HINT);
            }
            this.perFlow = bps;
            return this;
        }

        /** One-way delay in nanoseconds. */
        public DirectionSpec delayNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("delay cannot be negative; " + LinkUnits.DELAY_HINT);
            }
            this.delay = nanos;
            return this;
        }

        /** Loss probability 0..1. */
        public DirectionSpec loss(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("loss " + probability + " is outside 0..1; "
                    + LinkUnits.LOSS_HINT);
            }
            this.loss = probability;
            return this;
        }

        /** The MTU of the interfaces at both ends (on a link) or of every interface (as a default), bytes. */
        public DirectionSpec mtu(long bytes) {
            this.mtu = checkMtu(bytes);
            return this;
        }

        public boolean hasBandwidth() {
            return bandwidth != null;
        }

        LinkDirection resolve(DirectionSpec link, DirectionSpec defaults, Interface from, Interface to, String name) {
            Long bw = first(bandwidth, link.bandwidth, defaults.bandwidth);
            if (bw == null) {
                throw new IllegalArgumentException("link " + name + " (" + from.node() + " to " + to.node()
                    + ") has no bandwidth; give one on the link or as a default");
            }
            // A per-flow limit said at a wider scope than the bandwidth does not cap a narrower bandwidth.
            Long pf = first(perFlow, link.perFlow, defaults.perFlow);
            long perFlowBps = pf == null ? bw : Math.min(pf, bw);
            if (pf != null && pf > bw && first(perFlow, link.perFlow) != null) {
                throw new IllegalArgumentException("link " + name + " (" + from.node() + " to " + to.node()
                    + "): per-flow " + LinkUnits.formatBitsPerSecond(pf) + " is more than the bandwidth "
                    + LinkUnits.formatBitsPerSecond(bw) + "; lower per-flow or raise bandwidth");
            }
            Long d = first(delay, link.delay, defaults.delay);
            Double p = first(loss, link.loss, defaults.loss);
            return new LinkDirection(from, to, bw, perFlowBps, d == null ? 0 : d, p == null ? 0 : p);
        }

        @SafeVarargs
        static <T> T first(T... candidates) {
            for (T c : candidates) {
                if (c != null) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A link being built: its ends' names and addresses, and its properties. */
    public final class LinkSpec {
        private final NodeSpec[] ends;
        private final String[] interfaceNames = new String[2];
        private final IpAddress[] addresses = new IpAddress[2];
        private final Integer[] mtus = new Integer[2];
        private final DirectionSpec both = new DirectionSpec();
        private final DirectionSpec forward = new DirectionSpec();
        private final DirectionSpec reverse = new DirectionSpec();
        private String name;
        private int metric;
        private boolean up = true;

        private LinkSpec(NodeSpec a, NodeSpec b) {
            this.ends = new NodeSpec[] {a, b};
        }

        public String name() {
            return name;
        }

        /** Renames the link (default {@code A-B}). */
        public LinkSpec name(String linkName) {
            checkName("link", linkName);
            if (!linkName.equals(name) && linkNames.contains(linkName)) {
                throw new IllegalArgumentException("link name '" + linkName + "' is already used; give each link"
                    + " its own name");
            }
            linkNames.remove(name);
            linkNames.add(linkName);
            name = linkName;
            return this;
        }

        /** Names the interface at end 0 or 1 (default {@code ethN}). */
        public LinkSpec interfaceName(int side, String interfaceName) {
            checkName("interface", interfaceName);
            String nodeName = ends[side].name;
            for (LinkSpec other : links) {
                for (int s = 0; s < 2; s++) {
                    if ((other != this || s != side) && other.ends[s].name.equals(nodeName)
                        && interfaceName.equals(other.interfaceNames[s])) {
                        throw new IllegalArgumentException("node " + nodeName + " already has an interface called '"
                            + interfaceName + "' (link " + other.name + "); interface names are unique per node");
                    }
                }
            }
            interfaceNames[side] = interfaceName;
            return this;
        }

        /** Gives the address of end 0 or 1 (default: from the pool). */
        public LinkSpec address(int side, IpAddress address) {
            claim(address, "link " + name + " (" + ends[side].name + ")");
            addresses[side] = address;
            return this;
        }

        /** Gives the MTU of the interface at end 0 or 1, bytes (over the link's and the default MTU). */
        public LinkSpec mtu(int side, long bytes) {
            mtus[side] = checkMtu(bytes);
            return this;
        }

        /** Properties of both directions. */
        public DirectionSpec both() {
            return both;
        }

        /** Properties of the direction from end 0 to end 1, over those of both directions. */
        public DirectionSpec forward() {
            return forward;
        }

        /** Properties of the direction from end 1 to end 0, over those of both directions. */
        public DirectionSpec reverse() {
            return reverse;
        }

        /** Shorthand: reservable bandwidth both ways, bits/s. */
        public LinkSpec bandwidth(long bps) {
            both.bandwidth(bps);
            return this;
        }

        /** Shorthand: one-way delay both ways. */
        public LinkSpec delayNanos(long nanos) {
            both.delayNanos(nanos);
            return this;
        }

        public LinkSpec metric(int linkMetric) {
            this.metric = checkMetric(linkMetric);
            return this;
        }

        /** Whether the link starts up (default true). */
        public LinkSpec up(boolean isUp) {
            this.up = isUp;
            return this;
        }
    }
}
