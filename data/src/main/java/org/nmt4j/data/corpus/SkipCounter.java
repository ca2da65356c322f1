package org.nmt4j.data.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counts skipped lines by reason and keeps the first few line numbers of each, so that a report can
 * say where to look. Not thread-safe.
 */
public final class SkipCounter {
    /** How many line numbers are kept per reason. */
    public static final int FIRST_LINES = 5;

    private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, List<Long>> firstLines = new EnumMap<>(SkipReason.class);

    /**
     * Records one skipped line.
     *
     * @param reason why it was skipped
     * @param line its 1-based line number
     */
    public void skip(SkipReason reason, long line) {
        counts.merge(reason, 1L, Long::sum);
        List<Long> lines = firstLines.computeIfAbsent(reason, r -> new ArrayList<>());
        if (lines.size() < FIRST_LINES) {
            lines.add(line);
        }
    }

    /**
     * Returns how many lines were skipped for a reason.
     *
     * @param reason the reason
     * @return the count (0 if none)
     */
    public long count(SkipReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /**
     * Returns the first line numbers skipped for a reason, in file order.
     *
     * @param reason the reason
     * @return up to {@link #FIRST_LINES} line numbers
     */
    public List<Long> firstLines(SkipReason reason) {
        return Collections.unmodifiableList(firstLines.getOrDefault(reason, List.of()));
    }

    /**
     * Returns the total of all skips.
     *
     * @return lines skipped for any reason
     */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns the total of malformed-line skips (the ones that count towards the bad-line share).
     *
     * @return malformed lines skipped
     */
    public long malformed() {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().malformed())
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * Returns the reasons seen, in enum order, with their counts.
     *
     * @return an unmodifiable view
     */
    public Map<SkipReason, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Adds another counter's counts into this one (line numbers kept while room is left).
     *
     * @param other the counter to add
     */
    public void addAll(SkipCounter other) {
        other.counts.forEach((r, n) -> counts.merge(r, n, Long::sum));
        other.firstLines.forEach(
                (r, lines) -> {
                    List<Long> mine = firstLines.computeIfAbsent(r, k -> new ArrayList<>());
                    for (Long l : lines) {
                        if (mine.size() < FIRST_LINES) {
                            mine.add(l);
                        }
                    }
                });
    }

    /**
     * Describes the skips on one line, e.g. {@code no tab: 3 (lines 4, 9, 12); blank line: 1 (line
     * 7)}.
     *
     * @return the description, or {@code none}
     */
    @Override
    public String toString() {
        if (counts.isEmpty()) {
            return "none";
        }
        StringJoiner all = new StringJoiner("; ");
        counts.forEach((reason, n) -> all.add(describe(reason, n)));
        return all.toString();
    }

    private String describe(SkipReason reason, long n) {
        List<Long> lines = firstLines.get(reason);
        StringJoiner nums = new StringJoiner(", ");
        lines.forEach(l -> nums.add(Long.toString(l)));
        String more = n > lines.size() ? ", ..." : "";
        String word = lines.size() == 1 ? "line " : "lines ";
        return reason.label() + ": " + n + " (" + word + nums + more + ")";
    }
}
