package org.rsvpconsole.app.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.config.YamlTree;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The daemon's management channel (docs/management.md): where it listens, its TLS identity, whom it trusts and in
 * which role. Read from the {@code management:} section of the daemon's configuration.
 *
 * @param host             the listening address (default loopback: nobody else can connect until configured)
 * @param port             the TCP port
 * @param keystore         the daemon's private key and certificate chain (PKCS#12)
 * @param keystorePassword the keystore's password (read from {@code keystore-password-file})
 * @param clientCa         CA certificates (PEM) whose client certificates are accepted; empty: tokens only
 * @param clients          certificate subject CN to role
 * @param tokens           the accepted tokens
 * @param ring             how many recent entries the daemon keeps for subscribers
 * @param maxClients       connections open at once; more are closed at once (and recorded)
 */
public record ManagementConfig(String host, int port, Path keystore, char[] keystorePassword, Optional<Path> clientCa,
                               Map<String, Role> clients, List<Token> tokens, int ring, int maxClients) {

    /** What a management client may do. */
    public enum Role {
        /** The event stream and status. */
        VIEWER,
        /** Also sender, reserve and teardown. */
        OPERATOR;

        /** The config file's word. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Role parse(String v) {
            return switch (v) {
                case "viewer" -> VIEWER;
                case "operator" -> OPERATOR;
                default -> throw new IllegalArgumentException("'" + v + "' is not a role; write 'viewer' (event"
                    + " stream and status) or 'operator' (also sender, reserve, teardown)");
            };
        }
    }

    /** A token: who holds it, its role, and its SHA-256 (the token itself is not kept). */
    public record Token(String name, Role role, byte[] sha256) {
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7046;
    /** Entries kept for subscribers when {@code ring} is not given. */
    public static final int DEFAULT_RING = 65_536;
    /** Connections at once when {@code max-clients} is not given. */
    public static final int DEFAULT_MAX_CLIENTS = 64;

    private static final Set<String> KEYS = Set.of("listen", "keystore", "keystore-password-file", "client-ca",
        "clients", "tokens", "ring", "max-clients", "description");
    private static final Set<String> CLIENT = Set.of("subject", "role", "description");
    private static final Set<String> TOKEN = Set.of("name", "role", "token", "sha256", "description");

    public ManagementConfig {
        clients = Map.copyOf(clients);
        tokens = List.copyOf(tokens);
    }

    /** The SHA-256 of a token as the daemon compares it. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The token's holder, or empty; compares every token's digest in constant time. */
    Optional<Token> token(String given) {
        byte[] h = sha256(given);
        Token found = null;
        for (Token t : tokens) {
            if (MessageDigest.isEqual(t.sha256(), h)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Reads the {@code management:} section; problems go to {@code yaml} with their lines. Relative paths are
     * relative to {@code base}, the configuration file's directory.
     */
    static Optional<ManagementConfig> read(YamlTree yaml, Node n, Path base) {
        YamlTree.Section s = yaml.section(n, "management", KEYS, "'management'");
        if (s == null) {
            return Optional.empty();
        }
        s.scalar("description");
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Optional<String> listen = s.scalar("listen");
        if (listen.isPresent()) {
            Optional<String[]> hp = hostPort(listen.get());
            if (hp.isEmpty()) {
                yaml.problem(s.line("listen"), "management", "key 'listen': '" + listen.get() + "' is not ADDRESS:PORT;"
                    + " write e.g. 'listen: 127.0.0.1:" + DEFAULT_PORT + "' or '[::1]:" + DEFAULT_PORT + "'");
            } else {
                host = hp.get()[0];
                port = Integer.parseInt(hp.get()[1]);
            }
        }
        Optional<Path> keystore = file(yaml, s, "keystore", base, true, "keystore: /etc/rsvp-console/daemon.p12");
        Optional<Path> pwFile = file(yaml, s, "keystore-password-file", base, true,
            "keystore-password-file: /etc/rsvp-console/daemon.p12.pass");
        char[] password = new char[0];
        if (pwFile.isPresent()) {
            try {
                password = Files.readString(pwFile.get()).strip().toCharArray();
            } catch (java.io.IOException e) {
                yaml.problem(s.line("keystore-password-file"), "management", "key 'keystore-password-file': cannot"
                    + " read " + pwFile.get() + ": " + e.getMessage());
            }
        }
        Optional<Path> ca = file(yaml, s, "client-ca", base, false, "");
        Map<String, Role> clients = new LinkedHashMap<>();
        for (Node item : items(yaml, s, "clients", "clients:\n  - subject: console-1\n    role: operator")) {
            YamlTree.Section c = yaml.section(item, "client at line " + YamlTree.lineOf(item), CLIENT, "each client");
            if (c == null) {
                continue;
            }
            c.scalar("description");
            Optional<String> subject = c.require("subject", v -> v, "subject: console-1");
            Optional<Role> role = c.require("role", Role::parse, "role: viewer");
            if (subject.isPresent() && role.isPresent() && clients.put(subject.get(), role.get()) != null) {
                yaml.problem(c.line("subject"), c.context(), "subject '" + subject.get() + "' is listed twice");
            }
        }
        if (s.has("clients") && !s.has("client-ca")) {
            yaml.problem(s.line("clients"), "management", "'clients' maps certificate subjects to roles, but no"
                + " 'client-ca' says which CA signs them; add 'client-ca: /etc/rsvp-console/clients-ca.pem'");
        }
        List<Token> tokens = new ArrayList<>();
        for (Node item : items(yaml, s, "tokens", "tokens:\n  - name: alice\n    role: operator\n    sha256: ...")) {
            YamlTree.Section t = yaml.section(item, "token at line " + YamlTree.lineOf(item), TOKEN, "each token");
            if (t == null) {
                continue;
            }
            t.scalar("description");
            Optional<String> name = t.require("name", v -> v, "name: alice");
            Optional<Role> role = t.require("role", Role::parse, "role: viewer");
            Optional<String> plain = t.scalar("token");
            Optional<byte[]> hash = t.parse("sha256", v -> {
                if (!v.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException("a SHA-256 is 64 hex digits (sha256sum prints it)");
                }
                return HexFormat.of().parseHex(v);
            });
            if (plain.isPresent() == t.has("sha256")) {
                yaml.problem(t.line(), t.context(), "give the token either as 'sha256: <64 hex digits>' (printf %s"
                    + " TOKEN | sha256sum) or as 'token: TEXT', one of them");
                continue;
            }
            if (plain.isPresent() && plain.get().length() < 16) {
                yaml.problem(t.line("token"), t.context(), "key 'token': a token needs at least 16 characters");
                continue;
            }
            if (name.isPresent() && role.isPresent() && (plain.isPresent() || hash.isPresent())) {
                tokens.add(new Token(name.get(), role.get(), plain.map(ManagementConfig::sha256).orElseGet(hash::get)));
            }
        }
        int ring = s.parse("ring", v -> (int) YamlTree.parseLong(v, "ring", 1_000, 10_000_000)).orElse(DEFAULT_RING);
        int maxClients = s.parse("max-clients", v -> (int) YamlTree.parseLong(v, "max-clients", 1, 10_000))
            .orElse(DEFAULT_MAX_CLIENTS);
        if (keystore.isEmpty() || pwFile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ManagementConfig(host, port, keystore.get(), password, ca, clients, tokens, ring,
            maxClients));
    }

    private static List<Node> items(YamlTree yaml, YamlTree.Section s, String key, String example) {
        Optional<Node> list = s.get(key);
        if (list.isEmpty() || YamlTree.isNull(list.get())) {
            return List.of();
        }
        if (!(list.get() instanceof SequenceNode seq)) {
            yaml.problem(s.line(key), "management", "'" + key + "' must be a list, like\n" + example);
            return List.of();
        }
        return seq.getValue();
    }

    private static Optional<Path> file(YamlTree yaml, YamlTree.Section s, String key, Path base, boolean required,
                                       String example) {
        Optional<String> v = required ? s.require(key, x -> x, example) : s.scalar(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = base.resolve(v.get());
        if (!Files.isReadable(p)) {
            yaml.problem(s.line(key), "management", "key '" + key + "': " + p + (Files.exists(p) ? " cannot be read"
                : " does not exist"));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** ADDRESS:PORT with IPv6 in brackets; empty when it is not that. */
    public static Optional<String[]> hostPort(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new String[] {host, port});
    }
}
