package org.nmt4j.data;

import org.nmt4j.data.clean.Split;
import org.nmt4j.data.corpus.SkipCounter;

/**
 * What one split of a prepared corpus holds.
 *
 * @param split train, dev or test
 * @param pairs well-formed pairs that reached this split
 * @param kept pairs kept after normalisation, de-duplication and length filters
 * @param skips pairs dropped after reading, by reason (empty after normalisation, duplicate, too
 *     many tokens, length ratio), with first line numbers
 * @param source source-side lengths of the kept pairs
 * @param target target-side lengths of the kept pairs
 */
public record SplitReport(
        Split split,
        long pairs,
        long kept,
        SkipCounter skips,
        LengthStats source,
        LengthStats target) {}
