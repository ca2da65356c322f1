package org.nmt4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the tasks' per-split results into what {@code ./nmt translate} would have said: each
 * reported line numbered within its file ({@code line 10: invalid UTF-8 ...}, prefixed with the
 * file's name when the input is a directory), in input order. Also checks that every split reported
 * exactly once, and that their lines add up.
 */
final class LineNumbers {
    private LineNumbers() {}

    /**
     * The numbered reports.
     *
     * @param reports the first {@code max} reports, in input order
     * @param more how many more there were
     */
    record Numbered(List<String> reports, long more) {}

    /**
     * Numbers the reports.
     *
     * @param plan the job's splits
     * @param results one result per split, in any order
     * @param max the most reports to keep
     * @return the reports
     * @throws IllegalStateException if a split has no result or more than one
     */
    static Numbered number(SplitPlanner.Plan plan, List<SplitResult> results, int max) {
        List<SplitResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(SplitResult::split));
        if (sorted.size() != plan.splits().size()) {
            throw new IllegalStateException(
                    plan.splits().size() + " splits but " + sorted.size() + " split results");
        }
        boolean many = plan.files().size() > 1;
        List<String> out = new ArrayList<>();
        long more = 0;
        long before = 0;
        int file = -1;
        for (int i = 0; i < sorted.size(); i++) {
            SplitResult r = sorted.get(i);
            TextSplit split = plan.splits().get(i);
            if (r.split() != i) {
                throw new IllegalStateException("split " + i + " has no result");
            }
            if (split.fileIndex() != file) {
                file = split.fileIndex();
                before = 0;
            }
            String prefix = many ? name(split.file()) + " " : "";
            List<LineReport> reports = new ArrayList<>(r.reports());
            reports.sort(Comparator.comparingLong(LineReport::lineInSplit));
            for (LineReport report : reports) {
                if (out.size() < max) {
                    out.add(
                            prefix
                                    + "line "
                                    + (before + report.lineInSplit())
                                    + ": "
                                    + report.message());
                } else {
                    more++;
                }
            }
            more += r.moreReports();
            before += r.lines();
        }
        return new Numbered(out, more);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
