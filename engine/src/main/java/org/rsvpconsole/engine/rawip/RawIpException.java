package org.rsvpconsole.engine.rawip;

/**
 * The raw-IP transport could not start or run; the message is meant for the operator and says what to do.
 * {@link #missingPrivilege()} tells the caller that CAP_NET_RAW is what is missing (the daemon exits 2 then).
 */
public final class RawIpException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What a user without CAP_NET_RAW is told, once. */
    public static final String NO_CAP_NET_RAW = "raw IP sockets for RSVP (IP protocol 46) need the CAP_NET_RAW"
        + " capability, which this process does not have. Run the daemon with CAP_NET_RAW (as root, as the"
        + " packaged systemd service does with AmbientCapabilities=CAP_NET_RAW, or through"
        + " 'setpriv --inh-caps=+net_raw --ambient-caps=+net_raw'), or use UDP encapsulation (--udp), which needs"
        + " no privilege. The console keeps working on the virtual network either way.";

    private final boolean missingPrivilege;

    public RawIpException(String message, boolean missingPrivilege) {
        super(message);
        this.missingPrivilege = missingPrivilege;
    }

    public boolean missingPrivilege() {
        return missingPrivilege;
    }

    static RawIpException of(String what, Libc.NativeException e) {
        if (e.errno() == Libc.EPERM) {
            return new RawIpException(NO_CAP_NET_RAW, true);
        }
        return new RawIpException(what + ": " + e.getMessage(), false);
    }
}
