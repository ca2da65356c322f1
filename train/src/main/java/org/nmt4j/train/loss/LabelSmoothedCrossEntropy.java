package org.nmt4j.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.nmt4j.model.NativeScalars;

/**
 * Label-smoothed cross-entropy over a batch of target sequences, ignoring padding.
 *
 * <p>Shapes: logits (B, T, V), labels (B, T) integer ids; B batch, T target length, V target
 * vocabulary. For one target position with label {@code y} and log-probabilities {@code lp =
 * logSoftmax(logits)}:
 *
 * <pre>
 * loss = (1 - eps) * (-lp[y]) + eps * mean over all V classes of (-lp[c])
 * </pre>
 *
 * that is, the cross-entropy against the target distribution {@code (1 - eps) * onehot(y) + eps /
 * V}: epsilon is spread over all V classes, the label included, as {@code
 * torch.nn.functional.cross_entropy(label_smoothing=eps)} does (and so the plain-PyTorch peer);
 * fairseq spreads it over the V - 1 other classes instead. With {@code eps = 0} it is plain
 * cross-entropy. Positions whose label is the pad id contribute nothing (neither loss nor
 * gradient). {@link #evaluate} returns the mean over non-pad positions; {@link #sums} gives the sum
 * and the count for gradient accumulation and logging.
 *
 * <p>Uses only {@code logSoftmax}, {@code gather}, {@code mean}, {@code sum} and element-wise
 * arithmetic, which the PyTorch engine implements (no {@code sequenceMask}, no {@code batchDot}).
 */
public final class LabelSmoothedCrossEntropy extends Loss {
    private final float smoothing;
    private final long padId;

    /**
     * The sums over the non-pad positions of a batch; scalars on the logits' device, attached to
     * the logits' manager.
     *
     * @param loss the sum of the label-smoothed loss (the value to back-propagate, after dividing
     *     by the token count of the whole accumulated batch)
     * @param nll the sum of the plain negative log-likelihood {@code -lp[y]} (for dev loss and
     *     perplexity, which are reported without smoothing)
     * @param tokens the number of non-pad positions, as a float32 scalar
     */
    public record Sums(NDArray loss, NDArray nll, NDArray tokens) {}

    /**
     * Creates the loss.
     *
     * @param smoothing epsilon, in [0, 1)
     * @param padId the label id that marks padding (0 in this project)
     */
    public LabelSmoothedCrossEntropy(double smoothing, int padId) {
        super("label_smoothed_cross_entropy");
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        this.smoothing = (float) smoothing;
        this.padId = padId;
    }

    /**
     * Computes the sums over non-pad positions.
     *
     * @param logits (B, T, V) unnormalised scores
     * @param labels (B, T) integer label ids, pad where there is no target
     * @return the loss sum, the plain NLL sum and the number of non-pad positions
     */
    public Sums sums(NDArray logits, NDArray labels) {
        if (logits.getShape().dimension() != 3
                || labels.getShape().dimension() != 2
                || logits.getShape().get(0) != labels.getShape().get(0)
                || logits.getShape().get(1) != labels.getShape().get(1)) {
            throw new IllegalArgumentException(
                    "expected logits (B, T, V) and labels (B, T), got "
                            + logits.getShape()
                            + " and "
                            + labels.getShape());
        }
        NDArray ids =
                labels.getDataType() == DataType.INT64
                        ? labels
                        : labels.toType(DataType.INT64, false);
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray nll = logProbs.gather(ids.expandDims(-1), -1).squeeze(-1).neg();
        // a scalar filled on the device: neq(Number) would copy one from the host every batch
        NDArray pad = ids.getManager().full(new Shape(), padId, DataType.INT64);
        NDArray keep = ids.neq(pad).toType(logProbs.getDataType(), false);
        NDArray nllSum = nll.mul(keep).sum();
        NDArray tokens = keep.sum();
        if (smoothing == 0f) {
            return new Sums(nllSum, nllSum, tokens);
        }
        // sum, then eps / V on the (B, T) result: mean's backward would divide a (B, T, V) array
        // by V on every step (5% of a spa-eng training step, docs/BENCHMARKS.md); sum's is a view
        long classes = logProbs.getShape().get(2);
        NDArray negSum = logProbs.sum(new int[] {-1}).neg();
        // not mul(Number): see NativeScalars
        NDArray perToken =
                NativeScalars.times(nll, 1f - smoothing)
                        .add(NativeScalars.times(negSum, smoothing / classes));
        return new Sums(perToken.mul(keep).sum(), nllSum, tokens);
    }

    /**
     * Returns the mean loss over non-pad positions (0 when there are none).
     *
     * @param labels one (B, T) array of label ids
     * @param predictions one (B, T, V) array of logits
     * @return a scalar
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        Sums s = sums(predictions.singletonOrThrow(), labels.singletonOrThrow());
        return s.loss().div(s.tokens().maximum(NativeScalars.like(s.tokens(), 1f)));
    }

    /**
     * Returns epsilon.
     *
     * @return the smoothing
     */
    public double smoothing() {
        return smoothing;
    }
}
