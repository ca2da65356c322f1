package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.TranslationSettings;
import org.nmt4j.translate.TranslatorOptions;
import picocli.CommandLine;

class SparkTranslateTest {
    @TempDir Path tmp;

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = SparkTranslate.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    @Test
    void localRun_writesOneLinePerInputLine_andPrintsTheSummary() throws IOException {
        Path out = tmp.resolve("out");
        Run r =
                run(
                        "--master", "local[1]",
                        "--model", CopyModel.directory().toString(),
                        "--input", CopyModel.sentencesFile().toString(),
                        "--output", out.toString(),
                        "--beam", "1",
                        "--device", "cpu",
                        "--split-bytes", "300");
        assertEquals(0, r.exit(), r.err());
        List<String> sentences = Files.readAllLines(CopyModel.sentencesFile());
        StringBuilder written = new StringBuilder();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                            .sorted()
                            .toList()) {
                written.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        List<String> expected;
        try (ExecutorModels models = new ExecutorModels();
                ExecutorModels.Lease lease = models.lease(CopyModel.directory(), Device.cpu())) {
            DecodeConfig beam1 =
                    new JobSettings(
                                    List.of("m"),
                                    null,
                                    "cpu",
                                    new TranslationSettings(1, null, null, null, null, 4000))
                            .decodeConfig(lease.model().decodeDefaults());
            expected =
                    lease.translator(beam1, TranslatorOptions.DEFAULT).translate(sentences).stream()
                            .map(Translation::text)
                            .toList();
        }
        assertEquals(expected, List.of(written.toString().split("\n", -1)).subList(0, 30));
        assertTrue(written.toString().endsWith("\n"));
        assertTrue(r.err().contains("nmt spark: " + sentences.size() + " sentences, "), r.err());
        assertTrue(r.err().contains("model(s) loaded on 1 executor(s); output in " + out), r.err());
    }

    @Test
    void modelGivenTwice_translatesAsAnEnsemble_lineForLineAsTheModelAlone() throws IOException {
        String model = CopyModel.directory().toString();
        String in = CopyModel.sentencesFile().toString();
        Path alone = tmp.resolve("alone");
        Path ensemble = tmp.resolve("ensemble");
        Run a =
                run(
                        "--master",
                        "local[1]",
                        "--model",
                        model,
                        "--input",
                        in,
                        "--output",
                        "" + alone);
        assertEquals(0, a.exit(), a.err());
        Run e =
                run(
                        "--master", "local[1]",
                        "--model", model,
                        "--model", model,
                        "--input", in,
                        "--output", ensemble.toString());
        assertEquals(0, e.exit(), e.err());
        assertEquals(partFiles(alone), partFiles(ensemble));
        assertEquals(30, partFiles(ensemble).split("\n", -1).length - 1);
    }

    private static String partFiles(Path out) throws IOException {
        StringBuilder written = new StringBuilder();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                            .sorted()
                            .toList()) {
                written.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return written.toString();
    }

    @Test
    void existingOutput_isAUsageError_andIsLeftAlone() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Run r =
                run(
                        "--master", "local[1]",
                        "--model", CopyModel.directory().toString(),
                        "--input", CopyModel.sentencesFile().toString(),
                        "--output", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("already exists"), r.err());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void badOptions_areUsageErrors_beforeSparkStarts() {
        String model = CopyModel.directory().toString();
        String in = CopyModel.sentencesFile().toString();
        String out = tmp.resolve("o").toString();
        Run device =
                run(
                        "--master",
                        "local[1]",
                        "--model",
                        model,
                        "--input",
                        in,
                        "--output",
                        out,
                        "--device",
                        "tpu");
        assertEquals(2, device.exit());
        assertTrue(
                device.err().contains("--device: expected auto, cpu, gpu or gpu:N, got 'tpu'"),
                device.err());
        Run nbest =
                run(
                        "--master",
                        "local[1]",
                        "--model",
                        model,
                        "--input",
                        in,
                        "--output",
                        out,
                        "--beam",
                        "2",
                        "--nbest",
                        "3");
        assertEquals(2, nbest.exit());
        assertTrue(nbest.err().contains("nbest must be between 1 and beam (2)"), nbest.err());
        Run noMaster = run("--model", model, "--input", in, "--output", out);
        assertEquals(2, noMaster.exit());
        assertTrue(noMaster.err().contains("no Spark master"), noMaster.err());
        Run notAModel =
                run(
                        "--master",
                        "local[1]",
                        "--model",
                        tmp.toString(),
                        "--input",
                        in,
                        "--output",
                        out);
        assertEquals(2, notAModel.exit());
        assertTrue(notAModel.err().contains("has no model.json"), notAModel.err());
        assertEquals(2, run("--model", model).exit(), "--input and --output are required");
    }
}
