package org.nmt4j.data.corpus;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Streams the sentence pairs of one corpus split, one at a time, without holding the file in
 * memory. Malformed lines are skipped and counted by reason (never silently); a file whose share of
 * malformed lines exceeds the configured maximum is an error.
 *
 * <p>Implementations: {@link TsvCorpusReader} (Anki {@code spa.txt} and plain TSV) and {@link
 * AlignedCorpusReader} (two line-aligned files). Make them with {@link CorpusReaders}.
 */
public interface CorpusReader {

    /**
     * Reads every pair and hands it to the sink, in file order.
     *
     * @param sink receives each well-formed pair (texts as in the file, minus the line ending)
     * @return what was read and skipped
     * @throws IOException if a file cannot be read
     * @throws CorpusException if the file is mostly malformed, or aligned files differ in length
     */
    ReadSummary read(Consumer<SentencePair> sink) throws IOException;

    /**
     * Describes the input for messages, e.g. the file path.
     *
     * @return a short description
     */
    String describe();
}
