package io.github.dismagent.metrics;

import io.github.dismagent.BoundedText;

/**
 * A label value built from a string DISM returned, at most {@value #LONGEST} characters. Windows
 * allows paths of 32,767 characters; as labels, 1,000 of them made every scrape 190 MB. A longer
 * value keeps its start and end (where a path names its image), with {@code …} between them and
 * {@code #} and the first 12 hex digits of the SHA-256 of the whole value after them
 * ({@link BoundedText}), so that two long paths that differ only in the middle still make two
 * series. The whole value stays in JMX.
 */
final class LabelValue {
    /** The longest label value made from DISM's strings, in UTF-16 units. */
    static final int LONGEST = 256;

    private LabelValue() {
    }

    static String of(String value) {
        return BoundedText.shortened(value, LONGEST, 12);
    }
}
