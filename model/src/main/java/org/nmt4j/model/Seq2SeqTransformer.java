package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.text.SpecialTokens;

/**
 * The encoder–decoder Transformer.
 *
 * <p>Shapes: B batch, S source length, T target length, H heads, E model size, V target vocabulary.
 * Inputs are int64 token ids padded with {@link SpecialTokens#pad()}.
 *
 * <ul>
 *   <li>{@link #encode}: source (B,S) → {@link EncoderOutput} (states (B,S,E), source keep-mask
 *       (B,S)).
 *   <li>{@link #decode}: memory + target input (B,T) → logits (B,T,V) and cross-attention; with a
 *       {@link DecoderCache}, the target input holds only the new positions.
 *   <li>{@link #forward}: NDList(source, targetIn) → NDList(logits), for DJL's Trainer.
 *   <li>{@link #decoder}: the network bound to its parameters as an {@link IncrementalDecoder}, the
 *       view that searches, translators and ensembles use.
 * </ul>
 *
 * Every mask comes from {@link Masks}.
 */
public final class Seq2SeqTransformer extends AbstractBlock {
    private final ModelConfig config;
    private final SpecialTokens special;
    private final TokenEmbedding sourceEmbedding;
    private final TokenEmbedding targetEmbedding;
    private final Linear outputProjection;
    private final PositionalEncoding sourcePositions;
    private final PositionalEncoding targetPositions;
    private final List<EncoderLayer> encoderLayers = new ArrayList<>();
    private final List<DecoderLayer> decoderLayers = new ArrayList<>();
    private final LayerNorm encoderNorm;
    private final LayerNorm decoderNorm;

