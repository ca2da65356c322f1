package org.nmt4j.train.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid name closest to a misspelt one (Levenshtein distance). */
final class Suggestions {
    private Suggestions() {}

    /**
     * Returns the candidate most likely meant by {@code wrong}: the shortest candidate that
     * contains it (for names of 3 or more characters, e.g. {@code warmup -> warmup_steps}), else
     * the closest by edit distance if that is at most a third of the longer name's length (at least
     * 2).
     *
     * @param wrong the name as written
     * @param candidates the valid names
     * @return the suggestion, or empty when none is close
     */
    static Optional<String> closest(String wrong, Collection<String> candidates) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        String containing = null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3
                    && c.contains(lower)
                    && (containing == null || candidate.length() < containing.length())) {
                containing = candidate;
            }
            int d = distance(lower, c);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (containing != null) {
            return Optional.of(containing);
        }
        if (best == null) {
            return Optional.empty();
        }
        int limit = Math.max(2, Math.max(lower.length(), best.length()) / 3);
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
