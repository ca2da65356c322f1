package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.translate.CopyModel;
import picocli.CommandLine;

/**
 * The {@code average} verb: picks a run's newest checkpoints, writes a model directory that
 * translation opens, and refuses what it cannot average with a usage error.
 */
class AverageCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A run directory whose checkpoints are copies of the test model at the given steps. */
    private Path runWithCheckpoints(int... steps) throws IOException {
        Path runDir = dir.resolve("run");
        for (int step : steps) {
            copyTree(
                    CopyModel.directory(),
                    runDir.resolve("checkpoints").resolve(String.format("step-%08d", step)));
        }
        Files.createDirectories(runDir.resolve("checkpoints"));
        return runDir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void average_ofTheLastTwoOfThreeCopies_writesTheSameParametersAndPrintsTheDirectory()
            throws IOException {
        Path runDir = runWithCheckpoints(100, 200, 300);
        int code = run("average", "--run", runDir.toString(), "--last", "2");
        assertEquals(0, code, err.toString());
        Path averaged = runDir.resolve("averaged-last2");
        assertEquals(averaged + System.lineSeparator(), out.toString());
        // the mean of equal parameters is those parameters, bit for bit
        assertEquals(parameters(CopyModel.directory()), parameters(averaged));
        assertArrayEquals(
                Files.readAllBytes(CopyModel.directory().resolve("tokenizer.model")),
                Files.readAllBytes(averaged.resolve("tokenizer.model")));
    }

    /** Every parameter's values, as text that compares exactly. */
    private static List<String> parameters(Path modelDir) throws IOException {
        List<String> values = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (Pair<String, Parameter> p :
                    ModelArtifacts.load(modelDir, manager, null).model().getParameters()) {
                values.add(p.getKey() + Arrays.toString(p.getValue().getArray().toFloatArray()));
            }
        }
        return values;
    }

    @Test
    void average_askingForMoreCheckpointsThanTheRunHas_isAUsageErrorThatSaysHowMany()
            throws IOException {
        Path runDir = runWithCheckpoints(100, 200);
        int code = run("average", "--run", runDir.toString(), "--last", "5");
        assertEquals(Nmt.EXIT_USAGE, code);
        assertTrue(err.toString().contains("has 2 checkpoint(s)"), err.toString());
        assertTrue(err.toString().contains("--last 2 or less"), err.toString());
        assertFalse(Files.exists(runDir.resolve("averaged-last5")));
    }

    @Test
    void average_ofARunWithoutCheckpoints_isAUsageError() throws IOException {
        Path runDir = runWithCheckpoints();
        int code = run("average", "--run", runDir.toString());
        assertEquals(Nmt.EXIT_USAGE, code);
        assertTrue(err.toString().contains("has no checkpoint"), err.toString());
    }

    @Test
    void average_intoOneOfItsOwnCheckpoints_isRefused() throws IOException {
        Path runDir = runWithCheckpoints(100, 200);
        Path into = runDir.resolve("checkpoints").resolve("step-00000200");
        int code =
                run(
                        "average",
                        "--run",
                        runDir.toString(),
                        "--last",
                        "2",
                        "--output",
                        into.toString());
        assertEquals(Nmt.EXIT_USAGE, code);
        assertTrue(err.toString().contains("is one of the models to average"), err.toString());
    }
}
