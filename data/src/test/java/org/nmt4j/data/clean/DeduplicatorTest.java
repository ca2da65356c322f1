package org.nmt4j.data.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void dedup_reportsOnlyExactRepeatsOfThePair() {
        Deduplicator d = new Deduplicator();
        assertTrue(d.firstTime("Hi.", "Hola."));
        assertTrue(d.firstTime("Hi.", "¡Hola!")); // same source, other translation: kept
        assertTrue(d.firstTime("Hola.", "Hi.")); // swapped sides: another pair
        assertFalse(d.firstTime("Hi.", "Hola."));
        assertEquals(3, d.size());
    }

    @Test
    void dedup_remembersEveryPairAcrossTableGrowth() {
        Deduplicator d = new Deduplicator();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            assertTrue(d.firstTime("source " + i, "target " + i));
        }
        for (int i = 0; i < n; i++) {
            assertFalse(d.firstTime("source " + i, "target " + i), "pair " + i);
        }
        assertEquals(n, d.size());
    }
}
