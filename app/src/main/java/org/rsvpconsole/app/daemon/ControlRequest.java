package org.rsvpconsole.app.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.topology.LinkUnits;

/**
 * One request on the control socket: one line, the command then {@code key=value} fields, tab separated (values
 * hold no tabs or newlines). The command line checks its options before sending; the daemon checks again,
 * because anyone with access to the socket may write to it.
 */
record ControlRequest(String command, Map<String, String> fields) {

    /** A request the daemon refuses, with the reason for the user. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static ControlRequest of(String command, Map<String, String> fields) {
        return new ControlRequest(command, new LinkedHashMap<>(fields));
    }

    String line() {
        StringBuilder b = new StringBuilder(command);
        fields.forEach((k, v) -> b.append('\t').append(k).append('=').append(v.replace('\t', ' ')
            .replace('\n', ' ')));
        return b.append('\n').toString();
    }

    static ControlRequest parse(String line) {
        String[] parts = line.strip().split("\t");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new Refused("empty request");
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new Refused("malformed field '" + parts[i] + "'");
            }
            f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new ControlRequest(parts[0], f);
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    boolean flag(String key) {
        return "true".equals(fields.get(key));
    }

    String text(String key, String otherwise) {
        return fields.getOrDefault(key, otherwise);
    }

    private String required(String key) {
        String v = fields.get(key);
        if (v == null || v.isEmpty()) {
            throw new Refused("'" + key + "' is missing");
        }
        return v;
    }

    static IpAddress address(String text) {
        Optional<? extends IpAddress> a = text.contains(":") ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
        return a.orElseThrow(() -> new Refused("'" + text + "' is not an IP address"));
    }

    SessionId session() {
        IpAddress dest = address(required("dest"));
        int port = integer("port", -1, 0, 65535);
        if (port < 0) {
            throw new Refused("'port' is missing");
        }
        int proto = switch (text("proto", "udp")) {
            case "udp" -> SessionId.UDP;
            case "tcp" -> 6;
            default -> throw new Refused("protocol '" + text("proto", "") + "' is not udp or tcp");
        };
        return new SessionId(dest, proto, port);
    }

    int integer(String key, int otherwise, int min, int max) {
        String v = fields.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new Refused("'" + key + "' must be from " + min + " to " + max + ": " + v);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new Refused("'" + key + "' is not a whole number: " + v);
        }
    }

    long bits(String key) {
        try {
            return LinkUnits.parseBitsPerSecond(required(key));
        } catch (IllegalArgumentException e) {
            throw new Refused("'" + key + "': " + e.getMessage());
        }
    }

    long bytes(String key) {
        try {
            return LinkUnits.parseBytes(required(key));
        } catch (IllegalArgumentException e) {
            throw new Refused("'" + key + "': " + e.getMessage());
        }
    }

    ReservationStyle style() {
        String s = text("style", "FF");
        for (ReservationStyle r : List.of(ReservationStyle.values())) {
            if (r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new Refused("style '" + s + "' is not FF, WF or SE");
    }

    /** What an {@code lsp} request is about, for the record of operator actions. */
    String lspTarget() {
        return "tunnel " + text("tunnel", "?") + " to " + text("to", "?");
    }

    /**
     * The {@code lsp} request's explicit route: hops separated by commas, each ADDR or ASnumber (strict) or
     * ADDR/loose, ASnumber/loose (RFC 3209 §4.3.3, the L bit; §4.3.3.4 AS subobjects); empty without a
     * {@code route} field.
     */
    List<ExplicitHop> explicitRoute() {
        String s = fields.get("route");
        List<ExplicitHop> hops = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return hops;
        }
        for (String h : s.split(",", -1)) {
            String t = h.strip();
            boolean loose = false;
            int slash = t.indexOf('/');
            if (slash >= 0) {
                String kind = t.substring(slash + 1);
                if (kind.equals("loose")) {
                    loose = true;
                } else if (!kind.equals("strict")) {
                    throw new Refused("route hop '" + t + "': write ADDR (or AS65001) for a strict hop or ADDR/loose"
                        + " for a loose one");
                }
                t = t.substring(0, slash);
            }
            if (t.isEmpty()) {
                throw new Refused("route '" + s + "' has an empty hop: give HOP[,HOP...], a hop ADDR or ADDR/loose");
            }
            if (t.regionMatches(true, 0, "AS", 0, 2)) {
                try {
                    hops.add(ExplicitHop.as(org.rsvpconsole.engine.topology.TopologyBuilder.parseAsNumber(t), loose));
                } catch (IllegalArgumentException e) {
                    throw new Refused("route hop '" + t + "': " + e.getMessage());
                }
                continue;
            }
            IpAddress a = address(t);
            hops.add(loose ? ExplicitHop.loose(a) : ExplicitHop.strict(a));
        }
        return hops;
    }

    /** A --sender filter; port -1 means any port of that address. */
    record SenderFilter(IpAddress address, int port) {
    }

    /** The --sender filter: ADDR or ADDR:PORT (port -1 when not given); IPv6 as [ADDR]:PORT. */
    Optional<SenderFilter> sender() {
        String s = fields.get("sender");
        if (s == null) {
            return Optional.empty();
        }
        String addr = s;
        int port = -1;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[") && s.contains("]")) {
            addr = s.substring(1, s.indexOf(']'));
            if (s.indexOf(']') + 1 < s.length() && s.charAt(s.indexOf(']') + 1) == ':') {
                port = parsePort(s.substring(s.indexOf(']') + 2));
            }
        } else if (colon > 0 && s.indexOf(':') == colon) {
            addr = s.substring(0, colon);
            port = parsePort(s.substring(colon + 1));
        }
        return Optional.of(new SenderFilter(address(addr), port));
    }

    private static int parsePort(String p) {
        try {
            int v = Integer.parseInt(p);
            if (v >= 0 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Refused("sender port '" + p + "' is not a port number (0 to 65535)");
    }
}
