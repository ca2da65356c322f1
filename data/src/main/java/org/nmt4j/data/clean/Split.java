package org.nmt4j.data.clean;

import java.util.Locale;

/** The three parts of a corpus. */
public enum Split {
    /** Training data. */
    TRAIN,
    /** Development (validation) data. */
    DEV,
    /** Held-out test data. */
    TEST;

    /**
     * Returns the lower-case name used in file names, e.g. {@code dev}.
     *
     * @return the name
     */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
