package org.rsvpconsole.app.daemon;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for the management channel, both ends, with the JDK's provider: identities are PKCS#12 keystores
 * (what {@code keytool} makes; {@code openssl pkcs12 -export} turns PEM into one), trusted CAs are PEM certificate
 * files. Every failure is an {@link IOException} naming the file and what to check.
 */
public final class ManagementTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ManagementTls() {
    }

    /** The daemon's server context: its identity, and client certificates from {@code clientCa} when given. */
    static SslContext server(ManagementConfig m) throws IOException {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(keyManagers(m.keystore(), m.keystorePassword()))
                .sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
            if (m.clientCa().isPresent()) {
                b.trustManager(trustManagers(m.clientCa().get())).clientAuth(ClientAuth.OPTIONAL);
            } else {
                b.clientAuth(ClientAuth.NONE);
            }
            return b.build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("cannot set up TLS for the management channel: " + e.getMessage(), e);
        }
    }

    /**
     * A client context trusting the daemons' CA {@code ca} (PEM), with a client certificate when given.
     *
     * @param identity a PKCS#12 keystore with the client's key and certificate, or empty
     */
    public static SSLContext client(Path ca, Optional<Path> identity, char[] password) throws IOException {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(identity.isPresent() ? keyManagers(identity.get(), password).getKeyManagers() : null,
                trustManagers(ca).getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static KeyManagerFactory keyManagers(Path keystore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            if (!java.util.Collections.list(ks.aliases()).stream().anyMatch(a -> isKey(ks, a))) {
                throw new IOException(keystore + " holds no private key; make one with keytool -genkeypair"
                    + " (docs/management.md)");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || e.getMessage() != null
                && e.getMessage().contains("password")) {
                throw new IOException("cannot open keystore " + keystore + ": wrong password?", e);
            }
            throw new IOException("cannot read keystore " + keystore + " (a PKCS#12 file): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read keystore " + keystore + " (a PKCS#12 file): " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            return false;
        }
    }

    static TrustManagerFactory trustManagers(Path caPem) throws IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException(caPem + " holds no certificate; it should be PEM (-----BEGIN CERTIFICATE-----)");
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ts.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read CA certificates from " + caPem + " (PEM): " + e.getMessage(), e);
        }
    }

    /** The CN of a certificate's subject, or the whole subject when it has none. */
    public static String commonName(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        try {
            for (Rdn r : new LdapName(dn).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) {
                    return r.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // Fall through to the whole name.
        }
        return dn;
    }
}
