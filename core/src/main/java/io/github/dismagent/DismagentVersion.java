package io.github.dismagent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of dismagent, as the build wrote it. */
public final class DismagentVersion {
    private static final String VERSION = read();

    private DismagentVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = DismagentVersion.class.getResourceAsStream("dismagent.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
