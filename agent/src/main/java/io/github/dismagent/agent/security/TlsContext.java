package io.github.dismagent.agent.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of the HTTP endpoint: the server's key and certificate from a PKCS12 keystore and,
 * when a truststore is given, the certificate authorities whose client certificates are accepted
 * (then every client must present one).
 *
 * @param context                   the server's SSLContext (TLS 1.2 and 1.3, the JDK's defaults)
 * @param requireClientCertificates whether clients must present a certificate the truststore trusts
 */
public record TlsContext(SSLContext context, boolean requireClientCertificates) {

    /**
     * @param truststore null for no client certificates
     * @throws IllegalArgumentException saying which file could not be used and why, never with a password
     */
    public static TlsContext load(Path keystore, char[] keystorePassword, Path truststore, char[] truststorePassword) {
        try {
            KeyStore keys = read(keystore, keystorePassword, "tlsKeystore");
            if (!hasPrivateKey(keys)) {
                throw new IllegalArgumentException("tlsKeystore " + keystore + " holds no private key with its certificate; create it with "
                        + "keytool -genkeypair -storetype PKCS12 (or export the server's certificate and key as .p12)");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            try {
                keyManagers.init(keys, keystorePassword);
            } catch (UnrecoverableKeyException e) {
                throw new IllegalArgumentException("tlsKeystore " + keystore + ": the private key cannot be read with tlsKeystorePassword "
                        + "(a key password that differs from the store's is not supported)");
            }
            TrustManagerFactory trustManagers = null;
            if (truststore != null) {
                KeyStore trusted = read(truststore, truststorePassword, "tlsTruststore");
                if (trusted.size() == 0) {
                    throw new IllegalArgumentException("tlsTruststore " + truststore + " holds no certificate; no client could connect");
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trusted);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return new TlsContext(context, truststore != null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage());
        }
    }

    private static KeyStore read(Path file, char[] password, String option) throws GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " does not exist or is not a file");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            // A wrong password and a file that is not PKCS12 both end here; the JDK's message says which.
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password");
            throw new IllegalArgumentException(option + " " + file + " cannot be read as a PKCS12 keystore"
                    + (wrongPassword ? ": wrong " + option + "Password" : " (" + e.getMessage() + ")"));
        }
        return store;
    }

    private static boolean hasPrivateKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }
}
