package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.TestCertificates;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what, in a real host: the endpoint over TLS with basic authentication configured from
 * a config file, no secret anywhere it could be read, readOnly, and JMX operations logged with the
 * JMX principal of an authenticated remote client.
 */
class SecurityIT {
    private static final ObjectName IMAGES = AgentHost.IMAGES;
    private static final String USER = "prometheus";
    private static final String PASSWORD = "http-pass-XyZ-7431";

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("plain");

    private TestCertificates certificates;
    private String hash;

    @BeforeEach
    void prepare() {
        certificates = TestCertificates.create(hosts.work());
        hash = hashPassword(PASSWORD);
    }

    @Test
    void tlsAndAuthenticationFromAConfigFileLeaveNoSecretAnywhere() throws Exception {
        Path config = Files.writeString(hosts.work().resolve("dismagent.properties"), String.join("\n",
                "tlsKeystore=" + certificates.serverKeystore.toString().replace("\\", "\\\\"),
                "tlsKeystorePassword=" + TestCertificates.PASSWORD,
                "httpUser=" + USER,
                "httpPasswordHash=" + hash, ""));
        try (AgentHost host = hosts.host().mountTable(AgentHost.threeImages()).agentOptions("port=0,config=" + config)
                .main("PlainHost", "600000", "0").start()) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            assertTrue(host.output().contains("over HTTPS and basic authentication"), host.output());
            int port = host.port();
            HttpClient tls = HttpClient.newBuilder().sslContext(certificates.clientContext(null)).connectTimeout(Duration.ofSeconds(5)).build();
            String authorization = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            Eventually.await("the first read", () -> get(tls, port, "/metrics", authorization).body().contains("dism_up 1.0"));

            assertEquals(401, get(tls, port, "/metrics", null).statusCode());
            HttpResponse<String> metrics = get(tls, port, "/metrics", authorization);
            HttpResponse<String> page = get(tls, port, "/", authorization);
            assertEquals(200, page.statusCode());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()), "plain HTTP is not served");

            MBeanServerConnection jmx = host.jmx();
            StringBuilder everything = new StringBuilder(host.output()).append(metrics.body()).append(page.body());
            for (ObjectName mbean : jmx.queryNames(new ObjectName("io.github.dismagent:*"), null)) {
                for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(mbean).getAttributes()) {
                    Object value = jmx.getAttribute(mbean, attribute.getName());
                    everything.append(value instanceof Object[] array ? List.of(array) : value).append('\n');
                }
            }
            ObjectName runtime = AgentHost.objectName("java.lang:type=Runtime");
            everything.append(jmx.getAttribute(runtime, "InputArguments")).append(jmx.getAttribute(runtime, "SystemProperties"));
            for (String secret : List.of(PASSWORD, TestCertificates.PASSWORD, hash, hash.split(":")[3])) {
                assertFalse(everything.toString().contains(secret), "a secret is readable: " + secret);
            }
            assertTrue(host.output().contains("tlsKeystorePassword=**** (config file"), host.output());
        }
    }

    @Test
    void aMistakeInTheSecurityOptionsLeavesNoEndpointRatherThanAnOpenOne() throws Exception {
        try (AgentHost host = hosts.host().mountTable(AgentHost.threeImages())
                .agentOptions("port=0,tlsKeystore=" + certificates.serverKeystore + ",tlsKeystorePassword=wrong-password")
                .main("PlainHost", "600000", "0").start()) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            assertTrue(host.output().contains("HTTP endpoint not started: tlsKeystore " + certificates.serverKeystore
                    + " cannot be read as a PKCS12 keystore"), host.output());
            assertTrue(host.output().contains("tlsKeystorePassword comes from the agent arguments") || !host.output().contains("Serving"),
                    host.output());
            assertFalse(host.output().contains("wrong-password"), host.output());
            // What works: a second attach into this JVM is ignored (issue 14, item 6), so the log must not suggest one.
            assertTrue(host.output().contains("restart the JVM with it (a second attach into this JVM is ignored"), host.output());
            assertFalse(host.output().contains("attach again"), host.output());
            assertFalse(host.output().contains("Serving http"), "nothing is served:\n" + host.output());
            String endpoint = (String) host.jmx().getAttribute(IMAGES, "HttpEndpoint");
            assertTrue(endpoint.startsWith("not listening: tlsKeystore"), endpoint);
            assertTrue(host.isAlive());
        }
    }

    @Test
    void readOnlyRefusesEveryChangeAndOperationsAreLoggedWithTheJmxPrincipal() throws Exception {
        int jmxPort = freePort();
        Path passwords = Files.writeString(hosts.work().resolve("jmxremote.password"), "controlRole control-pass\n");
        Path access = Files.writeString(hosts.work().resolve("jmxremote.access"), "controlRole readwrite\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        try (AgentHost host = hosts.host().mountTable(AgentHost.threeImages()).agentOptions("port=0,readOnly=true,allowCleanup=true")
                .jvmArgument("-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=true", "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Dcom.sun.management.jmxremote.password.file=" + passwords, "-Dcom.sun.management.jmxremote.access.file=" + access)
                .main("PlainHost", "600000", "0").start()) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = AgentHost.connectRemote(url, Map.of(JMXConnector.CREDENTIALS,
                    new String[] {"controlRole", "control-pass"}))) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                Eventually.await("the first read", () -> host.serves("dism_up 1.0"));
                String refused = "Refused: dismagent runs with readOnly=true.\nreadOnly=true forbids every operation that changes a mount.";
                assertEquals(refused, jmx.invoke(IMAGES, "remount", new Object[] {"C:\\Mount\\remount"}, new String[] {String.class.getName()}));
                assertEquals(refused.replace("\n", " "), jmx.invoke(IMAGES, "remountAll", new Object[0], new String[0]));
                assertEquals(refused, jmx.invoke(IMAGES, "cleanupMountpoints", new Object[0], new String[0]));
                ObjectName image = AgentHost.objectName("io.github.dismagent:type=MountedImage,path=" + ObjectName.quote("C:\\Mount\\remount"));
                assertEquals(refused, jmx.invoke(image, "remount", new Object[0], new String[0]));
                assertThrows(Exception.class, () -> jmx.setAttribute(IMAGES, new javax.management.Attribute("AutoRemount", true)));
                assertEquals(0, host.trace().count("DismRemountImage") + host.trace().count("DismCleanupMountpoints"));
                host.awaitOutput("JMX remount('C:\\Mount\\remount') by JMX principal controlRole: " + refused.replace("\n", " "));
            }
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The documented command, as an operator runs it in a script: the password on standard input. */
    private static String hashPassword(String password) {
        try {
            Process process = new ProcessBuilder(ItSettings.javaHome().resolve("bin/java").toString(), "-jar", ItSettings.agentJar().toString(),
                    "hash-password", "--iterations", "100000").start();
            process.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), err);
            assertTrue(out.startsWith("pbkdf2-sha256:100000:"), out);
            assertTrue(err.contains("Give this to dismagent as httpPasswordHash"), err);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
