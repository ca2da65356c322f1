package org.nmt4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of {@code metrics.jsonl}. Two kinds: {@code "train"} lines (every {@code
 * train.log_every} steps: loss, learning rate, speed) and {@code "validation"} lines (dev loss,
 * perplexity, BLEU, chrF). Values that a kind does not have are left out of the JSON.
 *
 * @param event {@code train} or {@code validation}
 * @param step the optimiser step
 * @param epoch epochs done, fractional (2.25: a quarter into the third epoch)
 * @param loss training loss per target token (label-smoothed) over the last interval
 * @param lr the learning rate
 * @param tokensPerS real source plus target tokens per second of training time
 * @param devLoss dev loss per target token (label-smoothed, as the training loss)
 * @param devNll dev negative log-likelihood per target token
 * @param devPpl dev perplexity, {@code exp(dev_nll)}
 * @param devBleu dev BLEU, greedy decoding
 * @param devChrf dev chrF2, greedy decoding
 * @param best whether this validation is the best so far
 * @param wallS wall time of the run so far (validation and resumes included), in seconds
 * @param trainS training time so far (validation excluded), in seconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsRecord(
        String event,
        long step,
        double epoch,
        Double loss,
        Double lr,
        Double tokensPerS,
        Double devLoss,
        Double devNll,
        Double devPpl,
        Double devBleu,
        Double devChrf,
        Boolean best,
        double wallS,
        double trainS) {

    /** The {@code event} of a training line. */
    public static final String TRAIN = "train";

    /** The {@code event} of a validation line. */
    public static final String VALIDATION = "validation";
}
