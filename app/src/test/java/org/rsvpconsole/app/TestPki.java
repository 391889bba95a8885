package org.rsvpconsole.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for management-channel tests, made at test time with the JDK's keytool (no key is committed): a CA,
 * leaf keystores (PKCS#12) signed by it, and the CA certificate as PEM. Every keystore has the same password, in
 * {@link #passwordFile}.
 */
public final class TestPki {

    public static final String PASSWORD = "test-keystore-pw";

    public final Path dir;
    public final String name;
    public final Path caKeystore;
    public final Path caPem;
    public final Path passwordFile;

    private TestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.caKeystore = dir.resolve(name + "-ca.p12");
        this.caPem = dir.resolve(name + "-ca.pem");
        this.passwordFile = dir.resolve("keystore.pass");
    }

    /** A new CA called {@code name} in {@code dir}. */
    public static TestPki ca(Path dir, String name) throws IOException, InterruptedException {
        TestPki p = new TestPki(dir, name);
        Files.writeString(p.passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
            "CN=" + name + " test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2",
            "-keystore", p.caKeystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", p.caKeystore.toString(), "-storepass", PASSWORD,
            "-file", p.caPem.toString());
        return p;
    }

    /** A server keystore for the given IP addresses (subjectAltName). */
    public Path server(String cn, List<String> ips) throws IOException, InterruptedException {
        StringBuilder san = new StringBuilder("san=");
        for (int i = 0; i < ips.size(); i++) {
            san.append(i > 0 ? "," : "").append("ip:").append(ips.get(i));
        }
        return leaf(cn, List.of("-ext", san.toString(), "-ext", "eku=serverAuth", "-ext", "ku=digitalSignature"));
    }

    /** A client keystore whose certificate's subject CN is {@code cn}. */
    public Path client(String cn) throws IOException, InterruptedException {
        return leaf(cn, List.of("-ext", "eku=clientAuth", "-ext", "ku=digitalSignature"));
    }

    private Path leaf(String cn, List<String> ext) throws IOException, InterruptedException {
        Path ks = dir.resolve(name + "-" + cn + ".p12");
        // Made in the CA's keystore with -signer (so the chain holds the CA), then moved to a keystore of its own.
        List<String> gen = new ArrayList<>(List.of("-genkeypair", "-alias", cn, "-keyalg", "EC", "-groupname",
            "secp256r1", "-dname", "CN=" + cn, "-validity", "2", "-keystore", caKeystore.toString(), "-storepass",
            PASSWORD, "-signer", "ca"));
        gen.addAll(ext);
        keytool(gen.toArray(String[]::new));
        keytool("-importkeystore", "-noprompt", "-srckeystore", caKeystore.toString(), "-srcstorepass", PASSWORD,
            "-srcalias", cn, "-destalias", "me", "-destkeystore", ks.toString(), "-deststoretype", "PKCS12",
            "-deststorepass", PASSWORD);
        return ks;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + new String(out,
                StandardCharsets.UTF_8));
        }
    }
}
