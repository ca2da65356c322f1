package org.nmt4j.train.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossScalerTest {
    @Test
    void overflow_halvesTheScale_andRestartsTheWindow() {
        LossScaler s = new LossScaler(128, 3, 1e-4);
        s.clean();
        s.clean();
        s.overflow();
        assertEquals(64, s.scale());
        s.clean();
        s.clean();
        assertEquals(64, s.scale(), "two clean steps since the overflow: not yet a window");
        s.clean();
        assertEquals(128, s.scale(), "a window of three clean steps doubles it");
    }

    @Test
    void scale_doublesAfterEveryFullWindow() {
        LossScaler s = new LossScaler(2, 2, 1e-4);
        for (int i = 0; i < 6; i++) {
            s.clean();
        }
        assertEquals(16, s.scale());
        assertEquals(new LossScaler.State(16, 0), s.state());
    }

    @Test
    void fairseqDefaults_startAt128_withAWindowOf16384OverTheAccumulation() {
        LossScaler s = LossScaler.forAccumulation(4);
        assertEquals(128, s.scale());
        assertEquals(4096, s.window());
    }

    @Test
    void scaleBelowTheMinimum_stopsTheRun_withAMessageNamingWhatToChange() {
        LossScaler s = new LossScaler(1, 10, 0.25);
        s.overflow();
        s.overflow();
        assertEquals(0.25, s.scale());
        ArithmeticException e = assertThrows(ArithmeticException.class, s::overflow);
        assertTrue(e.getMessage().contains("train.lr"), e.getMessage());
        assertTrue(e.getMessage().contains("train.precision=fp32"), e.getMessage());
        assertEquals(0.25, s.scale(), "unchanged");
    }

    @Test
    void restore_continuesFromTheSavedScaleAndCount() {
        LossScaler s = new LossScaler(128, 3, 1e-4);
        s.restore(new LossScaler.State(8, 2));
        s.clean();
        assertEquals(16, s.scale());
    }
}
