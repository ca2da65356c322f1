package org.nmt4j.model.search;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;
import org.nmt4j.model.GradientMode;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.text.SpecialTokens;

/**
 * What greedy and beam search share: the model, the configs, and the set-up of one search (autograd
 * off, the source encoded once into {@code rowsPerSentence()} rows per sentence, the per-sentence
 * length limits). Shapes: B sentences, S source length.
 */
abstract class StepSearch implements Search {
    final IncrementalDecoder<?, ?> model;
    final DecodeConfig config;
    final SearchOptions options;
    final SpecialTokens special;

    StepSearch(IncrementalDecoder<?, ?> model, DecodeConfig config, SearchOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.special = model.special();
    }

    @Override
    @SuppressWarnings("try") // the GradientMode handle only restores the mode on close
    public final List<List<Hypothesis>> search(NDArray source) {
        try (GradientMode off = GradientMode.off();
                StepDecoder<?, ?> decoder =
                        StepDecoder.start(model, source, options, rowsPerSentence())) {
            int[] maxLen =
                    SearchLimits.maxOutputLengths(
                            config, model.maxPositions(), decoder.sourceLengths());
            return run(decoder, maxLen);
        }
    }

    /**
     * Returns how many decoder rows each sentence starts with.
     *
     * @return 1 for greedy, the beam size for beam search
     */
    abstract int rowsPerSentence();

    /**
     * Runs the steps of a search.
     *
     * @param decoder the decoder, with {@link #rowsPerSentence()} rows per sentence
     * @param maxLen per sentence, the most output tokens (EOS excluded)
     * @return per sentence, in row order, its hypotheses best first
     */
    abstract List<List<Hypothesis>> run(StepDecoder<?, ?> decoder, int[] maxLen);
}
