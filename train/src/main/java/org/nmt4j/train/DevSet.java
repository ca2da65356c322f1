package org.nmt4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.corpus.SentencePair;

/**
 * The dev set as validation uses it: every pair that fits the model for the dev loss, and the
 * distinct sources with all their references for BLEU and chrF (a source that the dev file
 * translates several times is translated once and scored against every translation).
 *
 * @param pairs the dev pairs whose sides both fit the model ({@code max_positions - 1} pieces), for
 *     the dev loss
 * @param sources the distinct source sentences, in order of first occurrence
 * @param sourceIds their piece ids (without EOS), cut to {@code max_positions - 1} pieces
 * @param references per distinct source, its distinct translations in file order
 * @param droppedPairs dev pairs left out of the dev loss because a side is too long
 * @param cutSources distinct sources cut to fit the model for decoding
 */
public record DevSet(
        TokenizedCorpus pairs,
        List<String> sources,
        List<int[]> sourceIds,
        List<List<String>> references,
        int droppedPairs,
        int cutSources) {

    /** Copies the lists. */
    public DevSet {
        sources = List.copyOf(sources);
        sourceIds = List.copyOf(sourceIds);
        references = List.copyOf(references);
    }

    /**
     * Groups the dev pairs by source.
     *
     * @param ids the dev pairs as ids, row i being {@code text.get(i)}
     * @param text the dev pairs as normalised text, in file order
     * @param maxPositions the model's {@code max_positions}
     * @return the dev set
     * @throws IllegalArgumentException when there is no dev pair or the two lists differ in size
     */
    public static DevSet of(TokenizedCorpus ids, List<SentencePair> text, int maxPositions) {
        if (ids.size() != text.size()) {
            throw new IllegalArgumentException(
                    "dev ids and text differ in size: " + ids.size() + " vs " + text.size());
        }
        if (ids.size() == 0) {
            throw new IllegalArgumentException(
                    "the dev set is empty: check data.dev (or data.dev_fraction)");
        }
        int maxPieces = maxPositions - 1;
        Map<String, Integer> index = new LinkedHashMap<>();
        List<int[]> sourceIds = new ArrayList<>();
        List<List<String>> refs = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < text.size(); i++) {
            SentencePair p = text.get(i);
            Integer at = index.get(p.source());
            if (at == null) {
                at = index.size();
                index.put(p.source(), at);
                int[] src = ids.source(i);
                if (src.length > maxPieces) {
                    src = Arrays.copyOf(src, maxPieces);
                    cut++;
                }
                sourceIds.add(src);
                refs.add(new ArrayList<>());
            }
            if (!refs.get(at).contains(p.target())) {
                refs.get(at).add(p.target());
            }
        }
        TokenizedCorpus fitting = ids.withMaxLength(maxPieces);
        return new DevSet(
                fitting,
                new ArrayList<>(index.keySet()),
                sourceIds,
                refs.stream().map(List::copyOf).toList(),
                ids.size() - fitting.size(),
                cut);
    }
}
