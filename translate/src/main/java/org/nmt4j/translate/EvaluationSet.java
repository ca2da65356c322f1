package org.nmt4j.translate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.data.corpus.ReadSummary;
import org.nmt4j.data.corpus.TsvCorpusReader;

/**
 * A two-column test file ({@code source<TAB>target}) as it is scored: its pairs grouped into a
 * {@link ReferenceSet} (each distinct source once, with every distinct translation it has in the
 * file as a reference), and what reading it skipped.
 *
 * @param pairs the grouped pairs
 * @param summary what was read and skipped (lines without a tab, empty sides, invalid UTF-8)
 */
public record EvaluationSet(ReferenceSet pairs, ReadSummary summary) {

    /** The largest share of malformed lines accepted in a test file. */
    public static final double MAX_BAD_SHARE = 0.01;

    /**
     * Reads a test file.
     *
     * @param tsv the file: source in column 1, target in column 2 (an Anki file's third column is
     *     ignored)
     * @return the test set
     * @throws IOException if the file cannot be read
     * @throws org.nmt4j.data.corpus.CorpusException if more than 1% of its lines are malformed
     */
    public static EvaluationSet read(Path tsv) throws IOException {
        ReferenceSet.Builder grouped = new ReferenceSet.Builder();
        ReadSummary summary =
                new TsvCorpusReader(tsv, 0, 1, false, MAX_BAD_SHARE)
                        .read(pair -> grouped.add(pair.source(), pair.target()));
        return new EvaluationSet(grouped.build(), summary);
    }

    /**
     * Returns the distinct sources.
     *
     * @return the sources, in order of first appearance
     */
    public List<String> sources() {
        return pairs.sources();
    }

    /**
     * Returns the references of each distinct source.
     *
     * @return per source, its distinct references in file order
     */
    public List<List<String>> references() {
        return pairs.references();
    }
}
