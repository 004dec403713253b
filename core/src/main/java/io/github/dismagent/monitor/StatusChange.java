package io.github.dismagent.monitor;

/**
 * An image appeared, disappeared or changed status between two reads of the mount table.
 *
 * @param kind           what happened
 * @param image          the image now (for {@link Kind#DISAPPEARED}, as last seen)
 * @param previousStatus its status before, e.g. {@code Ok}; "" when it appeared
 */
public record StatusChange(Kind kind, MonitoredImage image, String previousStatus) {

    public enum Kind {
        APPEARED, DISAPPEARED, CHANGED;

        /** {@code appeared}, {@code disappeared}, {@code changed}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** For logs and notifications: {@code C:\Mount\win11 changed from Ok to NeedsRemount}. */
    public String describe() {
        String path = image.displayPath();
        String status = image.mountStatusName();
        return switch (kind) {
            case APPEARED -> path + " appeared (" + status + ")";
            case DISAPPEARED -> path + " disappeared (was " + status + ")";
            case CHANGED -> path + " changed from " + previousStatus + " to " + status;
        };
    }

    /** {@code 980 appeared, 20 changed}: counts per kind, in the order of {@link Kind}. */
    static String summarize(java.util.Map<Kind, Integer> counts) {
        java.util.StringJoiner parts = new java.util.StringJoiner(", ");
        for (Kind kind : Kind.values()) {
            Integer count = counts.get(kind);
            if (count != null) {
                parts.add(count + " " + kind.label());
            }
        }
        return parts.toString();
    }
}
