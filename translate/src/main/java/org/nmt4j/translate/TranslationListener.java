package org.nmt4j.translate;

/**
 * Hears what a {@link SentenceTranslator} does: progress and lines that needed special care; and
 * tells it when to give up.
 */
public interface TranslationListener {

    /** A listener that ignores everything. */
    TranslationListener NONE = new TranslationListener() {};

    /**
     * A line was longer than the model takes and is translated in parts.
     *
     * @param lineNumber the line's 1-based number in the input
     * @param tokens its source length in pieces
     * @param limit the most pieces the model takes in one source row (EOS excluded)
     * @param parts how many parts it is translated in
     * @param cutInsideSentence true when a single sentence was longer than the limit and had to be
     *     cut between pieces
     */
    default void lineSplit(
            long lineNumber, int tokens, int limit, int parts, boolean cutInsideSentence) {}

    /**
     * More lines are completely translated.
     *
     * @param lines how many lines were completed since the last call
     */
    default void linesCompleted(int lines) {}

    /**
     * Asked before each batch: true makes the translator stop with a {@link
     * java.util.concurrent.CancellationException} (e.g. validation during training, on Ctrl-C).
     *
     * @return whether to stop now
     */
    default boolean stopRequested() {
        return false;
    }
}
