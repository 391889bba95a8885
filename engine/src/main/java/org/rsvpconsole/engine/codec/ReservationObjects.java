package org.rsvpconsole.engine.codec;

/**
 * Registers the objects that describe senders, reservations and errors: the rest of RFC 2205 Appendix A (ERROR_SPEC,
 * SCOPE, STYLE, FILTER_SPEC, SENDER_TEMPLATE, RESV_CONFIRM), the RFC 2210 IntServ objects (SENDER_TSPEC, FLOWSPEC,
 * ADSPEC), the SESSION and sender layouts of RFC 3209 (LSP tunnels) and RFC 3175 (aggregates), and RFC 2996 DCLASS.
 */
final class ReservationObjects {

    private ReservationObjects() {
    }

    static void register() {
        ObjectRegistry.register(ObjectClass.SESSION, LspTunnelSession.C_TYPE_IPV4, LspTunnelSession::decodeIpv4);
        ObjectRegistry.register(ObjectClass.SESSION, LspTunnelSession.C_TYPE_IPV6, LspTunnelSession::decodeIpv6);
        ObjectRegistry.register(ObjectClass.SESSION, AggregateSession.C_TYPE_IPV4, AggregateSession::decodeIpv4);
        ObjectRegistry.register(ObjectClass.SESSION, AggregateSession.C_TYPE_IPV6, AggregateSession::decodeIpv6);
        ObjectRegistry.register(ObjectClass.ERROR_SPEC, ErrorSpec.C_TYPE_IPV4, ErrorSpec::decodeIpv4);
        ObjectRegistry.register(ObjectClass.ERROR_SPEC, ErrorSpec.C_TYPE_IPV6, ErrorSpec::decodeIpv6);
        ObjectRegistry.register(ObjectClass.SCOPE, Scope.C_TYPE_IPV4, Scope::decodeIpv4);
        ObjectRegistry.register(ObjectClass.SCOPE, Scope.C_TYPE_IPV6, Scope::decodeIpv6);
        ObjectRegistry.register(ObjectClass.STYLE, Style.C_TYPE, Style::decode);
        ObjectRegistry.register(ObjectClass.RESV_CONFIRM, ResvConfirm.C_TYPE_IPV4, ResvConfirm::decodeIpv4);
        ObjectRegistry.register(ObjectClass.RESV_CONFIRM, ResvConfirm.C_TYPE_IPV6, ResvConfirm::decodeIpv6);
        registerSenders();
        ObjectRegistry.register(ObjectClass.SENDER_TSPEC, SenderTspec.C_TYPE, IntServ::decodeSenderTspec);
        ObjectRegistry.register(ObjectClass.FLOWSPEC, Flowspec.C_TYPE, IntServ::decodeFlowspec);
        ObjectRegistry.register(ObjectClass.ADSPEC, Adspec.C_TYPE, Adspec::decode);
        ObjectRegistry.register(ObjectClass.DCLASS, Dclass.C_TYPE, Dclass::decode);
    }

    /** Parses one {@link SenderId} layout from an object body. */
    @FunctionalInterface
    private interface SenderParser {
        SenderId parse(WireReader r);
    }

    /** SENDER_TEMPLATE and FILTER_SPEC share every layout (RFC 2205 A.9/A.10, RFC 3209 §4.6, RFC 3175 §3.1). */
    private static void registerSenders() {
        sender(IpSender.C_TYPE_IPV4, IpSender::decodeIpv4);
        sender(IpSender.C_TYPE_IPV6, IpSender::decodeIpv6);
        sender(FlowLabelSender.C_TYPE, FlowLabelSender::decode);
        sender(LspTunnelSender.C_TYPE_IPV4, LspTunnelSender::decodeIpv4);
        sender(LspTunnelSender.C_TYPE_IPV6, LspTunnelSender::decodeIpv6);
        sender(AggregateSender.C_TYPE_IPV4, AggregateSender::decodeIpv4);
        sender(AggregateSender.C_TYPE_IPV6, AggregateSender::decodeIpv6);
    }

    private static void sender(int cType, SenderParser parser) {
        ObjectRegistry.register(ObjectClass.SENDER_TEMPLATE, cType, r -> new SenderTemplate(parser.parse(r)));
        ObjectRegistry.register(ObjectClass.FILTER_SPEC, cType, r -> new FilterSpec(parser.parse(r)));
    }
}
