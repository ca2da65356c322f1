package org.nmt4j.data.tokenizer.train;

import java.util.Arrays;

/**
 * Every way to segment one word into pieces of a unigram model: the nodes (begin, end, piece,
 * log-probability) of all pieces found at each position, with an unknown node of one character
 * where no one-character piece exists (scored the lowest piece score less 10, as SentencePiece
 * does). Gives the expected piece counts of the word (forward-backward) and its best segmentation
 * (Viterbi). Reused word after word by one thread; not thread-safe.
 */
final class Lattice {
    /** SentencePiece's penalty of the unknown node below the lowest piece score. */
    static final double UNKNOWN_PENALTY = 10.0;

    private int length;
    private int count;
    private int[] begin = new int[64];
    private int[] end = new int[64];
    private int[] id = new int[64];
    private double[] score = new double[64];
    private double[] forward = new double[32];
    private double[] backward = new double[32];
    private int[] back = new int[32];

    /**
     * Builds the lattice of a word.
     *
     * @param cps the word's code points
     * @param trie the model's pieces
     * @param scores each piece's log-probability
     * @param unknownScore the unknown node's score
     */
    void populate(int[] cps, PieceTrie trie, float[] scores, double unknownScore) {
        length = cps.length;
        count = 0;
        ensurePositions(length + 1);
        for (int b = 0; b < length; b++) {
            boolean single = false;
            int node = 0;
            int limit = Math.min(length, b + PieceRules.MAX_PIECE_LENGTH);
            for (int e = b; e < limit; e++) {
                node = trie.child(node, cps[e]);
                if (node < 0) {
                    break;
                }
                int piece = trie.pieceAt(node);
                if (piece >= 0) {
                    add(b, e + 1, piece, scores[piece]);
                    single |= e == b;
                }
            }
            if (!single) {
                add(b, b + 1, -1, unknownScore);
            }
        }
    }

    private void add(int b, int e, int piece, double s) {
        if (count == begin.length) {
            int n = count * 2;
            begin = Arrays.copyOf(begin, n);
            end = Arrays.copyOf(end, n);
            id = Arrays.copyOf(id, n);
            score = Arrays.copyOf(score, n);
        }
        begin[count] = b;
        end[count] = e;
        id[count] = piece;
        score[count] = s;
        count++;
    }

    private void ensurePositions(int n) {
        if (forward.length < n) {
            forward = new double[n * 2];
            backward = new double[n * 2];
            back = new int[n * 2];
        }
    }

    /**
     * Adds the word's expected piece counts, times its frequency, to {@code expected}.
     *
     * @param frequency how often the word occurs
     * @param expected expected counts by piece id
     * @return the log-likelihood of the word (log of the sum over segmentations)
     */
    double addMarginals(double frequency, double[] expected) {
        Arrays.fill(forward, 0, length + 1, Double.NEGATIVE_INFINITY);
        Arrays.fill(backward, 0, length + 1, Double.NEGATIVE_INFINITY);
        forward[0] = 0;
        for (int n = 0; n < count; n++) { // nodes are in order of their begin
            forward[end[n]] = logAdd(forward[end[n]], forward[begin[n]] + score[n]);
        }
        backward[length] = 0;
        for (int n = count - 1; n >= 0; n--) {
            backward[begin[n]] = logAdd(backward[begin[n]], score[n] + backward[end[n]]);
        }
        double z = forward[length];
        for (int n = 0; n < count; n++) {
            if (id[n] >= 0) {
                double logMarginal = forward[begin[n]] + score[n] + backward[end[n]] - z;
                expected[id[n]] += frequency * Math.exp(logMarginal);
            }
        }
        return z;
    }

    /**
     * Finds the best segmentation, leaving out the nodes of one piece.
     *
     * @param excluded a piece id to leave out, or -2 for none
     * @param path receives the piece ids of the segmentation in order (-1 for unknown); must hold
     *     the word's length
     * @return the number of pieces, or -1 when no segmentation is left
     */
    int viterbi(int excluded, int[] path) {
        Arrays.fill(forward, 0, length + 1, Double.NEGATIVE_INFINITY);
        forward[0] = 0;
        for (int n = 0; n < count; n++) {
            if (id[n] == excluded || forward[begin[n]] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double s = forward[begin[n]] + score[n];
            if (s > forward[end[n]]) {
                forward[end[n]] = s;
                back[end[n]] = n;
            }
        }
        if (forward[length] == Double.NEGATIVE_INFINITY) {
            return -1;
        }
        int pieces = 0;
        for (int pos = length; pos > 0; pos = begin[back[pos]]) {
            pieces++;
        }
        int i = pieces;
        for (int pos = length; pos > 0; pos = begin[back[pos]]) {
            path[--i] = id[back[pos]];
        }
        return pieces;
    }

    /**
     * Returns the score of the best segmentation found by the last {@link #viterbi} call.
     *
     * @return the sum of its node scores
     */
    double bestScore() {
        return forward[length];
    }

    private static double logAdd(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double max = Math.max(x, y);
        double min = Math.min(x, y);
        if (max > min + 50) {
            return max;
        }
        return max + Math.log1p(Math.exp(min - max));
    }
}
