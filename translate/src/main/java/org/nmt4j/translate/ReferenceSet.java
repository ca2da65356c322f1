package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.data.tokenizer.TextNormalizer;

/**
 * Sentence pairs as they are scored: each distinct source once, with every distinct translation it
 * has as a reference (a source that a file translates several times is translated once and scored
 * against all its translations). Sources that differ only in whitespace or Unicode composition
 * ({@link TextNormalizer}) are the same source. The one grouping that both dev validation during
 * training and {@code nmt evaluate} use.
 *
 * @param sources the distinct sources, in order of first appearance, each as it first appeared
 * @param references per source, its distinct references in order of appearance
 */
public record ReferenceSet(List<String> sources, List<List<String>> references) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if the two lists differ in size
     */
    public ReferenceSet {
        if (sources.size() != references.size()) {
            throw new IllegalArgumentException(
                    sources.size() + " sources but " + references.size() + " reference lists");
        }
        sources = List.copyOf(sources);
        references = references.stream().map(List::copyOf).toList();
    }

    /**
     * Groups pairs by source.
     *
     * @param pairs the pairs, in file order
     * @return the reference set
     */
    public static ReferenceSet of(List<SentencePair> pairs) {
        Builder b = new Builder();
        for (SentencePair p : pairs) {
            b.add(p.source(), p.target());
        }
        return b.build();
    }

    /**
     * Returns the number of distinct sources.
     *
     * @return the count
     */
    public int size() {
        return sources.size();
    }

    /**
     * Returns whether there is no source.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Groups pairs one at a time (e.g. while a file is read). */
    public static final class Builder {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<String> sources = new ArrayList<>();
        private final List<Set<String>> references = new ArrayList<>();

        /**
         * Adds a pair.
         *
         * @param source its source
         * @param target its translation
         * @return the index of its source among the distinct sources
         */
        public int add(String source, String target) {
            String key = TextNormalizer.normalize(source);
            Integer at = index.get(key);
            if (at == null) {
                at = sources.size();
                index.put(key, at);
                sources.add(source);
                references.add(new LinkedHashSet<>());
            }
            references.get(at).add(target);
            return at;
        }

        /**
         * Returns the pairs added so far, grouped.
         *
         * @return the reference set
         */
        public ReferenceSet build() {
            List<List<String>> refs = new ArrayList<>(references.size());
            for (Set<String> r : references) {
                refs.add(List.copyOf(r));
            }
            return new ReferenceSet(sources, refs);
        }
    }
}
