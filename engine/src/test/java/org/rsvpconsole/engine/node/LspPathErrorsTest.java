package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.EroSubobject;
import org.rsvpconsole.engine.codec.ExplicitRoute;
import org.rsvpconsole.engine.codec.LabelRequest;
import org.rsvpconsole.engine.codec.LspTunnelSender;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.Octets;
import org.rsvpconsole.engine.codec.RecordRoute;
import org.rsvpconsole.engine.codec.RroSubobject;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.RsvpObject;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Interface;

/**
 * The PathErr codes of RFC 3209 (Routing Problem, code 24) for LSP Paths a transit node cannot accept: real Path
 * datagrams from R1's side of the R1-R2 link into R2, whose PathErr R1 receives.
 */
class LspPathErrorsTest {

    private static final IpAddress R1 = IpAddress.of("10.0.12.1");
    private static final IpAddress TAIL = IpAddress.of("192.0.2.4");

    /** Sends R2 a Path for a tunnel from R1 and returns the Routing Problem value R1 hears back (-1: none). */
    private static int pathErrValue(LabelRequest request, List<EroSubobject> ero, List<RroSubobject> rro,
                                    int ipTtlLoss) {
        Scenario sc = new Scenario(LspTunnelTest.square());
        Interface in = sc.net.topology().interfaceWithAddress(IpAddress.of("10.0.12.2")).orElseThrow();
        List<RsvpObject> objects = new ArrayList<>();
        objects.add(new LspTunnelSession(TAIL, 9, R1));
        objects.add(new RsvpHop(R1, 0));
        objects.add(new TimeValues(30_000));
        if (ero != null) {
            objects.add(new ExplicitRoute(ero));
        }
        objects.add(request);
        objects.add(new SenderTemplate(new LspTunnelSender(R1, 1)));
        objects.add(IntServMath.senderTspec(TrafficSpec.of(125_000, 1500)));
        if (rro != null) {
            objects.add(new RecordRoute(rro));
        }
        byte[] rsvp = RsvpCodec.encode(new ObjectMessage(MessageType.PATH, 0, 64, objects));
        byte[] datagram = new IpEncapsulation(R1, TAIL, 64 - ipTtlLoss, true, false).wrap(rsvp, 0, rsvp.length);
        sc.time.execute(() -> sc.net.node("R2").receive(in, datagram));
        sc.settle();
        List<RsvpEvent.ErrorReceived> errs = sc.events(RsvpEvent.ErrorReceived.class, "R1");
        if (errs.isEmpty()) {
            assertEquals(1, sc.net.node("R2").lsps().size(), "an accepted LSP has path state");
            return -1;
        }
        assertEquals(24, errs.get(0).errorCode());
        assertEquals("PathErr", errs.get(0).messageType());
        assertTrue(sc.net.node("R2").lsps().isEmpty(), "no path state for a refused LSP");
        return errs.get(0).errorValue();
    }

    private static EroSubobject strict(String a) {
        return new EroSubobject.IpPrefix(false, IpAddress.of(a), 32);
    }

    private static final LabelRequest IPV4 = new LabelRequest.NoRange(LabelRequest.L3PID_IPV4);

    @Test
    void aGoodPathIsAccepted() {
        assertEquals(-1, pathErrValue(IPV4, List.of(strict("10.0.12.2"), strict("10.0.23.3"),
            strict("10.0.34.4")), null, 0));
    }

    @Test
    void theFirstSubobjectMustContainTheReceivingNode() {
        // §4.3.4 step 1: R2 is not in 10.0.23.3/32: "Bad initial subobject".
        assertEquals(4, pathErrValue(IPV4, List.of(strict("10.0.23.3"), strict("10.0.34.4")), null, 0));
    }

    @Test
    void anEmptyOrUnknownExplicitRouteIsABadExplicitRouteObject() {
        assertEquals(1, pathErrValue(IPV4, List.of(), null, 0));
        // Type 4 (RFC 3477 unnumbered interface) is not understood here.
        assertEquals(1, pathErrValue(IPV4, List.of(strict("10.0.12.2"),
            new EroSubobject.Unknown(false, 4, Octets.of(new byte[10]))), null, 0));
    }

    @Test
    void aStrictHopThatIsNotANeighbourIsABadStrictNode() {
        assertEquals(2, pathErrValue(IPV4, List.of(strict("10.0.12.2"), strict("10.0.34.4")), null, 0));
    }

    @Test
    void anUnsupportedLayer3ProtocolIsRefused() {
        // §4.2.4: only IPv4 (0x0800) and IPv6 (0x86DD) are carried here.
        assertEquals(10, pathErrValue(new LabelRequest.NoRange(0x8847), null, null, 0));
    }

    @Test
    void aRecordRouteNamingThisNodeIsALoop() {
        // §4.4.3: R2's own address in the RECORD_ROUTE.
        assertEquals(7, pathErrValue(IPV4, null, List.of(new RroSubobject.Address(R1, 32, 0),
            new RroSubobject.Address(IpAddress.of("10.0.23.2"), 32, 0)), 0));
    }

    @Test
    void aNonRsvpRouterUpstreamCannotCarryAnLsp() {
        // The IP TTL fell by one more than the Send_TTL says: a router that does not run RSVP forwarded it.
        assertEquals(8, pathErrValue(IPV4, null, null, 1));
    }
}
