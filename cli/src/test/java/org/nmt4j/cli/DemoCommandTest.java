package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.train.MetricsLog;
import org.nmt4j.train.MetricsRecord;
import org.nmt4j.train.RunDirectory;
import picocli.CommandLine;

/**
 * {@code nmt demo}, shortened to {@value #STEPS} steps (the shipped config trains longer): the
 * model visibly learns, and the run directory holds everything the README promises.
 */
class DemoCommandTest {
    private static final int STEPS = 400;

    /**
     * The floor on the demo's dev BLEU (beam 4) after {@value #STEPS} steps; see docs/training.md.
     */
    private static final double BLEU_FLOOR = 30.0;

    private static final Pattern BLEU = Pattern.compile("(?m)^dev BLEU (\\d+\\.\\d+), chrF");

    @TempDir Path tmp;

    @Test
    void shortenedDemo_learns_toADevBleuAboveTheFloor_andWritesTheRunDirectory()
            throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path runDir = tmp.resolve("demo");
        int code =
                cl.execute(
                        "demo",
                        "--no-progress",
                        "--config",
                        Path.of("..", "configs", "demo.yaml").toString(),
                        "--set",
                        "run_dir=" + runDir,
                        "--set",
                        "train.max_steps=" + STEPS,
                        "--set",
                        "train.validate_every=200");
        assertEquals(0, code, err.toString());
        Matcher m = BLEU.matcher(out.toString());
        assertTrue(m.find(), out.toString());
        double bleu = Double.parseDouble(m.group(1));
        assertTrue(bleu >= BLEU_FLOOR, "dev BLEU " + bleu + " below the floor\n" + out);
        assertEquals(5, out.toString().split("\n  source  ", -1).length - 1, "5 examples\n" + out);

        List<MetricsRecord> metrics = MetricsLog.read(runDir.resolve(RunDirectory.METRICS));
        List<MetricsRecord> validations =
                metrics.stream().filter(r -> MetricsRecord.VALIDATION.equals(r.event())).toList();
        assertEquals(2, validations.size());
        assertTrue(
                validations.get(1).devLoss() < validations.get(0).devLoss(),
                "dev loss falls: " + validations);
        for (String f :
                List.of(
                        RunDirectory.CONFIG,
                        RunDirectory.LOG,
                        "tokenizer.model",
                        "best/model.params",
                        "last/optimizer.bin")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        byte[] png = Files.readAllBytes(runDir.resolve(RunDirectory.CURVES));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(
                Files.readString(runDir.resolve(RunDirectory.LOG)).contains("validation at step"));
    }
}
