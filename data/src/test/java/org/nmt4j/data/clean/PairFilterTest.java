package org.nmt4j.data.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nmt4j.data.corpus.SkipReason;

class PairFilterTest {
    private final PairFilter filter = new PairFilter(10, 3.0);

    @Test
    void filter_dropsAPairWhoseEitherSideExceedsMaxTokens() {
        assertNull(filter.check(10, 10));
        assertEquals(SkipReason.TOO_MANY_TOKENS, filter.check(11, 10));
        assertEquals(SkipReason.TOO_MANY_TOKENS, filter.check(10, 11));
    }

    @Test
    void filter_dropsAPairOverTheLengthRatio_inEitherDirection_andKeepsOneAtIt() {
        assertNull(filter.check(3, 9));
        assertNull(filter.check(9, 3));
        assertEquals(SkipReason.LENGTH_RATIO, filter.check(3, 10));
        assertEquals(SkipReason.LENGTH_RATIO, filter.check(10, 3));
    }

    @Test
    void filter_rejectsMeaninglessLimits() {
        assertThrows(IllegalArgumentException.class, () -> new PairFilter(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new PairFilter(5, 0.5));
    }
}
