package org.nmt4j.data.tokenizer.train;

/**
 * Which strings may become pieces: SentencePiece's rules with its default settings (pieces of at
 * most 16 characters; the word boundary {@code ▁} only as the first character; one Unicode script
 * per piece, with Hiragana and Katakana counted as Han and combining marks taking the script of the
 * character before them; digits keep their own script; never the reserved unknown character).
 *
 * <p>The rules are prefix-closed: when a string breaks them, so does every extension of it, which
 * lets the seed search stop extending a substring at the first break.
 */
final class PieceRules {
    /** The word boundary SentencePiece puts in place of a space: U+2581. */
    static final int WORD_BOUNDARY = 0x2581;

    /** Stands for characters outside the coverage while training: U+2047. */
    static final int UNKNOWN_CHAR = 0x2047;

    /** SentencePiece's {@code max_sentencepiece_length}. */
    static final int MAX_PIECE_LENGTH = 16;

    private static final int ANY = -1;

    private PieceRules() {}

    /**
     * Tells whether a run of code points may be a piece.
     *
     * @param cps code points
     * @param from first index
     * @param to end index (exclusive)
     * @return true when it may
     */
    static boolean valid(int[] cps, int from, int to) {
        return validPrefixLength(cps, from, to) == to - from;
    }

    /**
     * Returns how many code points from {@code from} on form a valid piece at most: every prefix of
     * that length or shorter is valid (once the string breaks a rule, every longer one does too).
     *
     * @param cps code points
     * @param from first index
     * @param to end index (exclusive)
     * @return the length of the longest valid prefix, capped at {@link #MAX_PIECE_LENGTH}
     */
    static int validPrefixLength(int[] cps, int from, int to) {
        int end = Math.min(to, from + MAX_PIECE_LENGTH);
        int previous = ANY;
        for (int i = from; i < end; i++) {
            int c = cps[i];
            if (c == UNKNOWN_CHAR || c == 0 || c == ' ' || !Character.isValidCodePoint(c)) {
                return i - from;
            }
            if (c == WORD_BOUNDARY) {
                if (i > from) {
                    return i - from;
                }
                continue;
            }
            int script = script(c, previous);
            if (script != ANY && previous != ANY && script != previous) {
                return i - from;
            }
            previous = script;
        }
        return end - from;
    }

    private static int script(int c, int previous) {
        Character.UnicodeScript s;
        try {
            s = Character.UnicodeScript.of(c);
        } catch (IllegalArgumentException e) {
            return ANY;
        }
        if (s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || c == 0x30FC) {
            return Character.UnicodeScript.HAN.ordinal();
        }
        if (s == Character.UnicodeScript.INHERITED) {
            return previous;
        }
        return s.ordinal();
    }
}
