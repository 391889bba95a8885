package org.rsvpconsole.engine.node;

import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpMessage;

/** Package access for tests in other packages: the reduction arithmetic and re-wrapping a changed message. */
public final class PreemptionTestAccess {

    private PreemptionTestAccess() {
    }

    public static FlowRequest capTo(FlowRequest f, double bytesPerSecond) {
        return Preemption.capTo(f, bytesPerSecond);
    }

    /** {@code m} in an IPv4 header with the addresses, TTL and Router Alert of {@code original}. */
    public static byte[] datagram(byte[] original, RsvpMessage m) {
        IpHeader ip = IpHeader.parse(original);
        byte[] rsvp = RsvpCodec.encode(m);
        return new IpEncapsulation(ip.source(), ip.destination(), ip.ttl(), ip.routerAlert(), false)
            .wrap(rsvp, 0, rsvp.length);
    }

}
