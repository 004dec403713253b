package io.github.dismagent.agent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.config.AgentConfig;
import io.github.dismagent.agent.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security options together: what they make, and that a mistake leaves no endpoint rather than a weaker one. */
class EndpointSecurityTest {
    @TempDir
    static Path keys;
    private static TestCertificates certificates;
    private static String hash;

    @BeforeAll
    static void makeKeys() {
        certificates = TestCertificates.create(keys);
        hash = PasswordHash.of("pw".toCharArray(), PasswordHash.MINIMUM_ITERATIONS, new SecureRandom()).encoded();
    }

    private static ConfigLoader.Result load(Map<String, String> environment) {
        return ConfigLoader.load("", Map.of(), environment);
    }

    private static EndpointSecurity from(Map<String, String> environment) {
        return EndpointSecurity.from(load(environment).config().securityOptions());
    }

    private static String refusal(Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class, () -> from(environment)).getMessage();
    }

    @Test
    void noOptionsNoProtectionOnLoopback() {
        EndpointSecurity security = from(Map.of());
        assertNull(security.tls());
        assertNull(security.authentication());
        assertEquals(List.of(), security.warnings());
        assertEquals("plain HTTP", security.describe());
    }

    @Test
    void allOptionsTogether() {
        EndpointSecurity security = from(Map.of("DISMAGENT_HTTP_USER", "prometheus", "DISMAGENT_HTTP_PASSWORD_HASH", hash,
                "DISMAGENT_TLS_KEYSTORE", certificates.serverKeystore.toString(), "DISMAGENT_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
                "DISMAGENT_TLS_TRUSTSTORE", certificates.clientCertificate.toString(),
                "DISMAGENT_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD));
        assertEquals("HTTPS with client certificates and basic authentication", security.describe());
        assertEquals(List.of(), security.warnings(), "secrets from environment variables are not warned about");
    }

    @Test
    void halfAnAuthenticationIsRefused() {
        assertTrue(refusal(Map.of("DISMAGENT_HTTP_USER", "prometheus")).startsWith("httpUser is set but httpPasswordHash is not"));
        assertTrue(refusal(Map.of("DISMAGENT_HTTP_PASSWORD_HASH", hash)).startsWith("httpPasswordHash is set but httpUser is not"));
    }

    @Test
    void aMalformedSecurityOptionLeavesNoEndpoint() {
        ConfigLoader.Result loaded = load(Map.of("DISMAGENT_HTTP_USER", "prometheus", "DISMAGENT_HTTP_PASSWORD_HASH", "plain-password"));
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertFalse(loaded.problems().get(0).contains("plain-password"), "the value of a secret option is never repeated");
        String refusal = assertThrows(IllegalArgumentException.class, () -> EndpointSecurity.from(loaded.config().securityOptions())).getMessage();
        assertEquals("httpPasswordHash is set but cannot be used (see the option problem above)", refusal);
        assertTrue(refusal(Map.of("DISMAGENT_TLS_KEYSTORE", keys.resolve("missing.p12").toString()))
                .startsWith("tlsKeystore is set but cannot be used"));
    }

    @Test
    void tlsOptionsWithoutAKeystoreAreRefused() {
        assertTrue(refusal(Map.of("DISMAGENT_TLS_KEYSTORE_PASSWORD", "x")).startsWith("tlsKeystorePassword is set but tlsKeystore is not"));
        assertTrue(refusal(Map.of("DISMAGENT_TLS_TRUSTSTORE", certificates.clientCertificate.toString()))
                .startsWith("tlsTruststore is set but tlsKeystore is not"));
    }

    @Test
    void keystoreProblemsAreNamedWithoutThePassword() throws Exception {
        String wrong = refusal(Map.of("DISMAGENT_TLS_KEYSTORE", certificates.serverKeystore.toString(),
                "DISMAGENT_TLS_KEYSTORE_PASSWORD", "not-the-password"));
        assertTrue(wrong.contains("cannot be read as a PKCS12 keystore"), wrong);
        assertFalse(wrong.contains("not-the-password"), wrong);
        Path text = Files.writeString(keys.resolve("not-a-keystore.p12"), "hello");
        String notKeystore = refusal(Map.of("DISMAGENT_TLS_KEYSTORE", text.toString(), "DISMAGENT_TLS_KEYSTORE_PASSWORD", "x"));
        assertTrue(notKeystore.contains("not-a-keystore.p12 cannot be read as a PKCS12 keystore"), notKeystore);
        String noKey = refusal(Map.of("DISMAGENT_TLS_KEYSTORE", certificates.serverCertificate.toString(),
                "DISMAGENT_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD));
        assertTrue(noKey.contains("holds no private key"), noKey);
    }

    @Test
    void warnsAboutSecretsOnTheCommandLineAndOpenEndpointsOnTheNetwork() {
        AgentConfig config = ConfigLoader.load("bind=0.0.0.0,httpUser=prometheus,httpPasswordHash=" + hash, Map.of(), Map.of()).config();
        List<String> warnings = EndpointSecurity.from(config.securityOptions()).warnings();
        assertTrue(warnings.get(0).startsWith("basic authentication over plain HTTP on 0.0.0.0"), warnings.toString());
        assertTrue(warnings.get(1).startsWith("httpPasswordHash comes from the agent arguments"), warnings.toString());
        assertTrue(warnings.get(1).contains("DISMAGENT_HTTP_PASSWORD_HASH"), warnings.toString());
        assertFalse(warnings.toString().contains(hash));

        List<String> open = EndpointSecurity.from(ConfigLoader.load("bind=0.0.0.0", Map.of(), Map.of()).config().securityOptions()).warnings();
        assertTrue(open.get(0).contains("answers anyone who can reach it"), open.toString());
    }

    @Test
    void aPasswordCutAtACommaIsNotRepeated() {
        ConfigLoader.Result loaded = ConfigLoader.load("port=0,tlsKeystorePassword=abc,def-rest-of-secret,readOnly=true", Map.of(), Map.of());
        String problems = loaded.problems().toString();
        assertTrue(problems.contains("an agent argument (not repeated: it may hold a password) is not key=value"), problems);
        assertFalse(problems.contains("def-rest-of-secret"), problems);
        assertFalse(loaded.config().describe().contains("abc"), loaded.config().describe());
    }

    /** Found by HostileOptionsTest: a password option whose '=' was forgotten. */
    @Test
    void aPasswordOptionWithoutItsEqualsSignIsNotRepeated() {
        String problems = ConfigLoader.load("tlsTruststorePasswordS3cr3t,tlsKeystorePassword S3cr3t", Map.of(), Map.of()).problems().toString();
        assertFalse(problems.contains("S3cr3t"), problems);
        assertTrue(problems.contains("is not key=value"), problems);
    }

    @Test
    void passwordsKeepTheirSpaces() {
        AgentConfig config = load(Map.of("DISMAGENT_TLS_KEYSTORE_PASSWORD", " padded ")).config();
        assertEquals(" padded ", config.get(io.github.dismagent.agent.config.AgentOptions.TLS_KEYSTORE_PASSWORD));
    }
}