    /**
     * Builds the network (parameters are created by {@code initialize}).
     *
     * @param config the architecture
     * @param special the reserved ids (the pad id defines every padding mask)
     */
    public Seq2SeqTransformer(ModelConfig config, SpecialTokens special) {
        this.config = config;
        this.special = special;
        int e = config.modelSize();
        sourceEmbedding =
                addChildBlock("source_embedding", new TokenEmbedding(config.sourceVocabSize(), e));
        targetEmbedding =
                config.tying() == ModelConfig.Tying.ALL
                        ? sourceEmbedding
                        : addChildBlock(
                                "target_embedding",
                                new TokenEmbedding(config.targetVocabSize(), e));
        outputProjection =
                config.tying() == ModelConfig.Tying.NONE
                        ? addChildBlock(
                                "output_projection",
                                Linear.builder()
                                        .setUnits(config.targetVocabSize())
                                        .optBias(false)
                                        .build())
                        : null;
        sourcePositions =
                addChildBlock(
                        "source_positions",
                        new PositionalEncoding(config.positions(), e, config.maxPositions()));
        targetPositions =
                addChildBlock(
                        "target_positions",
                        new PositionalEncoding(config.positions(), e, config.maxPositions()));
        for (int i = 0; i < config.encoderLayers(); i++) {
            encoderLayers.add(addChildBlock("encoder_" + i, new EncoderLayer(config)));
        }
        for (int i = 0; i < config.decoderLayers(); i++) {
            decoderLayers.add(addChildBlock("decoder_" + i, new DecoderLayer(config)));
        }
        boolean pre = config.norm() == ModelConfig.NormPlacement.PRE;
        encoderNorm = pre ? addChildBlock("encoder_norm", ResidualLayer.lastAxisNorm()) : null;
        decoderNorm = pre ? addChildBlock("decoder_norm", ResidualLayer.lastAxisNorm()) : null;
        setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f),
                Parameter.Type.WEIGHT);
        // Embedding tables keep their own N(0, E^-1/2) initialisation.
        sourceEmbedding.restoreInitializer();
        targetEmbedding.restoreInitializer();
        sourcePositions.restoreInitializer();
        targetPositions.restoreInitializer();
    }

    /**
     * Returns the architecture.
     *
     * @return the model configuration
     */
    public ModelConfig config() {
        return config;
    }

    /**
     * Returns the reserved ids.
     *
     * @return the special tokens
     */
    public SpecialTokens special() {
        return special;
    }

    /**
     * Creates an empty cache for incremental decoding with {@link #decode}.
     *
     * @return a cache with one slot per decoder layer
     */
    public DecoderCache newCache() {
        return new DecoderCache(config.decoderLayers());
    }

    /**
     * Binds the network to its parameters for inference: the {@link IncrementalDecoder} that
     * searches and translators use.
     *
     * @param parameters the manager the parameters are attached to (its device is the decoder's)
     * @return the decoder
     */
    public TransformerDecoder decoder(NDManager parameters) {
        return new TransformerDecoder(
                this, new ParameterStore(parameters, false), parameters.getDevice());
    }

    /**
     * Runs the encoder.
     *
     * @param ps the parameter store
     * @param source (B,S) int64 token ids, padded with the pad id (left or right)
     * @param training whether dropout is active
     * @return the memory: states (B,S,E) and the source keep-mask (B,S)
     */
    public EncoderOutput encode(ParameterStore ps, NDArray source, boolean training) {
        int s = (int) source.getShape().get(1);
        checkLength("source", s);
        NDArray keep = Masks.keep(source, special.pad());
        NDArray x = sourceEmbedding.embed(ps, source, training);
        NDArray positions = PositionalEncoding.positionsFromKeep(keep);
        x = x.add(sourcePositions.encode(ps, positions, x.getDataType(), training));
        x = Dropouts.apply(x, config.dropout(), training);
        NDArray bias = Masks.encoderSelfAttentionBias(keep, x.getDataType());
        for (EncoderLayer layer : encoderLayers) {
            x = layer.apply(ps, x, bias, training);
        }
        if (encoderNorm != null) {
            x = ResidualLayer.normalize(ps, encoderNorm, x, training);
        }
        return new EncoderOutput(x, keep);
    }

    /**
     * Runs the decoder.
     *
     * @param ps the parameter store
     * @param memory the encoder's output for the same batch rows
     * @param targetIn (B,T) int64 decoder input (BOS + prefix); with a cache, only the new
     *     positions, which must not be padding
     * @param cache incremental state, updated in place, or null for a full teacher-forced pass
     * @param training whether dropout is active
     * @return logits (B,T,V) and each layer's cross-attention probabilities (B,H,T,S)
     */
    public DecoderOutput decode(
            ParameterStore ps,
            EncoderOutput memory,
            NDArray targetIn,
            DecoderCache cache,
            boolean training) {
        int t = (int) targetIn.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        checkLength("target", past + t);
        NDArray x = targetEmbedding.embed(ps, targetIn, training);
        DataType dtype = x.getDataType();
        NDArray positions;
        NDArray selfBias;
        if (cache == null) {
            NDArray keep = Masks.keep(targetIn, special.pad());
            positions = PositionalEncoding.positionsFromKeep(keep);
            selfBias = Masks.decoderSelfAttentionBias(keep, dtype);
        } else {
            NDManager m = targetIn.getManager();
            positions = PositionalEncoding.positionsAfter(m, past, t);
            selfBias = Masks.incrementalSelfAttentionBias(m, past, t, dtype);
        }
        x = x.add(targetPositions.encode(ps, positions, dtype, training));
        x = Dropouts.apply(x, config.dropout(), training);
        NDArray crossBias = Masks.crossAttentionBias(memory.sourceKeep(), dtype);
        List<NDArray> attention = new ArrayList<>(decoderLayers.size());
        for (int i = 0; i < decoderLayers.size(); i++) {
            AttentionResult r =
                    decoderLayers
                            .get(i)
                            .apply(
                                    ps,
                                    x,
                                    memory.states(),
                                    selfBias,
                                    crossBias,
                                    cache == null ? null : cache.self(i),
                                    cache == null ? null : cache.cross(i),
                                    training);
            x = r.output();
            attention.add(r.probabilities());
        }
        if (decoderNorm != null) {
            x = ResidualLayer.normalize(ps, decoderNorm, x, training);
        }
        return new DecoderOutput(project(ps, x, training), attention);
    }

    private NDArray project(ParameterStore ps, NDArray states, boolean training) {
        if (outputProjection == null) {
            return targetEmbedding.project(ps, states, training);
        }
        return outputProjection.forward(ps, new NDList(states), training).singletonOrThrow();
    }

    private void checkLength(String side, int length) {
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException(
                    side
                            + " sequence of "
                            + length
                            + " tokens exceeds model.max_positions "
                            + config.maxPositions()
                            + "; shorten or split the input");
        }
    }

    /**
     * Teacher-forced pass for DJL's Trainer.
     *
     * @param ps the parameter store
     * @param inputs NDList(source (B,S), targetIn (B,T))
     * @param training whether dropout is active
     * @param params unused
     * @return NDList(logits (B,T,V))
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        EncoderOutput memory = encode(ps, inputs.get(0), training);
        return new NDList(decode(ps, memory, inputs.get(1), null, training).logits());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape t = inputShapes[1];
        return new Shape[] {new Shape(t.get(0), t.get(1), config.targetVocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape src = shapes[0];
        Shape tgt = shapes[1];
        int e = config.modelSize();
        Shape srcStates = new Shape(src.get(0), src.get(1), e);
        Shape tgtStates = new Shape(tgt.get(0), tgt.get(1), e);
        sourceEmbedding.initialize(manager, dataType, src);
        if (targetEmbedding != sourceEmbedding) {
            targetEmbedding.initialize(manager, dataType, tgt);
        }
        if (outputProjection != null) {
            outputProjection.initialize(manager, dataType, tgtStates);
        }
        sourcePositions.initialize(manager, dataType, src);
        targetPositions.initialize(manager, dataType, tgt);
        for (EncoderLayer layer : encoderLayers) {
            layer.initialize(manager, dataType, srcStates);
        }
        for (DecoderLayer layer : decoderLayers) {
            layer.initialize(manager, dataType, tgtStates, srcStates);
        }
        if (encoderNorm != null) {
            encoderNorm.initialize(manager, dataType, srcStates);
            decoderNorm.initialize(manager, dataType, tgtStates);
        }
    }
}
