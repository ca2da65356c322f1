package org.nmt4j.text.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks and reshapes references for {@link Bleu} and {@link ChrF}.
 *
 * <p>Two shapes exist. The scorers take references <b>per line</b>: {@code refs.get(i)} holds every
 * reference of hypothesis {@code i} (any number, at least one; a {@code null} entry is skipped as a
 * missing reference). sacreBLEU's Python API takes aligned <b>streams</b> instead: {@code
 * streams.get(k).get(i)} is the {@code k}-th reference of line {@code i}, {@code null} where line
 * {@code i} has no {@code k}-th reference; {@link #fromStreams} converts that shape. In both shapes
 * an empty string is a zero-length reference, as in sacreBLEU's API; reading files maps an empty
 * line to {@code null} ({@link ScoreFiles#readReferences}).
 */
public final class References {

    private References() {}

    /**
     * Converts aligned reference streams (sacreBLEU's shape) to references per line.
     *
     * @param streams {@code streams.get(k).get(i)}: the {@code k}-th reference of line {@code i},
     *     or {@code null} where it is missing; every stream has one entry per line
     * @return per line, its non-null references in stream order (possibly none)
     * @throws IllegalArgumentException if there are no streams or their lengths differ
     */
    public static List<List<String>> fromStreams(List<List<String>> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no reference streams: give at least one");
        }
        int lines = streams.get(0).size();
        for (int k = 1; k < streams.size(); k++) {
            if (streams.get(k).size() != lines) {
                throw new IllegalArgumentException(
                        "reference stream "
                                + (k + 1)
                                + " has "
                                + streams.get(k).size()
                                + " lines but stream 1 has "
                                + lines
                                + "; every stream needs one entry per line");
            }
        }
        List<List<String>> perLine = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            List<String> refs = new ArrayList<>(streams.size());
            for (List<String> stream : streams) {
                if (stream.get(i) != null) {
                    refs.add(stream.get(i));
                }
            }
            perLine.add(Collections.unmodifiableList(refs));
        }
        return Collections.unmodifiableList(perLine);
    }

    /**
     * The lines that have no reference at all (no non-null entry).
     *
     * @param perLine references per line
     * @return their 1-based line numbers, ascending
     */
    public static List<Integer> linesWithoutReference(List<List<String>> perLine) {
        List<Integer> bare = new ArrayList<>();
        for (int i = 0; i < perLine.size(); i++) {
            if (perLine.get(i).stream().allMatch(r -> r == null)) {
                bare.add(i + 1);
            }
        }
        return bare;
    }

    /**
     * Gives every line without any reference one empty reference, which is how sacreBLEU's command
     * line reads an empty line of a reference file (its Python API cannot score such a line). The
     * line then counts as having one reference in the signature, and its hypothesis tokens as
     * unmatched.
     *
     * @param perLine references per line
     * @return a copy where each line has at least one reference
     */
    public static List<List<String>> emptyWhereNone(List<List<String>> perLine) {
        List<List<String>> filled = new ArrayList<>(perLine);
        for (int line : linesWithoutReference(perLine)) {
            filled.set(line - 1, List.of(""));
        }
        return Collections.unmodifiableList(filled);
    }

    /**
     * Checks hypotheses against their references per line and drops missing ({@code null})
     * references.
     *
     * @return per line, the non-null references
     * @throws IllegalArgumentException if there are no lines, the sizes differ, a hypothesis is
     *     null, or a line has no reference (sacreBLEU cannot score such a line either)
     */
    static List<List<String>> check(List<String> hyps, List<List<String>> refs) {
        if (hyps.size() != refs.size()) {
            throw new IllegalArgumentException(
                    hyps.size()
                            + " hypotheses but references for "
                            + refs.size()
                            + " lines; give one list of references per hypothesis");
        }
        if (hyps.isEmpty()) {
            throw new IllegalArgumentException("no lines to score: give at least one hypothesis");
        }
        List<List<String>> present = new ArrayList<>(refs.size());
        for (int i = 0; i < hyps.size(); i++) {
            if (hyps.get(i) == null) {
                throw new IllegalArgumentException(
                        "hypothesis of line " + (i + 1) + " is null; use \"\" for an empty one");
            }
            List<String> line = new ArrayList<>();
            for (String ref : refs.get(i)) {
                if (ref != null) {
                    line.add(ref);
                }
            }
            if (line.isEmpty()) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + " has no reference; give at least one per line");
            }
            present.add(line);
        }
        return present;
    }

    /**
     * The {@code nrefs} field of a signature: the number of references per line, or {@code var}
     * when it varies.
     */
    static String nrefs(List<List<String>> present) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (List<String> line : present) {
            counts.add(line.size());
        }
        return counts.size() == 1 ? String.valueOf(counts.first()) : "var";
    }
}
