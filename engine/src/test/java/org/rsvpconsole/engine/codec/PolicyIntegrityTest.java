package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.engine.codec.Corrupt.assertBodyFault;
import static org.rsvpconsole.engine.codec.Golden.assertObject;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;

/** RFC 2750 POLICY_DATA with RFC 3181 preemption priority, RFC 2747 INTEGRITY and CHALLENGE. */
class PolicyIntegrityTest {

    private static final MessageType PATH = MessageType.PATH;

    static final PolicyElement.PreemptionPriority PREEMPTION = new PolicyElement.PreemptionPriority(0,
        PolicyElement.PreemptionPriority.MERGE_HIGHEST_QOS, PolicyElement.PreemptionPriority.ERROR_NONE, 5, 3);

    @Test
    void policyDataWithAPreemptionElement() {
        assertObject("""
            0014 0e01       // POLICY_DATA, C-Type 1, 20 bytes
            0008 0000       //   Data Offset 8 (no options), reserved
            000c 0003       //   element: length 12, P-Type 3 (PREEMPTION_PRI)
            00 01 00 00     //     flags 0, merge strategy 1 (highest QoS), error code 0, reserved
            0005 0003       //     preemption priority 5, defending priority 3
            """, PolicyData.of(PREEMPTION), PATH);
    }

    @Test
    void policyDataWithOptionsAndAPaddedOpaqueElement() {
        assertObject("""
            0028 0e01                  // POLICY_DATA, C-Type 1, 40 bytes
            0014 0000                  //   Data Offset 20: 12 bytes of options after the 8-byte headers
            000c 0301 0a000001 00000003 //  option: RSVP_HOP 10.0.0.1, LIH 3
            000c 0003 00020100 ffff0000 //  preemption: strategy 2, error code 1, priorities 65535/0
            0007 0010 abcdef 00        //   element: length 7, P-Type 16, 3 bytes and 1 byte of padding
            """, new PolicyData(List.of(new RsvpHop(IpAddress.of("10.0.0.1"), 3)), List.of(
                new PolicyElement.PreemptionPriority(0, PolicyElement.PreemptionPriority.MERGE_HIGHEST_PRIORITY,
                    PolicyElement.PreemptionPriority.ERROR_PREEMPTED, 0xffff, 0),
                new PolicyElement.Opaque(16, Octets.fromHex("abcdef")))), PATH);
        assertObject("""
            0018 0e01                  // POLICY_DATA with options only
            0018 0000                  //   Data Offset 24 = the whole object
            0008 0000 00000000         //   option: NULL object
            0008 c801 01020304         //   option: unknown class 200, kept opaque
            """, new PolicyData(List.of(new NullObject(0, Octets.fromHex("00000000")),
                new UnknownObject(200, 1, Octets.fromHex("01020304"))), List.of()), PATH);
        assertObject("0008 0e01 0008 0000 // empty POLICY_DATA", new PolicyData(List.of(), List.of()), PATH);
    }

    @Test
    void policyDataFaults() {
        assertBodyFault(PATH, "000c 0e01 0020 0000 00000000", 4, "POLICY_DATA", "Data Offset 32");
        assertBodyFault(PATH, "000c 0e01 0006 0000 00000000", 4, "POLICY_DATA", "Data Offset 6");
        assertBodyFault(PATH, "0010 0e01 0008 0000 0000 0003 00000000", 8, "POLICY_DATA", "length 0");
        assertBodyFault(PATH, "000c 0e01 0008 0000 0010 0003", 8, "POLICY_DATA", "only 4 byte(s)");
        assertBodyFault(PATH, "0018 0e01 0008 0000 0010 0003 00010000 00050003 00000000", 8, "POLICY_DATA",
            "preemption priority", "length 16");
        assertBodyFault(PATH, "000c 0e01 000c 0000 0004 0e01", 8, "POLICY_DATA", "must not nest");
        // A nested object of length 0 would never advance: a length fault at its header.
        Corrupt.assertFault(PATH, "0010 0e01 0010 0000 0000 0301 00000000", ErrorCodes.SYS_BAD_OBJECT_LENGTH, 8,
            "POLICY_DATA", "RSVP_HOP", "length 0");
        // A nested option whose body does not match its C-Type: the option's reader names both objects.
        assertBodyFault(PATH, "0010 0e01 0010 0000 0008 0301 0a000001", 16, "RSVP_HOP", "POLICY_DATA",
            "too short");
        assertThrows(IllegalArgumentException.class, () -> new PolicyData(List.of(PolicyData.of()), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PolicyElement.Opaque(3, Octets.EMPTY));
    }

    @Test
    void integrityWithTheHandshakeFlag() {
        Integrity i = new Integrity(Integrity.FLAG_HANDSHAKE, 0x010203040506L, -1L,
            Octets.fromHex("00112233445566778899aabbccddeeff"));
        assertObject("""
            0024 0401                            // INTEGRITY, C-Type 1, 36 bytes
            80 00 010203040506                   //   flags H (0x80, RFC 2747 §3.1), reserved, key id
            ffffffffffffffff                     //   sequence number 2^64-1 (unsigned)
            00112233445566778899aabbccddeeff     //   HMAC-MD5 digest
            """, i, PATH);
        assertTrue(i.handshake());
        assertObject("0014 0401 0000 ffffffffffff 0000000000000001 // no digest",
            new Integrity(0, 0xffffffffffffL, 1, Octets.EMPTY), PATH);
        // The 64-bit sequence number is read as two words: the fault is at the missing second one.
        assertBodyFault(PATH, "0010 0401 8000 010203040506 00000000", 16, "INTEGRITY", "too short");
        assertThrows(IllegalArgumentException.class, () -> new Integrity(0, 1L << 48, 0, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Integrity(0, 0, 0, Octets.fromHex("00")));
    }

    @Test
    void challenge() {
        assertObject("""
            0014 4001        // CHALLENGE, C-Type 1, 20 bytes
            0000 010203040506 //  reserved, key id
            1122334455667788 //   challenge cookie
            """, new Challenge(0x010203040506L, 0x1122334455667788L), MessageType.INTEGRITY_CHALLENGE);
        assertBodyFault(MessageType.INTEGRITY_CHALLENGE, "0018 4001 0000 010203040506 1122334455667788 00000000",
            20, "CHALLENGE", "trailing");
        assertBodyFault(MessageType.INTEGRITY_CHALLENGE, "000c 4001 0000 010203040506", 12, "CHALLENGE",
            "too short");
    }

    @Test
    void describeNamesTheNestedOptionsAndElements() {
        RecordingVisitor v = new RecordingVisitor();
        new PolicyData(List.of(Samples.HOP), List.of(PREEMPTION)).describe(v);
        assertEquals(List.of("[options", "{", "className=RSVP_HOP", "classNum=3", "cType=1", "hop=10.0.0.1",
            "logicalInterfaceHandle=3", "}", "]", "[elements", "{", "pType=3", "flags=0", "mergeStrategy=1",
            "errorCode=0", "preemptionPriority=5", "defendingPriority=3", "}", "]"), v.events());
    }
}
