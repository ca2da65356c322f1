package org.nmt4j.text.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus chrF exactly as sacreBLEU 2.6.0 computes it by default ({@code sacrebleu.metrics.CHRF()},
 * chrF2): character n-grams of orders 1 to 6 over code points, whitespace (Python's definition)
 * removed, mixed case, no word n-grams, beta 2. Per line, the reference with the best
 * sentence-level chrF is kept (the first one on a tie); the corpus score is the F-beta of the
 * precision and recall averaged over the orders whose summed hypothesis and reference counts are
 * both non-zero ("effective order", no epsilon smoothing).
 *
 * <p>Shapes as in {@link Bleu}: {@code hyps.get(i)} and {@code refs.get(i)} (every reference of
 * line {@code i}; null entries are missing references). Thread-safe.
 */
public final class ChrF {

    /** The highest character n-gram order. */
    public static final int CHAR_ORDER = 6;

    /** The weight of recall against precision. */
    public static final int BETA = 2;

    private ChrF() {}

    /**
     * Scores a corpus.
     *
     * @param hyps one hypothesis per line (not null; "" for an empty one)
     * @param refs per line, its references; at least one non-null per line
     * @return the score, its statistics and its signature
     * @throws IllegalArgumentException if the sizes differ, there are no lines, or a line has no
     *     reference
     */
    public static ChrFScore corpusScore(List<String> hyps, List<List<String>> refs) {
        List<List<String>> present = References.check(hyps, refs);
        long[] sums = new long[3 * CHAR_ORDER];
        for (int i = 0; i < hyps.size(); i++) {
            long[] best = bestStats(hyps.get(i), present.get(i));
            for (int j = 0; j < sums.length; j++) {
                sums[j] += best[j];
            }
        }
        List<ChrFScore.OrderStats> orders = new ArrayList<>();
        for (int n = 0; n < CHAR_ORDER; n++) {
            orders.add(new ChrFScore.OrderStats(sums[3 * n], sums[3 * n + 1], sums[3 * n + 2]));
        }
        return new ChrFScore(fScore(sums), orders, signature(References.nrefs(present)));
    }

    /**
     * The signature of a default sacreBLEU chrF with this reference count.
     *
     * @param nrefs the references per line, or {@code var}
     * @return e.g. {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}
     */
    public static String signature(String nrefs) {
        return "nrefs:"
                + nrefs
                + "|case:mixed|eff:yes|nc:"
                + CHAR_ORDER
                + "|nw:0|space:no|version:"
                + SacreBleuFormat.VERSION;
    }

    /** The [hyp, ref, match] triplets per order against the reference with the best chrF. */
    private static long[] bestStats(String hyp, List<String> refs) {
        List<Map<String, Integer>> hypNgrams = charNgrams(hyp);
        long[] best = null;
        double bestF = -1.0;
        for (String ref : refs) {
            List<Map<String, Integer>> refNgrams = charNgrams(ref);
            long[] stats = new long[3 * CHAR_ORDER];
            for (int n = 0; n < CHAR_ORDER; n++) {
                matchStats(hypNgrams.get(n), refNgrams.get(n), stats, 3 * n);
            }
            double f = fScore(stats);
            if (f > bestF) {
                bestF = f;
                best = stats;
            }
        }
        return best;
    }

    /** One order's hypothesis, reference and matched counts, written at {@code at}. */
    private static void matchStats(
            Map<String, Integer> hyp, Map<String, Integer> ref, long[] out, int at) {
        long hypCount = 0;
        long match = 0;
        for (Map.Entry<String, Integer> e : hyp.entrySet()) {
            hypCount += e.getValue();
            match += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
        }
        long refCount = 0;
        for (int c : ref.values()) {
            refCount += c;
        }
        out[at] = ref.isEmpty() ? 0 : hypCount;
        out[at + 1] = refCount;
        out[at + 2] = match;
    }

    /** The character n-gram counts of orders 1..6, over code points, whitespace removed. */
    static List<Map<String, Integer>> charNgrams(String line) {
        int[] cps = PyText.removeSpaces(line).codePoints().toArray();
        List<Map<String, Integer>> orders = new ArrayList<>(CHAR_ORDER);
        for (int n = 1; n <= CHAR_ORDER; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= cps.length; i++) {
                counts.merge(new String(cps, i, n), 1, Integer::sum);
            }
            orders.add(counts);
        }
        return orders;
    }

    /** sacreBLEU's {@code _compute_f_score} without epsilon smoothing. */
    private static double fScore(long[] stats) {
        double factor = BETA * BETA;
        double avgPrec = 0.0;
        double avgRec = 0.0;
        int effectiveOrder = 0;
        for (int n = 0; n < CHAR_ORDER; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            if (hyp > 0 && ref > 0) {
                avgPrec += (double) match / hyp;
                avgRec += (double) match / ref;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        avgPrec /= effectiveOrder;
        avgRec /= effectiveOrder;
        if (avgPrec + avgRec == 0) {
            return 0.0;
        }
        double score = (1 + factor) * avgPrec * avgRec;
        score /= (factor * avgPrec) + avgRec;
        return 100 * score;
    }
}
