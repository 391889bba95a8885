package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;

/** The SESSION class (Class-Num 1): what a reservation is for. One record per layout family. */
public sealed interface Session extends RsvpObject permits
    IpSession,
    LspTunnelSession,
    AggregateSession {

    /** The session's destination (the receiver, the tunnel end point, or the deaggregator). */
    IpAddress destination();

    @Override
    default int classNum() {
        return ObjectClass.SESSION;
    }
}
