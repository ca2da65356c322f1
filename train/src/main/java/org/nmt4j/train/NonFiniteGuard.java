package org.nmt4j.train;

import java.util.Locale;

/**
 * Decides what to do about a batch whose loss (or gradient norm) is NaN or infinite: the batch is
 * skipped, and after {@code limit} such batches in a row the run stops. A finite batch resets the
 * count. Not thread-safe.
 */
public final class NonFiniteGuard {
    private final int limit;
    private int inARow;
    private long total;

    /**
     * Creates a guard.
     *
     * @param limit how many consecutive non-finite batches stop the run (>= 1)
     */
    public NonFiniteGuard(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        this.limit = limit;
    }

    /** Records a finite batch: the count of consecutive non-finite batches starts again. */
    public void finite() {
        inARow = 0;
    }

    /**
     * Records a non-finite batch, which the caller skips.
     *
     * @param what what was not finite, e.g. {@code "loss NaN at step 12 (epoch 0, batch 40)"}
     * @throws TrainingException when this makes {@code limit} in a row
     */
    public void nonFinite(String what) {
        inARow++;
        total++;
        if (inARow >= limit) {
            throw new TrainingException(
                    String.format(
                            Locale.ROOT,
                            "%d batches in a row had a non-finite loss or gradient (last: %s);"
                                    + " the run stops. Lower train.lr (or raise"
                                    + " train.warmup_steps), set train.clip_norm (e.g. 1.0), or"
                                    + " resume from an earlier checkpoint",
                            inARow,
                            what));
        }
    }

    /**
     * Returns the current run of consecutive non-finite batches.
     *
     * @return the count since the last finite batch
     */
    public int inARow() {
        return inARow;
    }

    /**
     * Returns how many batches were skipped in all.
     *
     * @return the total
     */
    public long skipped() {
        return total;
    }
}
