package org.nmt4j.train;

/** Measures the model on the dev set (e.g. a {@link Validator}). */
@FunctionalInterface
public interface DevValidation {

    /**
     * Validates the model as it is now.
     *
     * @param stop checked between batches: when a stop is requested the validation gives up
     * @return the result, or null when it gave up because of {@code stop}
     */
    ValidationResult validate(StopSignal stop);
}
