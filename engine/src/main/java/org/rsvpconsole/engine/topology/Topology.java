package org.rsvpconsole.engine.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.config.Names;

/**
 * The virtual network as drawn: routers and hosts, their interfaces and addresses, and the links between them.
 * Immutable; the live state (links up or down, routes, datagrams in flight) belongs to the virtual network that
 * runs it. Build one with {@link #builder()} or load a file with {@link TopologyLoader}.
 */
public final class Topology {

    private final String name;
    private final String description;
    private final List<Node> nodes;
    private final List<Link> links;
    private final List<Interface> interfaces;
    private final List<List<Interface>> interfacesByNode;
    private final Map<String, Node> nodesByName;
    private final Map<String, Link> linksByName;
    private final Map<IpAddress, Node> ownerByAddress;
    private final Map<IpAddress, Interface> interfaceByAddress;
    private final Map<String, NeighbourSettings> neighbourSettings;
    private final Map<String, SoftStateSettings> softStateSettings;

    Topology(String name, String description, List<Node> nodes, List<Link> links, List<Interface> interfaces) {
        this(name, description, nodes, links, interfaces, Map.of(), Map.of());
    }

    private Topology(String name, String description, List<Node> nodes, List<Link> links, List<Interface> interfaces,
                     Map<String, NeighbourSettings> neighbourSettings, Map<String, SoftStateSettings> softState) {
        this.neighbourSettings = Map.copyOf(neighbourSettings);
        this.softStateSettings = Map.copyOf(softState);
        this.name = name;
        this.description = description;
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
        this.interfaces = List.copyOf(interfaces);
        Map<String, Node> byName = new LinkedHashMap<>();
        Map<IpAddress, Node> owners = new HashMap<>();
        List<List<Interface>> perNode = new ArrayList<>();
        for (Node n : this.nodes) {
            if (n.index() != perNode.size()) {
                throw new IllegalArgumentException("node indexes must be dense: " + n);
            }
            byName.put(n.name(), n);
            perNode.add(new ArrayList<>());
            n.addresses().forEach(a -> owners.put(a, n));
        }
        Map<IpAddress, Interface> byAddress = new HashMap<>();
        for (Interface i : this.interfaces) {
            perNode.get(i.node().index()).add(i);
            byAddress.put(i.address(), i);
            owners.put(i.address(), i.node());
        }
        Map<String, Link> linkNames = new LinkedHashMap<>();
        for (Link l : this.links) {
            linkNames.put(l.name(), l);
        }
        List<List<Interface>> frozen = new ArrayList<>();
        perNode.forEach(l -> frozen.add(List.copyOf(l)));
        this.interfacesByNode = List.copyOf(frozen);
        this.nodesByName = Collections.unmodifiableMap(byName);
        this.linksByName = Collections.unmodifiableMap(linkNames);
        this.ownerByAddress = Collections.unmodifiableMap(owners);
        this.interfaceByAddress = Collections.unmodifiableMap(byAddress);
    }

    public static TopologyBuilder builder() {
        return new TopologyBuilder();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** All nodes in file order; {@code nodes().get(n.index()) == n}. */
    public List<Node> nodes() {
        return nodes;
    }

    /** All links in file order; {@code links().get(l.index()) == l}. */
    public List<Link> links() {
        return links;
    }

    /** All interfaces; {@code interfaces().get(i.index()) == i}. */
    public List<Interface> interfaces() {
        return interfaces;
    }

    public Optional<Node> node(String nodeName) {
        return Optional.ofNullable(nodesByName.get(nodeName));
    }

    /** The node called {@code nodeName}; throws naming the known nodes if there is none. */
    public Node requireNode(String nodeName) {
        Node n = nodesByName.get(nodeName);
        if (n == null) {
            throw new IllegalArgumentException("node '" + nodeName + "' is not defined (nodes are "
                + Names.summarize(nodesByName.keySet()) + ")");
        }
        return n;
    }

    /** Per-node settings name only nodes this topology has. */
    private void requireNodes(Set<String> nodeNames) {
        for (String n : nodeNames) {
            requireNode(n);
        }
    }

    public Optional<Link> link(String linkName) {
        return Optional.ofNullable(linksByName.get(linkName));
    }

    public Link link(Interface i) {
        return links.get(i.linkIndex());
    }

    /** The interface at the other end of {@code i}'s link. */
    public Interface neighbour(Interface i) {
        return link(i).other(i);
    }

    /** The interfaces of {@code n}, in the order its links were declared. */
    public List<Interface> interfacesOf(Node n) {
        return interfacesByNode.get(n.index());
    }

    /** The interface of {@code n} called {@code interfaceName}. */
    public Optional<Interface> interfaceOf(Node n, String interfaceName) {
        return interfacesOf(n).stream().filter(i -> i.name().equals(interfaceName)).findFirst();
    }

    /** The node's own addresses first, then its interface addresses. */
    public List<IpAddress> addressesOf(Node n) {
        List<IpAddress> all = new ArrayList<>(n.addresses());
        interfacesOf(n).forEach(i -> all.add(i.address()));
        return List.copyOf(all);
    }

    /** The node that has {@code address}, as an interface address or one of its own. */
    public Optional<Node> ownerOf(IpAddress address) {
        return Optional.ofNullable(ownerByAddress.get(address));
    }

    public Optional<Interface> interfaceWithAddress(IpAddress address) {
        return Optional.ofNullable(interfaceByAddress.get(address));
    }

    /** The links that join {@code x} and {@code y}, in declaration order. */
    public List<Link> linksBetween(Node x, Node y) {
        List<Link> out = new ArrayList<>();
        for (Interface i : interfacesOf(x)) {
            Link l = link(i);
            if (l.other(i).node().equals(y)) {
                out.add(l);
            }
        }
        return out;
    }

    /** What the file says {@code n} does toward its neighbours ({@link NeighbourSettings#NONE} if nothing). */
    public NeighbourSettings neighbourSettings(Node n) {
        return neighbourSettings.getOrDefault(n.name(), NeighbourSettings.NONE);
    }

    /** This topology with per-node neighbour settings (by node name; nodes not named get none). */
    public Topology withNeighbourSettings(Map<String, NeighbourSettings> settings) {
        requireNodes(settings.keySet());
        return new Topology(name, description, nodes, links, interfaces, settings, softStateSettings);
    }

    /** What the file's {@code soft-state:} sections say about {@code n} ({@link SoftStateSettings#NONE} if nothing). */
    public SoftStateSettings softStateSettings(Node n) {
        return softStateSettings.getOrDefault(n.name(), SoftStateSettings.NONE);
    }

    /** This topology with per-node soft-state settings (by node name; nodes not named get none). */
    public Topology withSoftStateSettings(Map<String, SoftStateSettings> settings) {
        requireNodes(settings.keySet());
        return new Topology(name, description, nodes, links, interfaces, neighbourSettings, settings);
    }

    public List<Node> routers() {
        return nodes.stream().filter(Node::isRouter).toList();
    }

    public List<Node> hosts() {
        return nodes.stream().filter(Node::isHost).toList();
    }

    @Override
    public String toString() {
        return "Topology[" + name + ": " + nodes.size() + " nodes, " + links.size() + " links]";
    }
}
