package org.rsvpconsole.engine.api;

import java.util.Optional;

/**
 * The three reservation styles of RFC 2205 §1.3 / A.7, with the STYLE option vector each one is sent as: sharing
 * control in bits 4..3 (01 distinct, 10 shared) and sender selection in bits 2..0 (001 wildcard, 010 explicit).
 */
public enum ReservationStyle {
    /** Fixed-Filter: distinct reservation, explicit senders (01 010). */
    FF(0x0A, "Fixed-Filter"),
    /** Wildcard-Filter: shared reservation, wildcard senders (10 001). */
    WF(0x11, "Wildcard-Filter"),
    /** Shared-Explicit: shared reservation, explicit senders (10 010). */
    SE(0x12, "Shared-Explicit");

    private static final int SHARING_MASK = 0x18;
    private static final int SHARING_SHARED = 0x10;
    private static final int SELECTION_MASK = 0x07;
    private static final int SELECTION_EXPLICIT = 0x02;

    private final int optionVector;
    private final String displayName;

    ReservationStyle(int optionVector, String displayName) {
        this.optionVector = optionVector;
        this.displayName = displayName;
    }

    /** The 24-bit STYLE option vector for this style. */
    public int optionVector() {
        return optionVector;
    }

    public String displayName() {
        return displayName;
    }

    /** True for WF and SE: one reservation shared by the selected senders. */
    public boolean shared() {
        return (optionVector & SHARING_MASK) == SHARING_SHARED;
    }

    /** True for FF and SE: senders are listed in FILTER_SPECs. */
    public boolean explicit() {
        return (optionVector & SELECTION_MASK) == SELECTION_EXPLICIT;
    }

    /**
     * The style for an option vector's sharing and selection bits (the 19 reserved bits are ignored, as RFC 2205
     * A.7 leaves them unused); empty for a combination RFC 2205 does not define.
     */
    public static Optional<ReservationStyle> fromOptionVector(int optionVector) {
        int bits = optionVector & (SHARING_MASK | SELECTION_MASK);
        for (ReservationStyle s : values()) {
            if (s.optionVector == bits) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
