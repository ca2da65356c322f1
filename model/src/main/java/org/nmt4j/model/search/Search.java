package org.nmt4j.model.search;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.nmt4j.model.IncrementalDecoder;

/**
 * Finds translations of a batch of source sentences with a trained model, seen through {@link
 * IncrementalDecoder} (a Transformer's {@link org.nmt4j.model.TransformerDecoder}, an {@link
 * EnsembleDecoder}, or any other model that scores one step at a time).
 *
 * <p>Shapes: B sentences, S source length. Searches run with autograd off in the calling thread and
 * free every intermediate array of each step as they go.
 */
public interface Search {

    /**
     * Translates a batch.
     *
     * @param source (B,S) int64 source ids, each row x + EOS, right-padded with the pad id
     * @return per sentence, in row order, its hypotheses best first ({@link DecodeConfig#nbest()}
     *     of them, fewer only if the search found fewer)
     */
    List<List<Hypothesis>> search(NDArray source);

    /**
     * Creates the search a config asks for: greedy when beam and nbest are 1, else beam search.
     *
     * @param model the model
     * @param config beam size, n-best, length penalty and maximum length
     * @param options cached or not, attention or not
     * @return the search
     */
    static Search create(
            IncrementalDecoder<?, ?> model, DecodeConfig config, SearchOptions options) {
        if (config.beam() == 1 && config.nbest() == 1) {
            return new GreedySearch(model, config, options);
        }
        return new BeamSearch(model, config, options);
    }
}
