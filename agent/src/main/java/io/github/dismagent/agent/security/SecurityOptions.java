package io.github.dismagent.agent.security;

import java.nio.file.Path;
import java.util.List;

/**
 * The security options as given, before {@link EndpointSecurity#from} checks that they fit together.
 * The configuration maps the option strings onto this value, so that this package needs nothing of
 * the configuration's.
 *
 * @param unusable       the keys of the security options that were given but could not be parsed,
 *                       in the order they are checked
 * @param exposedSecrets the secret options that came from where other users of the machine can read them
 * @param bind           the address the endpoint binds, to warn about an open endpoint off loopback
 */
public record SecurityOptions(String httpUser, PasswordHash httpPasswordHash, Path tlsKeystore, String tlsKeystorePassword,
                              Path tlsTruststore, String tlsTruststorePassword, String bind, List<String> unusable,
                              List<ExposedSecret> exposedSecrets) {

    public SecurityOptions {
        unusable = List.copyOf(unusable);
        exposedSecrets = List.copyOf(exposedSecrets);
    }

    /**
     * A secret option given where anyone who can list the machine's processes can read it.
     *
     * @param key                 the option
     * @param where               {@code agent arguments} or {@code system property dismagent.<key>}
     * @param environmentVariable where it had better come from
     */
    public record ExposedSecret(String key, String where, String environmentVariable) {
    }
}
