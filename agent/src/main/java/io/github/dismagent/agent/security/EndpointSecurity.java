package io.github.dismagent.agent.security;

import com.sun.net.httpserver.Authenticator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the HTTP endpoint is protected: TLS, basic authentication, both or neither, from the options
 * {@code tlsKeystore}, {@code tlsKeystorePassword}, {@code tlsTruststore},
 * {@code tlsTruststorePassword}, {@code httpUser} and {@code httpPasswordHash}.
 *
 * <p>It fails closed: when one of these options is malformed, or they do not fit together, there is
 * no endpoint at all rather than one with less protection than the operator asked for.
 *
 * @param tls            null for plain HTTP
 * @param authentication null for no authentication
 * @param warnings       what is allowed but unwise, for the log
 */
public record EndpointSecurity(TlsContext tls, Authenticator authentication, List<String> warnings) {

    public static EndpointSecurity none() {
        return new EndpointSecurity(null, null, List.of());
    }

    public Optional<TlsContext> tlsContext() {
        return Optional.ofNullable(tls);
    }

    public Optional<Authenticator> authenticator() {
        return Optional.ofNullable(authentication);
    }

    /** What the status line and log say: {@code HTTPS with client certificates and basic authentication} ... */
    public String describe() {
        String transport = tls == null ? "plain HTTP" : tls.requireClientCertificates() ? "HTTPS with client certificates" : "HTTPS";
        return transport + (authentication == null ? "" : " and basic authentication");
    }

    /**
     * @throws IllegalArgumentException why the endpoint must not start; never contains a password
     */
    public static EndpointSecurity from(SecurityOptions options) {
        if (!options.unusable().isEmpty()) {
            throw new IllegalArgumentException(options.unusable().get(0) + " is set but cannot be used (see the option problem above)");
        }
        String user = options.httpUser();
        PasswordHash hash = options.httpPasswordHash();
        if ((user == null) != (hash == null)) {
            throw new IllegalArgumentException(user == null ? "httpPasswordHash is set but httpUser is not; set both or neither"
                    : "httpUser is set but httpPasswordHash is not; set both (make the hash with java -jar dismagent.jar hash-password)");
        }
        Path keystore = options.tlsKeystore();
        Path truststore = options.tlsTruststore();
        if (keystore == null) {
            requireAbsent("tlsKeystorePassword", options.tlsKeystorePassword());
            requireAbsent("tlsTruststore", truststore);
            requireAbsent("tlsTruststorePassword", options.tlsTruststorePassword());
        } else if (truststore == null && options.tlsTruststorePassword() != null) {
            throw new IllegalArgumentException("tlsTruststorePassword is set but tlsTruststore is not");
        }
        TlsContext tls = keystore == null ? null : TlsContext.load(keystore, chars(options.tlsKeystorePassword()),
                truststore, chars(options.tlsTruststorePassword()));
        List<String> warnings = new ArrayList<>();
        String bind = options.bind();
        if (!isLoopback(bind)) {
            if (user != null && tls == null) {
                warnings.add("basic authentication over plain HTTP on " + bind + ": the password crosses the network readable by anyone "
                        + "on the path; set tlsKeystore to serve HTTPS");
            } else if (user == null && tls == null) {
                warnings.add("the HTTP endpoint on " + bind + " answers anyone who can reach it; set httpUser and httpPasswordHash, "
                        + "and tlsKeystore, to restrict it");
            }
        }
        for (SecurityOptions.ExposedSecret secret : options.exposedSecrets()) {
            warnings.add(secret.key() + " comes from the " + secret.where() + ", which anyone who can list the machine's processes or "
                    + "read the JVM's Runtime MBean can see; give it in the config file (readable by the service account only) or as "
                    + secret.environmentVariable());
        }
        return new EndpointSecurity(tls, user == null ? null : new BasicAuthentication(user, hash), List.copyOf(warnings));
    }

    private static void requireAbsent(String tlsOnlyKey, Object value) {
        if (value != null) {
            throw new IllegalArgumentException(tlsOnlyKey + " is set but tlsKeystore is not; HTTPS needs the server's keystore");
        }
    }

    private static char[] chars(String secret) {
        return secret == null ? new char[0] : secret.toCharArray();
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
