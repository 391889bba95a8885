package org.rsvpconsole.app.daemon;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The management channel's frames (docs/management.md), both directions, in one place.
 *
 * <p>Client to daemon: one request per line, exactly the control socket's {@link ControlRequest} line (command,
 * then tab-separated {@code key=value} fields). Daemon to client: a header line of the same shape whose
 * {@code length} field gives the number of body bytes that follow it: {@code welcome} (body: the status as JSON),
 * {@code ok} and {@code error} (body: text for people), {@code event} (field {@code seq}; body: one history entry in
 * its stored form, {@code persistence.jdbc.EntryForm}) and {@code ping} (no body, sent when the stream is idle).
 */
public final class ManagementProtocol {

    /** The protocol version {@code hello} carries. */
    public static final int VERSION = 1;
    /** Longest request or header line. */
    public static final int MAX_LINE = 16_384;
    /** Largest body (a status of a big node; an entry is far smaller). */
    public static final int MAX_BODY = 16 * 1024 * 1024;
    /** The daemon sends {@code ping} after this many seconds without another frame. */
    public static final int PING_SECONDS = 10;

    private ManagementProtocol() {
    }

    /** One frame from the daemon: its kind, header fields and body. */
    public record Frame(String kind, Map<String, String> fields, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String field(String key) {
            return fields.getOrDefault(key, "");
        }

        /** A numeric header field; -1 when absent or not a number. */
        public long number(String key) {
            try {
                return Long.parseLong(fields.getOrDefault(key, "-1"));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** A request line for {@code command} with {@code fields}. */
    public static String request(String command, Map<String, String> fields) {
        return ControlRequest.of(command, fields).line();
    }

    /** A daemon frame's bytes: header line with {@code length}, then the body. */
    public static byte[] frame(String kind, Map<String, String> fields, byte[] body) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("length", Integer.toString(body.length));
        byte[] head = ControlRequest.of(kind, f).line().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    public static byte[] text(String kind, String text) {
        return frame(kind, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the next frame from a daemon.
     *
     * @throws EOFException the daemon closed the connection
     * @throws IOException  a frame that breaks the rules above (too long, no length), or the connection failed
     */
    public static Frame read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the daemon closed the connection");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the daemon sent a header line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        ControlRequest head;
        try {
            head = ControlRequest.parse(line.toString(StandardCharsets.UTF_8));
        } catch (ControlRequest.Refused e) {
            throw new IOException("the daemon sent a malformed header: " + e.getMessage());
        }
        int length;
        try {
            length = Integer.parseInt(head.text("length", ""));
        } catch (NumberFormatException e) {
            throw new IOException("the daemon sent a frame without a valid length: " + head.command());
        }
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("the daemon sent a frame of " + length + " bytes (at most " + MAX_BODY + ")");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the daemon closed the connection in the middle of a frame");
        }
        return new Frame(head.command(), head.fields(), body);
    }
}
