package org.rsvpconsole.engine.codec;

import java.util.Optional;
import org.rsvpconsole.engine.api.ReservationStyle;

/**
 * RFC 2205 A.7 STYLE (Class-Num 8), C-Type 1: the reservation style of a Resv, ResvErr, ResvTear or ResvConf.
 * Any combination decodes and re-encodes unchanged; one that names no defined style is the node's business
 * ("Unknown reservation style", Appendix B code 6), not a malformed object.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   Flags     |              Option Vector              |
 * +-------------+-------------+-------------+-------------+
 *
 * Option Vector (24 bits): 19 reserved bits | sharing control (2) | sender selection (3)
 *   sharing control:  00 reserved, 01 distinct, 10 shared, 11 reserved
 *   sender selection: 000 reserved, 001 wildcard, 010 explicit, 011-111 reserved
 * </pre>
 *
 * @param flags        8 bits, none defined by RFC 2205
 * @param optionVector the 24-bit option vector
 */
public record Style(int flags, int optionVector) implements RsvpObject {

    public static final int C_TYPE = 1;
    public static final int SHARING_MASK = 0x18;
    public static final int SHARING_DISTINCT = 0x08;
    public static final int SHARING_SHARED = 0x10;
    public static final int SELECTION_MASK = 0x07;
    public static final int SELECTION_WILDCARD = 0x01;
    public static final int SELECTION_EXPLICIT = 0x02;

    public static final Style FF = of(ReservationStyle.FF);
    public static final Style WF = of(ReservationStyle.WF);
    public static final Style SE = of(ReservationStyle.SE);

    public Style {
        if ((flags & ~0xff) != 0 || (optionVector & ~0xffffff) != 0) {
            throw new IllegalArgumentException("STYLE flags are 8 bits and the option vector 24 bits: flags "
                + flags + ", option vector " + optionVector);
        }
    }

    /** The STYLE object for a defined style, with no flags. */
    public static Style of(ReservationStyle style) {
        return new Style(0, style.optionVector());
    }

    @Override
    public int classNum() {
        return ObjectClass.STYLE;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    /** The defined style these bits name, or empty for a combination RFC 2205 does not define. */
    public Optional<ReservationStyle> style() {
        return ReservationStyle.fromOptionVector(optionVector);
    }

    /** The 2-bit sharing control field (1 distinct, 2 shared). */
    public int sharingControl() {
        return (optionVector & SHARING_MASK) >>> 3;
    }

    /** The 3-bit sender selection field (1 wildcard, 2 explicit). */
    public int senderSelection() {
        return optionVector & SELECTION_MASK;
    }

    static Style decode(WireReader r) {
        return new Style(r.u8(), r.u24());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.u8(flags).u24(optionVector);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("flags", flags);
        v.number("optionVector", optionVector);
        v.number("sharingControl", sharingControl());
        v.number("senderSelection", senderSelection());
        v.text("style", style().map(ReservationStyle::name).orElse("unknown"));
    }
}
