package org.rsvpconsole.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;

class TopologyLoaderTest {

    private static final String EIGHT_ROUTERS = """
        nodes:
          R1: router
          R2: router
          R3: router
          R4: router
          R5: router
          R6: router
          R7: router
          R8: router
        defaults:
          bandwidth: 10M
        links:
          - ends: [R1, R2]
        """;

    private static Topology parse(String yaml) throws TopologyException {
        return TopologyLoader.parse(yaml, "topo.yaml");
    }

    /** The error text for a file that must fail; also checks it reads like a message, not a stack trace. */
    private static String errors(String yaml) {
        TopologyException e = assertThrows(TopologyException.class, () -> parse(yaml));
        String m = e.getMessage();
        assertFalse(m.contains("Exception") || m.contains("\tat ") || m.contains("org.snakeyaml"), m);
        assertEquals(0, e.getStackTrace().length, "no stack trace to print");
        for (org.rsvpconsole.engine.config.ConfigProblem p : e.problems()) {
            assertTrue(p.toString().startsWith("topo.yaml"), p.toString());
        }
        return m;
    }

    @Test
    void loadsNodesLinksAddressesAndDirections() throws TopologyException {
        Topology t = parse("""
            version: 1
            name: lab
            description: a small lab
            addressing:
              pool: 10.9.0.0/24
            defaults:
              bandwidth: 10M
              delay: 1ms
            nodes:
              H1: host
              R1: {type: router, addresses: [192.0.2.1, 2001:db8::1], description: edge}
              R2: {type: router}
              H2:
                type: host
                addresses: 198.51.100.7
            links:
              - ends: [H1, R1]
              - ends: [{node: R1, interface: Int2, address: 172.16.0.1}, R2]
                name: wan
                bandwidth: 2M
                per-flow: 500k
                delay: 12.5ms
                loss: 0.5%
                metric: 7
                reverse: {bandwidth: 1M, per-flow: 200k, delay: 20ms}
              - ends: [R2, H2]
                up: false
            """);
        assertEquals("lab", t.name());
        assertEquals("a small lab", t.description());
        assertEquals(List.of("H1", "R1", "R2", "H2"), t.nodes().stream().map(Node::name).toList());
        Node r1 = t.requireNode("R1");
        assertEquals(NodeKind.ROUTER, r1.kind());
        assertEquals("edge", r1.description());
        assertEquals(List.of(IpAddress.of("192.0.2.1"), IpAddress.of("2001:db8::1")), r1.addresses());
        assertTrue(t.requireNode("H2").isHost());

        Link access = t.links().get(0);
        assertEquals("H1-R1", access.name());
        assertEquals("H1:eth0 (10.9.0.1)", access.a().toString());
        assertEquals("R1:eth0 (10.9.0.2)", access.b().toString());
        assertEquals(10_000_000, access.forward().reservableBps());
        assertEquals(10_000_000, access.forward().perFlowMaxBps(), "per-flow defaults to the whole bandwidth");
        assertEquals(1_000_000, access.reverse().delayNanos());
        assertEquals(1, access.metric());

        Link wan = t.link("wan").orElseThrow();
        assertEquals("Int2", wan.a().name());
        assertEquals(IpAddress.of("172.16.0.1"), wan.a().address());
        assertEquals(IpAddress.of("10.9.0.6"), wan.b().address(), "the missing end takes .2 of the next /30");
        assertEquals(List.of("eth0", "Int2"), t.interfacesOf(r1).stream().map(Interface::name).toList());
        assertEquals(2_000_000, wan.forward().reservableBps());
        assertEquals(500_000, wan.forward().perFlowMaxBps());
        assertEquals(12_500_000, wan.forward().delayNanos());
        assertEquals(0.005, wan.forward().lossProbability());
        assertEquals(1_000_000, wan.reverse().reservableBps());
        assertEquals(200_000, wan.reverse().perFlowMaxBps());
        assertEquals(20_000_000, wan.reverse().delayNanos());
        assertEquals(0.005, wan.reverse().lossProbability(), "said for both directions on the link");
        assertEquals(7, wan.metric());
        assertTrue(wan.initiallyUp());
        assertFalse(t.links().get(2).initiallyUp());

        assertEquals(r1, t.ownerOf(IpAddress.of("192.0.2.1")).orElseThrow());
        assertEquals(r1, t.ownerOf(IpAddress.of("172.16.0.1")).orElseThrow());
        assertEquals(wan.b(), t.interfaceWithAddress(IpAddress.of("10.9.0.6")).orElseThrow());
        assertEquals(wan.b(), t.neighbour(wan.a()));
        assertEquals(List.of(wan), t.linksBetween(r1, t.requireNode("R2")));
        assertEquals(4, t.addressesOf(r1).size());
    }

