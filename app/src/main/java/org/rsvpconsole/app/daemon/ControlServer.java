package org.rsvpconsole.app.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BiFunction;

/**
 * The daemon's control socket: a Unix domain socket, readable and writable by its owner only (its directory is
 * created owner-only too, so nobody else can connect between bind and chmod). One request line per connection,
 * answered with {@code ok} or {@code error} on the first line and the text after it.
 */
final class ControlServer implements AutoCloseable {

    private static final int MAX_REQUEST = 16_384;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel channel,
                          BiFunction<String, ControlRequest, String> handler) {
        this.path = path;
        this.channel = channel;
        this.acceptor = Thread.ofPlatform().daemon().name("control " + path).start(() -> accept(handler));
    }

    static ControlServer start(Path path, BiFunction<String, ControlRequest, String> handler) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        }
        if (Files.exists(path)) {
            if (ControlClient.answers(path)) {
                throw new IOException("a daemon is already listening on " + path + "; stop it first or give this one"
                    + " another control-socket");
            }
            Files.delete(path);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on control socket " + path + ": " + e.getMessage(), e);
        }
        return new ControlServer(path, ch, handler);
    }

    private void accept(BiFunction<String, ControlRequest, String> handler) {
        while (channel.isOpen()) {
            try {
                SocketChannel c = channel.accept();
                Thread.ofVirtual().start(() -> serve(c, handler));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
            }
        }
    }

    private static void serve(SocketChannel c, BiFunction<String, ControlRequest, String> handler) {
        try (c) {
            String line = readLine(c);
            String answer;
            try {
                answer = "ok\n" + handler.apply(localUser(c), ControlRequest.parse(line));
            } catch (ControlRequest.Refused e) {
                answer = "error\n" + e.getMessage();
            } catch (RuntimeException e) {
                answer = "error\ninternal error in the daemon: " + e;
            }
            ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                c.write(out);
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    /** Who is on the other end: the peer's user from the kernel (SO_PEERCRED), as "local:user". */
    private static String localUser(SocketChannel c) {
        try {
            return "local:" + c.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "local";
        }
    }

    private static String readLine(SocketChannel c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        while (b.size() < MAX_REQUEST) {
            buf.clear();
            int n = c.read(buf);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte x = buf.get(i);
                if (x == '\n') {
                    return b.toString(StandardCharsets.UTF_8);
                }
                b.write(x);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            channel.close();
            acceptor.join(2000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Closing anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
