package org.nmt4j.translate;

import java.util.List;

/**
 * The translation of one input line.
 *
 * @param text the best translation; empty for an empty or blank line
 * @param alternatives the n-best translations, best first ({@code alternatives.get(0)} is {@code
 *     text}); for a line split into parts, alternative k joins each part's k-th hypothesis (its
 *     best where it has fewer)
 * @param scores per alternative, the search's final score of its hypothesis: the log-probability
 *     divided by the GNMT length penalty (higher is better; 0 for an empty line); for a line split
 *     into parts, the sum over the parts
 * @param sourceTokens source pieces translated (EOS excluded)
 * @param targetTokens pieces of the best translation (EOS excluded)
 * @param parts how many parts the line was translated in (0 for an empty line, more than 1 for a
 *     line longer than the model takes)
 * @param attention per part, its cross-attention; empty unless asked for
 */
public record Translation(
        String text,
        List<String> alternatives,
        List<Double> scores,
        int sourceTokens,
        int targetTokens,
        int parts,
        List<AttentionMap> attention) {

    /** The translation of an empty or blank line. */
    public static final Translation EMPTY =
            new Translation("", List.of(""), List.of(0.0), 0, 0, 0, List.of());

    /** Copies the lists and checks that there is one score per alternative. */
    public Translation {
        alternatives = List.copyOf(alternatives);
        scores = List.copyOf(scores);
        attention = List.copyOf(attention);
        if (scores.size() != alternatives.size()) {
            throw new IllegalArgumentException(
                    scores.size() + " scores for " + alternatives.size() + " alternatives");
        }
    }

    /**
     * Returns the score of the best translation.
     *
     * @return {@code scores().get(0)}
     */
    public double score() {
        return scores.get(0);
    }
}
