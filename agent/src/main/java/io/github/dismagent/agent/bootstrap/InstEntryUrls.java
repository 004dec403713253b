package io.github.dismagent.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * URLs for the agent's own resources that read from the jar the agent class loader already holds
 * open. A {@code jar:} URL would go through the JVM-wide jar URL cache, which a host may switch off
 * ({@code URLConnection.setDefaultUseCaches(false)}, as Tomcat's JreMemoryLeakPreventionListener
 * does for {@code jar:}) so that every read reopens the agent jar, or which a host may close under the
 * agent; this handler needs neither.
 */
final class InstEntryUrls extends URLStreamHandler {
    static final String PROTOCOL = "dismagent-inst";

    private final JarFile jar;

    InstEntryUrls(JarFile jar) {
        this.jar = jar;
    }

    @SuppressWarnings("deprecation") // URL.of(URI, handler) is JDK 20+; the agent runs on 17
    URL urlOf(String entryName) throws MalformedURLException {
        return new URL(PROTOCOL, "", -1, "/" + entryName, this);
    }

    @Override
    protected URLConnection openConnection(URL url) throws IOException {
        JarEntry entry = jar.getJarEntry(url.getPath().substring(1));
        if (entry == null) {
            throw new IOException("no entry " + url.getPath() + " in the agent jar " + jar.getName());
        }
        return new URLConnection(url) {
            @Override
            public void connect() {
                connected = true;
            }

            @Override
            public InputStream getInputStream() throws IOException {
                return jar.getInputStream(entry);
            }

            @Override
            public long getContentLengthLong() {
                return entry.getSize();
            }

            @Override
            public long getLastModified() {
                return entry.getTime();
            }
        };
    }
}
