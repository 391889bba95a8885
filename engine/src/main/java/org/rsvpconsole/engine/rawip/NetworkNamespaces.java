package org.rsvpconsole.engine.rawip;

/**
 * Moves the calling platform thread into a named network namespace ({@code ip netns add NAME}), so sockets it
 * creates live there. Per thread on Linux: one JVM can run a node per namespace, each on its own
 * {@link org.rsvpconsole.engine.time.RealTimeScheduler} thread (used by the namespace tests and the demo).
 */
public final class NetworkNamespaces {

    private NetworkNamespaces() {
    }

    /** Enters {@code /run/netns/NAME}; needs CAP_SYS_ADMIN. */
    public static void enter(String name) throws RawIpException {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new RawIpException("'" + name + "' is not a network namespace name", false);
        }
        try {
            Libc.enterNetworkNamespace("/run/netns/" + name);
        } catch (Libc.NativeException e) {
            throw new RawIpException("cannot enter network namespace " + name + ": " + e.getMessage(), false);
        }
    }
}
