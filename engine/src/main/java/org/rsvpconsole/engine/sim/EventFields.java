package org.rsvpconsole.engine.sim;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.FieldVisitor;

/**
 * The one description of an {@link RsvpEvent}'s fields, as {@code describe(FieldVisitor)} is for codec objects:
 * the {@code --events} JSON lines of {@code simulate} and, later, the console's event view.
 *
 * <p>Events are records, so their fields are their components, named as declared: {@code event} (the record's
 * simple name) comes first, then every component in order. Values are rendered by type (addresses as text,
 * sessions, senders, TSpecs and flowspecs as groups, lists as lists); a raw datagram ({@code byte[]}) is left out,
 * since the capture holds the bytes. A new event type is therefore described without changes here.
 */
public final class EventFields {

    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private EventFields() {
    }

    /** Every field of {@code event}, in declaration order, after {@code event}: its type's name. */
    public static void describe(RsvpEvent event, FieldVisitor v) {
        v.text("event", event.getClass().getSimpleName());
        RecordComponent[] components = COMPONENTS.computeIfAbsent(event.getClass(),
            c -> c.getRecordComponents());
        for (RecordComponent rc : components) {
            Object value;
            try {
                value = rc.getAccessor().invoke(event);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + rc + " of " + event.getClass(), e);
            }
            value(v, rc.getName(), value);
        }
    }

    private static void value(FieldVisitor v, String name, Object value) {
        switch (value) {
            case null -> v.text(name, null);
            case byte[] bytes -> {
                // The bytes are in the capture; the length is a field of its own where it matters.
            }
            case Integer i -> v.number(name, i);
            case Long l -> v.number(name, l);
            case Double d -> v.decimal(name, d);
            case Float f -> v.real(name, f);
            case Boolean b -> v.bool(name, b);
            case String s -> v.text(name, s);
            case Enum<?> e -> v.text(name, e.name());
            case IpAddress a -> v.text(name, a.toString());
            case SessionId s -> describeSession(v, name, s);
            case SenderAddress s -> describeSender(v, name, s);
            case TrafficSpec t -> {
                v.beginGroup(name);
                describeTspec(v, t);
                v.endGroup();
            }
            case FlowRequest f -> SimulationReport.describeFlow(v, name, f);
            case List<?> list -> {
                v.beginList(name);
                for (Object o : list) {
                    value(v, null, o);
                }
                v.endList();
            }
            default -> v.text(name, value.toString());
        }
    }

    /** A session as a group: destination, protocol, port. */
    public static void describeSession(FieldVisitor v, String name, SessionId s) {
        v.beginGroup(name);
        v.text("destination", s.destination().toString());
        v.number("protocol", s.protocol());
        v.number("port", s.port());
        v.endGroup();
    }

    /** A sender as a group: address, port. */
    public static void describeSender(FieldVisitor v, String name, SenderAddress s) {
        v.beginGroup(name);
        v.text("address", s.address().toString());
        v.number("port", s.port());
        v.endGroup();
    }

    /** The members of a token bucket (RFC 2210 §3.1): r and p in bytes/s, b, m and M in bytes. */
    public static void describeTspec(FieldVisitor v, TrafficSpec t) {
        v.decimal("r", t.rate());
        v.decimal("b", t.bucket());
        v.decimal("p", t.peak());
        v.number("m", t.minPoliced());
        v.number("M", t.maxPacket());
    }

    /** The scenario file's word for a service: {@code guaranteed} or {@code controlled-load}. */
    public static String serviceName(ServiceClass s) {
        return s == ServiceClass.GUARANTEED ? "guaranteed" : "controlled-load";
    }
}