    @Test
    void theExamplesLoad() throws Exception {
        Path examples = examplesDir();
        Topology fig1 = TopologyLoader.load(examples.resolve("rfc4495-figure1.yaml"));
        Link r1r2 = fig1.linksBetween(fig1.requireNode("R1"), fig1.requireNode("R2")).get(0);
        assertEquals("Int2", r1r2.a().name());
        assertEquals(100_000, r1r2.forward().reservableBps());
        assertEquals(2, fig1.routers().size());
        assertEquals(4, fig1.hosts().size());

        Topology fig2 = TopologyLoader.load(examples.resolve("rfc4495-figure2.yaml"));
        assertEquals(List.of("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R10", "R11"),
            fig2.routers().stream().map(Node::name).toList());
        Link shared = fig2.linksBetween(fig2.requireNode("R10"), fig2.requireNode("R11")).get(0);
        assertEquals("R10:Int8", shared.a().qualifiedName());
        assertEquals(800_000, shared.forward().reservableBps());
        RoutingTable routes = RoutingTable.initial(fig2);
        assertEquals(names("H1", "R1", "R2", "R10", "R11", "R3", "R4", "H4"),
            routes.path(fig2.requireNode("H1"), fig2.requireNode("H4")).stream().map(Node::name).toList());
        assertEquals(names("H5", "R5", "R6", "R10", "R11", "R7", "R8", "H8"),
            routes.path(fig2.requireNode("H5"), fig2.requireNode("H8")).stream().map(Node::name).toList());

        Topology sp = TopologyLoader.load(examples.resolve("sp-network.yaml"));
        assertEquals(30, sp.routers().size());
        assertEquals(20, sp.hosts().size());
        RoutingTable spRoutes = RoutingTable.initial(sp);
        for (Node a : sp.hosts()) {
            for (Node b : sp.hosts()) {
                assertTrue(spRoutes.distance(a, b).isPresent(), a + " reaches " + b);
            }
        }
    }

    private static List<String> names(String... n) {
        return List.of(n);
    }

