package org.rsvpconsole.engine.codec;

/** Registers the RFC 2205 core objects (Appendix A). */
final class CoreObjects {

    private CoreObjects() {
    }

    static void register() {
        ObjectRegistry.register(ObjectClass.SESSION, IpSession.C_TYPE_IPV4, IpSession::decodeIpv4);
        ObjectRegistry.register(ObjectClass.SESSION, IpSession.C_TYPE_IPV6, IpSession::decodeIpv6);
        ObjectRegistry.register(ObjectClass.RSVP_HOP, RsvpHop.C_TYPE_IPV4, RsvpHop::decodeIpv4);
        ObjectRegistry.register(ObjectClass.RSVP_HOP, RsvpHop.C_TYPE_IPV6, RsvpHop::decodeIpv6);
        ObjectRegistry.register(ObjectClass.TIME_VALUES, TimeValues.C_TYPE, TimeValues::decode);
    }
}
