package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The only code that builds attention masks.
 *
 * <p>Convention: a <em>keep-mask</em> is boolean and {@code true} where attention is allowed (a
 * real token). A <em>bias</em> is the keep-mask turned into numbers that are added to the attention
 * scores before the softmax: {@code 0} where kept, {@link #MASKED} where masked.
 *
 * <p>Shapes: B batch, S source length, T target length, H heads. Every bias has a singleton head
 * axis so it broadcasts against scores of shape (B,H,Tq,Tk).
 *
 * <pre>
 * source ids  [a b c <pad> <pad>]  →  sourceKeep [1 1 1 0 0]            (B,S)
 * encoder self-attention bias = cross-attention bias:                     (B,1,1,S)
 *                 keys:  a  b  c  pad pad
 *     every query row: [ 0  0  0  M   M ]      (M = MASKED)
 *
 * causal keep (T=4), row = query position, column = key position:        (1,1,T,T)
 *     [1 0 0 0]
 *     [1 1 0 0]
 *     [1 1 1 0]
 *     [1 1 1 1]
 *
 * decoder self-attention keep = causal AND target padding, target [x y pad pad]: (B,1,T,T)
 *     [1 0 0 0]
 *     [1 1 0 0]
 *     [1 1 0 0]
 *     [1 1 0 0]
 * </pre>
 *
 * <p>Cross-attention always uses the <em>source</em> padding mask: its keys are encoder positions,
 * so the mask is (B,1,1,S) whatever T is. Using the decoder's mask there (the Keras example's bug)
 * either fails to broadcast or masks the wrong positions once S differs from T.
 *
 * <p>{@link #MASKED} is large and finite, so that a fully masked row still yields finite numbers (a
 * uniform distribution over masked keys) instead of NaN, in float32 and in float16, while a masked
 * key next to any kept key gets a probability of exactly 0 after the softmax.
 */
public final class Masks {

    /** The bias added to masked scores: finite in float16 (max 65504), exp(-10000) == 0. */
    public static final float MASKED = -1.0e4f;

    private Masks() {}

    /**
     * Marks real tokens.
     *
     * @param ids token ids, (B,L) int64
     * @param pad the padding id
     * @return the keep-mask, (B,L) boolean, true for real tokens
     */
    public static NDArray keep(NDArray ids, int pad) {
        return ids.neq(pad);
    }

    /**
     * The bias for encoder self-attention: every query may attend to every real source token.
     *
     * @param sourceKeep (B,S) boolean
     * @param dtype the dtype of the attention scores
     * @return (B,1,1,S)
     */
    public static NDArray encoderSelfAttentionBias(NDArray sourceKeep, DataType dtype) {
        return toBias(keyPadding(sourceKeep), dtype);
    }

    /**
     * The bias for cross-attention: decoder queries attend to real source tokens only. It is the
     * encoder's padding mask, never the decoder's.
     *
     * @param sourceKeep (B,S) boolean, from the encoder's input
     * @param dtype the dtype of the attention scores
     * @return (B,1,1,S), broadcasting against scores (B,H,T,S) for any T
     */
    public static NDArray crossAttentionBias(NDArray sourceKeep, DataType dtype) {
        return toBias(keyPadding(sourceKeep), dtype);
    }

    /**
     * The causal keep-mask for {@code length} new positions that follow {@code past} already
     * processed ones: query i (absolute position past+i) may see keys 0..past+i.
     *
     * @param manager where to create the mask
     * @param past positions already in a cache (0 for a full pass)
     * @param length new query positions
     * @return (1,1,length,past+length) boolean
     */
    public static NDArray causal(NDManager manager, int past, int length) {
        NDArray rows = manager.arange(past, past + length, 1, DataType.INT64).reshape(length, 1);
        NDArray cols = manager.arange(0, past + length, 1, DataType.INT64).reshape(1, -1);
        return cols.lte(rows).reshape(1, 1, length, past + length);
    }

    /**
     * The bias for decoder self-attention in a full (teacher-forced) pass: causal AND target
     * padding.
     *
     * @param targetKeep (B,T) boolean
     * @param dtype the dtype of the attention scores
     * @return (B,1,T,T)
     */
    public static NDArray decoderSelfAttentionBias(NDArray targetKeep, DataType dtype) {
        int t = (int) targetKeep.getShape().get(1);
        NDArray causal = causal(targetKeep.getManager(), 0, t);
        return toBias(causal.logicalAnd(keyPadding(targetKeep)), dtype);
    }

    /**
     * The bias for decoder self-attention during incremental decoding, where the cached prefix
     * holds no padding.
     *
     * @param manager where to create the bias
     * @param past positions already cached
     * @param length new positions
     * @param dtype the dtype of the attention scores
     * @return (1,1,length,past+length), or {@code null} when a single new position may see
     *     everything
     */
    public static NDArray incrementalSelfAttentionBias(
            NDManager manager, int past, int length, DataType dtype) {
        if (length == 1) {
            return null;
        }
        return toBias(causal(manager, past, length), dtype);
    }

    private static NDArray keyPadding(NDArray keep) {
        Shape s = keep.getShape();
        return keep.reshape(s.get(0), 1, 1, s.get(1));
    }

    private static NDArray toBias(NDArray keep, DataType dtype) {
        return NativeScalars.times(keep.logicalNot().toType(dtype, false), MASKED);
    }
}
