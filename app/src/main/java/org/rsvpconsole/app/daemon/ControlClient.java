package org.rsvpconsole.app.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The command line's side of the control socket: one request, one answer. */
public final class ControlClient {

    /** The daemon's answer: {@code ok} with its text, or refused with the reason. */
    public record Answer(boolean ok, String text) {
    }

    private ControlClient() {
    }

    /**
     * Sends one request to the daemon at {@code socket}.
     *
     * @throws IOException with a message for the user when no daemon listens there
     */
    public static Answer send(Path socket, String command, Map<String, String> fields) throws IOException {
        if (!Files.exists(socket)) {
            throw new IOException("no daemon is running: " + socket + " does not exist; start one with"
                + " 'rsvp-console daemon --config node.yaml' (or give --socket PATH)");
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer req = ByteBuffer.wrap(ControlRequest.of(command, fields).line()
                .getBytes(StandardCharsets.UTF_8));
            while (req.hasRemaining()) {
                c.write(req);
            }
            c.shutdownOutput();
            InputStream in = Channels.newInputStream(c);
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int nl = all.indexOf('\n');
            String head = nl < 0 ? all : all.substring(0, nl);
            String body = nl < 0 ? "" : all.substring(nl + 1);
            return new Answer(head.equals("ok"), body);
        } catch (java.net.SocketException e) {
            throw new IOException("cannot reach the daemon on " + socket + ": " + e.getMessage()
                + " (is it running? do you have permission on the socket?)");
        }
    }

    /** True if a daemon answers on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
