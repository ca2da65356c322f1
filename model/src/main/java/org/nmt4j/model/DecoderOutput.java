package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What {@link Seq2SeqTransformer#decode} returns.
 *
 * @param logits (B,T,V) unnormalised scores over the target vocabulary
 * @param crossAttention per decoder layer, the cross-attention probabilities (B,H,T,S)
 */
public record DecoderOutput(NDArray logits, List<NDArray> crossAttention) {}
