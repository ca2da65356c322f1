package org.nmt4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import org.nmt4j.text.SpecialTokens;

/**
 * A trained model as everything that translates sees it: encode a batch once, then score the next
 * token of every row one step at a time, with a cache that follows the rows as beams are reordered
 * and finished sentences are dropped ({@link StepCache#reorder}). An implementation is bound to its
 * parameters and the device they are on, so a search, a translator or an ensemble needs nothing
 * else: {@link Seq2SeqTransformer#decoder} gives the Transformer's, {@link
 * org.nmt4j.model.search.EnsembleDecoder} averages several, and a scripted test model can implement
 * it and be searched without any change to {@link org.nmt4j.model.search}.
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
     * Returns the size of the source vocabulary, which the source tokenizer must have.
     *
     * @return the number of source ids
     */
    int sourceVocabSize();

    /**
     * Returns the size of the target vocabulary V, the width of {@link StepScores#logProbs()}.
     *
     * @return the number of target ids
     */
    int targetVocabSize();

    /**
     * Returns the longest decoder input (BOS and the output tokens before the last) the model
     * accepts, which bounds the output length; a source row may hold as many tokens.
     *
     * @return the maximum number of positions
     */
    int maxPositions();

    /**
     * Returns the device the parameters are on, where inputs must be created.
     *
     * @return the device
     */
    Device device();

    /**
     * Encodes a batch for inference (no dropout).
     *
     * @param source (B,S) int64 source ids, right- or left-padded with the pad id
     * @return the encoded source, one row per sentence
     */
    S encode(NDArray source);

    /**
     * Creates an empty cache for incremental decoding.
     *
     * @return a cache holding no positions yet
     */
    C newCache();

    /**
     * Scores the next token of every row.
     *
     * @param source the encoded source, one row per decoder row
     * @param input (n,T) int64 decoder input: with a cache, only the newest token of each row (T=1;
     *     the cache holds the ones before and is updated in place); without one (null), BOS and the
     *     row's whole prefix
     * @param cache the incremental state, or null to re-run the whole prefix
     * @param attention whether to return the cross-attention of the newest position
     * @return the log-probabilities of the next token and, if asked, the attention
     */
    StepScores decodeStep(S source, NDArray input, C cache, boolean attention);
}
