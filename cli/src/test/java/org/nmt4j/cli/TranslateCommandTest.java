package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.NastyInput;
import picocli.CommandLine;

/**
 * The {@code translate} verb on a tiny copy model trained in the test (see translate's CopyModel):
 * line preservation on a nasty file, exit codes, model errors.
 */
class TranslateCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"));
        return text.isEmpty()
                ? List.of()
                : List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    @Test
    void nastyFile_givesAsManyOutputLinesAsInputLines_inOrder_exitCode0() throws IOException {
        Path input = Files.write(dir.resolve("nasty.txt"), NastyInput.bytes());
        Path output = dir.resolve("out/nasty.es");
        int code =
                run(
                        "translate",
                        "--model",
                        CopyModel.directory().toString(),
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--beam",
                        "2",
                        "--batch-tokens",
                        "500");
        assertEquals(0, code, err.toString());
        List<String> got = lines(output);
        assertEquals(NastyInput.LINES.size(), got.size());
        assertTrue(got.get(0).startsWith("the cat"), got.get(0));
        assertEquals("", got.get(1));
        assertEquals("", got.get(2));
        assertEquals("", got.get(NastyInput.INVALID_LINE - 1));
        assertTrue(got.get(10).startsWith("the bird"), got.get(10));
        String summary = err.toString();
        assertTrue(summary.contains("11 sentences"), summary);
        assertTrue(
                summary.contains("1 invalid UTF-8 line(s) written empty, 1 long line(s) split"),
                summary);
        try (Stream<Path> files = Files.list(output.getParent())) {
            assertEquals(List.of(output), files.toList(), "no temporary file left");
        }
    }

    @Test
    void standardInput_isTranslatedLineByLine_withCrlfAndNoFinalNewline() throws IOException {
        Path output = dir.resolve("stdin.out");
        InputStream saved = System.in;
        try {
            System.setIn(
                    new ByteArrayInputStream(
                            "the cat sat on the mat.\r\n\r\nwe eat fish on friday."
                                    .getBytes(StandardCharsets.UTF_8)));
            int code =
                    run(
                            "translate",
                            "--model",
                            CopyModel.directory().toString(),
                            "--beam",
                            "1",
                            "--output",
                            output.toString());
            assertEquals(0, code, err.toString());
        } finally {
            System.setIn(saved);
        }
        List<String> got = lines(output);
        assertEquals(3, got.size());
        assertTrue(got.get(0).startsWith("the cat"), got.get(0));
        assertEquals("", got.get(1));
        assertTrue(got.get(2).startsWith("we eat"), got.get(2));
    }

    @Test
    void runDirectory_withCheckpointBest_findsTheModel() throws IOException {
        Path runDir = dir.resolve("run");
        copyTree(CopyModel.directory(), runDir.resolve("best"));
        Path input = Files.writeString(dir.resolve("in.txt"), "the cat sat on the mat.\n");
        Path output = dir.resolve("out.txt");
        assertEquals(
                0,
                run(
                        "translate",
                        "--model",
                        runDir.toString(),
                        "--checkpoint",
                        "best",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString()),
                err.toString());
        assertEquals(1, lines(output).size());
        assertEquals(
                2,
                run(
                        "translate",
                        "--model",
                        runDir.toString(),
                        "--checkpoint",
                        "last",
                        "--input",
                        input.toString()));
        assertTrue(err.toString().contains("last"), err.toString());
    }

    @Test
    void runDirectory_translatesWithTheRunsDecodeSettings_unlessFlagsOverrideThem()
            throws IOException {
        Path runDir = dir.resolve("run");
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(CopyModel.directory(), manager, null);
            ModelArtifacts.save(
                    runDir.resolve("best"),
                    loaded.model(),
                    loaded.tokenizer(),
                    new DecodeConfig(2, 0.6, 1.5, 10, 2),
                    d -> {});
        }
        Path input = Files.writeString(dir.resolve("in.txt"), "the cat sat on the mat.\n");
        Path output = dir.resolve("out.txt");
        String[] base = {
            "translate",
            "--model",
            runDir.toString(),
            "--input",
            input.toString(),
            "--output",
            output.toString()
        };
        assertEquals(0, run(base), err.toString());
        assertEquals(2, lines(output).get(0).split("\t").length, "the run's nbest 2");
        for (String[] flag : List.of(new String[] {"--nbest", "1"}, new String[] {"--beam", "1"})) {
            String[] args = java.util.Arrays.copyOf(base, base.length + 2);
            args[base.length] = flag[0];
            args[base.length + 1] = flag[1];
            assertEquals(0, run(args), err.toString());
            assertEquals(1, lines(output).get(0).split("\t").length, flag[0] + " overrides");
        }
    }

    @Test
    void badOrMissingDevice_isAUsageError_exit2_sayingWhatToUse() {
        int code = run("translate", "--model", CopyModel.directory().toString(), "--device", "tpu");
        assertEquals(2, code);
        assertEquals(
                "nmt translate: error: --device tpu: expected auto, cpu, gpu or gpu:N, got 'tpu'",
                err.toString().strip());
        err.getBuffer().setLength(0);
        code = run("translate", "--model", CopyModel.directory().toString(), "--device", "gpu:999");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--device gpu:999: gpu:999 asked for"), err.toString());
        assertTrue(err.toString().contains("use auto or cpu"), err.toString());
    }

    @Test
    void startupLog_namesTheEngineItsCapabilitiesAndTheDevice() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "the cat sat on the mat.\n");
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            assertEquals(
                    0,
                    run(
                            "translate",
                            "--model",
                            CopyModel.directory().toString(),
                            "--device",
                            "cpu",
                            "--input",
                            input.toString(),
                            "--output",
                            dir.resolve("out.txt").toString()),
                    err.toString());
            logged = log.messages();
        }
        String engine =
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion();
        assertTrue(
                logged.stream()
                        .anyMatch(
                                m ->
                                        m.startsWith("device cpu() (asked: cpu); engine " + engine)
                                                && m.contains("capabilities: ")),
                logged.toString());
        assertTrue(
                logged.contains(
                        "search: beam 4, length_penalty 0.6, max_len_a 1.5, max_len_b 10, nbest 1"),
                logged.toString());
    }

    @Test
    void missingModelDirectory_isAUsageError_exit2_namingIt() {
        Path missing = dir.resolve("no-such-model");
        int code = run("translate", "--model", missing.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains(missing.toString()), err.toString());
    }

    @Test
    void corruptedModel_fails_exit1_withOneLineNamingTheFile() throws IOException {
        Path model = dir.resolve("model");
        copyTree(CopyModel.directory(), model);
        Path params = model.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 5] ^= 1;
        Files.write(params, bytes);
        Path input = Files.writeString(dir.resolve("in.txt"), "the cat\n");
        int code = run("translate", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, code);
        String msg = err.toString().strip();
        assertTrue(msg.contains(params.toString()) && msg.contains("corrupted"), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void modelGivenTwice_translatesAsAnEnsemble_lineForLineAsTheModelAlone() throws IOException {
        Path input = Files.write(dir.resolve("in.txt"), NastyInput.bytes());
        String model = CopyModel.directory().toString();
        Path alone = dir.resolve("alone.out");
        Path ensemble = dir.resolve("ensemble.out");
        String[] common = {"--input", input.toString(), "--beam", "2", "--output"};
        assertEquals(0, run(concat(new String[] {"translate", "--model", model}, common, alone)));
        assertEquals(
                0,
                run(
                        concat(
                                new String[] {"translate", "--model", model, "--model", model},
                                common,
                                ensemble)),
                err.toString());
        assertEquals(NastyInput.LINES.size(), lines(ensemble).size());
        assertEquals(lines(alone), lines(ensemble));
    }

    private static String[] concat(String[] head, String[] middle, Path last) {
        String[] all = new String[head.length + middle.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        all[all.length - 1] = last.toString();
        return all;
    }

    @Test
    void nbestLargerThanBeam_isAUsageError_exit2() {
        int code =
                run(
                        "translate",
                        "--model",
                        CopyModel.directory().toString(),
                        "--beam",
                        "2",
                        "--nbest",
                        "3");
        assertEquals(2, code);
        assertTrue(err.toString().contains("nbest"), err.toString());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
