package org.rsvpconsole.engine.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.codec.BundleMessage;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.FieldVisitor;
import org.rsvpconsole.engine.codec.ObjectClass;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpMessage;
import org.rsvpconsole.engine.codec.RsvpObject;

/**
 * Turns an IP datagram carrying RSVP into the console's dissector tree: the IP header in one line, the RSVP common
 * header, then every object with the fields its {@code describe(FieldVisitor)} names.
 */
public final class MessageDissector {

    private static final int IPV6_HOP_BY_HOP = 0;

    private MessageDissector() {
    }

    public static List<DissectedField> dissect(byte[] datagram) {
        List<DissectedField> out = new ArrayList<>();
        if (datagram.length < 20) {
            out.add(new DissectedField("error", "datagram of " + datagram.length + " bytes is too short", List.of()));
            return out;
        }
        int version = (datagram[0] & 0xff) >>> 4;
        int offset;
        if (version == 4) {
            offset = (datagram[0] & 0x0f) * 4;
            out.add(new DissectedField("IPv4", "ttl " + (datagram[8] & 0xff) + ", protocol " + (datagram[9] & 0xff)
                + (offset > 20 ? ", options (Router Alert)" : ""), List.of()));
        } else {
            offset = 40;
            if ((datagram[6] & 0xff) == IPV6_HOP_BY_HOP && datagram.length > 41) {
                offset += ((datagram[41] & 0xff) + 1) * 8;
            }
            out.add(new DissectedField("IPv6", "hop limit " + (datagram[7] & 0xff), List.of()));
        }
        if (offset >= datagram.length) {
            out.add(new DissectedField("error", "no RSVP message after the IP header", List.of()));
            return out;
        }
        DecodeResult r = RsvpCodec.decode(datagram, offset, datagram.length - offset);
        if (r instanceof DecodeResult.Decoded d) {
            message(d.message(), out);
        } else if (r instanceof DecodeResult.Malformed m) {
            out.add(new DissectedField("error", m.error().toString(), List.of()));
            for (RsvpObject o : m.objects()) {
                out.add(object(o));
            }
        }
        return out;
    }

    private static void message(RsvpMessage message, List<DissectedField> out) {
        if (message instanceof BundleMessage b) {
            List<DissectedField> parts = new ArrayList<>();
            for (ObjectMessage m : b.messages()) {
                List<DissectedField> inner = new ArrayList<>();
                message(m, inner);
                parts.add(new DissectedField(m.type().displayName(), "", inner));
            }
            out.add(new DissectedField("Bundle", b.messages().size() + " messages", parts));
        } else if (message instanceof ObjectMessage m) {
            out.add(new DissectedField("RSVP " + m.type().displayName(), "send TTL " + m.sendTtl() + ", flags "
                + m.flags(), List.of()));
            for (RsvpObject o : m.objects()) {
                out.add(object(o));
            }
        }
    }

    static DissectedField object(RsvpObject o) {
        TreeBuilder b = new TreeBuilder();
        o.describe(b);
        return new DissectedField(ObjectClass.name(o.classNum()), "class " + o.classNum() + ", C-Type " + o.cType(),
            b.root);
    }

    /** Builds the tree from the visitor's flat calls. */
    private static final class TreeBuilder implements FieldVisitor {
        final List<DissectedField> root = new ArrayList<>();
        private final Deque<String> names = new ArrayDeque<>();
        private final Deque<List<DissectedField>> open = new ArrayDeque<>();

        private List<DissectedField> current() {
            return open.isEmpty() ? root : open.peek();
        }

        private void leaf(String name, String value) {
            current().add(new DissectedField(name, value, List.of()));
        }

        @Override
        public void number(String name, long value) {
            leaf(name, Long.toString(value));
        }

        @Override
        public void real(String name, float value) {
            leaf(name, Float.toString(value));
        }

        @Override
        public void text(String name, String value) {
            leaf(name, value);
        }

        @Override
        public void bool(String name, boolean value) {
            leaf(name, Boolean.toString(value));
        }

        @Override
        public void beginGroup(String name) {
            names.push(name == null ? "" : name);
            open.push(new ArrayList<>());
        }

        @Override
        public void endGroup() {
            close();
        }

        @Override
        public void beginList(String name) {
            beginGroup(name);
        }

        @Override
        public void endList() {
            close();
        }

        private void close() {
            List<DissectedField> children = open.pop();
            String name = names.pop();
            current().add(new DissectedField(name.isEmpty() ? "[" + current().size() + "]" : name, "", children));
        }
    }
}
