package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.nmt4j.text.SpecialTokens;

/**
 * What a search needs from a model: encode a batch once, then score the next token of every row one
 * step at a time, with a cache that follows the rows as beams are reordered and finished sentences
 * are dropped. {@link Seq2SeqTransformer} implements it; an ensemble, another architecture or a
 * scripted test model can implement it and be searched without any change to {@link
 * org.nmt4j.model.search}.
 *
 * <p>Shapes: B sentences, n decoder rows (sentences × beams, fewer as sentences finish), S source
 * length, T decoder input length, V target vocabulary.
 *
 * <p>Memory: a search calls {@link #decodeStep} inside an {@link ai.djl.ndarray.NDScope} that
 * closes the step's arrays, the returned {@link StepScores} included. The states outlive the step:
 * after each call the search takes {@link EncodedSource#arrays()} and {@link StepCache#arrays()}
 * out of the scope and closes the states itself when they are replaced or the search ends.
 *
 * @param <S> the encoded source the decoder attends to
 * @param <C> the incremental state kept between steps
 */
public interface IncrementalDecoder<S extends EncodedSource<S>, C extends StepCache> {

    /**
     * Returns the reserved ids: the source padding id, the BOS fed first, the EOS that ends an
     * output.
     *
     * @return the special tokens
     */
    SpecialTokens special();

    /**
     * Returns the longest decoder input (BOS and the output tokens before the last) the model
     * accepts, which bounds the output length.
     *
     * @return the maximum number of target positions
     */
    int maxPositions();

    /**
     * Encodes a batch for inference (no dropout).
     *
     * @param ps the parameter store
     * @param source (B,S) int64 source ids, right- or left-padded with the pad id
     * @return the encoded source, one row per sentence
     */
    S encode(ParameterStore ps, NDArray source);

    /**
     * Creates an empty cache for incremental decoding.
     *
     * @return a cache holding no positions yet
     */
    C newCache();

    /**
     * Scores the next token of every row.
     *
     * @param ps the parameter store
     * @param source the encoded source, one row per decoder row
     * @param input (n,T) int64 decoder input: with a cache, only the newest token of each row (T=1;
     *     the cache holds the ones before and is updated in place); without one (null), BOS and the
     *     row's whole prefix
     * @param cache the incremental state, or null to re-run the whole prefix
     * @param attention whether to return the cross-attention of the newest position
     * @return the log-probabilities of the next token and, if asked, the attention
     */
    StepScores decodeStep(ParameterStore ps, S source, NDArray input, C cache, boolean attention);
}
