package io.github.dismagent.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads classes and resources from the {@code inst/} entries of the agent jar, where the build put
 * them with {@code .class} renamed {@code .classdata}: no other class loader, and no tool scanning
 * the class path for classes, finds them there. Resources are served through {@link InstEntryUrls},
 * never as {@code jar:} URLs.
 */
final class AgentClassLoader extends ClassLoader {
    private static final String PREFIX = "inst/";
    /** The agent jar's manifest describes dismagent's packages only; its libraries' own manifests are not kept. */
    private static final String OWN_PACKAGES = "io.github.dismagent.";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final InstEntryUrls urls;
    private final ProtectionDomain domain;
    private final Attributes manifest;

    AgentClassLoader(File jarFile, ClassLoader parent) throws IOException {
        super("dismagent", parent);
        this.jar = new JarFile(jarFile, false);
        this.urls = new InstEntryUrls(jar);
        this.domain = new ProtectionDomain(new CodeSource(jarFile.toURI().toURL(), (Certificate[]) null), null, this, null);
        Manifest read = jar.getManifest();
        this.manifest = read == null ? new Attributes() : read.getMainAttributes();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            // Exactly the class's size: every byte read here is garbage in the host's heap.
            byte[] bytes = entry.getSize() >= 0 ? in.readNBytes((int) entry.getSize()) : in.readAllBytes();
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                definePackageOnce(name.substring(0, dot));
            }
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private void definePackageOnce(String packageName) {
        if (getDefinedPackage(packageName) != null) {
            return;
        }
        boolean own = packageName.startsWith(OWN_PACKAGES);
        try {
            definePackage(packageName, own ? attribute(Attributes.Name.SPECIFICATION_TITLE) : null,
                    own ? attribute(Attributes.Name.SPECIFICATION_VERSION) : null, own ? attribute(Attributes.Name.SPECIFICATION_VENDOR) : null,
                    own ? attribute(Attributes.Name.IMPLEMENTATION_TITLE) : null, own ? attribute(Attributes.Name.IMPLEMENTATION_VERSION) : null,
                    own ? attribute(Attributes.Name.IMPLEMENTATION_VENDOR) : null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
            // another thread defined it first
        }
    }

    private String attribute(Attributes.Name name) {
        return manifest.getValue(name);
    }

    @Override
    protected URL findResource(String name) {
        String entryName = PREFIX + (name.endsWith(".class") ? name + "data" : name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return urls.urlOf(entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }
}
