package org.nmt4j.data.tokenizer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Trains byte-pair encoding the way SentencePiece's trainer does: every word starts as its
 * characters, and the most frequent adjacent pair that may be a piece is merged, again and again,
 * until the vocabulary is full; ties go to the shorter piece, then to the first in code point
 * order. Piece scores are the negated merge order (SentencePiece's BPE encoder merges by them), and
 * the required characters follow the merges, most frequent first.
 *
 * <p>Pair counts are kept up to date merge by merge (only the words holding the merged pair are
 * touched), with a priority queue whose outdated entries are skipped, so every merge is exact.
 */
final class BpeTrainer {
    private final TrainingText text;
    private final TrainerSettings settings;
    private final int[][] symbols;
    private final long[] frequencies;
    private final List<int[]> symbolText = new ArrayList<>();
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private final Map<Long, Pair> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(Candidate::byPriority);

    /** One adjacent pair: its weighted count and where it may occur (word, left position). */
    private static final class Pair {
        final int[] merged;
        long count;
        long[] positions = new long[4];
        int size;

        Pair(int[] merged) {
            this.merged = merged;
        }

        void add(int word, int position) {
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
            }
            positions[size++] = ((long) word << 32) | position;
        }
    }

    /** A queue entry: a pair with the count it had when queued. */
    private record Candidate(long key, long count, int[] merged) {
        static int byPriority(Candidate a, Candidate b) {
            int c = Long.compare(b.count, a.count);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.merged.length, b.merged.length);
            return c != 0 ? c : Arrays.compare(a.merged, b.merged);
        }
    }

    BpeTrainer(TrainingText text, TrainerSettings settings) {
        this.text = text;
        this.settings = settings;
        List<TrainingText.Word> ws = text.words();
        this.symbols = new int[ws.size()][];
        this.frequencies = new long[ws.size()];
        for (int w = 0; w < ws.size(); w++) {
            int[] cps = ws.get(w).cps();
            symbols[w] = new int[cps.length];
            for (int i = 0; i < cps.length; i++) {
                symbols[w][i] = intern(new int[] {cps[i]});
            }
            frequencies[w] = ws.get(w).count();
        }
    }

    /**
     * Trains.
     *
     * @return the vocabulary without special pieces, in score order
     */
    List<ScoredPiece> train() {
        for (int w = 0; w < symbols.length; w++) {
            for (int i = 0; i + 1 < symbols[w].length; i++) {
                addPair(w, i, i + 1);
            }
        }
        for (Map.Entry<Long, Pair> e : pairs.entrySet()) {
            queue.add(new Candidate(e.getKey(), e.getValue().count, e.getValue().merged));
        }
        int merges = settings.vocabSize() - settings.metaPieces() - text.requiredChars().size();
        List<ScoredPiece> pieces = new ArrayList<>();
        Set<String> added = new HashSet<>();
        while (pieces.size() < merges) {
            Candidate best = next();
            if (best == null) {
                break;
            }
            String merged = new String(best.merged, 0, best.merged.length);
            if (!added.add(merged)) {
                pairs.remove(best.key); // the same string by another path: SentencePiece skips it
                continue;
            }
            pieces.add(new ScoredPiece(best.merged, -(double) pieces.size()));
            merge(best.key);
        }
        for (TrainingText.RequiredChar c : text.requiredChars()) {
            pieces.add(new ScoredPiece(new int[] {c.cp()}, -(double) pieces.size()));
        }
        return pieces;
    }

    private Candidate next() {
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            Pair p = pairs.get(c.key);
            if (p != null && p.count == c.count && p.count > 0) {
                return c;
            }
        }
        return null;
    }

    private int intern(int[] cps) {
        String s = new String(cps, 0, cps.length);
        Integer id = symbolIds.get(s);
        if (id == null) {
            id = symbolText.size();
            symbolText.add(cps);
            symbolIds.put(s, id);
        }
        return id;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private void addPair(int word, int left, int right) {
        int a = symbols[word][left];
        int b = symbols[word][right];
        long key = key(a, b);
        Pair p = pairs.get(key);
        if (p == null) {
            int[] x = symbolText.get(a);
            int[] y = symbolText.get(b);
            int[] merged = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, merged, x.length, y.length);
            if (!PieceRules.valid(merged, 0, merged.length)) {
                return;
            }
            p = new Pair(merged);
            pairs.put(key, p);
        }
        p.count += frequencies[word];
        p.add(word, left);
    }

    private void removeCount(int a, int b, long frequency, Set<Long> touched) {
        long key = key(a, b);
        Pair p = pairs.get(key);
        if (p != null) {
            p.count -= frequency;
            touched.add(key);
        }
    }

    private void merge(long key) {
        Pair pair = pairs.remove(key);
        int a = (int) (key >>> 32);
        int b = (int) key;
        int merged = intern(pair.merged);
        Set<Long> touched = new HashSet<>();
        for (int k = 0; k < pair.size; k++) {
            int w = (int) (pair.positions[k] >>> 32);
            int p = (int) pair.positions[k];
            int[] s = symbols[w];
            if (s[p] != a) {
                continue;
            }
            int q = nextIndex(s, p);
            if (q < 0 || s[q] != b) {
                continue;
            }
            int before = previousIndex(s, p);
            int after = nextIndex(s, q);
            if (before >= 0) {
                removeCount(s[before], a, frequencies[w], touched);
            }
            if (after >= 0) {
                removeCount(b, s[after], frequencies[w], touched);
            }
            s[p] = merged;
            s[q] = -1;
            if (before >= 0) {
                addPair(w, before, p);
                touched.add(key(s[before], merged));
            }
            if (after >= 0) {
                addPair(w, p, after);
                touched.add(key(merged, s[after]));
            }
        }
        pairs.remove(key);
        for (long t : touched) {
            Pair p = pairs.get(t);
            if (p != null && p.count > 0) {
                queue.add(new Candidate(t, p.count, p.merged));
            }
        }
    }

    private static int nextIndex(int[] s, int i) {
        for (int j = i + 1; j < s.length; j++) {
            if (s[j] >= 0) {
                return j;
            }
        }
        return -1;
    }

    private static int previousIndex(int[] s, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (s[j] >= 0) {
                return j;
            }
        }
        return -1;
    }
}
