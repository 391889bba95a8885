package org.rsvpconsole.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.policy.PolicyRequest.Direction;
import org.rsvpconsole.engine.policy.PolicyRequest.Service;

class LocalPolicyTest {

    private static final IpSession VOICE_SESSION = new IpSession(IpAddress.of("10.0.5.20"), 17, 0, 16500);
    private static final IpSender PHONE = new IpSender(IpAddress.of("10.0.1.10"), 16400);
    private static final PolicyMatch VOICE_MATCH = new PolicyMatch(List.of(AddressPrefix.parse("10.0.0.0/16")),
        List.of(PortRange.parse("16384-32767")), List.of(17), List.of(), List.of());

    /** A token bucket with r in bits per second and b in bytes; p unbounded, m 200, M 1500. */
    private static TokenBucket tb(long rBps, float bBytes) {
        return new TokenBucket(rBps / 8f, bBytes, Float.POSITIVE_INFINITY, 200, 1500);
    }

    private static PolicyRequest path(Session s, SenderId sender, TokenBucket t) {
        return new PolicyRequest("R1", Direction.PATH, s, List.of(sender), Optional.of(new SenderTspec(t)),
            Optional.empty(), Service.NONE, 0);
    }

    private static PolicyRequest resv(Session s, List<SenderId> senders, Flowspec f, int flows) {
        return new PolicyRequest("R1", Direction.RESV, s, senders, Optional.of(new SenderTspec(f.tokenBucket())),
            Optional.of(f), Service.of(f), flows);
    }

    private static PolicyRequest resv(Flowspec f) {
        return resv(VOICE_SESSION, List.of(PHONE), f, 0);
    }

    private static LocalPolicy policy(PolicyRule... rules) {
        return new LocalPolicy(new PolicyConfig(List.of(rules)));
    }

    private static PolicyDecision.Accept accepted(PolicyDecision d) {
        return assertInstanceOf(PolicyDecision.Accept.class, d);
    }

    private static PolicyDecision.Reject rejected(PolicyDecision d, int value) {
        PolicyDecision.Reject r = assertInstanceOf(PolicyDecision.Reject.class, d);
        assertEquals(ErrorCodes.POLICY_CONTROL_FAILURE, r.error().code());
        assertEquals(value, r.error().value());
        return r;
    }

