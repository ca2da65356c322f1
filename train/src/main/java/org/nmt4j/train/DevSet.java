package org.nmt4j.train;

import java.util.BitSet;
import java.util.List;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.translate.ReferenceSet;

/**
 * The dev set as validation uses it: every pair that fits the model for the dev loss, and the pairs
 * grouped by source ({@link ReferenceSet}, as {@code nmt evaluate} groups a test file) for BLEU and
 * chrF.
 *
 * @param pairs the dev pairs whose sides both fit the model ({@code max_positions - 1} pieces), for
 *     the dev loss
 * @param references the distinct sources with all their references, for BLEU and chrF
 * @param droppedPairs dev pairs left out of the dev loss because a side is too long
 * @param longSources distinct sources longer than the model takes, which translation splits at
 *     sentence boundaries
 */
public record DevSet(
        TokenizedCorpus pairs, ReferenceSet references, int droppedPairs, int longSources) {

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
        ReferenceSet.Builder grouped = new ReferenceSet.Builder();
        BitSet tooLong = new BitSet();
        for (int i = 0; i < text.size(); i++) {
            SentencePair p = text.get(i);
            int source = grouped.add(p.source(), p.target());
            if (ids.sourceLength(i) > maxPieces) {
                tooLong.set(source);
            }
        }
        TokenizedCorpus fitting = ids.withMaxLength(maxPieces);
        return new DevSet(
                fitting, grouped.build(), ids.size() - fitting.size(), tooLong.cardinality());
    }
}
