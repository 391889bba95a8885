package org.rsvpconsole.engine.codec;

import static org.rsvpconsole.engine.codec.ObjectClass.ADSPEC;
import static org.rsvpconsole.engine.codec.ObjectClass.CAPABILITY;
import static org.rsvpconsole.engine.codec.ObjectClass.CHALLENGE;
import static org.rsvpconsole.engine.codec.ObjectClass.DCLASS;
import static org.rsvpconsole.engine.codec.ObjectClass.ERROR_SPEC;
import static org.rsvpconsole.engine.codec.ObjectClass.EXPLICIT_ROUTE;
import static org.rsvpconsole.engine.codec.ObjectClass.FILTER_SPEC;
import static org.rsvpconsole.engine.codec.ObjectClass.FLOWSPEC;
import static org.rsvpconsole.engine.codec.ObjectClass.HELLO;
import static org.rsvpconsole.engine.codec.ObjectClass.INTEGRITY;
import static org.rsvpconsole.engine.codec.ObjectClass.LABEL;
import static org.rsvpconsole.engine.codec.ObjectClass.LABEL_REQUEST;
import static org.rsvpconsole.engine.codec.ObjectClass.MESSAGE_ID;
import static org.rsvpconsole.engine.codec.ObjectClass.MESSAGE_ID_ACK;
import static org.rsvpconsole.engine.codec.ObjectClass.MESSAGE_ID_LIST;
import static org.rsvpconsole.engine.codec.ObjectClass.NULL;
import static org.rsvpconsole.engine.codec.ObjectClass.POLICY_DATA;
import static org.rsvpconsole.engine.codec.ObjectClass.RECORD_ROUTE;
import static org.rsvpconsole.engine.codec.ObjectClass.RESTART_CAP;
import static org.rsvpconsole.engine.codec.ObjectClass.RESV_CONFIRM;
import static org.rsvpconsole.engine.codec.ObjectClass.RSVP_HOP;
import static org.rsvpconsole.engine.codec.ObjectClass.SCOPE;
import static org.rsvpconsole.engine.codec.ObjectClass.SENDER_TEMPLATE;
import static org.rsvpconsole.engine.codec.ObjectClass.SENDER_TSPEC;
import static org.rsvpconsole.engine.codec.ObjectClass.SESSION;
import static org.rsvpconsole.engine.codec.ObjectClass.SESSION_ATTRIBUTE;
import static org.rsvpconsole.engine.codec.ObjectClass.STYLE;
import static org.rsvpconsole.engine.codec.ObjectClass.TIME_VALUES;

/**
 * RSVP message types and each one's object grammar: the classes that must be present and the known classes that may
 * be. Object order is not enforced: RFC 2205 §3.1 asks receivers to accept any permissible order. Unknown classes
 * are governed by RFC 2205 §3.10, not by these lists; NULL may appear anywhere (A.1).
 */
public enum MessageType {
    /** RFC 2205 §3.1.3, RFC 3209 §4.3.2, RFC 2961 §5.1. */
    PATH(1, "Path", classes(SESSION, RSVP_HOP, TIME_VALUES),
        classes(INTEGRITY, POLICY_DATA, SENDER_TEMPLATE, SENDER_TSPEC, ADSPEC, LABEL_REQUEST, EXPLICIT_ROUTE,
            RECORD_ROUTE, SESSION_ATTRIBUTE, MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.4, RFC 3209 §4.3.3, RFC 2996 §3 (DCLASS). */
    RESV(2, "Resv", classes(SESSION, RSVP_HOP, TIME_VALUES, STYLE),
        classes(INTEGRITY, RESV_CONFIRM, SCOPE, POLICY_DATA, FLOWSPEC, FILTER_SPEC, LABEL, RECORD_ROUTE, DCLASS,
            MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.5. */
    PATH_ERR(3, "PathErr", classes(SESSION, ERROR_SPEC),
        classes(INTEGRITY, POLICY_DATA, SENDER_TEMPLATE, SENDER_TSPEC, ADSPEC, RECORD_ROUTE, MESSAGE_ID,
            MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.6. */
    RESV_ERR(4, "ResvErr", classes(SESSION, RSVP_HOP, ERROR_SPEC, STYLE),
        classes(INTEGRITY, SCOPE, POLICY_DATA, FLOWSPEC, FILTER_SPEC, LABEL, RECORD_ROUTE, DCLASS, MESSAGE_ID,
            MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.7. */
    PATH_TEAR(5, "PathTear", classes(SESSION, RSVP_HOP),
        classes(INTEGRITY, POLICY_DATA, SENDER_TEMPLATE, SENDER_TSPEC, ADSPEC, MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.8. */
    RESV_TEAR(6, "ResvTear", classes(SESSION, RSVP_HOP, STYLE),
        classes(INTEGRITY, SCOPE, POLICY_DATA, FLOWSPEC, FILTER_SPEC, DCLASS, MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 2205 §3.1.9. */
    RESV_CONF(7, "ResvConf", classes(SESSION, ERROR_SPEC, RESV_CONFIRM, STYLE),
        classes(INTEGRITY, FLOWSPEC, FILTER_SPEC, MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 2961 §3.1: a header followed by whole RSVP messages (never another Bundle). */
    BUNDLE(12, "Bundle", classes(), classes()),
    /** RFC 2961 §4.3. */
    ACK(13, "Ack", classes(MESSAGE_ID_ACK), classes(INTEGRITY)),
    /** RFC 2961 §5.3. */
    SREFRESH(15, "Srefresh", classes(MESSAGE_ID_LIST), classes(INTEGRITY, MESSAGE_ID, MESSAGE_ID_ACK)),
    /** RFC 3209 §5.1; RFC 3473 §9.1 (RESTART_CAP) and RFC 5063 §4 (CAPABILITY) ride in Hello messages. */
    HELLO_MSG(20, "Hello", classes(HELLO), classes(INTEGRITY, RESTART_CAP, CAPABILITY)),
    /** RFC 2747 §3.3. */
    INTEGRITY_CHALLENGE(25, "Integrity Challenge", classes(CHALLENGE), classes()),
    /** RFC 2747 §3.3. */
    INTEGRITY_RESPONSE(26, "Integrity Response", classes(CHALLENGE, INTEGRITY), classes());

    private static final MessageType[] BY_NUMBER = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_NUMBER[t.number] = t;
        }
    }

    private final int number;
    private final String displayName;
    private final int[] mandatory;
    private final boolean[] allowed = new boolean[256];

    MessageType(int number, String displayName, int[] mandatory, int[] optional) {
        this.number = number;
        this.displayName = displayName;
        this.mandatory = mandatory;
        allowed[NULL] = true;
        for (int c : mandatory) {
            allowed[c] = true;
        }
        for (int c : optional) {
            allowed[c] = true;
        }
    }

    private static int[] classes(int... c) {
        return c;
    }

    public int number() {
        return number;
    }

    /** The name RFC 2205 and Wireshark use, e.g. {@code PathErr}. */
    public String displayName() {
        return displayName;
    }

    /** The type for a wire number, or null when the number is not a message type this codec knows. */
    public static MessageType fromNumber(int number) {
        return number >= 0 && number < 256 ? BY_NUMBER[number] : null;
    }

    boolean allows(int classNum) {
        return allowed[classNum];
    }

    int[] mandatoryClasses() {
        return mandatory;
    }
}
