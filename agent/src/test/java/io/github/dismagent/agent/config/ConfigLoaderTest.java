package io.github.dismagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path directory;

    private static ConfigLoader.Result load(String arguments) {
        return ConfigLoader.load(arguments, Map.of(), Map.of());
    }

    @Test
    void theDefaultsAreTheContracts() {
        ConfigLoader.Result result = load(null);

        assertEquals(List.of(), result.problems());
        AgentConfig c = result.config();
        assertEquals(9781, c.get(AgentOptions.PORT));
        assertEquals("127.0.0.1", c.get(AgentOptions.BIND));
        assertEquals(Duration.ofSeconds(30), c.get(AgentOptions.INTERVAL));
        assertEquals(Duration.ofSeconds(120), c.get(AgentOptions.CALL_TIMEOUT));
        assertEquals(io.github.dismagent.dism.DismLogLevel.WARNINGS, c.get(AgentOptions.DISM_LOG_LEVEL));
        assertEquals(false, c.get(AgentOptions.READ_ONLY));
        assertEquals(false, c.get(AgentOptions.ALLOW_CLEANUP));
        assertEquals(false, c.get(AgentOptions.AUTO_REMOUNT));
        assertEquals(3, c.get(AgentOptions.AUTO_REMOUNT_MAX_ATTEMPTS));
        assertEquals(Duration.ofMinutes(1), c.get(AgentOptions.AUTO_REMOUNT_BACKOFF));
        assertEquals("io.github.dismagent", c.get(AgentOptions.JMX_DOMAIN));
        assertEquals(null, c.get(AgentOptions.DISM_LIBRARY));
    }

    @Test
    void argumentsBeatSystemPropertiesWhichBeatTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = Files.writeString(directory.resolve("agent.properties"), "port=1004\nbind=10.0.0.4\ninterval=4s\ncallTimeout=4s\n");
        ConfigLoader.Result result = ConfigLoader.load("port=1001,config=" + file,
                Map.of("dismagent.port", "1002", "dismagent.bind", "10.0.0.2"),
                Map.of("DISMAGENT_PORT", "1003", "DISMAGENT_BIND", "10.0.0.3", "DISMAGENT_INTERVAL", "3s"));

        assertEquals(List.of(), result.problems());
        AgentConfig c = result.config();
        assertEquals(1001, c.get(AgentOptions.PORT));
        assertEquals("10.0.0.2", c.get(AgentOptions.BIND));
        assertEquals(Duration.ofSeconds(3), c.get(AgentOptions.INTERVAL));
        assertEquals(Duration.ofSeconds(4), c.get(AgentOptions.CALL_TIMEOUT));
        assertEquals("system property dismagent.bind", c.source(AgentOptions.BIND));
        assertEquals("config file " + file, c.source(AgentOptions.CALL_TIMEOUT));
    }

    @Test
    void environmentVariableNamesSplitCamelHumps() {
        assertEquals("DISMAGENT_CALL_TIMEOUT", AgentOptions.CALL_TIMEOUT.environmentVariable());
        assertEquals("DISMAGENT_AUTO_REMOUNT_MAX_ATTEMPTS", AgentOptions.AUTO_REMOUNT_MAX_ATTEMPTS.environmentVariable());
        assertEquals("DISMAGENT_JMX_DOMAIN", AgentOptions.JMX_DOMAIN.environmentVariable());
        assertEquals("DISMAGENT_PORT", AgentOptions.PORT.environmentVariable());
    }

    @Test
    void everyBadValueIsOneProblemAndTheKeyKeepsItsDefault() {
        ConfigLoader.Result result = load("port=abc,interval=-5s,bind=999.1.1.1,readOnly=yes,autoRemountMaxAttempts=0,"
                + "dismLogLevel=verbose,jmxDomain=a:b,callTimeout=1.5s,port=70000");

        List<String> problems = result.problems();
        assertEquals(List.of(
                "agent argument port is given twice; the last one counts",
                "port=70000 (agent argument): not a port; expected a number from 1 to 65535, 0 for any free port, or -1 for no HTTP; using the default, 9781",
                "bind=999.1.1.1 (agent argument): not an IPv4 address (999 is more than 255); expected an address such as 127.0.0.1 or 0.0.0.0, "
                        + "an IPv6 address such as ::1, or a host name; using the default, 127.0.0.1",
                "interval=-5s (agent argument): '-5s' is not a duration: expected a whole number followed by ms, s, m or h, e.g. 500ms, 30s, "
                        + "5m, 1h; using the default, 30s",
                "callTimeout=1.5s (agent argument): '1.5s' is not a duration: expected a whole number followed by ms, s, m or h, e.g. "
                        + "500ms, 30s, 5m, 1h; using the default, 2m",
                "dismLogLevel=verbose (agent argument): not one of errors, warnings, info; using the default, warnings",
                "readOnly=yes (agent argument): not a boolean; expected true or false; using the default, false",
                "autoRemountMaxAttempts=0 (agent argument): out of range; expected a whole number from 1 to 1000; using the default, 3",
                "jmxDomain=a:b (agent argument): not a JMX domain; expected a name without : * ? , = or a line break, e.g. io.github.dismagent; "
                        + "using the default, io.github.dismagent"), problems);
        assertEquals(9781, result.config().get(AgentOptions.PORT));
        assertEquals("default", result.config().source(AgentOptions.PORT));
    }

    @Test
    void unknownKeysAndMalformedPairsAreNamed() {
        List<String> problems = ConfigLoader.load("prot=1,justakey,=3", Map.of("dismagent.intervall", "5s"),
                Map.of("DISMAGENT_PROT", "1")).problems();

        assertTrue(problems.get(0).startsWith("unknown option 'prot' (agent argument) (did you mean port?); known options: config, port, bind"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("agent argument 'justakey' is not key=value"), problems.get(1));
        assertTrue(problems.get(2).startsWith("agent argument '=3' is not key=value"), problems.get(2));
        assertTrue(problems.get(3).startsWith("unknown option 'intervall' (system property dismagent.intervall) (did you mean interval?)"),
                problems.get(3));
        assertTrue(problems.get(4).startsWith("environment variable DISMAGENT_PROT is not a dismagent option; known: DISMAGENT_CONFIG"),
                problems.get(4));
    }

    @Test
    void aMissingConfigFileIsReportedAndTheRestStillApplies() {
        ConfigLoader.Result result = load("config=" + directory.resolve("missing.properties") + ",port=0");

        assertEquals(List.of("config=" + directory.resolve("missing.properties") + " (agent argument): no such file; using the default, (none)"),
                result.problems());
        assertEquals(0, result.config().get(AgentOptions.PORT));
    }

    @Test
    void aConfigFileWithWindowsPathsWarnsAboutSingleBackslashes() throws Exception {
        Path file = Files.writeString(directory.resolve("agent.properties"),
                "\uFEFF# dismagent\ndismLogLevel=info\r\nscratchDir=C:\\Temp\\dism\r\nlogFile=C:\\\\logs\\\\dismagent.log\r\nport=oops\r\n");

        List<String> problems = load("config=" + file).problems();

        assertTrue(problems.contains("config file " + file + " line 3: a single \\ is dropped in a .properties file; write paths with "
                + "\\\\ or / (C:\\\\Mount or C:/Mount)"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("line 4")), "doubled backslashes are right: " + problems);
        assertTrue(problems.contains("port=oops (config file " + file + "): not a port; expected a number from 1 to 65535, 0 for any free "
                + "port, or -1 for no HTTP; using the default, 9781"), problems.toString());
    }

    @Test
    void bindAcceptsAddressesAndHostNames() {
        for (String good : List.of("127.0.0.1", "0.0.0.0", "::1", "[::1]", "::", "localhost", "build-01.example.com")) {
            assertEquals(List.of(), load("bind=" + good).problems(), good);
        }
        for (String bad : List.of("999.1.1.1", "1.2.3.256", "-host", "a b", "1.2.3")) {
            assertEquals(1, load("bind=" + bad).problems().size(), bad);
        }
    }

    @Test
    void theEffectiveConfigurationIsOneLineWithSources() {
        String line = load("port=0,autoRemount=true").config().describe();

        assertTrue(line.startsWith("config=(none), port=0 (agent argument), bind=127.0.0.1, interval=30s, callTimeout=2m, "), line);
        assertTrue(line.contains("autoRemount=true (agent argument)"), line);
    }

    @Test
    void argumentsAreLoggedWithTheirPasswordsMasked() {
        assertEquals("port=0,tlsKeystorePassword=****,…,readOnly=true,x\\u000ay=1",
                ConfigLoader.masked("port=0,tlsKeystorePassword=abc,def,readOnly=true,x\ny=1"));
        assertEquals("httpPasswordHash=****,…", ConfigLoader.masked("httpPasswordHash=pbkdf2-sha256:1:2:3,mypassword"));
    }
}
