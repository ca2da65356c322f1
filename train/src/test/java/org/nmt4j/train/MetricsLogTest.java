package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.train.checkpoint.TrainingState;

class MetricsLogTest {
    @TempDir Path tmp;

    private static IntervalReport interval(long step) {
        return new IntervalReport(step, 0, 0.5, 3.0 / step, 1e-3, 1000, 10, 0, step);
    }

    private static TrainingState state(long step) {
        return new TrainingState(step, 0, 5, 1, 20.0, step, 0, step, 100);
    }

    @Test
    void lines_holdTrainingAndValidationFigures_asSnakeCaseJson() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file, 0)) {
            log.started(state(0), 10);
            log.interval(interval(10));
            log.validated(state(10), LoopFixture.validation(21.5), true);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"event\":\"train\",\"step\":10,\"epoch\":0.5,"));
        assertTrue(lines.get(0).contains("\"tokens_per_s\":1000.0"), lines.get(0));
        assertFalse(lines.get(0).contains("dev_bleu"), lines.get(0));
        for (String key : List.of("dev_loss", "dev_ppl", "dev_bleu\":21.5", "dev_chrf", "wall_s")) {
            assertTrue(lines.get(1).contains(key), lines.get(1));
        }
    }

    @Test
    void resume_movesTheLinesAfterTheCheckpointAside_andAppendsToTheSameFile() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file, 0)) {
            for (long step = 10; step <= 50; step += 10) {
                log.interval(interval(step));
            }
        }
        byte[] written = Files.readAllBytes(file);
        Files.write(file, "{\"event\":\"train\",\"st".getBytes(), StandardOpenOption.APPEND);
        byte[] all = Files.readAllBytes(file);
        int cut = lineStart(written, 3);
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        try (MetricsLog log = new MetricsLog(file, 30)) {
            assertEquals(
                    List.of(10L, 20L, 30L),
                    log.history().stream().map(MetricsRecord::step).toList());
            log.interval(interval(40));
        }
        Path aside = tmp.resolve("metrics.after-step-30.jsonl");
        assertArrayEquals(Arrays.copyOfRange(all, cut, all.length), Files.readAllBytes(aside));
        byte[] now = Files.readAllBytes(file);
        assertArrayEquals(Arrays.copyOf(written, cut), Arrays.copyOf(now, cut), "kept bytes");
        assertEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        assertEquals(
                List.of(10L, 20L, 30L, 40L),
                MetricsLog.read(file).stream().map(MetricsRecord::step).toList());

        try (MetricsLog log = new MetricsLog(file, 30)) {
            assertEquals(3, log.history().size());
        }
        assertEquals(
                List.of(40L),
                MetricsLog.read(tmp.resolve("metrics.after-step-30.2.jsonl")).stream()
                        .map(MetricsRecord::step)
                        .toList());
        assertTrue(MetricsLog.isSetAside("metrics.after-step-30.2.jsonl"));
    }

    /** The offset of line {@code n} (0-based) of a text. */
    private static int lineStart(byte[] text, int n) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            while (text[at] != '\n') {
                at++;
            }
            at++;
        }
        return at;
    }

    @Test
    void curves_areAPngImage_evenBeforeAnyValidation() throws IOException {
        Path png = tmp.resolve("curves.png");
        Curves.draw(List.of(), png);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
        assertArrayEquals(magic, Arrays.copyOf(Files.readAllBytes(png), 4));
        try (MetricsLog log = new MetricsLog(tmp.resolve("m.jsonl"), 0)) {
            log.interval(interval(10));
            log.validated(state(10), LoopFixture.validation(5), true);
            log.interval(interval(20));
            log.validated(state(20), LoopFixture.validation(9), true);
            new Curves(png, log).validated(state(20), LoopFixture.validation(9), true);
        }
        assertArrayEquals(magic, Arrays.copyOf(Files.readAllBytes(png), 4));
        assertTrue(Files.size(png) > 5000, "a drawn chart: " + Files.size(png));
    }
}
