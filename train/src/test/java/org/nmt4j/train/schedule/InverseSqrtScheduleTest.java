package org.nmt4j.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InverseSqrtScheduleTest {
    /** The peer's formula, written as it is in its train.py: E^-0.5 * min(s^-0.5, s * w^-1.5). */
    private static double noam(double scale, int e, int w, long s) {
        return scale * Math.pow(e, -0.5) * Math.min(Math.pow(s, -0.5), s * Math.pow(w, -1.5));
    }

    @Test
    void scaledForm_equalsTheNoamFormula_atEveryStep() {
        InverseSqrtSchedule s = InverseSqrtSchedule.scaled(1.0, 256, 4000);
        for (long step : new long[] {1, 2, 100, 3999, 4000, 4001, 10_000, 1_000_000}) {
            double expected = noam(1.0, 256, 4000, step);
            assertEquals(expected, s.learningRate(step), expected * 1e-12, "step " + step);
        }
        InverseSqrtSchedule scaled2 = InverseSqrtSchedule.scaled(2.0, 512, 16);
        assertEquals(noam(2.0, 512, 16, 7), scaled2.learningRate(7), 1e-15);
    }

    @Test
    void scaledForm_knownValues_forTheSpaEngCpuSettings() {
        // E = 256, warmup 4000: the peak is 256^-0.5 * 4000^-0.5 = 1 / (16 * sqrt(4000)).
        InverseSqrtSchedule s = InverseSqrtSchedule.scaled(1.0, 256, 4000);
        assertEquals(1 / (16 * Math.sqrt(4000)), s.peakLearningRate(), 1e-15);
        assertEquals(9.882117688e-4, s.learningRate(4000), 1e-12);
        assertEquals(2.470529422e-7, s.learningRate(1), 1e-15);
        assertEquals(4.941058844e-4, s.learningRate(16_000), 1e-12);
    }

    @Test
    void warmup_isLinear_andDecay_isInverseSquareRoot() {
        InverseSqrtSchedule s = InverseSqrtSchedule.peak(1e-3, 1000);
        assertEquals(1e-3, s.learningRate(1000), 1e-15);
        assertEquals(0.5e-3, s.learningRate(500), 1e-15);
        assertEquals(0.1e-3, s.learningRate(100), 1e-15);
        assertEquals(0.5e-3, s.learningRate(4000), 1e-15);
        assertEquals(0.1e-3, s.learningRate(100_000), 1e-15);
        assertEquals(0.0, s.learningRate(0));
        for (long step = 1; step < 3000; step++) {
            assertTrue(s.learningRate(step) <= s.peakLearningRate() + 1e-18);
        }
    }

    @Test
    void peakForm_andScaledForm_agreeWhenThePeaksMatch() {
        InverseSqrtSchedule scaled = InverseSqrtSchedule.scaled(1.0, 512, 4000);
        InverseSqrtSchedule peak = InverseSqrtSchedule.peak(scaled.peakLearningRate(), 4000);
        for (long step : new long[] {1, 1234, 4000, 98_765}) {
            assertEquals(scaled.learningRate(step), peak.learningRate(step), 1e-18);
        }
    }

    @Test
    void tracker_returnsTheSameValuesAsFloats() {
        InverseSqrtSchedule s = InverseSqrtSchedule.peak(7e-4, 100);
        assertEquals((float) s.learningRate(50), s.getNewValue(50));
    }

    @Test
    void badArguments_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> InverseSqrtSchedule.peak(0, 100));
        assertThrows(IllegalArgumentException.class, () -> InverseSqrtSchedule.peak(1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> InverseSqrtSchedule.scaled(1, 0, 10));
        InverseSqrtSchedule s = InverseSqrtSchedule.peak(1e-3, 10);
        assertThrows(IllegalArgumentException.class, () -> s.learningRate(-1));
    }
}
