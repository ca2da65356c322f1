package org.nmt4j.data;

import java.util.List;
import java.util.Locale;
import org.nmt4j.data.batch.PaddingStats;
import org.nmt4j.data.corpus.ReadSummary;

/**
 * The statistics of a {@link Preparer} run: what each input file held, what each split kept, and
 * how much padding the training batches carry.
 *
 * @param inputs one summary per file read (lines, pairs, malformed lines by reason)
 * @param splits one report per split, train first
 * @param tokenizer a description of the tokenizer(s), e.g. where they were trained or loaded
 * @param batchTokens the token budget of a batch
 * @param bucketed padding of the length-bucketed token-budget batches of epoch 0
 * @param naivePairsPerBatch the fixed batch size of the naive batches (the mean size of the
 *     bucketed ones)
 * @param naive padding of naive fixed-size batches of shuffled pairs, for comparison
 */
public record PrepareReport(
        List<ReadSummary> inputs,
        List<SplitReport> splits,
        String tokenizer,
        int batchTokens,
        PaddingStats bucketed,
        int naivePairsPerBatch,
        PaddingStats naive) {

    /**
     * Formats the report for a terminal.
     *
     * @return several lines of text
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (ReadSummary in : inputs) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "read %s: %,d lines, %,d pairs; skipped %s%n",
                            in.input(),
                            in.lines(),
                            in.pairs(),
                            in.skips()));
        }
        out.append("tokenizer: ").append(tokenizer).append(System.lineSeparator());
        for (SplitReport s : splits) {
            if (s.pairs() == 0) {
                out.append(s.split().fileName()).append(": none").append(System.lineSeparator());
                continue;
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-5s pairs %,d, kept %,d; dropped %s%n",
                            s.split().fileName(),
                            s.pairs(),
                            s.kept(),
                            s.skips()));
            out.append(String.format(Locale.ROOT, "      source: %s%n", s.source()));
            out.append(String.format(Locale.ROOT, "      target: %s%n", s.target()));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "train batches (budget %,d padded tokens): %,d batches, mean %.1f pairs,"
                                + " largest %,d tokens, padding %.2f%%%n",
                        batchTokens,
                        bucketed.batches(),
                        bucketed.meanBatchSize(),
                        bucketed.largestBatch(),
                        100 * bucketed.share()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  for comparison, naive batches of %d shuffled pairs: padding %.2f%%%n",
                        naivePairsPerBatch,
                        100 * naive.share()));
        return out.toString();
    }
}
