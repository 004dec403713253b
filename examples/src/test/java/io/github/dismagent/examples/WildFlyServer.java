package io.github.dismagent.examples;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One boot of a real WildFly, configured as its documentation and dismagent's README say: the agent
 * line appended to a copy of {@code bin/standalone.conf} (as {@code JAVA_OPTS} or {@code MODULE_OPTS}),
 * or in {@code JAVA_TOOL_OPTIONS}, with a server base directory and a port offset of its own.
 */
final class WildFlyServer {
    enum Way { NO_AGENT, JAVA_OPTS, JAVA_TOOL_OPTIONS, MODULE_OPTS }

    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern PROBLEM = Pattern.compile("^\\S+ \\S+ (WARN|ERROR|FATAL) +\\[([^\\]]+)\\] \\([^)]*\\) ([A-Z]+\\d+:)?",
            Pattern.MULTILINE);

    final Path home;
    final Path base;
    final int offset;
    final int agentPort;
    final EmulatorState state;
    final ServerProcess process;
    final long bootMillis;

    private WildFlyServer(Path home, Path base, int offset, int agentPort, EmulatorState state, ServerProcess process, long bootMillis) {
        this.home = home;
        this.base = base;
        this.offset = offset;
        this.agentPort = agentPort;
        this.state = state;
        this.process = process;
        this.bootMillis = bootMillis;
    }

    static WildFlyServer boot(Path home, Path work, String label, Way way, boolean pinned) throws IOException {
        Path base = work.resolve(label);
        ServerFiles.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        EmulatorState state = new EmulatorState(base.resolve("state.tsv"));
        state.write(new StateFileText().mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 1, "ReadWrite", "NeedsRemount"));
        int offset = freeOffset();
        int agentPort = Demo.freePort();
        String agent = "-javaagent:" + System.getProperty("dismagent.agent.jar") + "=port=" + agentPort + ",interval=2s";
        StringBuilder conf = new StringBuilder(Files.readString(home.resolve("bin/standalone.conf")));
        conf.append("\nJAVA_OPTS=\"$JAVA_OPTS -Djboss.server.base.dir=").append(base).append(" -Djboss.socket.binding.port-offset=")
                .append(offset).append(" -Djna.library.path=").append(EmulatorLibrary.directory()).append("\"\n");
        switch (way) {
            case JAVA_OPTS -> conf.append("JAVA_OPTS=\"$JAVA_OPTS ").append(agent).append("\"\n");
            case MODULE_OPTS -> conf.append("MODULE_OPTS=\"").append(agent).append("\"\n");
            default -> { }
        }
        Path runConf = Files.writeString(base.resolve("standalone.conf"), conf);
        Map<String, String> environment = new java.util.HashMap<>(Map.of("RUN_CONF", runConf.toString(),
                EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString()));
        if (way == Way.JAVA_TOOL_OPTIONS) {
            environment.put("JAVA_TOOL_OPTIONS", agent);
        }
        ServerProcess process = ServerProcess.start(List.of("bash", home.resolve("bin/standalone.sh").toString()), environment,
                base.resolve("console.log"), pinned);
        long millis = process.awaitAny(base.resolve("log/server.log"), BOOT_TIMEOUT, "WFLYSRV0025", "WFLYSRV0026", "WFLYSRV0056");
        return new WildFlyServer(home, base, offset, agentPort, state, process, millis);
    }

    Path serverLog() {
        return base.resolve("log/server.log");
    }

    String log() {
        return ServerProcess.read(serverLog());
    }

    int httpPort() {
        return 8080 + offset;
    }

    /** What an operator would search for in server.log: each WARN/ERROR line's category and message code. */
    static Set<String> problems(String log) {
        Set<String> found = new TreeSet<>();
        Matcher m = PROBLEM.matcher(log);
        while (m.find()) {
            found.add(m.group(1) + " " + m.group(2) + " " + (m.group(3) == null ? log.substring(m.end(), log.indexOf('\n', m.end())) : m.group(3)));
        }
        return found;
    }

    /** An offset at which WildFly's default ports (8080, 8443, 9990, 9993) are all free. */
    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 1000 + (int) (Math.random() * 20000);
            if (IntStream.of(8080, 8443, 9990, 9993).allMatch(p -> free(p + offset))) {
                return offset;
            }
        }
        throw new IOException("no free port offset for WildFly");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
