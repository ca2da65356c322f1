package org.nmt4j.data.corpus;

/**
 * Why a line or pair was not kept. Reasons that mark a malformed line count towards the bad-line
 * share that makes a file an error; filter reasons do not.
 */
public enum SkipReason {
    /** The line has no tab, so it has no second column. */
    NO_TAB("no tab", true),
    /** The line has fewer columns than the configured source or target column needs. */
    MISSING_COLUMN("missing column", true),
    /** An Anki line with more than three columns. */
    TOO_MANY_COLUMNS("more than 3 columns", true),
    /** The line is empty or only whitespace. */
    BLANK_LINE("blank line", true),
    /** The source or the target is empty after normalisation. */
    EMPTY_SIDE("empty side", true),
    /** The line is not valid UTF-8. */
    INVALID_UTF8("invalid UTF-8", true),
    /** The line is longer than 1 MiB. */
    LINE_TOO_LONG("line over 1 MiB", true),
    /** The same normalised pair was seen before (with {@code dedup: true}). */
    DUPLICATE("duplicate pair", false),
    /** A side has more SentencePiece pieces than {@code max_tokens}. */
    TOO_MANY_TOKENS("over max_tokens", false),
    /** The longer side is more than {@code max_length_ratio} times the shorter one. */
    LENGTH_RATIO("over max_length_ratio", false);

    private final String label;
    private final boolean malformed;

    SkipReason(String label, boolean malformed) {
        this.label = label;
        this.malformed = malformed;
    }

    /**
     * Returns a short human label, e.g. {@code no tab}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Tells whether this reason marks a malformed line (counted for {@code max_bad_line_share}).
     *
     * @return true for malformed-input reasons, false for filters
     */
    public boolean malformed() {
        return malformed;
    }
}
