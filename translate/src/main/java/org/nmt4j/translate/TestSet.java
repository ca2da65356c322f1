package org.nmt4j.translate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nmt4j.data.clean.TextNormalizer;
import org.nmt4j.data.corpus.ReadSummary;
import org.nmt4j.data.corpus.TsvCorpusReader;

/**
 * A two-column test set ({@code source<TAB>target}) as it is scored: each distinct source once,
 * with every distinct translation it has in the file as a reference. Sources that differ only in
 * whitespace or Unicode composition ({@link TextNormalizer}) are the same source.
 *
 * @param sources the distinct sources, in order of first appearance
 * @param references per source, its distinct references in file order
 * @param summary what was read and skipped (lines without a tab, empty sides, invalid UTF-8)
 */
public record TestSet(List<String> sources, List<List<String>> references, ReadSummary summary) {

    /** The largest share of malformed lines accepted in a test file. */
    public static final double MAX_BAD_SHARE = 0.01;

    /** Copies the lists. */
    public TestSet {
        sources = List.copyOf(sources);
        references = List.copyOf(references);
    }

    /**
     * Reads a test file.
     *
     * @param tsv the file: source in column 1, target in column 2 (an Anki file's third column is
     *     ignored)
     * @return the test set
     * @throws IOException if the file cannot be read
     * @throws org.nmt4j.data.corpus.CorpusException if more than 1% of its lines are malformed
     */
    public static TestSet read(Path tsv) throws IOException {
        Map<String, String> firstSource = new LinkedHashMap<>();
        Map<String, Set<String>> refs = new LinkedHashMap<>();
        ReadSummary summary =
                new TsvCorpusReader(tsv, 0, 1, false, MAX_BAD_SHARE)
                        .read(
                                pair -> {
                                    String key = TextNormalizer.normalize(pair.source());
                                    firstSource.putIfAbsent(key, pair.source());
                                    refs.computeIfAbsent(key, k -> new LinkedHashSet<>())
                                            .add(pair.target());
                                });
        List<String> sources = new ArrayList<>(firstSource.values());
        List<List<String>> references = new ArrayList<>(refs.size());
        for (Set<String> r : refs.values()) {
            references.add(List.copyOf(r));
        }
        return new TestSet(sources, references, summary);
    }
}
