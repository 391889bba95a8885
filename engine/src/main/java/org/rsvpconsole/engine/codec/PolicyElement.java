package org.rsvpconsole.engine.codec;

/**
 * RFC 2750 §3.2 policy element, carried in the element list of a POLICY_DATA object. Length counts the whole
 * element including this header; an element whose length is not a multiple of 4 is followed by zero padding.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |          Length           |           P-Type          |
 * +-------------+-------------+-------------+-------------+
 * //             Policy information (opaque to RSVP)      //
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public sealed interface PolicyElement permits PolicyElement.PreemptionPriority, PolicyElement.Opaque {

    /** The 16-bit P-Type. */
    int pType();

    /** Writes the element with its header and padding. */
    void encode(WireWriter out);

    void describe(FieldVisitor v);

    /** Parses the element at the cursor of the element-list reader. */
    static PolicyElement decode(WireReader r) {
        int at = r.offset();
        int len = (r.peekU8(0) << 8) | r.peekU8(1);
        if (len < 4) {
            throw r.fail(r.what() + ": policy element at byte " + at + " declares length " + len
                + ": it is at least 4 bytes (its header)");
        }
        int padded = (len + 3) & ~3;
        if (padded > r.remaining()) {
            throw r.fail(r.what() + ": policy element at byte " + at + " declares length " + len
                + " but only " + r.remaining() + " byte(s) are left");
        }
        int pType = (r.peekU8(2) << 8) | r.peekU8(3);
        if (pType == PreemptionPriority.P_TYPE && len != PreemptionPriority.LENGTH) {
            throw r.fail(r.what() + ": preemption priority element at byte " + at + " has length " + len
                + ", but RFC 3181 §4 makes it " + PreemptionPriority.LENGTH + " bytes");
        }
        r.skip(4);
        PolicyElement e;
        if (pType == PreemptionPriority.P_TYPE) {
            int flags = r.u8();
            int strategy = r.u8();
            int error = r.u8();
            r.skip(1); // Reserved: ignored on receipt
            e = new PreemptionPriority(flags, strategy, error, r.u16(), r.u16());
        } else {
            e = new Opaque(pType, r.octets(len - 4));
        }
        r.skip(padded - len);
        return e;
    }

    /**
     * RFC 3181 §4 preemption priority element (P-Type 3, PREEMPTION_PRI), 12 bytes. A higher number is more
     * important. RFC 2751 had published a wrong P-Type; RFC 3181 corrected it to 3.
     *
     * <pre>
     * +-------------+-------------+-------------+-------------+
     * |       Length (12)         |   P-Type = PREEMPTION_PRI |
     * +-------------+-------------+-------------+-------------+
     * |    Flags    | M. Strategy |  Error Code | Reserved(0) |
     * +-------------+-------------+-------------+-------------+
     * |   Preemption Priority     |   Defending Priority      |
     * +-------------+-------------+-------------+-------------+
     * </pre>
     *
     * @param mergeStrategy      how priorities of merged reservations combine (RFC 3181 §5.1): 1 take priority of
     *                           highest QoS, 2 take highest priority, 3 force error on heterogeneous merge
     * @param errorCode          0 = no error, 1 = the admitted flow was preempted (RFC 4495 §5.1 citing RFC 3181);
     *                           other values are carried as numbers
     * @param preemptionPriority the priority of the new flow when competing for admission (16 bits)
     * @param defendingPriority  the priority of the flow once admitted, against preemption (16 bits)
     */
    record PreemptionPriority(int flags, int mergeStrategy, int errorCode, int preemptionPriority,
                              int defendingPriority) implements PolicyElement {

        public static final int P_TYPE = 3;
        public static final int LENGTH = 12;
        public static final int MERGE_HIGHEST_QOS = 1;
        public static final int MERGE_HIGHEST_PRIORITY = 2;
        public static final int MERGE_ERROR_ON_HETEROGENEOUS = 3;
        public static final int ERROR_NONE = 0;
        /** RFC 4495 §5.1: "This error code takes a value of 1 to indicate that the admitted flow was preempted". */
        public static final int ERROR_PREEMPTED = 1;

        public PreemptionPriority {
            Decoding.checkUnsigned(flags, 8, "flags");
            Decoding.checkUnsigned(mergeStrategy, 8, "merge strategy");
            Decoding.checkUnsigned(errorCode, 8, "error code");
            Decoding.checkUnsigned(preemptionPriority, 16, "preemption priority");
            Decoding.checkUnsigned(defendingPriority, 16, "defending priority");
        }

        @Override
        public int pType() {
            return P_TYPE;
        }

        @Override
        public void encode(WireWriter out) {
            out.u16(LENGTH).u16(P_TYPE).u8(flags).u8(mergeStrategy).u8(errorCode).u8(0)
                .u16(preemptionPriority).u16(defendingPriority);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("pType", P_TYPE);
            v.number("flags", flags);
            v.number("mergeStrategy", mergeStrategy);
            v.number("errorCode", errorCode);
            v.number("preemptionPriority", preemptionPriority);
            v.number("defendingPriority", defendingPriority);
        }
    }

    /**
     * Any other P-Type, kept as received (RFC 2750 §2: elements a node does not understand are passed on).
     *
     * @param data the element after its 4-byte header, without padding
     */
    record Opaque(int pType, Octets data) implements PolicyElement {

        public Opaque {
            Decoding.checkUnsigned(pType, 16, "P-Type");
            if (pType == PreemptionPriority.P_TYPE) {
                throw new IllegalArgumentException("P-Type 3 is the preemption priority element: use its record");
            }
            if (4 + data.length() > 0xffff) {
                throw new IllegalArgumentException("policy element data of " + data.length() + " bytes is too long");
            }
        }

        @Override
        public void encode(WireWriter out) {
            out.u16(4 + data.length()).u16(pType).octets(data).align4();
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("pType", pType);
            v.octets("data", data);
        }
    }
}
