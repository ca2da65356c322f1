package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.faults.DirectorySnapshot;
import org.nmt4j.faults.ForkedJvm;
import org.nmt4j.train.MetricsLog;
import org.nmt4j.train.MetricsRecord;
import org.nmt4j.train.RunDirectory;

/**
 * A run directory has one writer: while a training process holds it, every other writer ({@code
 * train --resume}, a new {@code train} or {@code demo} in it, {@code average} and {@code prepare}
 * into it) is refused in one line naming the holder, with exit code 2, and changes nothing; readers
 * ({@code translate}, {@code evaluate}) are not held up; the holder's run ends complete.
 */
class RunOwnershipTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path tmp;

    @Test
    void secondWriter_isRefusedWhileFirstHoldsTheLock_andTheFirstRunsMetricsStayComplete()
            throws Exception {
        Path run = tmp.resolve("R");
        List<String> first =
                NmtProcess.trainSmall(
                        run,
                        "train.max_steps=8",
                        "train.checkpoint_every=2",
                        "train.validate_every=2");
        Path input = Files.write(tmp.resolve("in.txt"), List.of("Hello.", "Where is the station?"));
        try (ForkedJvm.Child holder =
                NmtProcess.forked(tmp.resolve("first.out"), first)
                        .faults(
                                run,
                                Map.of("action", "pause", "match", "^write metrics", "nth", "5"))
                        .start()) {
            assertEquals("write metrics.jsonl", holder.awaitPause(TIMEOUT), holder.output());
            Map<String, String> before = DirectorySnapshot.of(run);
            String demo = NmtProcess.DEMO.toString();
            List<List<String>> writers =
                    List.of(
                            List.of("train", "--no-progress", "--resume", run.toString()),
                            NmtProcess.trainSmall(run),
                            List.of(
                                    "demo",
                                    "--no-progress",
                                    "--config",
                                    demo,
                                    "--set",
                                    "run_dir=" + run),
                            List.of("average", "--run", run.toString(), "--last", "1"),
                            List.of("prepare", "--config", demo, "--set", "run_dir=" + run));
            for (List<String> w : writers) {
                NmtProcess.Result r = NmtProcess.here(w);
                String line = r.err().strip();
                assertEquals(2, r.code(), w + ": " + r.err());
                assertEquals(1, line.lines().count(), line);
                assertTrue(line.startsWith("nmt " + w.get(0) + ": error: "), line);
                assertTrue(line.contains(" is in use by pid " + holder.pid() + " on host "), line);
            }
            assertEquals(before, DirectorySnapshot.of(run), "the refused writers changed nothing");

            Path out = tmp.resolve("out.txt");
            NmtProcess.Result translate =
                    NmtProcess.here(
                            "translate",
                            "--no-progress",
                            "--model",
                            run.toString(),
                            "--input",
                            input.toString(),
                            "--output",
                            out.toString());
            assertEquals(0, translate.code(), translate.err());
            assertEquals(2, Files.readAllLines(out, StandardCharsets.UTF_8).size());
            NmtProcess.Result evaluate =
                    NmtProcess.here(
                            "evaluate",
                            "--no-progress",
                            "--model",
                            run.toString(),
                            "--beam",
                            "1",
                            "--test",
                            "../corpus/demo-en-es/dev.tsv");
            assertEquals(0, evaluate.code(), evaluate.err());

            holder.release();
            assertEquals(0, holder.awaitExit(TIMEOUT), holder.output());
        }
        List<MetricsRecord> metrics = MetricsLog.read(run.resolve(RunDirectory.METRICS));
        assertEquals(
                LongStream.rangeClosed(1, 8).boxed().toList(),
                steps(metrics, MetricsRecord.TRAIN),
                "one training line per step");
        assertEquals(List.of(2L, 4L, 6L, 8L), steps(metrics, MetricsRecord.VALIDATION));
        try (Stream<Path> s = Files.list(run)) {
            assertTrue(
                    s.noneMatch(p -> MetricsLog.isSetAside(p.getFileName().toString())),
                    "nothing set aside");
        }
        NmtProcess.Result next =
                NmtProcess.here(
                        "train",
                        "--no-progress",
                        "--resume",
                        run.toString(),
                        "--set",
                        "train.max_steps=10");
        assertEquals(0, next.code(), next.err());
    }

    private static List<Long> steps(List<MetricsRecord> metrics, String event) {
        return metrics.stream()
                .filter(r -> event.equals(r.event()))
                .map(MetricsRecord::step)
                .toList();
    }
}
