package org.nmt4j.text.score;

import java.util.List;

/**
 * A corpus chrF result with its sufficient statistics.
 *
 * @param score chrF2 in [0, 100]
 * @param orders per character n-gram order 1..6, the corpus sums of the per-line statistics of each
 *     line's best reference
 * @param signature sacreBLEU's signature, e.g. {@code
 *     nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}
 */
public record ChrFScore(double score, List<OrderStats> orders, String signature) {

    /**
     * The statistics of one n-gram order, as sacreBLEU's {@code [hyp, ref, match]} triplets.
     *
     * @param hyp hypothesis n-grams (counted only on lines whose chosen reference has n-grams of
     *     this order)
     * @param ref reference n-grams
     * @param match matched n-grams (clipped by the reference counts)
     */
    public record OrderStats(long hyp, long ref, long match) {}

    /** Copies the list, so the record stays immutable. */
    public ChrFScore {
        orders = List.copyOf(orders);
    }

    /**
     * The line sacreBLEU prints for this score, e.g. {@code chrF2|nrefs:1|...|version:2.6.0 =
     * 55.12}.
     *
     * @param width decimals of the score (sacreBLEU's default is 2)
     * @return the line, without a line terminator
     */
    public String format(int width) {
        return SacreBleuFormat.scoreLine("chrF" + ChrF.BETA, signature, score, width, "");
    }

    /** The line sacreBLEU prints by default (score with 2 decimals). */
    @Override
    public String toString() {
        return format(2);
    }
}
