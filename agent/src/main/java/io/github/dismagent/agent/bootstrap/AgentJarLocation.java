package io.github.dismagent.agent.bootstrap;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.security.CodeSource;

/**
 * Where the agent jar is, whichever class loader defined the bootstrap. The JVM's own agent loader
 * gives a {@code file:} code source; jboss-modules ({@code MODULE_OPTS="-javaagent:..."} in WildFly's
 * {@code standalone.conf}) loads the jar as a module and gives a {@code jar:file:...!/} one, and other
 * launchers may give none at all, so the class file's own URL is the fallback.
 */
final class AgentJarLocation {
    private AgentJarLocation() {
    }

    static File of(Class<?> anchor) throws Exception {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            File file = fromUrl(source.getLocation());
            if (file != null) {
                return file;
            }
        }
        URL classFile = anchor.getResource(anchor.getSimpleName() + ".class");
        File file = classFile == null ? null : fromUrl(classFile);
        if (file == null) {
            throw new IllegalStateException("cannot tell which jar holds " + anchor.getName() + " (code source " + source + ", class file "
                    + classFile + ")");
        }
        return file;
    }

    /** A {@code file:} URL, or a {@code jar:file:...!/...} URL of an entry, as the jar file; null for anything else. */
    static File fromUrl(URL url) throws Exception {
        String text = url.toString();
        if (text.startsWith("jar:")) {
            int separator = text.indexOf("!/");
            text = separator < 0 ? text.substring(4) : text.substring(4, separator);
        }
        if (!text.startsWith("file:")) {
            return null;
        }
        File file = new File(new URI(text));
        return file.isFile() ? file : null;
    }
}
