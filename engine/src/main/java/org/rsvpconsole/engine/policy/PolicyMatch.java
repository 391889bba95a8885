package org.rsvpconsole.engine.policy;

import java.util.List;
import java.util.Optional;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.Session;

/**
 * Which traffic a policy is for: the session (destination address, destination port, protocol) and the senders
 * (source address, source port). Every criterion is a list of alternatives, and an empty list matches anything;
 * a request matches when every given criterion does.
 *
 * <p>Sessions without ports or a protocol (RSVP-TE tunnels, RFC 3175 aggregates) match only a policy that asks
 * for neither. A Resv that selects several senders matches only when all of them match the source criteria, so
 * a shared reservation is never judged by the policy of one of its senders; a wildcard (WF) Resv names no sender
 * and matches only a policy without source criteria.
 *
 * @param destinations     prefixes the session destination must be in
 * @param destinationPorts ports or ranges the session's destination port must be in
 * @param protocols        IP protocol numbers of the session
 * @param sources          prefixes every sender's address must be in
 * @param sourcePorts      ports or ranges every sender's source port must be in
 */
public record PolicyMatch(List<AddressPrefix> destinations, List<PortRange> destinationPorts, List<Integer> protocols,
                          List<AddressPrefix> sources, List<PortRange> sourcePorts) {

    /** Matches every request. */
    public static final PolicyMatch ANY = new PolicyMatch(List.of(), List.of(), List.of(), List.of(), List.of());

    public PolicyMatch {
        destinations = List.copyOf(destinations);
        destinationPorts = List.copyOf(destinationPorts);
        protocols = List.copyOf(protocols);
        sources = List.copyOf(sources);
        sourcePorts = List.copyOf(sourcePorts);
        for (int p : protocols) {
            if (p < 0 || p > 255) {
                throw new IllegalArgumentException("IP protocol " + p + " is out of range 0..255");
            }
        }
    }

    /** Whether a request for {@code session} from {@code senders} falls under this policy. */
    public boolean matches(Session session, List<SenderId> senders) {
        if (!destinations.isEmpty() && !inAny(destinations, session.destination())) {
            return false;
        }
        if (!destinationPorts.isEmpty() || !protocols.isEmpty()) {
            Optional<IpSession> ip = session instanceof IpSession s ? Optional.of(s) : Optional.empty();
            if (ip.isEmpty()) {
                return false;
            }
            if (!destinationPorts.isEmpty() && destinationPorts.stream().noneMatch(r -> r.contains(
                ip.get().destinationPort()))) {
                return false;
            }
            if (!protocols.isEmpty() && !protocols.contains(ip.get().protocolId())) {
                return false;
            }
        }
        if (sources.isEmpty() && sourcePorts.isEmpty()) {
            return true;
        }
        if (senders.isEmpty()) {
            return false;
        }
        for (SenderId s : senders) {
            if (!sources.isEmpty() && !inAny(sources, s.source())) {
                return false;
            }
            if (!sourcePorts.isEmpty()) {
                if (!(s instanceof IpSender ip) || sourcePorts.stream().noneMatch(r -> r.contains(ip.port()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inAny(List<AddressPrefix> prefixes, IpAddress a) {
        for (AddressPrefix p : prefixes) {
            if (p.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
