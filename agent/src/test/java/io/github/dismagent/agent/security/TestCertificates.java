package io.github.dismagent.agent.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keystores for the TLS tests, made with the JDK's own keytool as an operator would: a server key
 * for 127.0.0.1/localhost, a client key the server trusts, a stranger's key it does not, and the
 * truststores that go with them. Every store has the password {@link #PASSWORD}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-store-pass-1";

    public final Path serverKeystore;
    /** What a client trusts to talk to the server. */
    public final Path serverCertificate;
    public final Path clientKeystore;
    /** What the server trusts: the client's certificate. */
    public final Path clientCertificate;
    public final Path strangerKeystore;

    private TestCertificates(Path directory) {
        serverKeystore = directory.resolve("server.p12");
        serverCertificate = directory.resolve("trusts-server.p12");
        clientKeystore = directory.resolve("client.p12");
        clientCertificate = directory.resolve("trusts-client.p12");
        strangerKeystore = directory.resolve("stranger.p12");
    }

    public static TestCertificates create(Path directory) {
        TestCertificates c = new TestCertificates(directory);
        c.keyPair(c.serverKeystore, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        c.trust(c.serverKeystore, "server", directory.resolve("server.cer"), c.serverCertificate);
        c.keyPair(c.clientKeystore, "client", "CN=prometheus", null);
        c.trust(c.clientKeystore, "client", directory.resolve("client.cer"), c.clientCertificate);
        c.keyPair(c.strangerKeystore, "stranger", "CN=stranger", null);
        return c;
    }

    /** A client's SSLContext: trusting the server, with this keystore's key (or none). */
    public SSLContext clientContext(Path keystore) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = null;
            if (keystore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keystore), PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(serverCertificate));
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void keyPair(Path store, String alias, String name, String extension) {
        List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", name, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        keytool(command);
    }

    private void trust(Path keystore, String alias, Path certificate, Path truststore) {
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file", certificate.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", PASSWORD));
    }

    private static void keytool(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("keytool cannot be run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
