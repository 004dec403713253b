package io.github.dismagent.agent.http;

import io.github.dismagent.testing.Requirements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, with a fresh profile each time: screenshots, and a page driven
 * over the DevTools protocol with the JDK's WebSocket client (no driver, nothing downloaded).
 */
final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final List<String> QUIET = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900");

    private HeadlessChromium() {
    }

    /** Skips the test without chromium when run by hand; fails it under CI. */
    static void require() {
        Requirements.require(Files.isExecutable(BINARY), "chromium at " + BINARY + " (apt-get install chromium)");
    }

    /** A 1280x900 screenshot of the page at {@code uri}. */
    static void screenshot(URI uri, Path png, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(QUIET);
        command.addAll(List.of("--user-data-dir=" + profile, "--screenshot=" + png.toAbsolutePath(), "--hide-scrollbars", uri.toString()));
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium took more than 120 s for a screenshot of " + uri);
        }
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium left no screenshot of " + uri + " (exit " + chromium.exitValue() + ")");
        }
    }

    /** A browser showing {@code uri}, driven over the DevTools protocol. */
    static Page open(URI uri, Path profile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(QUIET);
        command.addAll(List.of("--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", uri.toString()));
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new Page(chromium, devToolsPort(chromium));
        } catch (IOException | RuntimeException | Error e) {
            chromium.destroyForcibly();
            throw e;
        }
    }

    private static int devToolsPort(Process chromium) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(chromium.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
        String line;
        while ((line = output.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("chromium ended without a DevTools port");
    }

    /** One page target: evaluate JavaScript in it (the test's script, not the page's: the page has none). */
    static final class Page implements AutoCloseable {
        private final Process chromium;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private volatile CompletableFuture<String> answer = new CompletableFuture<>();

        Page(Process chromium, int port) throws IOException, InterruptedException {
            this.chromium = chromium;
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher page = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(targets);
            if (!page.find()) {
                throw new AssertionError("no page target: " + targets);
            }
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create(page.group(1)), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        answer.complete(partial.toString());
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
        }

        /** The value of {@code expression}, which must give a string. */
        synchronized String evaluate(String expression) throws Exception {
            int id = ids.incrementAndGet();
            String request = "{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":" + json(expression)
                    + ",\"returnByValue\":true}}";
            // No domain is enabled, so the only message is the answer to this request.
            answer = new CompletableFuture<>();
            socket.sendText(request, true).join();
            String message = answer.get(60, TimeUnit.SECONDS);
            if (!message.startsWith("{\"id\":" + id + ",")) {
                throw new AssertionError("unexpected DevTools message: " + message);
            }
            Matcher value = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(message);
            return value.find() ? unjson(value.group(1)) : "(no string value: " + message + ")";
        }

        /** Evaluates until the expression gives "true", or fails after {@code limit}. */
        void awaitTrue(String expression, Duration limit, String what) throws Exception {
            long end = System.nanoTime() + limit.toNanos();
            String last = "";
            while (System.nanoTime() < end) {
                last = evaluate("String(" + expression + ")");
                if ("true".equals(last)) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError(what + " not seen within " + limit + "; last: " + last + "; page: "
                    + evaluate("location.href + ' ' + (document.body ? document.body.innerText : '')"));
        }

        @Override
        public void close() {
            socket.abort();
            chromium.destroy();
            try {
                if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                    chromium.destroyForcibly();
                }
            } catch (InterruptedException e) {
                chromium.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static String json(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        private static String unjson(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }
    }
}
