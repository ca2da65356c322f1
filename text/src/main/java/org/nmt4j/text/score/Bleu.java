package org.nmt4j.text.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU exactly as sacreBLEU 2.6.0 computes it by default ({@code sacrebleu.metrics.BLEU()}):
 * 13a tokenisation of each right-stripped segment, mixed case, n-grams of orders 1 to 4 clipped by
 * the maximum count over the line's references, effective reference length = per line the reference
 * length closest to the hypothesis length (the shorter on a tie), "exp" smoothing, no effective
 * order.
 *
 * <p>Shapes: {@code hyps.get(i)} is the hypothesis of line {@code i}; {@code refs.get(i)} holds
 * every reference of line {@code i} (see {@link References}: null entries are missing references,
 * aligned streams convert with {@link References#fromStreams}). Thread-safe.
 */
public final class Bleu {

    /** The highest n-gram order. */
    public static final int MAX_ORDER = 4;

    private static final Tokenizer13a TOKENIZER = new Tokenizer13a();

    /** sacreBLEU's {@code my_log(0)}: the log it uses for a zero precision. */
    private static final double LOG_ZERO = -9999999999.0;

    private Bleu() {}

    /**
     * Scores a corpus.
     *
     * @param hyps one hypothesis per line (not null; "" for an empty one)
     * @param refs per line, its references; at least one non-null per line
     * @return the score, its statistics and its signature
     * @throws IllegalArgumentException if the sizes differ, there are no lines, or a line has no
     *     reference
     */
    public static BleuScore corpusScore(List<String> hyps, List<List<String>> refs) {
        List<List<String>> present = References.check(hyps, refs);
        long[] stats = new long[2 + 2 * MAX_ORDER];
        for (int i = 0; i < hyps.size(); i++) {
            addSegment(stats, hyps.get(i), present.get(i));
        }
        return compute(stats, signature(References.nrefs(present)));
    }

    /**
     * The signature of a default sacreBLEU BLEU with this reference count.
     *
     * @param nrefs the references per line, or {@code var}
     * @return e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
     */
    public static String signature(String nrefs) {
        return "nrefs:"
                + nrefs
                + "|case:mixed|eff:no|tok:13a|smooth:exp|version:"
                + SacreBleuFormat.VERSION;
    }

    /** Adds one line's [hyp_len, ref_len, correct 1..4, total 1..4] to {@code stats}. */
    private static void addSegment(long[] stats, String hyp, List<String> refs) {
        Map<String, Integer> refMax = new HashMap<>();
        List<Integer> refLens = new ArrayList<>(refs.size());
        for (String ref : refs) {
            List<String> tokens = TOKENIZER.tokens(PyText.rstrip(ref));
            refLens.add(tokens.size());
            ngrams(tokens).forEach((g, c) -> refMax.merge(g, c, Math::max));
        }
        List<String> hypTokens = TOKENIZER.tokens(PyText.rstrip(hyp));
        stats[0] += hypTokens.size();
        stats[1] += closestRefLen(hypTokens.size(), refLens);
        for (Map.Entry<String, Integer> e : ngrams(hypTokens).entrySet()) {
            int n = order(e.getKey());
            int count = e.getValue();
            stats[2 + MAX_ORDER + n - 1] += count;
            stats[2 + n - 1] += Math.min(count, refMax.getOrDefault(e.getKey(), 0));
        }
    }

    /** The reference length closest to {@code hypLen}; the shorter one on a tie. */
    static int closestRefLen(int hypLen, List<Integer> refLens) {
        int bestDiff = -1;
        int best = -1;
        for (int len : refLens) {
            int diff = Math.abs(hypLen - len);
            if (bestDiff == -1 || diff < bestDiff || (diff == bestDiff && len < best)) {
                bestDiff = diff;
                best = len;
            }
        }
        return best;
    }

    /** Counts the n-grams of orders 1..4, each keyed by its tokens joined with single spaces. */
    private static Map<String, Integer> ngrams(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The order of an n-gram key: tokens hold no whitespace, so spaces + 1. */
    private static int order(String key) {
        int n = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    /** sacreBLEU's {@code compute_bleu} with "exp" smoothing and no effective order. */
    private static BleuScore compute(long[] stats, String signature) {
        long sysLen = stats[0];
        long refLen = stats[1];
        List<Long> correct = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        for (int n = 0; n < MAX_ORDER; n++) {
            correct.add(stats[2 + n]);
            total.add(stats[2 + MAX_ORDER + n]);
        }
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        }
        double ratio = refLen != 0 ? (double) sysLen / refLen : 0;
        double[] precisions = new double[MAX_ORDER];
        double score = 0.0;
        if (correct.stream().anyMatch(c -> c != 0)) {
            double smooth = 1.0;
            for (int n = 0; n < MAX_ORDER && total.get(n) != 0; n++) {
                if (correct.get(n) == 0) {
                    smooth *= 2;
                    precisions[n] = 100.0 / (smooth * total.get(n));
                } else {
                    precisions[n] = 100.0 * correct.get(n) / total.get(n);
                }
            }
            double logSum = 0.0;
            for (double p : precisions) {
                logSum += p == 0.0 ? LOG_ZERO : Math.log(p);
            }
            score = bp * Math.exp(logSum / MAX_ORDER);
        }
        List<Double> precisionList = new ArrayList<>();
        for (double p : precisions) {
            precisionList.add(p);
        }
        return new BleuScore(
                score, precisionList, bp, ratio, sysLen, refLen, correct, total, signature);
    }
}
