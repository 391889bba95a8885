package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;

/** Samples of the classes beyond the RFC 2205 core; each object family adds its class here. */
final class SampleObjects {

    static final Style STYLE = Style.FF;
    /** A ResvConf's ERROR_SPEC: code 0 and the confirming node (RFC 2205 §3.1.9); valid in the error messages too. */
    static final ErrorSpec ERROR_SPEC = new ErrorSpec(IpAddress.of("10.0.0.3"), 0, 0, 0);
    static final ResvConfirm RESV_CONFIRM = new ResvConfirm(IpAddress.of("10.0.0.9"));

    private SampleObjects() {
    }

    static RsvpObject of(int classNum) {
        return switch (classNum) {
            case ObjectClass.STYLE -> STYLE;
            case ObjectClass.ERROR_SPEC -> ERROR_SPEC;
            case ObjectClass.RESV_CONFIRM -> RESV_CONFIRM;
            case ObjectClass.HELLO -> new Hello(false, 0x11111111, 0);
            case ObjectClass.MESSAGE_ID_ACK -> new MessageIdAck(false, 0, 0x123456, 42);
            case ObjectClass.MESSAGE_ID_LIST -> new MessageIdList.Ids(0, 0x123456, MessageIdSet.of(41, 42, 43));
            case ObjectClass.CHALLENGE -> new Challenge(0x010203040506L, 0x1122334455667788L);
            case ObjectClass.INTEGRITY -> new Integrity(Integrity.FLAG_HANDSHAKE, 0x010203040506L, 7,
                Octets.fromHex("00112233445566778899aabbccddeeff"));
            default -> null;
        };
    }
}
