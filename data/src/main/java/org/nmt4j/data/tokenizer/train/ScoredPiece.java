package org.nmt4j.data.tokenizer.train;

import java.util.Arrays;

/**
 * A piece of a vocabulary being trained and its score (a log-probability for unigram, the order of
 * its merge for BPE).
 *
 * @param cps the piece's code points
 * @param score its score
 */
record ScoredPiece(int[] cps, double score) {

    /**
     * Returns the piece's text.
     *
     * @return the text
     */
    String text() {
        return new String(cps, 0, cps.length);
    }

    /**
     * Orders by score, highest first, then by text in code point order (SentencePiece's order).
     *
     * @param a a piece
     * @param b another
     * @return the comparison
     */
    static int byScoreThenText(ScoredPiece a, ScoredPiece b) {
        int c = Double.compare(b.score, a.score);
        return c != 0 ? c : Arrays.compare(a.cps, b.cps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredPiece p && p.score == score && Arrays.equals(p.cps, cps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cps) + Double.hashCode(score);
    }

    @Override
    public String toString() {
        return text() + "\t" + score;
    }
}
