package org.rsvpconsole.engine.codec;

/**
 * RFC 3209 §4.2 LABEL_REQUEST (Class-Num 19): asks the downstream node for a label binding. All three C-Types
 * begin with a 16-bit reserved field and the L3PID (the EtherType of the layer 3 protocol carried, e.g. 0x0800).
 * Reserved bits are ignored on receipt and sent as zero.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |        Reserved           |            L3PID          |   C-Type 1: no label range
 * +-------------+-------------+-------------+-------------+
 * |M|  Res  |    Minimum VPI    |      Minimum VCI        |   C-Type 2: ATM label range
 * +-------------+-------------+-------------+-------------+
 * |  Res  |    Maximum VPI    |      Maximum VCI          |
 * +-------------+-------------+-------------+-------------+
 * |  Reserved   |DLI|           Minimum DLCI              |   C-Type 3: Frame Relay label range
 * +-------------+-------------+-------------+-------------+
 * |  Reserved       |         Maximum DLCI                |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public sealed interface LabelRequest extends RsvpObject
    permits LabelRequest.NoRange, LabelRequest.AtmRange, LabelRequest.FrameRelayRange {

    int C_TYPE_NO_RANGE = 1;
    int C_TYPE_ATM_RANGE = 2;
    int C_TYPE_FRAME_RELAY_RANGE = 3;
    /** The L3PID of IPv4 (an EtherType). */
    int L3PID_IPV4 = 0x0800;
    /** The L3PID of IPv6. */
    int L3PID_IPV6 = 0x86DD;

    /** The layer 3 protocol the LSP will carry, as an EtherType (16 bits). */
    int l3pid();

    @Override
    default int classNum() {
        return ObjectClass.LABEL_REQUEST;
    }

    private static void checkL3pid(int l3pid) {
        Decoding.checkUnsigned(l3pid, 16, "L3PID");
    }

    /** C-Type 1: a label of any value. */
    record NoRange(int l3pid) implements LabelRequest {

        public NoRange {
            checkL3pid(l3pid);
        }

        @Override
        public int cType() {
            return C_TYPE_NO_RANGE;
        }

        static NoRange decode(WireReader r) {
            r.skip(2);
            return new NoRange(r.u16());
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u16(0).u16(l3pid);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("l3pid", l3pid);
        }
    }

    /**
     * C-Type 2: an ATM VPI/VCI range.
     *
     * @param merge the M bit: the requester can merge VCs (RFC 3209 §4.2.2)
     */
    record AtmRange(int l3pid, boolean merge, int minVpi, int minVci, int maxVpi, int maxVci)
        implements LabelRequest {

        public AtmRange {
            checkL3pid(l3pid);
            Decoding.checkUnsigned(minVpi, 12, "minimum VPI");
            Decoding.checkUnsigned(maxVpi, 12, "maximum VPI");
            Decoding.checkUnsigned(minVci, 16, "minimum VCI");
            Decoding.checkUnsigned(maxVci, 16, "maximum VCI");
        }

        @Override
        public int cType() {
            return C_TYPE_ATM_RANGE;
        }

        static AtmRange decode(WireReader r) {
            r.skip(2);
            int l3pid = r.u16();
            int w = r.u16();
            int minVci = r.u16();
            int maxVpi = r.u16() & 0x0fff;
            int maxVci = r.u16();
            return new AtmRange(l3pid, (w & 0x8000) != 0, w & 0x0fff, minVci, maxVpi, maxVci);
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u16(0).u16(l3pid).u16((merge ? 0x8000 : 0) | minVpi).u16(minVci).u16(maxVpi).u16(maxVci);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("l3pid", l3pid);
            v.bool("merge", merge);
            v.number("minVpi", minVpi);
            v.number("minVci", minVci);
            v.number("maxVpi", maxVpi);
            v.number("maxVci", maxVci);
        }
    }

    /**
     * C-Type 3: a Frame Relay DLCI range.
     *
     * @param dli DLCI length indicator (2 bits): 0 = 10-bit DLCIs, 2 = 23-bit DLCIs
     */
    record FrameRelayRange(int l3pid, int dli, int minDlci, int maxDlci) implements LabelRequest {

        public static final int DLI_10_BITS = 0;
        public static final int DLI_23_BITS = 2;

        public FrameRelayRange {
            checkL3pid(l3pid);
            Decoding.checkUnsigned(dli, 2, "DLI");
            Decoding.checkUnsigned(minDlci, 23, "minimum DLCI");
            Decoding.checkUnsigned(maxDlci, 23, "maximum DLCI");
        }

        @Override
        public int cType() {
            return C_TYPE_FRAME_RELAY_RANGE;
        }

        static FrameRelayRange decode(WireReader r) {
            r.skip(2);
            int l3pid = r.u16();
            int min = r.i32();
            int max = r.i32();
            return new FrameRelayRange(l3pid, (min >>> 23) & 0x3, min & 0x7fffff, max & 0x7fffff);
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.u16(0).u16(l3pid).i32((dli << 23) | minDlci).i32(maxDlci);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("l3pid", l3pid);
            v.number("dli", dli);
            v.number("minDlci", minDlci);
            v.number("maxDlci", maxDlci);
        }
    }
}
