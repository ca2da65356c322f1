package org.nmt4j.text.score;

import java.util.List;

/**
 * A corpus BLEU result with its sufficient statistics, as sacreBLEU's {@code BLEUScore}.
 *
 * @param score BLEU in [0, 100]
 * @param precisions the n-gram precisions in percent, orders 1..4 (smoothed with "exp" where no
 *     n-gram matched; all 0 when nothing matched at all, as sacreBLEU reports them)
 * @param bp the brevity penalty
 * @param ratio hypothesis length over effective reference length (0 when the latter is 0)
 * @param sysLen the number of hypothesis tokens
 * @param refLen the effective reference length: per line, the closest reference length
 * @param counts matched n-grams per order, 1..4 (clipped by the reference counts)
 * @param totals hypothesis n-grams per order, 1..4
 * @param signature sacreBLEU's signature, e.g. {@code
 *     nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
 */
public record BleuScore(
        double score,
        List<Double> precisions,
        double bp,
        double ratio,
        long sysLen,
        long refLen,
        List<Long> counts,
        List<Long> totals,
        String signature) {

    /** Copies the lists, so the record stays immutable. */
    public BleuScore {
        precisions = List.copyOf(precisions);
        counts = List.copyOf(counts);
        totals = List.copyOf(totals);
    }

    /**
     * The line sacreBLEU prints for this score, e.g. {@code BLEU|nrefs:1|...|version:2.6.0 = 41.23
     * 73.1/49.0/34.2/24.4 (BP = 1.000 ratio = 1.012 hyp_len = 123 ref_len = 121)}.
     *
     * @param width decimals of the score (sacreBLEU's default is 2); the rest is fixed
     * @return the line, without a line terminator
     */
    public String format(int width) {
        StringBuilder prec = new StringBuilder();
        for (double p : precisions) {
            prec.append(prec.length() == 0 ? "" : "/").append(SacreBleuFormat.fixed(p, 1));
        }
        String verbose =
                prec
                        + " (BP = "
                        + SacreBleuFormat.fixed(bp, 3)
                        + " ratio = "
                        + SacreBleuFormat.fixed(ratio, 3)
                        + " hyp_len = "
                        + sysLen
                        + " ref_len = "
                        + refLen
                        + ")";
        return SacreBleuFormat.scoreLine("BLEU", signature, score, width, verbose);
    }

    /** The line sacreBLEU prints by default (score with 2 decimals). */
    @Override
    public String toString() {
        return format(2);
    }
}
