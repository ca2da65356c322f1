package org.nmt4j.data.corpus;

/**
 * What one pass over a corpus file read.
 *
 * @param input the file (or files) read, for messages
 * @param lines lines read
 * @param pairs well-formed pairs handed on
 * @param skips the lines skipped, by reason, with their first line numbers
 */
public record ReadSummary(String input, long lines, long pairs, SkipCounter skips) {

    /**
     * Returns the share of lines that were malformed.
     *
     * @return malformed lines / lines, 0 for an empty file
     */
    public double badShare() {
        return lines == 0 ? 0 : (double) skips.malformed() / lines;
    }

    /**
     * Throws if the file is empty or too many of its lines were malformed.
     *
     * @param maxBadShare the largest acceptable share of malformed lines
     * @param formatHint a hint naming the expected format, for the message
     * @throws CorpusException if the share is exceeded or nothing was read
     */
    void check(double maxBadShare, String formatHint) {
        if (pairs == 0) {
            throw new CorpusException(
                    input
                            + ": no usable sentence pairs in "
                            + lines
                            + " lines (skipped: "
                            + skips
                            + "); expected "
                            + formatHint,
                    true);
        }
        if (badShare() > maxBadShare) {
            throw new CorpusException(
                    String.format(
                            "%s: %d of %d lines (%.1f%%) are malformed, over data.max_bad_line_share"
                                    + " %.3f (skipped: %s); check data.format (expected %s) or"
                                    + " raise data.max_bad_line_share",
                            input,
                            skips.malformed(),
                            lines,
                            100 * badShare(),
                            maxBadShare,
                            skips,
                            formatHint),
                    true);
        }
    }
}
