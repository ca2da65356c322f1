package org.nmt4j.data.corpus;

/**
 * One source/target pair as read from a corpus.
 *
 * @param line the 1-based line number in the file it came from (in both files for aligned corpora)
 * @param source the source sentence
 * @param target the target sentence
 */
public record SentencePair(long line, String source, String target) {
    /** Checks the sentences are present. */
    public SentencePair {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target must not be null");
        }
    }
}
