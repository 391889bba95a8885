package org.rsvpconsole.engine.config;

import java.util.Locale;
import java.util.Map;

/** IP protocol numbers as files write them: a name ({@code udp}, {@code tcp}, ...) or a number 0..255. */
public final class IpProtocols {

    private static final Map<String, Integer> NAMES = Map.of("icmp", 1, "tcp", 6, "udp", 17, "rsvp", 46,
        "sctp", 132, "dccp", 33);

    private IpProtocols() {
    }

    /** Parses {@code udp}, {@code TCP}, {@code 17}. */
    public static int parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Integer named = NAMES.get(t);
        if (named != null) {
            return named;
        }
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("'" + text + "' is not an IP protocol; write udp, tcp or a number 0 to"
            + " 255" + Names.didYouMean(t, NAMES.keySet()));
    }

    /** The name of a protocol number, or the number. */
    public static String name(int protocol) {
        return NAMES.entrySet().stream().filter(e -> e.getValue() == protocol).map(Map.Entry::getKey).findFirst()
            .orElse(Integer.toString(protocol));
    }
}
