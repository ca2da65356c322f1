package org.nmt4j.train;

import ai.djl.Device;
import java.util.Locale;
import org.nmt4j.data.batch.TokenBatch;

/**
 * Recognises an out-of-memory failure of a training step and turns it into a message that says
 * which batch setting to lower.
 */
final class OutOfMemory {
    private OutOfMemory() {}

    /**
     * Tells whether an error is the engine (or the JVM) running out of memory.
     *
     * @param e the error
     * @return true for {@link OutOfMemoryError} and engine errors that say so
     */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("out of memory")
                    || m.contains("can't allocate memory")
                    || m.contains("cannot allocate memory")
                    || m.contains("failed to allocate")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Describes the failure.
     *
     * @param e the error
     * @param device where the step ran
     * @param batch the batch being trained on
     * @param batchTokens the configured {@code data.batch_tokens}
     * @param accumulation the configured {@code train.accumulation}
     * @return an exception whose message names the settings to change
     */
    static TrainingException advice(
            Throwable e, Device device, TokenBatch batch, int batchTokens, int accumulation) {
        return new TrainingException(
                String.format(
                        Locale.ROOT,
                        "out of memory on %s with a batch of %d sentences x (%d source + %d"
                                + " target positions) = %,d padded tokens: lower"
                                + " data.batch_tokens (now %,d), e.g. --set data.batch_tokens=%d,"
                                + " and raise train.accumulation (now %d) to keep the tokens per"
                                + " step",
                        device,
                        batch.size(),
                        batch.sourceLength(),
                        batch.targetLength(),
                        batch.paddedTokens(),
                        batchTokens,
                        Math.max(1, batchTokens / 2),
                        accumulation),
                e);
    }
}
