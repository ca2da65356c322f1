package org.nmt4j.data.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

    private static List<Split> assignAll(SplitAssigner a, int n) {
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(a.assign("sentence number " + i));
        }
        return out;
    }

    @Test
    void split_isTheSameForTheSameSeed_andDiffersForAnotherSeed() {
        List<Split> first = assignAll(new SplitAssigner(0.1, 0.1, 7), 2000);
        assertEquals(first, assignAll(new SplitAssigner(0.1, 0.1, 7), 2000));
        assertNotEquals(first, assignAll(new SplitAssigner(0.1, 0.1, 8), 2000));
    }

    @Test
    void split_dependsOnlyOnTheSourceSentence() {
        SplitAssigner a = new SplitAssigner(0.3, 0.3, 1);
        for (int i = 0; i < 200; i++) {
            String source = "source " + i;
            Split first = a.assign(source);
            for (int k = 0; k < 5; k++) {
                assertEquals(first, a.assign(source));
            }
        }
    }

    @Test
    void split_fractionsHoldInExpectation() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split s : assignAll(new SplitAssigner(0.05, 0.02, 3), 100_000)) {
            counts.merge(s, 1, Integer::sum);
        }
        assertEquals(5_000, counts.get(Split.DEV), 300);
        assertEquals(2_000, counts.get(Split.TEST), 200);
    }

    @Test
    void split_rejectsFractionsThatLeaveNoTraining() {
        assertThrows(IllegalArgumentException.class, () -> new SplitAssigner(0.6, 0.4, 1));
    }
}