    @Test
    void withoutAMatchingPolicyTheRequestPassesUnchangedAndUnmarked() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxRatePerFlow(80_000).withDscp(46));
        IpSession web = new IpSession(IpAddress.of("10.0.5.20"), 6, 0, 443);
        PolicyRequest r = resv(web, List.of(PHONE), new ControlledLoadFlowspec(tb(1_000_000, 10_000)), 0);
        LocalPolicy.Evaluation e = p.evaluate(r);
        assertEquals(new PolicyDecision.Accept(r.tspec(), r.flowspec(), Optional.empty()), e.decision());
        assertTrue(e.policy().isEmpty());
        assertTrue(e.changes().isEmpty());
        assertEquals(PolicyDecision.accept(r), new LocalPolicy(PolicyConfig.NONE).decide(r));
    }

    // --- MaxFlows: a hard limit

    @Test
    void maxFlowsRefusesTheFlowBeyondTheLimitWithAQuotaViolation() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxFlows(100));
        Flowspec f = new ControlledLoadFlowspec(tb(80_000, 200));
        accepted(p.decide(resv(VOICE_SESSION, List.of(PHONE), f, 99)));
        PolicyDecision.Reject r = rejected(p.decide(resv(VOICE_SESSION, List.of(PHONE), f, 100)),
            ErrorCodes.PC_QUOTA_VIOLATION);
        assertEquals("policy 'voice': MaxFlows 100, request would be flow 101", r.reason());
        assertEquals("Quota or accounting violation", r.error().valueName());
    }

    @Test
    void maxFlowsZeroRefusesEveryReservationButNotPathState() {
        LocalPolicy p = policy(PolicyRule.of("closed", PolicyMatch.ANY).withMaxFlows(0));
        rejected(p.decide(resv(new ControlledLoadFlowspec(tb(8000, 100)))), ErrorCodes.PC_QUOTA_VIOLATION);
        accepted(p.decide(path(VOICE_SESSION, PHONE, tb(8000, 100))));
    }

    // --- MaxRatePerFlow: caps r and R

    @Test
    void maxRatePerFlowLowersTheSenderTspecRate() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxRatePerFlow(80_000));
        LocalPolicy.Evaluation e = p.evaluate(path(VOICE_SESSION, PHONE, tb(128_000, 1000)));
        PolicyDecision.Accept a = accepted(e.decision());
        assertEquals(tb(80_000, 1000), a.tspec().orElseThrow().tokenBucket());
        assertTrue(a.flowspec().isEmpty());
        assertEquals(List.of("policy 'voice': MaxRatePerFlow 80 kbit/s, request 128 kbit/s: lowered to 80 kbit/s"),
            e.changes());
    }

    @Test
    void maxRatePerFlowLowersControlledLoadRateAndGuaranteedRateR() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxRatePerFlow(80_000));
        PolicyDecision.Accept cl = accepted(p.decide(resv(new ControlledLoadFlowspec(tb(128_000, 1000)))));
        assertEquals(new ControlledLoadFlowspec(tb(80_000, 1000)), cl.flowspec().orElseThrow());
        assertEquals(tb(80_000, 1000), cl.tspec().orElseThrow().tokenBucket());

        // r within the limit, R above it: only R is lowered.
        LocalPolicy.Evaluation e = p.evaluate(resv(new GuaranteedFlowspec(tb(64_000, 1000), 12_000f, 100)));
        assertEquals(new GuaranteedFlowspec(tb(64_000, 1000), 10_000f, 100),
            accepted(e.decision()).flowspec().orElseThrow());
        assertEquals(List.of("policy 'voice': MaxRatePerFlow 80 kbit/s, request R 96 kbit/s: lowered to 80 kbit/s"),
            e.changes());

        // Both above: both lowered, so R >= r still holds (RFC 2212).
        GuaranteedFlowspec g = (GuaranteedFlowspec) accepted(p.decide(resv(
            new GuaranteedFlowspec(tb(200_000, 1000), 30_000f, 0)))).flowspec().orElseThrow();
        assertEquals(10_000f, g.tokenBucket().rate());
        assertEquals(10_000f, g.rate());
    }

    @Test
    void requestsWithinMaxRatePerFlowAreUntouched() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxRatePerFlow(80_000));
        PolicyRequest r = resv(new GuaranteedFlowspec(tb(80_000, 1000), 10_000f, 0));
        LocalPolicy.Evaluation e = p.evaluate(r);
        assertEquals(new PolicyDecision.Accept(r.tspec(), r.flowspec(), Optional.empty()), e.decision());
        assertTrue(e.changes().isEmpty());
        assertEquals("voice", e.policy().orElseThrow().name());
    }

    @Test
    void maxRatePerFlowRefusesWhenThePolicySaysRefuse() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxRatePerFlow(80_000)
            .withOverLimit(PolicyRule.OverLimit.REFUSE));
        PolicyDecision.Reject r = rejected(p.decide(resv(new ControlledLoadFlowspec(tb(128_000, 1000)))),
            ErrorCodes.PC_FLOWSPEC_REJECTED);
        assertEquals("policy 'voice': MaxRatePerFlow 80 kbit/s, request 128 kbit/s", r.reason());
        assertEquals("Flowspec was rejected (too large)", r.error().valueName());
        PolicyDecision.Reject pathR = rejected(p.decide(path(VOICE_SESSION, PHONE, tb(1_500_000, 1000))),
            ErrorCodes.PC_GENERIC_REJECTION);
        assertEquals("policy 'voice': MaxRatePerFlow 80 kbit/s, request 1.5 Mbit/s", pathR.reason());
    }

    // --- MaxTokenBucketPerFlow: caps b

    @Test
    void maxTokenBucketPerFlowLowersB() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxTokenBucketPerFlow(2000));
        LocalPolicy.Evaluation e = p.evaluate(path(VOICE_SESSION, PHONE, tb(80_000, 8000)));
        assertEquals(tb(80_000, 2000), accepted(e.decision()).tspec().orElseThrow().tokenBucket());
        assertEquals(List.of("policy 'voice': MaxTokenBucketPerFlow 2 kB, request 8 kB: lowered to 2 kB"),
            e.changes());
        PolicyDecision.Accept g = accepted(p.decide(resv(new GuaranteedFlowspec(tb(80_000, 500_000), 10_000f, 7))));
        assertEquals(new GuaranteedFlowspec(tb(80_000, 2000), 10_000f, 7), g.flowspec().orElseThrow());
        PolicyDecision.Accept small = accepted(p.decide(path(VOICE_SESSION, PHONE, tb(80_000, 500))));
        assertEquals(tb(80_000, 500), small.tspec().orElseThrow().tokenBucket());
    }

    @Test
    void maxTokenBucketPerFlowRefusesWhenThePolicySaysRefuse() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withMaxTokenBucketPerFlow(2000)
            .withOverLimit(PolicyRule.OverLimit.REFUSE));
        accepted(p.decide(resv(new ControlledLoadFlowspec(tb(80_000, 2000)))));
        PolicyDecision.Reject r = rejected(p.decide(resv(new ControlledLoadFlowspec(tb(80_000, 3000)))),
            ErrorCodes.PC_FLOWSPEC_REJECTED);
        assertEquals("policy 'voice': MaxTokenBucketPerFlow 2 kB, request 3 kB", r.reason());
        PolicyDecision.Reject small = rejected(p.decide(path(VOICE_SESSION, PHONE, tb(80_000, 2001))),
            ErrorCodes.PC_GENERIC_REJECTION);
        assertEquals("policy 'voice': MaxTokenBucketPerFlow 2 kB, request 2.001 kB", small.reason());
    }

    // --- FlowServiceType: Guaranteed > Controlled Load

    @Test
    void aGuaranteedRequestIsLoweredToControlledLoadUnderAControlledLoadPolicy() {
        LocalPolicy p = policy(PolicyRule.of("video", VOICE_MATCH).withFlowServiceType(Service.CONTROLLED_LOAD));
        LocalPolicy.Evaluation e = p.evaluate(resv(new GuaranteedFlowspec(tb(2_000_000, 20_000), 250_000f, 0)));
        assertEquals(new ControlledLoadFlowspec(tb(2_000_000, 20_000)),
            accepted(e.decision()).flowspec().orElseThrow());
        assertEquals(List.of("policy 'video': FlowServiceType controlled-load, request guaranteed: lowered to"
            + " controlled-load"), e.changes());
        Flowspec cl = new ControlledLoadFlowspec(tb(2_000_000, 20_000));
        assertEquals(cl, accepted(p.decide(resv(cl))).flowspec().orElseThrow());
    }

    @Test
    void aGuaranteedPolicyAllowsBothServices() {
        LocalPolicy p = policy(PolicyRule.of("any", PolicyMatch.ANY).withFlowServiceType(Service.GUARANTEED));
        Flowspec g = new GuaranteedFlowspec(tb(80_000, 200), 10_000f, 0);
        Flowspec cl = new ControlledLoadFlowspec(tb(80_000, 200));
        assertEquals(g, accepted(p.decide(resv(g))).flowspec().orElseThrow());
        assertEquals(cl, accepted(p.decide(resv(cl))).flowspec().orElseThrow());
    }

    @Test
    void flowServiceTypeRefusesGuaranteedWhenThePolicySaysRefuse() {
        LocalPolicy p = policy(PolicyRule.of("video", VOICE_MATCH).withFlowServiceType(Service.CONTROLLED_LOAD)
            .withOverLimit(PolicyRule.OverLimit.REFUSE));
        PolicyDecision.Reject r = rejected(p.decide(resv(new GuaranteedFlowspec(tb(80_000, 200), 10_000f, 0))),
            ErrorCodes.PC_SERVICE_REJECTED);
        assertEquals("policy 'video': FlowServiceType controlled-load, request guaranteed", r.reason());
        assertEquals("Service type was rejected", r.error().valueName());
    }

    @Test
    void limitsCombine() {
        LocalPolicy p = policy(PolicyRule.of("video", VOICE_MATCH).withFlowServiceType(Service.CONTROLLED_LOAD)
            .withMaxRatePerFlow(1_000_000).withMaxTokenBucketPerFlow(10_000).withDscp(34));
        LocalPolicy.Evaluation e = p.evaluate(resv(new GuaranteedFlowspec(tb(4_000_000, 50_000), 600_000f, 0)));
        PolicyDecision.Accept a = accepted(e.decision());
        assertEquals(new ControlledLoadFlowspec(tb(1_000_000, 10_000)), a.flowspec().orElseThrow());
        assertEquals(tb(1_000_000, 10_000), a.tspec().orElseThrow().tokenBucket());
        assertEquals(Optional.of(34), a.dscp());
        assertEquals(3, e.changes().size(), e.changes().toString());
    }

    // --- matching

    @Test
    void theFirstMatchingPolicyByPriorityWinsAndFileOrderBreaksTies() {
        PolicyRule general = PolicyRule.of("general", PolicyMatch.ANY).withDscp(0);
        PolicyRule voice = PolicyRule.of("voice", VOICE_MATCH).withDscp(46).withPriority(10);
        PolicyRule voice2 = PolicyRule.of("voice-too", VOICE_MATCH).withDscp(44).withPriority(10);
        LocalPolicy p = policy(general, voice, voice2);
        assertEquals(List.of("voice", "voice-too", "general"),
            p.config().rules().stream().map(PolicyRule::name).toList());
        Flowspec f = new ControlledLoadFlowspec(tb(80_000, 200));
        assertEquals(Optional.of(46), accepted(p.decide(resv(f))).dscp());
        IpSession other = new IpSession(IpAddress.of("192.0.2.1"), 17, 0, 16500);
        assertEquals(Optional.of(0), accepted(p.decide(resv(other, List.of(PHONE), f, 0))).dscp());
    }

    @Test
    void eachCriterionNarrowsTheMatch() {
        PolicyMatch m = new PolicyMatch(List.of(AddressPrefix.parse("10.0.0.0/16"), AddressPrefix.parse(
            "2001:db8::/32")), List.of(PortRange.parse("5004"), PortRange.parse("16384-32767")), List.of(17),
            List.of(AddressPrefix.parse("10.0.1.0/24")), List.of(PortRange.parse("16384-16999")));
        assertTrue(m.matches(VOICE_SESSION, List.of(PHONE)));
        assertTrue(m.matches(new IpSession(IpAddress.of("10.0.9.9"), 17, 0, 5004), List.of(PHONE)));
        assertTrue(m.matches(new IpSession(IpAddress.of("2001:db8::5"), 17, 0, 5004), List.of(PHONE)));
        assertFalse(m.matches(new IpSession(IpAddress.of("10.1.5.20"), 17, 0, 16500), List.of(PHONE)), "dest");
        assertFalse(m.matches(new IpSession(IpAddress.of("10.0.5.20"), 17, 0, 5005), List.of(PHONE)), "port");
        assertFalse(m.matches(new IpSession(IpAddress.of("10.0.5.20"), 6, 0, 16500), List.of(PHONE)), "protocol");
        assertFalse(m.matches(VOICE_SESSION, List.of(new IpSender(IpAddress.of("10.0.2.10"), 16400))), "source");
        assertFalse(m.matches(VOICE_SESSION, List.of(new IpSender(IpAddress.of("10.0.1.10"), 17000))), "sport");
        // Every sender of a shared reservation must match; a wildcard names none.
        assertFalse(m.matches(VOICE_SESSION, List.of(PHONE, new IpSender(IpAddress.of("10.0.2.10"), 16400))));
        assertFalse(m.matches(VOICE_SESSION, List.of()));
        assertTrue(VOICE_MATCH.matches(VOICE_SESSION, List.of()));
        // A tunnel session has no port or protocol: only port-free policies cover it.
        LspTunnelSession tunnel = new LspTunnelSession(IpAddress.of("10.0.5.20"), 1, IpAddress.of("10.0.0.1"));
        assertFalse(VOICE_MATCH.matches(tunnel, List.of()));
        assertTrue(new PolicyMatch(List.of(AddressPrefix.parse("10.0.0.0/8")), List.of(), List.of(), List.of(),
            List.of()).matches(tunnel, List.of()));
        assertTrue(PolicyMatch.ANY.matches(tunnel, List.of()));
    }

    @Test
    void prefixesAndPortRangesValidateThemselves() {
        assertTrue(AddressPrefix.parse("192.0.2.7").contains(IpAddress.of("192.0.2.7")));
        assertFalse(AddressPrefix.parse("192.0.2.7").contains(IpAddress.of("192.0.2.8")));
        assertTrue(AddressPrefix.parse("0.0.0.0/0").contains(IpAddress.of("203.0.113.9")));
        assertFalse(AddressPrefix.parse("0.0.0.0/0").contains(IpAddress.of("::1")));
        assertEquals("10.1.0.0/15 has host bits set; write the network, like 10.0.0.0/15",
            assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("10.1.0.0/15")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("70000"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("20-10"));
        assertEquals(new PortRange(10, 20), PortRange.parse("10 - 20"));
    }

    // --- DSCP marking

    @Test
    void theMatchingPolicyMarksTheFlowWithItsDscp() {
        LocalPolicy p = policy(PolicyRule.of("voice", VOICE_MATCH).withDscp(PolicyRule.parseDscp("EF")),
            PolicyRule.of("rest", PolicyMatch.ANY).withPriority(-1));
        assertEquals(Optional.of(46), accepted(p.decide(path(VOICE_SESSION, PHONE, tb(80_000, 200)))).dscp());
        assertEquals(Optional.of(46), accepted(p.decide(resv(new ControlledLoadFlowspec(tb(8000, 200))))).dscp());
        IpSession web = new IpSession(IpAddress.of("10.0.5.20"), 6, 0, 443);
        assertEquals(Optional.empty(), accepted(p.decide(path(web, PHONE, tb(80_000, 200)))).dscp());
    }

    @Test
    void dscpAndTosAreReadByNumberAndName() {
        assertEquals(46, PolicyRule.parseDscp("ef"));
        assertEquals(34, PolicyRule.parseDscp("AF41"));
        assertEquals(40, PolicyRule.parseDscp("CS5"));
        assertEquals(0, PolicyRule.parseDscp("BE"));
        assertEquals(63, PolicyRule.parseDscp("63"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseDscp("64")).getMessage()
            .contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseDscp("AF14")).getMessage()
            .contains("not a DSCP"));
        assertEquals(46, PolicyRule.parseTos("0xb8"));
        assertEquals(46, PolicyRule.parseTos("184"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseTos("0xb9")).getMessage()
            .contains("ECN"));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseTos("256"));
    }

    @Test
    void policiesValidateTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of("x", PolicyMatch.ANY).withMaxFlows(-1));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of("x", PolicyMatch.ANY).withMaxRatePerFlow(0));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of("x", PolicyMatch.ANY).withDscp(64));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of("x", PolicyMatch.ANY)
            .withFlowServiceType(Service.NONE));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of(" ", PolicyMatch.ANY));
        PolicyRule a = PolicyRule.of("a", PolicyMatch.ANY);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PolicyConfig(List.of(a, a))).getMessage()
            .contains("'a' is used twice"));
        assertSame(PolicyRule.OverLimit.CAP, a.overLimit());
        assertEquals("80 kbit/s", LocalPolicy.rate(80_000));
        assertEquals("500 bit/s", LocalPolicy.rate(500));
    }
}
