package io.github.dismagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random option sets from every source at once: loading never throws, every problem is one line
 * naming the key or the source, every option ends with a usable value (its default when its value
 * was refused), and a secret given anywhere appears in no problem and not in the logged configuration.
 */
class HostileOptionsTest {
    private static final String SECRET = "S3cr3t-never-shown";
    private static final List<String> VALUES = List.of("", " ", "0", "-1", "1", "65535", "65536", "9781", "true", "FALSE", "yes", "30s", "0s",
            "99999999999999999999h", "5m", "100ms", "1h", "-5s", "10", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "999.1.1.1", "localhost",
            "a b", "x".repeat(5000), "C:\\Mount", "/tmp", "/nonexistent/file", "info", "errors", "DEBUG", "io.github.dismagent", "a:b",
            "*", "=", "==", "\u0000", "\r\n", "é", "𝄞", "%s", "${jndi:ldap://x}", "pbkdf2-sha256:1:AA:BB");

    @TempDir
    Path directory;

    @Test
    void randomOptionsNeverThrowAndNeverLeakASecret() throws Exception {
        long seed = Long.getLong("dismagent.test.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> keys = AgentOptions.ALL.stream().map(AgentOption::key).toList();
        for (int i = 0; i < 500; i++) {
            String replay = " (case " + i + ", -Ddismagent.test.seed=" + seed + ")";
            StringBuilder arguments = new StringBuilder();
            Map<String, String> properties = new HashMap<>();
            Map<String, String> environment = new HashMap<>();
            StringBuilder file = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                String key = random.nextInt(8) == 0 ? keys.get(random.nextInt(keys.size())) + "x" : keys.get(random.nextInt(keys.size()));
                boolean secret = AgentOptions.byKey(key).map(AgentOption::secret).orElse(false);
                String value = secret ? SECRET : VALUES.get(random.nextInt(VALUES.size()));
                switch (random.nextInt(4)) {
                    case 0 -> arguments.append(arguments.length() == 0 ? "" : ",").append(key).append(random.nextInt(10) == 0 ? "" : "=")
                            .append(value);
                    case 1 -> properties.put("dismagent." + key, value);
                    case 2 -> environment.put(AgentOptions.byKey(key).map(AgentOption::environmentVariable).orElse("DISMAGENT_" + key), value);
                    default -> file.append(key).append('=').append(value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                            .append('\n');
                }
            }
            if (file.length() > 0) {
                Path config = Files.writeString(directory.resolve("c" + i + ".properties"), file.toString());
                environment.put("DISMAGENT_CONFIG", config.toString());
            }

            ConfigLoader.Result result = ConfigLoader.load(arguments.toString(), properties, environment);

            for (String problem : result.problems()) {
                assertFalse(problem.contains(SECRET), "a secret in: " + problem + replay);
                assertFalse(problem.contains("\n"), "one line: " + problem + replay);
                assertTrue(problem.length() < 2000 || problem.contains("known options"), "a short line: " + problem.substring(0, Math.min(300, problem.length())) + replay);
            }
            assertFalse(result.config().describe().contains(SECRET), replay);
            for (AgentOption<?> option : AgentOptions.ALL) {
                if (option.defaultValue() != null) {
                    assertNotNull(result.config().get(option), option.key() + replay);
                }
                Object value = result.config().get(option);
                if (result.config().rejected(option)) {
                    assertEquals(option.defaultValue(), value, "a refused value leaves the default: " + option.key() + replay);
                }
            }
            int port = result.config().get(AgentOptions.PORT);
            assertTrue(port >= -1 && port <= 65535, replay);
        }
    }
}
