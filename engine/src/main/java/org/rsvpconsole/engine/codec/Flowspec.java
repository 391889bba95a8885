package org.rsvpconsole.engine.codec;

/**
 * RFC 2210 §3.2 FLOWSPEC (Class-Num 9), C-Type 2: the reservation a receiver asks for, one record per IntServ
 * service. The service header's service number picks the record; a service this codec does not implement is
 * answered with Traffic Control Error "Service unsupported" (code 21, value 2).
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | 0 (version) |  reserved   |      overall length       |
 * +-------------+-------------+-------------+-------------+
 * |   service   |0| reserved  |    service data length    |
 * +-------------+-------------+-------------+-------------+
 * |  parameters (token bucket 127; Guaranteed adds 130)   |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public sealed interface Flowspec extends RsvpObject permits ControlledLoadFlowspec, GuaranteedFlowspec {

    int C_TYPE = 2;

    /** The IntServ service number (2 Guaranteed, 5 Controlled-Load). */
    int service();

    /** The traffic the reservation is for. */
    TokenBucket tokenBucket();

    @Override
    default int classNum() {
        return ObjectClass.FLOWSPEC;
    }

    @Override
    default int cType() {
        return C_TYPE;
    }
}
