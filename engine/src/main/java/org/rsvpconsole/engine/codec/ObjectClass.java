package org.rsvpconsole.engine.codec;

import java.util.Map;

/** Class-Num values (IANA "RSVP Parameters") and their names, plus the RFC 2205 §3.10 rule for unknown classes. */
public final class ObjectClass {

    public static final int NULL = 0;
    public static final int SESSION = 1;
    public static final int RSVP_HOP = 3;
    public static final int INTEGRITY = 4;
    public static final int TIME_VALUES = 5;
    public static final int ERROR_SPEC = 6;
    public static final int SCOPE = 7;
    public static final int STYLE = 8;
    public static final int FLOWSPEC = 9;
    public static final int FILTER_SPEC = 10;
    public static final int SENDER_TEMPLATE = 11;
    public static final int SENDER_TSPEC = 12;
    public static final int ADSPEC = 13;
    public static final int POLICY_DATA = 14;
    public static final int RESV_CONFIRM = 15;
    public static final int LABEL = 16;
    public static final int LABEL_REQUEST = 19;
    public static final int EXPLICIT_ROUTE = 20;
    public static final int RECORD_ROUTE = 21;
    public static final int HELLO = 22;
    public static final int MESSAGE_ID = 23;
    public static final int MESSAGE_ID_ACK = 24;
    public static final int MESSAGE_ID_LIST = 25;
    public static final int CHALLENGE = 64;
    public static final int RESTART_CAP = 131;
    public static final int CAPABILITY = 134;
    public static final int SESSION_ATTRIBUTE = 207;
    public static final int DCLASS = 225;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
        Map.entry(NULL, "NULL"), Map.entry(SESSION, "SESSION"), Map.entry(RSVP_HOP, "RSVP_HOP"),
        Map.entry(INTEGRITY, "INTEGRITY"), Map.entry(TIME_VALUES, "TIME_VALUES"),
        Map.entry(ERROR_SPEC, "ERROR_SPEC"), Map.entry(SCOPE, "SCOPE"), Map.entry(STYLE, "STYLE"),
        Map.entry(FLOWSPEC, "FLOWSPEC"), Map.entry(FILTER_SPEC, "FILTER_SPEC"),
        Map.entry(SENDER_TEMPLATE, "SENDER_TEMPLATE"), Map.entry(SENDER_TSPEC, "SENDER_TSPEC"),
        Map.entry(ADSPEC, "ADSPEC"), Map.entry(POLICY_DATA, "POLICY_DATA"), Map.entry(RESV_CONFIRM, "RESV_CONFIRM"),
        Map.entry(LABEL, "LABEL"), Map.entry(LABEL_REQUEST, "LABEL_REQUEST"),
        Map.entry(EXPLICIT_ROUTE, "EXPLICIT_ROUTE"), Map.entry(RECORD_ROUTE, "RECORD_ROUTE"),
        Map.entry(HELLO, "HELLO"), Map.entry(MESSAGE_ID, "MESSAGE_ID"), Map.entry(MESSAGE_ID_ACK, "MESSAGE_ID_ACK"),
        Map.entry(MESSAGE_ID_LIST, "MESSAGE_ID_LIST"), Map.entry(CHALLENGE, "CHALLENGE"),
        Map.entry(RESTART_CAP, "RESTART_CAP"), Map.entry(CAPABILITY, "CAPABILITY"),
        Map.entry(SESSION_ATTRIBUTE, "SESSION_ATTRIBUTE"), Map.entry(DCLASS, "DCLASS"));

    /** {@link #NAMES} by Class-Num (one octet): decode looks a name up for every object it prints. */
    private static final String[] NAMES_BY_NUMBER = new String[256];

    static {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            NAMES_BY_NUMBER[e.getKey()] = e.getValue();
        }
    }

    private ObjectClass() {
    }

    public static String name(int classNum) {
        String n = classNum >= 0 && classNum < NAMES_BY_NUMBER.length ? NAMES_BY_NUMBER[classNum] : null;
        return n != null ? n : "UNKNOWN_CLASS_" + classNum;
    }

    /** What RFC 2205 §3.10 says a node does with an object whose Class-Num it does not know. */
    public enum UnknownClassRule {
        /** 0bbbbbbb: reject the whole message with "Unknown object class". */
        REJECT,
        /** 10bbbbbb: ignore the object; neither forward it nor send an error. */
        IGNORE,
        /** 11bbbbbb: ignore it but forward it unchanged in the messages this one triggers. */
        FORWARD
    }

    public static UnknownClassRule unknownClassRule(int classNum) {
        return (classNum & 0x80) == 0 ? UnknownClassRule.REJECT
            : (classNum & 0x40) == 0 ? UnknownClassRule.IGNORE : UnknownClassRule.FORWARD;
    }
}
