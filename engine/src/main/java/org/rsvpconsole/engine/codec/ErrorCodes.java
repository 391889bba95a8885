package org.rsvpconsole.engine.codec;

import java.util.Map;

/**
 * Names of ERROR_SPEC error codes and values: RFC 2205 Appendix B, RFC 2750 §4 (policy), RFC 3209 §4.5
 * (routing problem, notify), RFC 4495 §4 (reservation reduced), and this implementation's RSVP System Error
 * values for malformed messages (Appendix B leaves code 23 values to the implementation).
 */
public final class ErrorCodes {

    public static final int CONFIRMATION = 0;
    public static final int ADMISSION_CONTROL_FAILURE = 1;
    public static final int POLICY_CONTROL_FAILURE = 2;
    public static final int NO_PATH_INFORMATION = 3;
    public static final int NO_SENDER_INFORMATION = 4;
    public static final int CONFLICTING_RESERVATION_STYLE = 5;
    public static final int UNKNOWN_RESERVATION_STYLE = 6;
    public static final int CONFLICTING_DEST_PORTS = 7;
    public static final int CONFLICTING_SENDER_PORTS = 8;
    public static final int SERVICE_PREEMPTED = 12;
    public static final int UNKNOWN_OBJECT_CLASS = 13;
    public static final int UNKNOWN_OBJECT_CTYPE = 14;
    public static final int API_ERROR = 20;
    public static final int TRAFFIC_CONTROL_ERROR = 21;
    public static final int TRAFFIC_CONTROL_SYSTEM_ERROR = 22;
    public static final int RSVP_SYSTEM_ERROR = 23;
    public static final int ROUTING_PROBLEM = 24;
    public static final int NOTIFY_ERROR = 25;

    /** Admission control sub-codes (Appendix B, code 1, ssur = 0000). */
    public static final int AC_DELAY_BOUND = 1;
    public static final int AC_BANDWIDTH_UNAVAILABLE = 2;
    public static final int AC_MTU_TOO_BIG = 3;

    /** Policy control values (RFC 2750 §4; RFC 3181 uses ERR_PREEMPT; RFC 4495 §4 adds 102). */
    public static final int PC_GENERIC_REJECTION = 3;
    public static final int PC_QUOTA_VIOLATION = 4;
    public static final int PC_PREEMPTED = 5;
    public static final int PC_SERVICE_REJECTED = 17;
    public static final int PC_STYLE_REJECTED = 18;
    public static final int PC_FLOWSPEC_REJECTED = 19;
    public static final int PC_RESERVATION_REDUCED = 102;

    /** This implementation's code-23 values for messages that cannot be decoded. */
    public static final int SYS_BAD_LENGTH = 1;
    public static final int SYS_BAD_VERSION = 2;
    public static final int SYS_BAD_CHECKSUM = 3;
    public static final int SYS_UNKNOWN_MESSAGE_TYPE = 4;
    public static final int SYS_BAD_OBJECT_LENGTH = 5;
    public static final int SYS_BAD_OBJECT_BODY = 6;
    public static final int SYS_MISSING_OBJECT = 7;
    public static final int SYS_OBJECT_NOT_ALLOWED = 8;
    public static final int SYS_BAD_BUNDLE = 9;

    private static final Map<Integer, String> CODES = Map.ofEntries(
        Map.entry(CONFIRMATION, "Confirmation"),
        Map.entry(ADMISSION_CONTROL_FAILURE, "Admission Control Failure"),
        Map.entry(POLICY_CONTROL_FAILURE, "Policy Control Failure"),
        Map.entry(NO_PATH_INFORMATION, "No path information for this Resv message"),
        Map.entry(NO_SENDER_INFORMATION, "No sender information for this Resv message"),
        Map.entry(CONFLICTING_RESERVATION_STYLE, "Conflicting reservation style"),
        Map.entry(UNKNOWN_RESERVATION_STYLE, "Unknown reservation style"),
        Map.entry(CONFLICTING_DEST_PORTS, "Conflicting dest ports"),
        Map.entry(CONFLICTING_SENDER_PORTS, "Conflicting sender ports"),
        Map.entry(SERVICE_PREEMPTED, "Service preempted"),
        Map.entry(UNKNOWN_OBJECT_CLASS, "Unknown object class"),
        Map.entry(UNKNOWN_OBJECT_CTYPE, "Unknown object C-Type"),
        Map.entry(API_ERROR, "Reserved for API"),
        Map.entry(TRAFFIC_CONTROL_ERROR, "Traffic Control Error"),
        Map.entry(TRAFFIC_CONTROL_SYSTEM_ERROR, "Traffic Control System error"),
        Map.entry(RSVP_SYSTEM_ERROR, "RSVP System error"),
        Map.entry(ROUTING_PROBLEM, "Routing Problem"),
        Map.entry(NOTIFY_ERROR, "Notify Error"));

