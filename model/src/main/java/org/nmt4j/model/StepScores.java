package org.nmt4j.model;

import ai.djl.ndarray.NDArray;

/**
 * What one step of an {@link IncrementalDecoder} gives for each of its n rows. The caller owns both
 * arrays and may change them in place. Shapes: n rows, V target vocabulary, S source length.
 *
 * @param logProbs (n,V) log-probabilities of the next token (a log-softmax over V)
 * @param attention (n,S) float cross-attention of the newest position (for a Transformer, its last
 *     decoder layer's, averaged over heads), or null when not asked for
 */
public record StepScores(NDArray logProbs, NDArray attention) {}
