package org.nmt4j.model;

import ai.djl.ndarray.NDArray;

/**
 * What one attention block returns.
 *
 * @param output (B,Tq,E) the attended values after the output projection
 * @param probabilities (B,H,Tq,Tk) the attention distribution over keys (before dropout)
 */
public record AttentionResult(NDArray output, NDArray probabilities) {}
