package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NonFiniteGuardTest {
    @Test
    void aFiniteBatch_resetsTheCount_andOnlyLimitInARowStopsTheRun() {
        NonFiniteGuard guard = new NonFiniteGuard(3);
        guard.nonFinite("a");
        guard.nonFinite("b");
        guard.finite();
        guard.nonFinite("c");
        guard.nonFinite("d");
        assertEquals(2, guard.inARow());
        TrainingException e = assertThrows(TrainingException.class, () -> guard.nonFinite("e"));
        assertTrue(e.getMessage().startsWith("3 batches in a row"), e.getMessage());
        assertTrue(e.getMessage().contains("last: e"), e.getMessage());
        assertEquals(5, guard.skipped());
    }
}
