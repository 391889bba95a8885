package org.rsvpconsole.engine.topology;

import static org.rsvpconsole.engine.config.YamlTree.lineOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.config.YamlTree;
import org.rsvpconsole.engine.config.YamlTree.Section;
import org.rsvpconsole.engine.topology.NeighbourSettings.Algorithm;
import org.rsvpconsole.engine.topology.NeighbourSettings.Hello;
import org.rsvpconsole.engine.topology.NeighbourSettings.Key;
import org.rsvpconsole.engine.topology.NeighbourSettings.RefreshReduction;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code neighbours:} sections of a topology file (the network-wide one and each node's), in two steps:
 * {@link #parse} checks every value while the file is read, {@link #resolve} names the neighbours' and interfaces'
 * addresses once the topology is built. Key material is never put into a message. A daemon's configuration has the
 * same section and is read here too ({@link #readDaemon}): without a topology, a key's neighbour is an address.
 */
public final class NeighbourSettingsReader {

    private static final Set<String> KEYS = Set.of("refresh-reduction", "integrity", "hello");
    private static final Set<String> RR_KEYS = Set.of("enabled", "rf", "rl", "summary-hold", "bundling");
    private static final Set<String> INTEGRITY_KEYS = Set.of("keys", "handshake");
    private static final Set<String> KEY_KEYS = Set.of("id", "algorithm", "key", "key-file", "neighbour",
        "interface", "valid-from", "valid-until");
    private static final Set<String> HELLO_KEYS = Set.of("enabled", "interval", "dead-intervals");
    private static final Map<String, Long> VALIDITY_UNITS = Map.of("ms", 1_000_000L, "s", 1_000_000_000L,
        "min", 60_000_000_000L, "h", 3_600_000_000_000L, "d", 86_400_000_000_000L);
    private static final String VALIDITY_HINT = "write a time from the start like 0, 90s, 10min, 2h or 30d";

    /** One key as written: what it names is resolved once the topology exists. */
    private record KeySpec(int line, String context, String neighbour, String iface, long keyId, Algorithm algorithm,
                           byte[] secret, long validFromNanos, long validUntilNanos) {
    }

    /** One section as written: a null part was not said there. */
    record Parsed(RefreshReduction refreshReduction, List<KeySpec> keys, Boolean handshake, Hello hello) {
        static final Parsed NOTHING = new Parsed(null, null, null, null);
    }

    private final YamlTree yaml;
    private final Path baseDir;
    /** A daemon's section: neighbours are addresses, there is no topology to name interfaces' neighbours. */
    private final boolean daemon;

    /** @param baseDir where relative {@code key-file} paths start (the topology file's directory) */
    NeighbourSettingsReader(YamlTree yaml, Path baseDir) {
        this(yaml, baseDir, false);
    }

    private NeighbourSettingsReader(YamlTree yaml, Path baseDir, boolean daemon) {
        this.yaml = yaml;
        this.baseDir = baseDir;
        this.daemon = daemon;
    }

    /**
     * A daemon configuration's {@code neighbours:} section (docs/daemon.md): the same keys as a topology file's,
     * but a key's {@code neighbour} is the neighbour's IP address, and {@code interface} is refused (a daemon does
     * not know its neighbours before they speak). Problems go to {@code yaml}; the result is only used when there
     * are none.
     *
     * @param baseDir where relative {@code key-file} paths start (the configuration file's directory), null for the
     *                working directory
     */
    public static NeighbourSettings readDaemon(YamlTree yaml, Node n, Path baseDir) {
        NeighbourSettingsReader r = new NeighbourSettingsReader(yaml, baseDir, true);
        Parsed p = r.parse(n, "neighbours", null);
        List<Key> keys = new ArrayList<>();
        for (KeySpec k : p.keys() == null ? List.<KeySpec>of() : p.keys()) {
            List<IpAddress> who = List.of();
            if (k.neighbour() != null) {
                Optional<IpAddress> a = IpAddress.parse(k.neighbour().strip());
                if (a.isEmpty()) {
                    yaml.problem(k.line(), k.context(), "key 'neighbour': '" + k.neighbour() + "' is not an IP"
                        + " address; a daemon names a neighbour by its address on the shared link, like 'neighbour:"
                        + " 10.0.1.2'");
                    continue;
                }
                who = List.of(a.get());
            }
            keys.add(new Key(who, k.keyId(), k.algorithm(), k.secret(), k.validFromNanos(), k.validUntilNanos()));
        }
        if (!keys.isEmpty() && keys.stream().noneMatch(k -> k.neighbours().isEmpty())) {
            // Path and PathTear go toward the destination with Router Alert: the next hop is not known when they
            // are signed, so only a key for every neighbour can sign them (decision 0020).
            yaml.problem(p.keys().get(0).line(), "neighbours", "every key names a neighbour, but a daemon signs"
                + " Path and PathTear before it knows the next hop; add a key for every neighbour (one without"
                + " 'neighbour:'), keys for single neighbours may stay beside it");
        }
        return new NeighbourSettings(p.refreshReduction() != null ? p.refreshReduction() : RefreshReduction.OFF,
            new NeighbourSettings.Integrity(keys, p.handshake() != null && p.handshake()),
            p.hello() != null ? p.hello() : Hello.OFF);
    }

    /** Checks a {@code neighbours:} mapping; {@code node} is null for the network-wide section. */
    Parsed parse(Node n, String context, String node) {
        Section s = yaml.section(n, context, KEYS, "'neighbours'");
        if (s == null) {
            return Parsed.NOTHING;
        }
        RefreshReduction rr = s.get("refresh-reduction").map(v -> refreshReduction(v, context)).orElse(null);
        Hello hello = s.get("hello").map(v -> hello(v, context)).orElse(null);
        List<KeySpec> keys = null;
        Boolean handshake = null;
        Optional<Node> integrity = s.get("integrity");
        if (integrity.isPresent()) {
            Node v = integrity.get();
            if (v instanceof ScalarNode sc) {
                Optional<Boolean> on = onOff(sc, context, "integrity");
                if (on.isPresent() && on.get()) {
                    yaml.problem(lineOf(sc), context, "key 'integrity': 'on' needs its keys; write them, like\n"
                        + "  integrity:\n    keys:\n      - {id: 1, algorithm: hmac-sha256, key-file: keys/r1.key}");
                }
                keys = List.of();
                handshake = false;
            } else {
                Section is = yaml.section(v, context, INTEGRITY_KEYS, "'integrity'");
                if (is != null) {
                    handshake = is.parse("handshake", YamlTree::parseBoolean).orElse(false);
                    keys = keys(is, context, node);
                }
            }
        }
        return new Parsed(rr, keys, handshake, hello);
    }

    private Optional<Boolean> onOff(ScalarNode sc, String context, String key) {
        String v = sc.getValue().strip().toLowerCase(Locale.ROOT);
        if (v.equals("on")) {
            return Optional.of(true);
        }
        if (v.equals("off")) {
            return Optional.of(false);
        }
        try {
            return Optional.of(YamlTree.parseBoolean(v));
        } catch (IllegalArgumentException e) {
            yaml.problem(lineOf(sc), context, "key '" + key + "': '" + sc.getValue() + "' is not on or off; write"
                + " on, off, or a mapping of its settings (see docs/topology-format.md)");
            return Optional.empty();
        }
    }

    private RefreshReduction refreshReduction(Node v, String context) {
        if (v instanceof ScalarNode sc) {
            return onOff(sc, context, "refresh-reduction").map(on -> on ? RefreshReduction.ON : RefreshReduction.OFF)
                .orElse(null);
        }
        Section s = yaml.section(v, context, RR_KEYS, "'refresh-reduction'");
        if (s == null) {
            return null;
        }
        boolean enabled = s.parse("enabled", YamlTree::parseBoolean).orElse(true);
        Long rf = s.parse("rf", x -> atLeast(LinkUnits.parseNanos(x), 1_000_000L, "Rf", "1ms")).orElse(null);
        Integer rl = s.parse("rl", x -> (int) YamlTree.parseLong(x, "Rl (retransmissions)", 0, 16)).orElse(null);
        Long hold = s.parse("summary-hold", LinkUnits::parseNanos).orElse(null);
        Boolean bundling = s.parse("bundling", YamlTree::parseBoolean).orElse(null);
        return new RefreshReduction(enabled, rf, rl, hold, bundling);
    }

    private Hello hello(Node v, String context) {
        if (v instanceof ScalarNode sc) {
            return onOff(sc, context, "hello").map(on -> new Hello(on, null, null)).orElse(null);
        }
        Section s = yaml.section(v, context, HELLO_KEYS, "'hello'");
        if (s == null) {
            return null;
        }
        boolean enabled = s.parse("enabled", YamlTree::parseBoolean).orElse(true);
        Long interval = s.parse("interval", x -> atLeast(LinkUnits.parseNanos(x), 1_000L, "the Hello interval",
            "1us")).orElse(null);
        Double dead = s.parse("dead-intervals", NeighbourSettingsReader::deadIntervals).orElse(null);
        return new Hello(enabled, interval, dead);
    }

    private static long atLeast(long nanos, long min, String what, String minText) {
        if (nanos < min) {
            throw new IllegalArgumentException(what + " must be at least " + minText);
        }
        return nanos;
    }

    private static double deadIntervals(String text) {
        double d;
        try {
            d = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number; write how many Hello intervals"
                + " without a Hello declare the neighbour dead, like 3.5 (RFC 3209 §5.3)");
        }
        if (!(d >= 1 && d <= 1000)) {
            throw new IllegalArgumentException(text.strip() + " is out of range; use 1 to 1000 intervals");
        }
        return d;
    }

    private List<KeySpec> keys(Section is, String context, String node) {
        Optional<Node> k = is.get("keys");
        if (k.isEmpty() || YamlTree.isNull(k.get())) {
            yaml.problem(is.line(), context, "'integrity' needs 'keys:', a list like\n  keys:\n"
                + "    - {id: 1, algorithm: hmac-sha256, key-file: keys/r1.key}");
            return List.of();
        }
        if (!(k.get() instanceof SequenceNode seq)) {
            yaml.problem(is.line("keys"), context, "key 'keys' must be a list, one '- {id: 1, key-file: ...}' item"
                + " per key");
            return List.of();
        }
        List<KeySpec> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Node item : seq.getValue()) {
            KeySpec spec = key(item, context, node);
            if (spec == null) {
                continue;
            }
            String who = spec.keyId() + "|" + spec.neighbour() + "|" + spec.iface();
            Integer first = seen.putIfAbsent(who, spec.line());
            if (first != null) {
                yaml.problem(spec.line(), context, "key id " + spec.keyId() + " is given twice for the same"
                    + " neighbours (first on line " + first + "); give each key its own id");
                continue;
            }
            out.add(spec);
        }
        return out;
    }

    private KeySpec key(Node item, String context, String node) {
        Section s = yaml.section(item, context, KEY_KEYS, "an integrity key");
        if (s == null) {
            return null;
        }
        int problemsBefore = yaml.problems().size();
        Optional<Long> id = s.require("id", x -> keyId(x), "id: 1");
        Algorithm algorithm = s.parse("algorithm", NeighbourSettingsReader::algorithm).orElse(Algorithm.HMAC_SHA_256);
        byte[] secret = null;
        if (s.has("key") && s.has("key-file")) {
            yaml.problem(s.line("key-file"), context, "an integrity key has either 'key' or 'key-file', not both");
        } else if (s.has("key")) {
            // Never echo the value: it is the secret.
            secret = s.parse("key", x -> hex(x)).orElse(null);
        } else if (s.has("key-file")) {
            secret = s.parse("key-file", this::keyFile).orElse(null);
        } else {
            yaml.problem(s.line(), context, "an integrity key needs its secret: 'key-file: keys/r1.key' (a file"
                + " holding the key in hexadecimal) or 'key: 0x...' (hexadecimal)");
        }
        Optional<String> neighbour = s.scalar("neighbour");
        Optional<String> iface = s.scalar("interface");
        if (neighbour.isPresent() && iface.isPresent()) {
            yaml.problem(s.line("interface"), context, "a key names either its 'neighbour' or its 'interface', not"
                + " both");
        }
        if (iface.isPresent() && daemon) {
            yaml.problem(s.line("interface"), context, "a daemon does not know which neighbour is on an interface"
                + " before it speaks; name the neighbour's address ('neighbour: 10.0.1.2') or leave both out for a"
                + " key shared with every neighbour");
        } else if (iface.isPresent() && node == null) {
            yaml.problem(s.line("interface"), context, "'interface' names one node's interface; put this key"
                + " under that node's own 'neighbours:'");
        }
        long from = s.parse("valid-from", NeighbourSettingsReader::validity).orElse(Long.MIN_VALUE);
        long until = s.parse("valid-until", NeighbourSettingsReader::validity).orElse(Long.MAX_VALUE);
        if (from >= until && s.has("valid-until")) {
            yaml.problem(s.line("valid-until"), context, "key 'valid-until' is not after 'valid-from'; a key must be"
                + " valid for some time");
        }
        if (yaml.problems().size() > problemsBefore || id.isEmpty() || secret == null) {
            return null;
        }
        return new KeySpec(s.line(), context, neighbour.orElse(null), iface.orElse(null), id.get(), algorithm,
            secret, from, until);
    }

    private static long keyId(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            try {
                long v = Long.parseUnsignedLong(t.substring(2), 16);
                if (v >= 0 && v <= 0xffff_ffff_ffffL) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' is not a 48-bit key id; write a number from 0 to"
                + " 281474976710655 or hexadecimal like 0x1a (RFC 2747 §3.1)");
        }
        return YamlTree.parseLong(t, "a key id", 0, 0xffff_ffff_ffffL);
    }

    private static Algorithm algorithm(String text) {
        for (Algorithm a : Algorithm.values()) {
            if (a.keyword().equalsIgnoreCase(text.strip())) {
                return a;
            }
        }
        List<String> known = java.util.Arrays.stream(Algorithm.values()).map(Algorithm::keyword).toList();
        throw new IllegalArgumentException("'" + text + "' is not an algorithm; use hmac-sha256 or hmac-md5"
            + Names.didYouMean(text, known));
    }

    private static long validity(String text) {
        return LinkUnits.parseDuration(text, VALIDITY_UNITS, 3650L * 86_400_000_000_000L, "ten years", "time",
            VALIDITY_HINT);
    }

    /** Hexadecimal key material; the message never contains it. */
    private static byte[] hex(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replaceAll("[\\s:]", "");
        if (t.isEmpty() || t.length() % 2 != 0 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not an even number of"
                + " hexadecimal digits (the value is not shown: it is a secret); make one with 'openssl rand -hex"
                + " 32'");
        }
        return HexFormat.of().parseHex(t);
    }

    private byte[] keyFile(String text) {
        Path p = baseDir == null ? Path.of(text.strip()) : baseDir.resolve(text.strip());
        byte[] raw;
        try {
            raw = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file " + p + "; relative paths start at the "
                + (daemon ? "configuration" : "topology") + " file's directory");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("permission denied reading " + p + "; check who may read the file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return hex(new String(raw, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + " does not hold a key: " + e.getMessage());
        }
    }

    /**
     * Every node's settings: its own parts over the network-wide ones, keys resolved to addresses. Problems go to
     * the tree; the result is only used when there are none.
     */
    Map<String, NeighbourSettings> resolve(Topology t, Parsed network, Map<String, Parsed> nodes) {
        Map<String, NeighbourSettings> out = new LinkedHashMap<>();
        for (org.rsvpconsole.engine.topology.Node n : t.nodes()) {
            Parsed own = nodes.getOrDefault(n.name(), Parsed.NOTHING);
            RefreshReduction rr = own.refreshReduction() != null ? own.refreshReduction()
                : network.refreshReduction() != null ? network.refreshReduction() : RefreshReduction.OFF;
            Hello hello = own.hello() != null ? own.hello() : network.hello() != null ? network.hello() : Hello.OFF;
            Parsed keysFrom = own.keys() != null ? own : network;
            List<Key> keys = new ArrayList<>();
            for (KeySpec k : keysFrom.keys() == null ? List.<KeySpec>of() : keysFrom.keys()) {
                List<IpAddress> who = neighbours(t, n, k);
                if (who != null) {
                    keys.add(new Key(who, k.keyId(), k.algorithm(), k.secret(), k.validFromNanos(),
                        k.validUntilNanos()));
                }
            }
            NeighbourSettings s = new NeighbourSettings(rr, new NeighbourSettings.Integrity(keys,
                keysFrom.handshake() != null && keysFrom.handshake()), hello);
            if (s.active()) {
                out.put(n.name(), s);
            }
        }
        return out;
    }

    /** The addresses a key is shared with: empty for every neighbour; null after reporting a problem. */
    private List<IpAddress> neighbours(Topology t, org.rsvpconsole.engine.topology.Node at, KeySpec k) {
        if (k.neighbour() != null) {
            Optional<org.rsvpconsole.engine.topology.Node> peer = t.node(k.neighbour());
            if (peer.isEmpty()) {
                yaml.problem(k.line(), k.context(), "key 'neighbour': node '" + k.neighbour() + "' is not defined"
                    + Names.didYouMean(k.neighbour(), t.nodes().stream().map(x -> x.name()).toList()));
                return null;
            }
            return t.addressesOf(peer.get());
        }
        if (k.iface() != null) {
            Optional<Interface> i = t.interfaceOf(at, k.iface());
            if (i.isEmpty()) {
                yaml.problem(k.line(), k.context(), "key 'interface': " + at.name() + " has no interface '"
                    + k.iface() + "' (its interfaces are " + Names.summarize(t.interfacesOf(at).stream()
                    .map(Interface::name).toList()) + ")");
                return null;
            }
            // The neighbour on that interface is the node at the other end of its link, known by that address.
            return List.of(t.neighbour(i.get()).address());
        }
        return List.of();
    }
}
