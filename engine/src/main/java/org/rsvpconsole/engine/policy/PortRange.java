package org.rsvpconsole.engine.policy;

/** A UDP/TCP port or an inclusive range of ports, written {@code 5060} or {@code 16384-32767}. */
public record PortRange(int low, int high) {

    public PortRange {
        if (low < 0 || high > 0xffff || low > high) {
            throw new IllegalArgumentException("port range " + low + "-" + high + " is not valid; ports are 0 to"
                + " 65535, the lower first");
        }
    }

    /** Parses {@code 5060} or {@code 16384-32767}. */
    public static PortRange parse(String text) {
        String t = text.strip();
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                int p = Integer.parseInt(t);
                return new PortRange(p, p);
            }
            return new PortRange(Integer.parseInt(t.substring(0, dash).strip()),
                Integer.parseInt(t.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port or port range; write it like 5060 or"
                + " 16384-32767");
        }
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }

    @Override
    public String toString() {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
