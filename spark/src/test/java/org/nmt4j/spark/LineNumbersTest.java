package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineNumbersTest {
    private static SplitPlanner.Plan plan(String... fileOfSplit) {
        List<String> files = List.of(fileOfSplit).stream().distinct().toList();
        List<TextSplit> splits = new java.util.ArrayList<>();
        for (int i = 0; i < fileOfSplit.length; i++) {
            splits.add(new TextSplit(i, fileOfSplit[i], files.indexOf(fileOfSplit[i]), i, i + 1));
        }
        return new SplitPlanner.Plan(files, splits, fileOfSplit.length);
    }

    private static SplitResult result(int split, long lines, LineReport... reports) {
        return new SplitResult(split, lines, List.of(reports), 0, "driver", 1);
    }

    @Test
    void reports_areNumberedWithinTheirFile_countingTheLinesOfEarlierSplits() {
        SplitPlanner.Plan plan = plan("dir/a.txt", "dir/a.txt", "dir/a.txt", "dir/b.txt");
        LineNumbers.Numbered n =
                LineNumbers.number(
                        plan,
                        List.of(
                                result(2, 4, new LineReport(2, "two")),
                                result(0, 5, new LineReport(5, "one")),
                                result(3, 3, new LineReport(1, "three")),
                                result(1, 0)),
                        10);
        assertEquals(
                List.of("a.txt line 5: one", "a.txt line 7: two", "b.txt line 1: three"),
                n.reports());
        assertEquals(0, n.more());
    }

    @Test
    void singleFile_reportsAsTranslateDoes_andExtraReportsAreCounted() {
        SplitPlanner.Plan plan = plan("in.txt", "in.txt");
        LineNumbers.Numbered n =
                LineNumbers.number(
                        plan,
                        List.of(
                                result(0, 3, new LineReport(3, "x")),
                                new SplitResult(
                                        1, 2, List.of(new LineReport(1, "y")), 7, "driver", 1)),
                        1);
        assertEquals(List.of("line 3: x"), n.reports());
        assertEquals(8, n.more());
    }

    @Test
    void missingOrDuplicateSplitResult_isAnError() {
        SplitPlanner.Plan plan = plan("in.txt", "in.txt");
        assertThrows(
                IllegalStateException.class,
                () -> LineNumbers.number(plan, List.of(result(0, 1)), 10));
        assertThrows(
                IllegalStateException.class,
                () -> LineNumbers.number(plan, List.of(result(0, 1), result(0, 1)), 10));
    }
}
