package org.rsvpconsole.app.attach;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.app.daemon.ManagementConfig;

/** Where a daemon's management channel listens: an address or host name and a port. */
public record DaemonEndpoint(String host, int port) {

    /**
     * {@code HOST:PORT} ({@code [v6]:PORT} for IPv6).
     *
     * @throws IllegalArgumentException with what to write instead
     */
    public static DaemonEndpoint parse(String text) {
        String[] hp = ManagementConfig.hostPort(text.strip()).orElseThrow(() -> new IllegalArgumentException("'"
            + text + "' is not HOST:PORT; write e.g. 192.0.2.1:" + ManagementConfig.DEFAULT_PORT + " or [2001:db8::1]:"
            + ManagementConfig.DEFAULT_PORT));
        return new DaemonEndpoint(hp[0], Integer.parseInt(hp[1]));
    }

    /** A comma-separated list of endpoints. */
    public static List<DaemonEndpoint> parseList(String text) {
        List<DaemonEndpoint> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no daemon given; write HOST:PORT[,HOST:PORT...]");
        }
        return out;
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
