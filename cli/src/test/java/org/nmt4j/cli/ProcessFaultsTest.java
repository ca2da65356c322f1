package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nmt4j.faults.ForkedJvm;
import org.nmt4j.train.MetricsLog;
import org.nmt4j.train.MetricsRecord;
import org.nmt4j.train.RunDirectory;
import org.nmt4j.train.checkpoint.Checkpointer;
import org.nmt4j.translate.CopyModel;

/**
 * What {@code ./nmt} does when the process is stopped or the disk fills, in a JVM of its own (exit
 * codes and standard error as a shell sees them): SIGTERM and Ctrl-C (SIGINT) write a checkpoint, a
 * full disk fails in one line and leaves the previous checkpoint, or the previous output file, as
 * it was.
 */
class ProcessFaultsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path tmp;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void sigtermOrCtrlC_finishesTheStep_writesACheckpoint_andTheRunResumesFromIt(
            String signal, int status) throws Exception {
        Path run = tmp.resolve("R");
        List<String> args =
                NmtProcess.trainSmall(
                        run,
                        "train.max_steps=100000",
                        "train.checkpoint_every=100000",
                        "train.validate_every=100000");
        long stoppedAt;
        try (ForkedJvm.Child child = NmtProcess.forked(tmp.resolve("train.out"), args).start()) {
            assertTrue(child.awaitOutput("step 3 |", TIMEOUT), child.output());
            Process kill =
                    new ProcessBuilder("kill", "-s", signal, Long.toString(child.pid()))
                            .inheritIO()
                            .start();
            assertEquals(0, kill.waitFor());
            assertEquals(status, child.awaitExit(TIMEOUT), child.output());
            String out = child.output();
            assertTrue(out.contains("nmt: interrupted - finishing the current step"), out);
            stoppedAt = Checkpointer.openLast(run).state().step();
            assertTrue(out.contains("stopped (interrupted) at step " + stoppedAt), out);
        }
        assertTrue(stoppedAt >= 3, "stopped at " + stoppedAt);
        NmtProcess.Result resumed =
                NmtProcess.here(
                        "train",
                        "--no-progress",
                        "--resume",
                        run.toString(),
                        "--set",
                        "train.max_steps=" + (stoppedAt + 2));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(stoppedAt + 2, Checkpointer.openLast(run).state().step());
    }

    @Test
    void diskFullDuringACheckpoint_failsInOneLine_keepsThePreviousCheckpoint_andTheRunResumes()
            throws Exception {
        Path run = tmp.resolve("R");
        List<String> args =
                NmtProcess.trainSmall(
                        run,
                        "train.max_steps=6",
                        "train.checkpoint_every=2",
                        "train.validate_every=100");
        try (ForkedJvm.Child child =
                NmtProcess.forked(tmp.resolve("train.out"), args)
                        .faults(
                                run,
                                Map.of(
                                        "action", "full",
                                        "armed-by", "^move last\\.tmp-[0-9a-f]{8} -> last$",
                                        "match", "^write checkpoints/",
                                        "bytes", "1000"))
                        .start()) {
            assertEquals(1, child.awaitExit(TIMEOUT), child.output());
            String line = NmtProcess.onlyLine(child.output(), "nmt train: failed: ");
            assertTrue(
                    line.startsWith("nmt train: failed: cannot write the checkpoint of step 4: "),
                    line);
            assertTrue(line.contains(": No space left on device; "), line);
            assertTrue(line.contains("the previous checkpoint step-00000002 is intact"), line);
            assertTrue(line.contains("./nmt train --resume " + run), line);
        }
        assertEquals(2, Checkpointer.openLast(run).state().step());
        assertEquals(List.of("step-00000002"), entries(run.resolve("checkpoints")));

        NmtProcess.Result resumed =
                NmtProcess.here("train", "--no-progress", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(6, Checkpointer.openLast(run).state().step());
        List<MetricsRecord> aside = MetricsLog.read(run.resolve("metrics.after-step-2.jsonl"));
        assertEquals(List.of(3L, 4L), aside.stream().map(MetricsRecord::step).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L),
                MetricsLog.read(run.resolve(RunDirectory.METRICS)).stream()
                        .filter(r -> MetricsRecord.TRAIN.equals(r.event()))
                        .map(MetricsRecord::step)
                        .toList());
    }

    @Test
    void diskFullWhileTranslatingToAFile_failsInOneLine_andLeavesTheOutputAsItWas()
            throws Exception {
        Path input = sentences(40);
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path output = Files.writeString(outDir.resolve("x.txt"), "old\n");
        List<String> args = translate(input);
        args.addAll(List.of("--output", output.toString()));
        try (ForkedJvm.Child child =
                NmtProcess.forked(tmp.resolve("translate.out"), args)
                        .faults(outDir, Map.of("action", "full", "bytes", "100"))
                        .start()) {
            assertEquals(1, child.awaitExit(TIMEOUT), child.output());
            String line = NmtProcess.onlyLine(child.output(), "nmt translate: failed: ");
            assertEquals(
                    "nmt translate: failed: cannot write "
                            + output
                            + ": No space left on device; "
                            + output
                            + " is left as it was",
                    line);
        }
        assertEquals(List.of("x.txt"), entries(outDir), "no temporary file left");
        assertEquals("old\n", Files.readString(output));
    }

    @Test
    void killedWhileWritingATranslationFile_leavesTheOutputAsItWas() throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path output = Files.writeString(outDir.resolve("x.txt"), "old\n");
        List<String> args = translate(sentences(40));
        args.addAll(List.of("--output", output.toString()));
        try (ForkedJvm.Child child =
                NmtProcess.forked(tmp.resolve("translate.out"), args)
                        .faults(outDir, Map.of("action", "pause", "match", "^write "))
                        .start()) {
            String at = child.awaitPause(TIMEOUT);
            assertTrue(at != null && at.startsWith("write .x.txt."), child.output());
            assertEquals(137, child.kill());
        }
        assertEquals("old\n", Files.readString(output));
        List<String> left = entries(outDir);
        assertEquals("x.txt", left.get(left.size() - 1));
        assertTrue(left.stream().filter(n -> !n.equals("x.txt")).allMatch(n -> n.startsWith(".")));
    }

    @Test
    void fullStandardOutput_isAFailureInOneLine_notASuccess() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "/dev/full (Linux) is needed");
        try (ForkedJvm.Child child =
                NmtProcess.forked(tmp.resolve("translate.err"), translate(sentences(40)))
                        .stdout(full)
                        .start()) {
            assertEquals(1, child.awaitExit(TIMEOUT), child.output());
            String line = NmtProcess.onlyLine(child.output(), "nmt translate: failed: ");
            assertTrue(
                    line.startsWith(
                            "nmt translate: failed: cannot write the translations to standard"
                                    + " output"),
                    line);
        }
    }

    private Path sentences(int n) throws Exception {
        List<String> lines = Files.readAllLines(CopyModel.sentencesFile(), StandardCharsets.UTF_8);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(lines.get(i % lines.size()));
        }
        return Files.write(tmp.resolve("in.txt"), input, StandardCharsets.UTF_8);
    }

    private static List<String> translate(Path input) {
        return new ArrayList<>(
                List.of(
                        "translate",
                        "--no-progress",
                        "--beam",
                        "1",
                        "--model",
                        CopyModel.directory().toString(),
                        "--input",
                        input.toString()));
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
