package org.nmt4j.data.tokenizer.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first vocabulary of the unigram trainer, as SentencePiece makes it: every required character
 * scored by its count, and the frequent substrings that may be pieces, scored by count times
 * length. SentencePiece finds the substrings as the internal nodes of a suffix tree of the whole
 * text: substrings of two or more characters that are followed by at least two different
 * characters. Valid pieces never cross a word boundary, so the same substrings and counts are found
 * here word by word, from each distinct word, its count and the character after it.
 */
final class SeedPieces {
    private SeedPieces() {}

    /** Occurrences of one substring and whether it is followed by more than one character. */
    private static final class Substring {
        long count;
        int follower;
        boolean branching;

        Substring(int follower) {
            this.follower = follower;
        }
    }

    /**
     * Makes the seed vocabulary with its log-probabilities.
     *
     * @param text the training text
     * @param limit most substrings kept ({@code seed_sentencepiece_size})
     * @return the pieces: characters first, then substrings by score
     */
    static List<ScoredPiece> of(TrainingText text, int limit) {
        Map<String, Substring> substrings = new HashMap<>();
        for (TrainingText.WordInContext w : text.wordsInContext()) {
            count(w, substrings);
        }
        List<ScoredPiece> seeds = new ArrayList<>();
        double total = 0;
        for (TrainingText.RequiredChar c : text.requiredChars()) {
            seeds.add(new ScoredPiece(new int[] {c.cp()}, c.count()));
            total += c.count();
        }
        List<ScoredPiece> frequent = new ArrayList<>();
        for (Map.Entry<String, Substring> e : substrings.entrySet()) {
            Substring s = e.getValue();
            if (s.branching) {
                int[] cps = e.getKey().codePoints().toArray();
                frequent.add(new ScoredPiece(cps, (double) s.count * cps.length));
            }
        }
        frequent.sort(ScoredPiece::byScoreThenText);
        if (frequent.size() > limit) {
            frequent = frequent.subList(0, limit);
        }
        for (ScoredPiece p : frequent) {
            total += p.score();
        }
        seeds.addAll(frequent);
        double logTotal = Math.log(total);
        List<ScoredPiece> result = new ArrayList<>(seeds.size());
        for (ScoredPiece p : seeds) {
            result.add(new ScoredPiece(p.cps(), Math.log(p.score()) - logTotal));
        }
        return result;
    }

    private static void count(TrainingText.WordInContext w, Map<String, Substring> substrings) {
        int[] cps = w.cps();
        int n = cps.length;
        for (int i = 0; i < n; i++) {
            int valid = PieceRules.validPrefixLength(cps, i, n);
            for (int len = 2; len <= valid; len++) {
                int next = i + len < n ? cps[i + len] : w.follower();
                Substring s =
                        substrings.computeIfAbsent(
                                new String(cps, i, len), k -> new Substring(next));
                s.count += w.count();
                if (s.follower != next) {
                    s.branching = true;
                }
            }
        }
    }
}
