package org.nmt4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.nmt4j.text.SpecialTokens;

/**
 * A {@link Seq2SeqTransformer} bound to its parameters, as searches see it ({@link
 * IncrementalDecoder}): inference only (no dropout), next-token log-probabilities of the newest
 * position. Create with {@link Seq2SeqTransformer#decoder}. Shapes: n rows, T decoder input length,
 * S source length, V target vocabulary, H heads.
 */
public final class TransformerDecoder implements IncrementalDecoder<EncoderOutput, DecoderCache> {
    private final Seq2SeqTransformer network;
    private final ParameterStore ps;
    private final Device device;

    TransformerDecoder(Seq2SeqTransformer network, ParameterStore ps, Device device) {
        this.network = network;
        this.ps = ps;
        this.device = device;
    }

    @Override
    public SpecialTokens special() {
        return network.special();
    }

    @Override
    public int sourceVocabSize() {
        return network.config().sourceVocabSize();
    }

    @Override
    public int targetVocabSize() {
        return network.config().targetVocabSize();
    }

    /**
     * Returns the longest sequence the positional encodings cover.
     *
     * @return {@code model.max_positions}
     */
    @Override
    public int maxPositions() {
        return network.config().maxPositions();
    }

    @Override
    public Device device() {
        return device;
    }

    /**
     * Runs the encoder for inference.
     *
     * @param source (B,S) int64 token ids, padded with the pad id (left or right)
     * @return the memory: states (B,S,E) and the source keep-mask (B,S)
     */
    @Override
    public EncoderOutput encode(NDArray source) {
        return network.encode(ps, source, false);
    }

    /**
     * Creates an empty cache for incremental decoding.
     *
     * @return a cache with one slot per decoder layer
     */
    @Override
    public DecoderCache newCache() {
        return network.newCache();
    }

    /**
     * Runs the decoder for inference and keeps the newest position: its next-token
     * log-probabilities (n,V) and, if asked, its last layer's cross-attention averaged over heads
     * (n,S).
     *
     * @param memory the encoder's output for the same rows
     * @param input (n,T) int64: with a cache, the newest token (T=1); without, BOS and the prefix
     * @param cache incremental state, updated in place, or null to re-run the whole prefix
     * @param attention whether to return the cross-attention
     * @return the scores of the next token
     */
    @Override
    public StepScores decodeStep(
            EncoderOutput memory, NDArray input, DecoderCache cache, boolean attention) {
        DecoderOutput out = network.decode(ps, memory, input, cache, false);
        NDArray logProbs = out.logits().get(new NDIndex(":, -1, :")).logSoftmax(-1);
        if (!attention) {
            return new StepScores(logProbs, null);
        }
        List<NDArray> layers = out.crossAttention();
        NDArray last = layers.get(layers.size() - 1); // (n,H,T,S)
        NDArray newest = last.get(new NDIndex(":, :, -1, :")).mean(new int[] {1});
        return new StepScores(logProbs, newest.toType(DataType.FLOAT32, false));
    }
}
