package org.nmt4j.spark;

import java.io.Serializable;

/**
 * A line that needed special care (not valid UTF-8, or longer than the model takes), as a task saw
 * it: numbered within its split, because a task does not know how many lines come before its split.
 * The driver renumbers it within its file.
 *
 * @param lineInSplit the line's 1-based number within its split
 * @param message what happened, as {@code ./nmt translate} says it after {@code line N: }
 */
public record LineReport(long lineInSplit, String message) implements Serializable {
    private static final long serialVersionUID = 1L;
}
