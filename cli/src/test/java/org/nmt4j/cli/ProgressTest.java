package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bar only on a terminal and without --no-progress; otherwise periodic log lines. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBar_onlyOnATerminal_withoutNoProgress_andWithAKnownTotal() {
        assertTrue(Progress.drawsBar(10, true, true));
        assertFalse(Progress.drawsBar(10, true, false), "no terminal");
        assertFalse(Progress.drawsBar(10, false, true), "--no-progress");
        assertFalse(Progress.drawsBar(-1, true, true), "standard input");
    }

    @Test
    void withoutATerminal_theDisplayWritesLogLines() {
        withTerminal(
                "false",
                () -> {
                    try (Progress p = Progress.lines("translate", 10, true)) {
                        assertFalse(p.drawsBar());
                    }
                });
    }

    @Test
    void theLaunchersAnswer_decidesWhetherStandardErrorIsATerminal() {
        withTerminal("true", () -> assertTrue(Terminal.stderrIsTerminal()));
        withTerminal("false", () -> assertFalse(Terminal.stderrIsTerminal()));
    }

    @Test
    void periodicLines_comeAtMostOncePerInterval_withCountShareAndSpeed() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        Progress.Periodic p =
                new Progress.Periodic("evaluate", 400, 10 * SECOND, () -> now[0], lines::add);
        now[0] = 4 * SECOND;
        p.accept(50);
        assertEquals(List.of(), lines);
        now[0] = 10 * SECOND;
        p.accept(50);
        now[0] = 12 * SECOND;
        p.accept(100);
        now[0] = 20 * SECOND;
        p.accept(100);
        assertEquals(
                List.of(
                        "evaluate: 100 lines of 400 (25%), 10.0 lines/s",
                        "evaluate: 300 lines of 400 (75%), 15.0 lines/s"),
                lines);
    }

    @Test
    void periodicLines_withAnUnknownTotal_giveTheCountAndSpeedOnly() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        Progress.Periodic p = new Progress.Periodic("translate", -1, 0, () -> now[0], lines::add);
        now[0] = 2 * SECOND;
        p.accept(7);
        assertEquals(List.of("translate: 7 lines, 3.5 lines/s"), lines);
    }

    private static void withTerminal(String value, Runnable body) {
        String saved = System.getProperty(Terminal.PROPERTY);
        System.setProperty(Terminal.PROPERTY, value);
        try {
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty(Terminal.PROPERTY);
            } else {
                System.setProperty(Terminal.PROPERTY, saved);
            }
        }
    }
}
