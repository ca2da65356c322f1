package org.nmt4j.train.precision;

/**
 * The numeric precision of training ({@code train.precision}).
 *
 * <ul>
 *   <li>{@link #FP32}: float32 everywhere.
 *   <li>{@link #FP16}: fairseq's {@code --fp16}: float16 weights and activations in the forward and
 *       backward pass, float32 master weights and Adam state in the optimiser, the loss in float32,
 *       dynamic loss scaling ({@link LossScaler}).
 *   <li>{@link #BF16}: refused: DJL 0.35.1's PyTorch engine aborts the JVM on bfloat16 arrays.
 * </ul>
 */
public enum Precision {
    /** float32 everywhere. */
    FP32,
    /** Mixed precision with float16 weights and activations and float32 master weights. */
    FP16,
    /** bfloat16: not supported (see {@link #check}). */
    BF16;

    /**
     * Throws for a precision this project cannot train with.
     *
     * @return this
     * @throws IllegalArgumentException for {@link #BF16}, saying why
     */
    public Precision check() {
        if (this == BF16) {
            throw new IllegalArgumentException(
                    "precision bf16 is not supported: DJL 0.35.1's PyTorch engine aborts the JVM"
                            + " on bfloat16 arrays; use fp16 (mixed precision) or fp32");
        }
        return this;
    }
}