    private static final Map<Integer, String> ADMISSION = Map.of(
        AC_DELAY_BOUND, "Delay bound cannot be met",
        AC_BANDWIDTH_UNAVAILABLE, "Requested bandwidth unavailable",
        AC_MTU_TOO_BIG, "MTU in flowspec larger than interface MTU");

    private static final Map<Integer, String> POLICY = Map.ofEntries(
        Map.entry(0, "Information reporting"),
        Map.entry(1, "Warning"),
        Map.entry(2, "Reason unknown"),
        Map.entry(PC_GENERIC_REJECTION, "Generic policy rejection"),
        Map.entry(PC_QUOTA_VIOLATION, "Quota or accounting violation"),
        Map.entry(PC_PREEMPTED, "Flow was preempted"),
        Map.entry(6, "Previously installed policy expired"),
        Map.entry(7, "Previous policy data was replaced and caused rejection"),
        Map.entry(8, "Policies could not be merged"),
        Map.entry(9, "PDP down or not functioning"),
        Map.entry(10, "Third-party server unavailable"),
        Map.entry(11, "POLICY_DATA object has bad syntax"),
        Map.entry(12, "POLICY_DATA object failed integrity check"),
        Map.entry(13, "Policy element has bad syntax"),
        Map.entry(14, "Mandatory policy element missing"),
        Map.entry(15, "Local policy server out of resources"),
        Map.entry(16, "PDP encountered bad RSVP objects or syntax"),
        Map.entry(PC_SERVICE_REJECTED, "Service type was rejected"),
        Map.entry(PC_STYLE_REJECTED, "Reservation style was rejected"),
        Map.entry(PC_FLOWSPEC_REJECTED, "Flowspec was rejected (too large)"),
        Map.entry(PC_RESERVATION_REDUCED, "Reservation reduced (partial preemption, RFC 4495)"));

    private static final Map<Integer, String> TRAFFIC_CONTROL = Map.of(
        1, "Service conflict",
        2, "Service unsupported",
        3, "Bad Flowspec value",
        4, "Bad Tspec value",
        5, "Bad Adspec value");

    private static final Map<Integer, String> SYSTEM = Map.of(
        SYS_BAD_LENGTH, "Bad message length",
        SYS_BAD_VERSION, "Unsupported RSVP version",
        SYS_BAD_CHECKSUM, "Bad checksum",
        SYS_UNKNOWN_MESSAGE_TYPE, "Unknown message type",
        SYS_BAD_OBJECT_LENGTH, "Bad object length",
        SYS_BAD_OBJECT_BODY, "Object body does not match its C-Type",
        SYS_MISSING_OBJECT, "Mandatory object missing",
        SYS_OBJECT_NOT_ALLOWED, "Object not allowed in this message",
        SYS_BAD_BUNDLE, "Malformed Bundle message");

    private static final Map<Integer, String> ROUTING = Map.of(
        1, "Bad EXPLICIT_ROUTE object",
        2, "Bad strict node",
        3, "Bad loose node",
        4, "Bad initial subobject",
        5, "No route available toward destination",
        6, "Unacceptable label value",
        7, "RRO indicated routing loops",
        8, "MPLS being negotiated, but a non-RSVP-capable router stands in the path",
        9, "MPLS label allocation failure",
        10, "Unsupported L3PID");

    private static final Map<Integer, String> NOTIFY = Map.of(
        1, "RRO too large for MTU",
        2, "RRO notification",
        3, "Tunnel locally repaired");

    private ErrorCodes() {
    }

    public static String codeName(int code) {
        return CODES.getOrDefault(code, "Unassigned error code " + code);
    }

    /** The name of an error value for its code, or "" where the value carries no name (e.g. class/C-Type). */
    public static String valueName(int code, int value) {
        return switch (code) {
            case ADMISSION_CONTROL_FAILURE -> (value & 0xf000) == 0
                ? ADMISSION.getOrDefault(value & 0x0fff, "") : "";
            case POLICY_CONTROL_FAILURE -> POLICY.getOrDefault(value, "");
            case TRAFFIC_CONTROL_ERROR -> TRAFFIC_CONTROL.getOrDefault(value, "");
            case RSVP_SYSTEM_ERROR -> SYSTEM.getOrDefault(value, "");
            case ROUTING_PROBLEM -> ROUTING.getOrDefault(value, "");
            case NOTIFY_ERROR -> NOTIFY.getOrDefault(value, "");
            case UNKNOWN_OBJECT_CLASS, UNKNOWN_OBJECT_CTYPE ->
                "Class-Num " + (value >>> 8) + ", C-Type " + (value & 0xff);
            default -> "";
        };
    }
}
