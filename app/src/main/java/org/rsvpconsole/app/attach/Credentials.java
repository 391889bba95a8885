package org.rsvpconsole.app.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.rsvpconsole.app.daemon.ManagementTls;

/**
 * How a client proves who it is to the daemons and which daemons it believes: the CA that signed their
 * certificates, and a client certificate (PKCS#12) or a token.
 */
public record Credentials(SSLContext tls, Optional<String> token) {

    /**
     * @param ca               the CA certificate(s) of the daemons (PEM)
     * @param certificate      a PKCS#12 keystore with the client's key and certificate, or empty
     * @param certPasswordFile the file holding its password (empty: no password)
     * @param token            a token, or empty
     * @throws IOException a file is missing or unusable, with what to check
     */
    public static Credentials of(Path ca, Optional<Path> certificate, Optional<Path> certPasswordFile,
                                 Optional<String> token) throws IOException {
        if (!Files.isReadable(ca)) {
            throw new IOException("the daemons' CA certificate " + ca + " does not exist or cannot be read");
        }
        char[] password = new char[0];
        if (certificate.isPresent()) {
            if (!Files.isReadable(certificate.get())) {
                throw new IOException("the client certificate " + certificate.get() + " does not exist or cannot be"
                    + " read");
            }
            if (certPasswordFile.isPresent()) {
                password = Files.readString(certPasswordFile.get()).strip().toCharArray();
            }
        }
        return new Credentials(ManagementTls.client(ca, certificate, password), token);
    }
}
