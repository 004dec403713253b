package io.github.dismagent.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Bytes on a socket, as no HTTP client library would send them, and what came back. */
final class RawHttp {
    /**
     * What the server did with one request.
     *
     * @param status     the final status code, or -1 when the connection was closed without one
     * @param statusLine the first line of the final response, or what happened instead
     * @param took       from the first byte sent to the answer or the close
     */
    record Answer(int status, String statusLine, Duration took) {
        boolean closedWithoutResponse() {
            return status == -1;
        }
    }

    private RawHttp() {
    }

    /** Sends the bytes, then reads until a final status line arrives, the server closes, or the time is up. */
    static Answer exchange(int port, byte[] request, Duration patience) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may close before reading everything (e.g. an oversized header): read what it said
            }
            return read(socket.getInputStream(), start);
        } catch (SocketTimeoutException e) {
            return new Answer(-2, "no answer and no close within " + patience.toMillis() + " ms", since(start));
        }
    }

    private static Answer read(InputStream in, long start) throws IOException {
        while (true) {
            String line;
            try {
                line = readLine(in);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return new Answer(-1, "connection reset: " + e.getMessage(), since(start));
            }
            if (line == null) {
                return new Answer(-1, "closed", since(start));
            }
            if (!line.startsWith("HTTP/1.")) {
                return new Answer(-3, "not a status line: " + line, since(start));
            }
            int status = Integer.parseInt(line.substring(9, 12));
            if (status >= 200) {
                return new Answer(status, line, since(start));
            }
            while (true) { // skip the headers of a 1xx response
                String header = readLine(in);
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