    static Path examplesDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "examples/ is found above the working directory");
        return p.resolve("examples");
    }

    // --- every error says file, line, what and how to fix

    @Test
    void anUndefinedNodeIsNamedWithTheKnownOnes() {
        assertEquals("topo.yaml line 14: link R1-R9: node 'R9' is not defined (nodes are R1..R8)",
            errors(EIGHT_ROUTERS + "  - ends: [R1, R9]\n"));
    }

    @Test
    void aMistypedNodeGetsASuggestion() {
        assertEquals("topo.yaml line 5: link core1-edge: node 'edge' is not defined (nodes are core1, edge1, lan);"
            + " did you mean 'edge1'?", errors("""
            nodes: {core1: router, edge1: router, lan: host}
            defaults: {bandwidth: 1M}
            links:
              - ends: [core1, edge1]
              - ends: [core1, edge]
            """));
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        String m = errors("nodes:\n  R1: router\n   R2: router\nlinks: []\n");
        assertTrue(m.startsWith("topo.yaml line 3: YAML syntax: "), m);
        assertTrue(m.contains("check the indentation"), m);
    }

    @Test
    void anEmptyFileSaysWhatIsNeeded() {
        assertEquals("topo.yaml: the file is empty; a topology needs 'nodes:' and 'links:'"
            + " (see docs/topology-format.md)", errors("# nothing\n"));
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertTrue(errors("- R1\n- R2\n").startsWith("topo.yaml line 1: the top level must be a mapping of keys"));
    }

    @Test
    void unknownKeysGetASuggestionAndTheKnownKeys() {
        String m = errors(EIGHT_ROUTERS.replace("  - ends: [R1, R2]", "  - ends: [R1, R2]\n    bandwith: 5M"));
        assertEquals("topo.yaml line 14: link R1-R2: unknown key 'bandwith'; did you mean 'bandwidth'? (known keys:"
            + " bandwidth, delay, ends, forward, loss, metric, mtu, name, per-flow, reverse, up)", m);
        assertTrue(errors("node:\n  R1: router\n").contains("line 1: unknown key 'node'; did you mean 'nodes'?"));
    }

    @Test
    void anotherFormatVersionIsRefused() {
        assertTrue(errors("version: 2\n" + EIGHT_ROUTERS).contains(
            "topo.yaml line 1: format version 2 is not supported; this program reads version 1"));
    }

    @Test
    void nodesAreRequiredAndMustBeAMapping() {
        assertTrue(errors("links: []\n").startsWith("topo.yaml: there is no 'nodes:' section"));
        assertTrue(errors("nodes:\n  - R1\n  - R2\n").startsWith(
            "topo.yaml line 2: nodes: 'nodes' must map each node name to its type"));
    }

    @Test
    void badNodeTypesNamesAndAddresses() {
        String m = errors("""
            nodes:
              R1: rooter
              R2: {type: switch}
              bad name: router
              R3: {type: router, addresses: [192.0.2.300]}
              R4: {type: router, colour: red}
            """);
        assertTrue(m.contains("topo.yaml line 2: node R1: type 'rooter' is not a node type; use 'router' or"
            + " 'host'; did you mean 'router'?"), m);
        assertTrue(m.contains("topo.yaml line 3: node R2: type 'switch' is not a node type; use 'router' or 'host'"),
            m);
        assertTrue(m.contains("topo.yaml line 4: node bad name: node name 'bad name' is not allowed; use letters,"
            + " digits"), m);
        assertTrue(m.contains("topo.yaml line 5: node R3: key 'addresses': '192.0.2.300' is not an IP address;"
            + " write it like 192.0.2.1 or 2001:db8::1"), m);
        assertTrue(m.contains("topo.yaml line 6: node R4: unknown key 'colour'"), m);
        assertEquals(5, m.lines().count(), "all problems at once, in line order: " + m);
    }

    @Test
    void aNodeDefinedTwiceIsReportedWithTheFirstLine() {
        assertTrue(errors("nodes:\n  R1: router\n  R2: router\n  R1: host\n").contains(
            "topo.yaml line 4: node R1: node 'R1' is defined twice (first on line 2); give each node its own name"));
    }

    @Test
    void duplicateAddressesNameTheFirstUser() {
        String m = errors("""
            nodes:
              R1: {type: router, addresses: [192.0.2.1]}
              R2: {type: router, addresses: [192.0.2.1]}
            """);
        assertEquals("topo.yaml line 3: node R2: address 192.0.2.1 is already used by node R1; every address must"
            + " be unique", m);
        String onLink = errors("""
            nodes: {R1: {type: router, addresses: [192.0.2.1]}, R2: router}
            links:
              - ends: [{node: R1, address: 10.0.0.1}, {node: R2, address: 192.0.2.1}]
                bandwidth: 1M
            """);
        assertEquals("topo.yaml line 3: link R1-R2: key 'address': address 192.0.2.1 is already used by node R1;"
            + " every address must be unique", onLink);
    }

    @Test
    void linkEndsMustBeTwoDifferentNodes() {
        assertEquals("topo.yaml line 14: link R3-R3: a link joins two different nodes, but both ends are 'R3'",
            errors(EIGHT_ROUTERS + "  - ends: [R3, R3]\n"));
        assertEquals("topo.yaml line 14: link R1-R2-R3: key 'ends' must list exactly two nodes, like 'ends: [R1, R2]'",
            errors(EIGHT_ROUTERS + "  - ends: [R1, R2, R3]\n"));
        assertEquals("topo.yaml line 14: link at line 14: a link needs its two ends, like 'ends: [R1, R2]'",
            errors(EIGHT_ROUTERS + "  - bandwidth: 1M\n"));
        assertTrue(errors(EIGHT_ROUTERS + "  - ends: [R1, {interface: x}]\n").contains(
            "a link end written as a mapping needs 'node:'"));
        assertTrue(errors(EIGHT_ROUTERS + "  - R1-R2\n").contains(
            "topo.yaml line 14: links: each link is a mapping like {ends: [R1, R2], bandwidth: 100M}"));
        assertTrue(errors(EIGHT_ROUTERS.replace("links:\n  - ends: [R1, R2]\n", "links: {a: b}\n")).contains(
            "'links' must be a list"));
    }

    @Test
    void badQuantitiesNameTheKeyAndTheFix() {
        String m = errors(EIGHT_ROUTERS + """
              - ends: [R2, R3]
                bandwidth: 100m
                delay: 5
                loss: 150%
                metric: 0
                up: maybe
            """);
        assertTrue(m.contains("topo.yaml line 15: link R2-R3: key 'bandwidth': '100m': 'm' would be milli; use M"
            + " for mega"), m);
        assertTrue(m.contains("topo.yaml line 16: link R2-R3: key 'delay': '5' has no unit; write a delay with its"
            + " unit, like 5ms, 250us, 1.5s (or 0)"), m);
        assertTrue(m.contains("topo.yaml line 17: link R2-R3: key 'loss': '150%' is more than certain loss"), m);
        assertTrue(m.contains("topo.yaml line 18: link R2-R3: key 'metric': metric 0 is out of range; use a whole"
            + " number from 1 to 16777215"), m);
        assertTrue(m.contains("topo.yaml line 19: link R2-R3: key 'up': 'maybe' is not true or false"), m);
        assertTrue(errors(EIGHT_ROUTERS + "  - {ends: [R2, R3], metric: heavy}\n").contains(
            "key 'metric': 'heavy' is not a metric"));
        assertTrue(errors(EIGHT_ROUTERS + "  - {ends: [R2, R3], delay: [5ms]}\n").contains(
            "topo.yaml line 14: link R2-R3: key 'delay' must be a single value, not a list or mapping"));
    }

    @Test
    void aLinkWithoutAnyBandwidthSaysWhereToPutOne() {
        assertEquals("topo.yaml line 3: link R1-R2: no bandwidth; add e.g. 'bandwidth: 10M' to the link, or to"
            + " 'defaults:' for every link", errors("""
            nodes: {R1: router, R2: router}
            links:
              - ends: [R1, R2]
                delay: 1ms
            """));
    }

    @Test
    void perFlowCannotExceedTheBandwidth() {
        assertEquals("topo.yaml line 5: link R1-R2: key 'per-flow': 2M is more than the bandwidth 1M; a single"
            + " reservation cannot exceed the total: lower per-flow or raise bandwidth", errors("""
            nodes: {R1: router, R2: router}
            links:
              - ends: [R1, R2]
                bandwidth: 1M
                per-flow: 2M
            """));
        assertTrue(errors("""
            nodes: {R1: router, R2: router}
            links:
              - ends: [R1, R2]
                bandwidth: 1M
                reverse: {bandwidth: 100k, per-flow: 200k}
            """).contains("topo.yaml line 5: link R1-R2: key 'per-flow': 200k is more than the bandwidth 100k"));
    }

    @Test
    void aDefaultPerFlowIsCappedByASmallerLinkBandwidth() throws TopologyException {
        Topology t = parse("""
            defaults: {bandwidth: 100M, per-flow: 10M}
            nodes: {R1: router, R2: router}
            links:
              - {ends: [R1, R2], bandwidth: 2M}
            """);
        assertEquals(2_000_000, t.links().get(0).forward().perFlowMaxBps());
    }

    @Test
    void interfaceMtusComeFromTheEndTheLinkOrTheDefaults() throws TopologyException {
        Topology t = parse("""
            defaults: {bandwidth: 100M, mtu: 9000}
            nodes: {R1: router, R2: router, R3: router, H1: host}
            links:
              - {ends: [R1, R2], mtu: 576}
              - ends: [{node: R2, mtu: 1280}, R3]
              - ends: [R3, H1]
            """);
        assertEquals(List.of(576, 576, 1280, 9000, 9000, 9000),
            t.interfaces().stream().map(Interface::mtu).toList());
        Topology plain = parse("""
            nodes: {R1: router, R2: router}
            links:
              - {ends: [R1, R2], bandwidth: 1M}
            """);
        assertEquals(Interface.DEFAULT_MTU, plain.interfaces().get(0).mtu());
        assertEquals(1500, Interface.DEFAULT_MTU);
    }

    @Test
    void aBadMtuSaysTheRange() {
        String m = errors("""
            nodes: {R1: router, R2: router}
            links:
              - {ends: [R1, R2], bandwidth: 1M, mtu: 40}
              - {ends: [{node: R1, mtu: 70000}, R2], bandwidth: 1M}
              - {ends: [R1, R2], bandwidth: 1M, mtu: big}
            """);
        assertTrue(m.contains("topo.yaml line 3: link R1-R2: key 'mtu': MTU 40 bytes is out of range; use 68 to 65535"
            + " bytes"), m);
        assertTrue(m.contains("topo.yaml line 4: link R1-R2: key 'mtu': MTU 70000 bytes is out of range"), m);
        assertTrue(m.contains("topo.yaml line 5: link R1-R2: key 'mtu': 'big' is not a size"), m);
    }

    @Test
    void duplicateKeysAndInterfaceNames() {
        assertTrue(errors(EIGHT_ROUTERS.replace("  - ends: [R1, R2]", "  - ends: [R1, R2]\n    delay: 1ms\n"
            + "    delay: 2ms")).contains("topo.yaml line 15: link R1-R2: key 'delay' appears twice (first on"
            + " line 14); keep one"));
        assertTrue(errors(EIGHT_ROUTERS + "  - ends: [{node: R1, interface: Int2}, R3]\n"
            + "  - ends: [{node: R1, interface: Int2}, R4]\n").contains("topo.yaml line 15: link R1-R4: key"
            + " 'interface': node R1 already has an interface called 'Int2' (link R1-R3); interface names are unique"
            + " per node"));
    }

    @Test
    void addressPoolErrors() {
        assertTrue(errors("addressing: {pool: 10.0.0.0}\n" + EIGHT_ROUTERS).contains(
            "topo.yaml line 1: addressing: key 'pool': '10.0.0.0' is not an IPv4 pool; write it like 10.0.0.0/16"));
        assertTrue(errors("addressing: {pool: 10.0.0.1/24}\n" + EIGHT_ROUTERS).contains(
            "has host bits set; did you mean 10.0.0.0/24?"));
        String exhausted = errors("addressing: {pool: 10.0.0.0/30}\n" + EIGHT_ROUTERS + "  - ends: [R2, R3]\n");
        assertEquals("topo.yaml line 1: the address pool 10.0.0.0/30 has no free /30 left for link R2-R3; give a"
            + " larger pool (addressing: pool: 10.0.0.0/16) or addresses on the links", exhausted);
    }

    @Test
    void mergeKeysAreRefusedWithAnAlternative() {
        assertTrue(errors("""
            nodes: {R1: router, R2: router}
            common: &c {bandwidth: 1M}
            links:
              - {<<: *c, ends: [R1, R2]}
            """).contains("topo.yaml line 4: link R1-R2: YAML merge keys ('<<') are not supported; put shared link"
            + " settings under 'defaults:'"));
    }

    @Test
    void filesThatCannotBeReadSaySo(@TempDir Path dir) throws IOException {
        TopologyException missing = assertThrows(TopologyException.class,
            () -> TopologyLoader.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().endsWith("nope.yaml: no such file; check the path (examples are in"
            + " examples/)"), missing.getMessage());
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'n', 'o', 'd', 'e', 's', ':', ' ', (byte) 0xE9, '\n'});
        TopologyException binary = assertThrows(TopologyException.class, () -> TopologyLoader.load(latin1));
        assertTrue(binary.getMessage().endsWith("latin1.yaml: is not UTF-8 text; save it as UTF-8"),
            binary.getMessage());
    }

    @Test
    void misshapenSectionsSayWhatShapeTheyNeed() {
        String m = errors("""
            addressing: 10.0.0.0/8
            defaults: [bandwidth]
            name: {first: lab}
            nodes:
              ? [R0]
              : router
              R1: [router]
              R2: {type: router, addresses: {a: 192.0.2.1}}
              R3: {type: router, addresses: [[192.0.2.1]]}
              R4: {type: router, addresses: [224.0.0.5]}
              R5: {[x]: y}
            links:
              - ends: [[R1], R2]
            """);
        assertTrue(m.contains("topo.yaml line 1: addressing: 'addressing' must be a mapping of keys (pool)"), m);
        assertTrue(m.contains("topo.yaml line 2: defaults: 'defaults' must be a mapping of keys (bandwidth, delay,"
            + " loss, metric, mtu, per-flow)"), m);
        assertTrue(m.contains("topo.yaml line 3: key 'name' must be a single value, not a list or mapping"), m);
        assertTrue(m.contains("topo.yaml line 5: nodes: a node name must be a plain name like R1"), m);
        assertTrue(m.contains("topo.yaml line 7: node R1: write the node as 'router', 'host' or a mapping"), m);
        assertTrue(m.contains("topo.yaml line 8: node R2: key 'addresses' must be a value or a list of values"), m);
        assertTrue(m.contains("topo.yaml line 9: node R3: key 'addresses' lists single values, like [192.0.2.1]"),
            m);
        assertTrue(m.contains("topo.yaml line 10: node R4: address 224.0.0.5 of node R4 is not a unicast address"),
            m);
        assertTrue(m.contains("topo.yaml line 11: node R5: keys must be plain words like 'bandwidth'"), m);
        assertTrue(m.contains("topo.yaml line 13: link at line 13: a link end is a node name like R1, or {node: R1,"
            + " interface: Int2, address: 10.0.0.1}"), m);
    }

    @Test
    void linkAndInterfaceNamesAreChecked() {
        assertTrue(errors(EIGHT_ROUTERS + "  - {ends: [R2, R3], name: R1-R2}\n").contains(
            "topo.yaml line 14: link R2-R3: key 'name': link name 'R1-R2' is already used; give each link its own"
            + " name"));
        assertTrue(errors(EIGHT_ROUTERS + "  - {ends: [R2, R3], name: 'a b'}\n").contains(
            "key 'name': link name 'a b' is not allowed; use letters, digits"));
        assertTrue(errors(EIGHT_ROUTERS + "  - {ends: [{node: R2, interface: 'Gi 0/1'}, R3]}\n").contains(
            "key 'interface': interface name 'Gi 0/1' is not allowed"));
        assertTrue(errors("defaults: {bandwidth: 1M, metric: -1}\n" + EIGHT_ROUTERS).contains(
            "topo.yaml line 1: defaults: key 'metric': metric -1 is out of range"));
    }

    @Test
    void aDirectoryIsNotATopology(@TempDir Path dir) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(dir));
        assertTrue(e.getMessage().endsWith(": is a directory; give the path of a topology file (.yaml)"),
            e.getMessage());
    }

    @Test
    void theFileNameAsGivenAppearsInMessages(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("lab.yaml");
        Files.writeString(f, "nodes: {R1: router}\nlinks:\n  - ends: [R1, R2]\n");
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(f));
        assertEquals(f + " line 3: link R1-R2: node 'R2' is not defined (nodes are R1)", e.getMessage());
    }

    @Test
    void loadsAnIpv6TopologyAndRoutesOverItsIpv6Links() throws TopologyException {
        Topology t = parse("""
            defaults: {bandwidth: 100M}
            nodes:
              R1: {type: router, addresses: [192.0.2.1, "2001:db8:ff::1"]}
              R2: router
              R3: {type: router, addresses: ["2001:db8:ff::3"]}
            links:
              - ends: [{node: R1, address: "2001:db8:12::1"}, {node: R2, address: "2001:db8:12::2"}]
              - ends: [{node: R2, address: "2001:db8:23::2"}, {node: R3, address: "2001:db8:23::3"}]
            """);
        Node r1 = t.requireNode("R1");
        assertEquals(List.of(IpAddress.of("192.0.2.1"), IpAddress.of("2001:db8:ff::1"), IpAddress.of("2001:db8:12::1")),
            t.addressesOf(r1));
        Route r = RoutingTable.initial(t).route(r1, IpAddress.of("2001:db8:ff::3")).orElseThrow();
        assertEquals(IpAddress.of("2001:db8:12::2"), r.nextHopAddress());
        assertEquals("R2", r.nextNode().name());
    }

    @Test
    void aLinkWithEndsOfTwoFamiliesIsRefused() {
        String m = errors("""
            defaults: {bandwidth: 100M}
            nodes: {R1: router, R2: router, R3: router}
            links:
              - ends: [{node: R1, address: "2001:db8:12::1"}, R2]
              - ends: [{node: R2, address: 10.0.23.2}, {node: R3, address: "2001:db8:23::3"}]
            """);
        assertTrue(m.contains("topo.yaml line 4: link R1-R2: end 1 has the IPv6 address 2001:db8:12::1 but end 2"
            + " has none: give it an IPv6 address too (the address pool gives IPv4 only)"), m);
        assertTrue(m.contains("topo.yaml line 5: link R2-R3: its ends' addresses 10.0.23.2 and 2001:db8:23::3 are"
            + " of different families; give both ends IPv4 or both IPv6 addresses"), m);
        assertEquals(2, m.lines().count(), m);
    }
}
