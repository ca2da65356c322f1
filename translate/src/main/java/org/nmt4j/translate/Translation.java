package org.nmt4j.translate;

import java.util.List;

/**
 * The translation of one input line.
 *
 * @param text the best translation; empty for an empty or blank line
 * @param alternatives the n-best translations, best first ({@code alternatives.get(0)} is {@code
 *     text}); for a line split into parts, alternative k joins each part's k-th hypothesis (its
 *     best where it has fewer)
 * @param sourceTokens source pieces translated (EOS excluded)
 * @param targetTokens pieces of the best translation (EOS excluded)
 * @param parts how many parts the line was translated in (0 for an empty line, more than 1 for a
 *     line longer than the model takes)
 * @param attention per part, its cross-attention; empty unless asked for
 */
public record Translation(
        String text,
        List<String> alternatives,
        int sourceTokens,
        int targetTokens,
        int parts,
        List<AttentionMap> attention) {

    /** The translation of an empty or blank line. */
    public static final Translation EMPTY = new Translation("", List.of(""), 0, 0, 0, List.of());

    /** Copies the lists. */
    public Translation {
        alternatives = List.copyOf(alternatives);
        attention = List.copyOf(attention);
    }
}
