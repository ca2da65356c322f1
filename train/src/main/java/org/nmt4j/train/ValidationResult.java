package org.nmt4j.train;

import java.util.List;
import org.nmt4j.text.score.BleuScore;
import org.nmt4j.text.score.ChrFScore;

/**
 * What one validation measured on the dev set.
 *
 * @param loss label-smoothed loss per target token (teacher-forced, no dropout), comparable with
 *     the training loss
 * @param nll plain negative log-likelihood per target token
 * @param bleu corpus BLEU of greedy translations of the distinct dev sources against all their
 *     references
 * @param chrf corpus chrF2 of the same translations
 * @param sources the distinct dev sources, in file order
 * @param hypotheses their translations, one per source
 * @param seconds wall time of the validation
 */
public record ValidationResult(
        double loss,
        double nll,
        BleuScore bleu,
        ChrFScore chrf,
        List<String> sources,
        List<String> hypotheses,
        double seconds) {

    /** Copies the lists. */
    public ValidationResult {
        sources = List.copyOf(sources);
        hypotheses = List.copyOf(hypotheses);
    }

    /**
     * Returns the perplexity, {@code exp(nll)}.
     *
     * @return the perplexity
     */
    public double perplexity() {
        return Math.exp(nll);
    }
}
