package org.rsvpconsole.engine.api;

/**
 * One hop of a RECORD_ROUTE (RFC 3209 §4.4): the address a node recorded and, when label recording was desired,
 * the label it recorded with it.
 *
 * @param address the recorded interface address
 * @param label   the recorded label, or {@link #NO_LABEL}
 */
public record RecordedHop(IpAddress address, long label) {

    public static final long NO_LABEL = -1;

    @Override
    public String toString() {
        return label == NO_LABEL ? address.toString() : address + "(label " + label + ")";
    }
}
