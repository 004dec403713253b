package io.github.dismagent.agent.security;

import com.sun.net.httpserver.Authenticator;
import io.github.dismagent.agent.config.AgentConfig;
import io.github.dismagent.agent.config.AgentOption;
import io.github.dismagent.agent.config.AgentOptions;
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
    public static EndpointSecurity from(AgentConfig config) {
        for (AgentOption<?> option : AgentOptions.HTTP_SECURITY) {
            if (config.rejected(option)) {
                throw new IllegalArgumentException(option.key() + " is set but cannot be used (see the option problem above)");
            }
        }
        String user = config.get(AgentOptions.HTTP_USER);
        PasswordHash hash = config.get(AgentOptions.HTTP_PASSWORD_HASH);
        if ((user == null) != (hash == null)) {
            throw new IllegalArgumentException(user == null ? "httpPasswordHash is set but httpUser is not; set both or neither"
                    : "httpUser is set but httpPasswordHash is not; set both (make the hash with java -jar dismagent.jar hash-password)");
        }
        Path keystore = config.get(AgentOptions.TLS_KEYSTORE);
        Path truststore = config.get(AgentOptions.TLS_TRUSTSTORE);
        if (keystore == null) {
            for (AgentOption<?> tlsOnly : List.of(AgentOptions.TLS_KEYSTORE_PASSWORD, AgentOptions.TLS_TRUSTSTORE, AgentOptions.TLS_TRUSTSTORE_PASSWORD)) {
                if (config.get(tlsOnly) != null) {
                    throw new IllegalArgumentException(tlsOnly.key() + " is set but tlsKeystore is not; HTTPS needs the server's keystore");
                }
            }
        } else if (truststore == null && config.get(AgentOptions.TLS_TRUSTSTORE_PASSWORD) != null) {
            throw new IllegalArgumentException("tlsTruststorePassword is set but tlsTruststore is not");
        }
        TlsContext tls = keystore == null ? null : TlsContext.load(keystore, chars(config.get(AgentOptions.TLS_KEYSTORE_PASSWORD)),
                truststore, chars(config.get(AgentOptions.TLS_TRUSTSTORE_PASSWORD)));
        List<String> warnings = new ArrayList<>();
        String bind = config.get(AgentOptions.BIND);
        if (!isLoopback(bind)) {
            if (user != null && tls == null) {
                warnings.add("basic authentication over plain HTTP on " + bind + ": the password crosses the network readable by anyone "
                        + "on the path; set tlsKeystore to serve HTTPS");
            } else if (user == null && tls == null) {
                warnings.add("the HTTP endpoint on " + bind + " answers anyone who can reach it; set httpUser and httpPasswordHash, "
                        + "and tlsKeystore, to restrict it");
            }
        }
        for (AgentOption<?> secret : AgentOptions.ALL) {
            String source = config.source(secret);
            if (secret.secret() && (source.equals("agent argument") || source.startsWith("system property"))) {
                warnings.add(secret.key() + " comes from the " + (source.equals("agent argument") ? "agent arguments" : source)
                        + ", which anyone who can list the machine's processes or read the JVM's Runtime MBean can see; give it in the "
                        + "config file (readable by the service account only) or as " + secret.environmentVariable());
            }
        }
        return new EndpointSecurity(tls, user == null ? null : new BasicAuthentication(user, hash), List.copyOf(warnings));
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
