package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code train} verb refuses bad configs and bad command lines before training anything: one
 * line on standard error naming the key (or option) and what was expected, exit code 2.
 */
class TrainCommandTest {
    /** Surefire runs in the module directory; the configs are one level up. */
    private static final Path DEMO = Path.of("..", "configs", "demo.yaml");

    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int train(String... sets) {
        List<String> args = new ArrayList<>(List.of("train", "--no-progress", "--config"));
        args.add(DEMO.toString());
        args.add("--set");
        args.add("run_dir=" + tmp.resolve("run"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return run(args.toArray(new String[0]));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("train.learning_rate=0.001", List.of("train.learning_rate", "lr")),
                Arguments.of("train.warmup_steps=many", List.of("train.warmup_steps", "integer")),
                Arguments.of("train.label_smoothing=1.5", List.of("label_smoothing", "[0.0, 1.0)")),
                Arguments.of("model.heads=3", List.of("model", "heads")),
                Arguments.of("data.train=/no/such/train.tsv", List.of("data.train", "not found")),
                Arguments.of("device=tpu", List.of("device", "auto, cpu, gpu or gpu:N")),
                Arguments.of("device=gpu:3", List.of("device", "GPU")),
                Arguments.of(
                        "model.max_positions=16",
                        List.of("model.max_positions", "data.max_tokens")),
                Arguments.of("train.lr", List.of("--set", "train.lr")));
    }

    @ParameterizedTest(name = "--set {0}")
    @MethodSource("badSettings")
    void badSetting_isAOneLineErrorNamingTheKey_withExitCode2(String set, List<String> words) {
        int code = train(set);
        String message = err.toString();
        assertEquals(2, code, message);
        assertTrue(message.startsWith("nmt train: error: "), message);
        assertEquals(1, message.strip().lines().count(), message);
        for (String w : words) {
            assertTrue(message.contains(w), "'" + w + "' in " + message);
        }
        assertTrue(!Files.exists(tmp.resolve("run")), "nothing written: " + message);
    }

    @Test
    void missingConfigFile_isAUsageError() {
        int code = run("train", "--config", tmp.resolve("nope.yaml").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("nope.yaml"), err.toString());
    }

    @Test
    void deviceOption_overridesTheConfigsDevice_withTheSameChecks() {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--no-progress",
                                "--config",
                                DEMO.toString(),
                                "--set",
                                "run_dir=" + tmp.resolve("run"),
                                "--device"));
        args.add("gpu:999");
        assertEquals(2, run(args.toArray(new String[0])), err.toString());
        String message = err.toString().strip();
        assertTrue(message.startsWith("nmt train: error: "), message);
        assertTrue(message.contains("device: gpu:999 asked for"), message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(!Files.exists(tmp.resolve("run")), "nothing written: " + message);
    }

    @Test
    void configAndResume_areExclusive_andOneIsRequired() {
        assertEquals(2, run("train"), err.toString());
        assertTrue(err.toString().contains("give either --config FILE"), err.toString());
        assertEquals(2, run("train", "--config", DEMO.toString(), "--resume", tmp.toString()));
        assertTrue(err.toString().contains("not both"), err.toString());
    }

    @Test
    void resume_ofADirectoryThatIsNoRun_isAUsageError() {
        assertEquals(2, run("train", "--resume", tmp.toString()), err.toString());
        assertTrue(err.toString().contains("is not a run directory"), err.toString());
    }

    @Test
    void resume_mayNotChangeTheModel() throws IOException {
        Files.copy(DEMO, tmp.resolve("config.yaml"));
        int code = run("train", "--resume", tmp.toString(), "--set", "model.heads=8");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("model.heads"), err.toString());
        assertTrue(err.toString().contains("only train.*, decode.* and device"), err.toString());
    }

    @Test
    void newRun_inTheDirectoryOfAnotherRun_isAUsageErrorThatSaysHowToResume() throws IOException {
        Path runDir = Files.createDirectories(tmp.resolve("run"));
        Files.copy(DEMO, runDir.resolve("config.yaml"));
        assertEquals(2, train(), err.toString());
        assertTrue(err.toString().contains("--resume " + runDir.toAbsolutePath()), err.toString());
    }
}
