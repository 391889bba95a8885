package org.rsvpconsole.engine.codec;

/**
 * Registers the RSVP-TE objects (RFC 3209, RFC 3473 RESTART_CAP, RFC 5063 CAPABILITY), the refresh-reduction
 * objects (RFC 2961), POLICY_DATA (RFC 2750) and the cryptographic authentication objects (RFC 2747).
 */
final class TeRefreshPolicyObjects {

    private TeRefreshPolicyObjects() {
    }

    static void register() {
        ObjectRegistry.register(ObjectClass.LABEL, Label.C_TYPE, Label::decode);
        ObjectRegistry.register(ObjectClass.LABEL_REQUEST, LabelRequest.C_TYPE_NO_RANGE,
            LabelRequest.NoRange::decode);
        ObjectRegistry.register(ObjectClass.LABEL_REQUEST, LabelRequest.C_TYPE_ATM_RANGE,
            LabelRequest.AtmRange::decode);
        ObjectRegistry.register(ObjectClass.LABEL_REQUEST, LabelRequest.C_TYPE_FRAME_RELAY_RANGE,
            LabelRequest.FrameRelayRange::decode);
        ObjectRegistry.register(ObjectClass.EXPLICIT_ROUTE, ExplicitRoute.C_TYPE, ExplicitRoute::decode);
        ObjectRegistry.register(ObjectClass.RECORD_ROUTE, RecordRoute.C_TYPE, RecordRoute::decode);
        ObjectRegistry.register(ObjectClass.SESSION_ATTRIBUTE, SessionAttribute.C_TYPE_LSP_TUNNEL,
            SessionAttribute.LspTunnel::decode);
        ObjectRegistry.register(ObjectClass.SESSION_ATTRIBUTE, SessionAttribute.C_TYPE_LSP_TUNNEL_RA,
            SessionAttribute.LspTunnelRa::decode);
        ObjectRegistry.register(ObjectClass.HELLO, Hello.C_TYPE_REQUEST, Hello::decodeRequest);
        ObjectRegistry.register(ObjectClass.HELLO, Hello.C_TYPE_ACK, Hello::decodeAck);
        ObjectRegistry.register(ObjectClass.RESTART_CAP, RestartCap.C_TYPE, RestartCap::decode);
        ObjectRegistry.register(ObjectClass.CAPABILITY, Capability.C_TYPE, Capability::decode);

        ObjectRegistry.register(ObjectClass.MESSAGE_ID, MessageId.C_TYPE, MessageId::decode);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_ACK, MessageIdAck.C_TYPE_ACK, MessageIdAck::decodeAck);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_ACK, MessageIdAck.C_TYPE_NACK, MessageIdAck::decodeNack);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_LIST, MessageIdList.C_TYPE_IDS, MessageIdList.Ids::decode);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_LIST, MessageIdList.C_TYPE_IPV4_SOURCES,
            MessageIdList.SourceList::decodeIpv4);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_LIST, MessageIdList.C_TYPE_IPV6_SOURCES,
            MessageIdList.SourceList::decodeIpv6);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_LIST, MessageIdList.C_TYPE_IPV4_MULTICAST,
            MessageIdList.MulticastList::decodeIpv4);
        ObjectRegistry.register(ObjectClass.MESSAGE_ID_LIST, MessageIdList.C_TYPE_IPV6_MULTICAST,
            MessageIdList.MulticastList::decodeIpv6);

        ObjectRegistry.register(ObjectClass.POLICY_DATA, PolicyData.C_TYPE, PolicyData::decode);
        ObjectRegistry.register(ObjectClass.INTEGRITY, Integrity.C_TYPE, Integrity::decode);
        ObjectRegistry.register(ObjectClass.CHALLENGE, Challenge.C_TYPE, Challenge::decode);
    }
}
