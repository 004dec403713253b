package io.github.dismagent.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's class loader over a jar laid out as the build lays out dismagent.jar. */
class AgentClassLoaderTest {
    @TempDir
    Path work;

    /** Any small class of dismagent's own packages, to be defined again by the agent loader. */
    static final class Probe {
    }

    @Test
    void definesDismagentPackagesWithTheJarManifestsAttributesAndLibrariesWithout() throws Exception {
        File jar = agentJar();
        AgentClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());

        Class<?> probe = Class.forName(Probe.class.getName(), false, loader);

        assertEquals(loader, probe.getClassLoader());
        assertEquals("dismagent", probe.getPackage().getImplementationTitle());
        assertEquals("9.8.7", probe.getPackage().getImplementationVersion());
        assertEquals("io.github.dismagent", probe.getPackage().getImplementationVendor());
    }

    @Test
    void servesResourcesWithoutJarUrlsSoHostsThatTurnOffJarCachingCannotBreakThem() throws Exception {
        AgentClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getPlatformClassLoader());
        boolean before = URLConnection.getDefaultUseCaches("jar");
        URLConnection.setDefaultUseCaches("jar", false); // what Tomcat's JreMemoryLeakPreventionListener does
        try {
            URL url = loader.getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
            assertNotEquals("jar", url.getProtocol(), url.toString());
            try (InputStream in = url.openStream()) {
                assertEquals("some.Provider\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertNull(loader.getResource("META-INF/services/absent"));
        } finally {
            URLConnection.setDefaultUseCaches("jar", before);
        }
    }

    @Test
    void findsTheJarFromTheCodeSourceJbossModulesGives() throws Exception {
        File jar = agentJar();
        assertEquals(jar.getCanonicalFile(), AgentJarLocation.fromUrl(new URL("jar:" + jar.toURI() + "!/")).getCanonicalFile());
        assertEquals(jar.getCanonicalFile(), AgentJarLocation.fromUrl(jar.toURI().toURL()).getCanonicalFile());
        assertEquals(jar.getCanonicalFile(), AgentJarLocation.fromUrl(
                new URL("jar:" + jar.toURI() + "!/io/github/dismagent/agent/bootstrap/AgentBootstrap.class")).getCanonicalFile());
        assertNull(AgentJarLocation.fromUrl(new URL("http://example.invalid/dismagent.jar")));
    }

    private File agentJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "dismagent");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.8.7");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VENDOR, "io.github.dismagent");
        Path jar = work.resolve("dismagent.jar");
        String probe = Probe.class.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = Probe.class.getResourceAsStream("/" + probe + ".class")) {
            out.putNextEntry(new JarEntry("inst/" + probe + ".classdata"));
            classFile.transferTo(out);
            out.putNextEntry(new JarEntry("inst/META-INF/services/org.slf4j.spi.SLF4JServiceProvider"));
            out.write("some.Provider\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar.toFile();
    }
}
