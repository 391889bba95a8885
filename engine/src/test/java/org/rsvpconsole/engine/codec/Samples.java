package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;

/** Sample objects for tests: one valid instance per mandatory class, so any message type can be built. */
final class Samples {

    static final IpSession SESSION = new IpSession(IpAddress.of("10.0.0.9"), 17, 0, 5004);
    static final RsvpHop HOP = new RsvpHop(IpAddress.of("10.0.0.1"), 3);
    static final TimeValues TIME = new TimeValues(30000);

    private Samples() {
    }

    /** One object of each class the message type requires (those this test tree can build so far). */
    static List<RsvpObject> mandatoryFor(MessageType type) {
        List<RsvpObject> out = new ArrayList<>();
        for (int c : type.mandatoryClasses()) {
            RsvpObject o = sampleOfClass(c);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    static RsvpObject sampleOfClass(int classNum) {
        return switch (classNum) {
            case ObjectClass.SESSION -> SESSION;
            case ObjectClass.RSVP_HOP -> HOP;
            case ObjectClass.TIME_VALUES -> TIME;
            default -> SampleObjects.of(classNum);
        };
    }
}
