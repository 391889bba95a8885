package org.rsvpconsole.app.attach;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.rsvpconsole.app.daemon.ControlClient;
import org.rsvpconsole.app.daemon.ManagementProtocol;
import org.rsvpconsole.app.daemon.ManagementProtocol.Frame;

/**
 * The client's end of a daemon's management channel (docs/management.md): TLS with the daemon's certificate
 * checked against the given CA and the endpoint's name or address, then {@code hello}.
 */
public final class ManagementClient {

    /** How long to wait for a connection, and for the daemon to answer (it pings when idle). */
    static final int CONNECT_MILLIS = 5_000;
    static final int READ_MILLIS = 3 * ManagementProtocol.PING_SECONDS * 1000;

    /** What the daemon said after hello: who it is, who we are to it, and its ring of entries. */
    public record Welcome(String node, String who, String role, String epoch, long first, long last, long ring,
                          String statusJson) {
    }

    /** The daemon refused (authentication, authorisation, a bad request); {@code reason} is its word for why. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final transient Frame frame;

        Refused(Frame f) {
            super(f.text());
            this.reason = f.field("reason");
            this.frame = f;
        }

        public String reason() {
            return reason;
        }

        Frame frame() {
            return frame;
        }
    }

    private ManagementClient() {
    }

    /** One attached connection: the welcome, then requests and frames. */
    static final class Session implements Closeable {
        private final DaemonEndpoint endpoint;
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private Welcome welcome;

        private Session(DaemonEndpoint endpoint, SSLSocket socket) throws IOException {
            this.endpoint = endpoint;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        Welcome welcome() {
            return welcome;
        }

        void send(String command, Map<String, String> fields) throws IOException {
            out.write(ManagementProtocol.request(command, fields).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next frame; an {@code error} frame is thrown as {@link Refused}. */
        Frame read() throws IOException {
            Frame f;
            try {
                f = ManagementProtocol.read(in);
            } catch (SocketTimeoutException e) {
                throw new IOException("daemon " + endpoint + " sent nothing for " + READ_MILLIS / 1000 + " s");
            } catch (SSLException e) {
                throw new IOException("daemon " + endpoint + " ended the TLS session: " + e.getMessage()
                    + hint(e), e);
            }
            if (f.kind().equals("error")) {
                throw new Refused(f);
            }
            return f;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * Connects, checks the daemon's certificate and says hello.
     *
     * @throws Refused     the daemon refused us (wrong token, no role, ...)
     * @throws IOException the daemon cannot be reached or TLS failed, with what to check
     */
    static Session open(DaemonEndpoint e, Credentials c) throws IOException {
        SSLSocket s = (SSLSocket) c.tls().getSocketFactory().createSocket();
        try {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            s.setSSLParameters(p);
            try {
                s.connect(new InetSocketAddress(e.host(), e.port()), CONNECT_MILLIS);
            } catch (IOException x) {
                throw new IOException("cannot reach daemon " + e + ": " + x.getMessage() + " (is it running, with a"
                    + " 'management:' section listening there?)", x);
            }
            s.setSoTimeout(READ_MILLIS);
            try {
                s.startHandshake();
            } catch (SSLHandshakeException x) {
                throw new IOException("TLS with daemon " + e + " failed: " + x.getMessage() + hint(x), x);
            }
            Session session = new Session(e, s);
            Map<String, String> hello = new LinkedHashMap<>();
            hello.put("version", Integer.toString(ManagementProtocol.VERSION));
            c.token().ifPresent(t -> hello.put("token", t));
            session.send("hello", hello);
            Frame w = session.read();
            if (!w.kind().equals("welcome")) {
                throw new IOException("daemon " + e + " answered hello with '" + w.kind() + "'");
            }
            session.welcome = new Welcome(w.field("node"), w.field("who"), w.field("role"), w.field("epoch"),
                w.number("first"), w.number("last"), w.number("ring"), w.text());
            return session;
        } catch (IOException | RuntimeException x) {
            s.close();
            throw x;
        }
    }

    private static String hint(Exception x) {
        String m = String.valueOf(x.getMessage());
        if (m.contains("PKIX") || m.contains("No subject alternative") || m.contains("No name matching")) {
            return " (is --ca the CA that signed the daemon's certificate, and does the certificate name this"
                + " address or host in its subjectAltName?)";
        }
        return " (the daemon may not trust the CA of your client certificate; see docs/management.md)";
    }

    /**
     * One command over the channel: hello, the command, its answer.
     *
     * @throws IOException the daemon could not be reached or refused us; a refused command is an answer, not this
     */
    public static ControlClient.Answer ask(DaemonEndpoint e, Credentials c, String command, Map<String, String> fields)
        throws IOException {
        try (Session s = open(e, c)) {
            s.send(command, fields);
            while (true) {
                Frame f;
                try {
                    f = s.read();
                } catch (Refused r) {
                    return new ControlClient.Answer(false, r.getMessage());
                } catch (EOFException x) {
                    throw new IOException("daemon " + e + " closed the connection before answering");
                }
                if (f.kind().equals("ok")) {
                    return new ControlClient.Answer(true, f.text());
                }
            }
        }
    }
}
