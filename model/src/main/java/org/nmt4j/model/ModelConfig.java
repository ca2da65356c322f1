package org.nmt4j.model;

import java.util.Locale;

/**
 * The architecture of a {@link Seq2SeqTransformer}, validated on construction.
 *
 * @param sourceVocabSize source vocabulary size
 * @param targetVocabSize target vocabulary size
 * @param modelSize model size E
 * @param heads attention heads H; E must be divisible by H
 * @param ffnSize inner size of the feed-forward blocks
 * @param encoderLayers number of encoder layers
 * @param decoderLayers number of decoder layers
 * @param dropout dropout on embeddings, sub-layer outputs and the feed-forward inner activation
 * @param attentionDropout dropout on attention probabilities
 * @param norm where layer normalisation sits: before ({@code PRE}) or after ({@code POST}) each
 *     residual sub-layer
 * @param positions sinusoidal or learned positional encodings
 * @param maxPositions the longest sequence the model accepts (learned positions need a table)
 * @param tying which embeddings share one matrix
 * @param activation feed-forward activation
 */
public record ModelConfig(
        int sourceVocabSize,
        int targetVocabSize,
        int modelSize,
        int heads,
        int ffnSize,
        int encoderLayers,
        int decoderLayers,
        float dropout,
        float attentionDropout,
        NormPlacement norm,
        Positions positions,
        int maxPositions,
        Tying tying,
        Activation activation) {

    /** Where layer normalisation sits relative to each residual sub-layer. */
    public enum NormPlacement {
        PRE,
        POST
    }

    /** How positions are encoded. */
    public enum Positions {
        SINUSOIDAL,
        LEARNED
    }

    /** Which embedding matrices are one and the same. */
    public enum Tying {
        /** Source embedding, target embedding and output projection are separate. */
        NONE,
        /** Target embedding = output projection. */
        DECODER,
        /** Source embedding = target embedding = output projection (one shared vocabulary). */
        ALL
    }

    /** The feed-forward activation. */
    public enum Activation {
        RELU,
        GELU
    }

    /** Validates every field; messages name the field and the accepted range. */
    public ModelConfig {
        positive("source_vocab_size", sourceVocabSize);
        positive("target_vocab_size", targetVocabSize);
        positive("model_size", modelSize);
        positive("heads", heads);
        positive("ffn_size", ffnSize);
        positive("encoder_layers", encoderLayers);
        positive("decoder_layers", decoderLayers);
        positive("max_positions", maxPositions);
        probability("dropout", dropout);
        probability("attention_dropout", attentionDropout);
        notNull("norm", norm);
        notNull("positions", positions);
        notNull("tying", tying);
        notNull("activation", activation);
        if (modelSize % heads != 0) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "model_size (%d) must be divisible by heads (%d)",
                            modelSize,
                            heads));
        }
        if (positions == Positions.SINUSOIDAL && modelSize % 2 != 0) {
            throw new IllegalArgumentException(
                    "model_size must be even for sinusoidal positions, got " + modelSize);
        }
        if (tying == Tying.ALL && sourceVocabSize != targetVocabSize) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "tying 'all' needs one shared vocabulary, but source_vocab_size is %d"
                                    + " and target_vocab_size is %d",
                            sourceVocabSize,
                            targetVocabSize));
        }
    }

    /**
     * Returns the size of one attention head, E / H.
     *
     * @return the head size
     */
    public int headSize() {
        return modelSize / heads;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void probability(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    private static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
