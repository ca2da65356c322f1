package org.nmt4j.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.train.precision.Precision;

class ConfigLoaderTest {
    @TempDir Path tmp;

    private ExperimentConfig read(String yaml, String... sets) throws IOException {
        return ConfigLoader.read(ConfigFixtures.write(tmp, yaml), List.of(sets));
    }

    /** Reads, expects a ConfigException, checks it is one line naming the file and the key. */
    private ConfigException failure(String yaml, String keyPath, String... sets)
            throws IOException {
        Path file = ConfigFixtures.write(tmp, yaml);
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigLoader.read(file, List.of(sets)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(keyPath, e.keyPath(), e.getMessage());
        if (keyPath != null) {
            assertTrue(e.getMessage().contains(keyPath + ": "), e.getMessage());
        }
        return e;
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), "expected <" + expected + "> in: " + actual);
    }

    @Test
    void validFile_bindsEverySectionIntoItsRecord() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID);
        assertEquals(7L, c.seed());
        assertEquals("cpu", c.device());
        assertEquals(DataConfig.Format.TSV, c.data().format());
        assertEquals(1500, c.data().batchTokens());
        assertEquals(TokenizerConfig.Type.UNIGRAM, c.tokenizer().type());
        assertEquals(ModelConfig.NormPlacement.POST, c.model().norm());
        assertEquals(ModelConfig.Positions.SINUSOIDAL, c.model().positions());
        assertEquals(ModelConfig.Tying.ALL, c.model().tying());
        assertEquals(ModelConfig.Activation.RELU, c.model().activation());
        assertEquals(0.0005, c.train().lr());
        assertNull(c.train().lrScale());
        assertEquals(1e-9, c.train().adamEps());
        assertEquals(4, c.decode().beam());
        assertEquals(0.6, c.decode().lengthPenalty());
    }

    @Test
    void vocabularySizes_comeFromTokenizerUnlessGiven() throws IOException {
        ExperimentConfig filled = read(ConfigFixtures.VALID);
        assertEquals(1000, filled.model().sourceVocabSize());
        assertEquals(1000, filled.model().targetVocabSize());
        ExperimentConfig given =
                read(
                        ConfigFixtures.replace(
                                        "  tying: all", "  tying: none\n  source_vocab_size: 900")
                                .replace("  heads: 4", "  heads: 4\n  target_vocab_size: 800"));
        assertEquals(900, given.model().sourceVocabSize());
        assertEquals(800, given.model().targetVocabSize());
    }

    @Test
    void withVocabularySizes_replacesOnlyTheModelsVocabularies() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID);
        ExperimentConfig resized = c.withVocabularySizes(937, 937);
        assertEquals(937, resized.model().sourceVocabSize());
        assertEquals(937, resized.model().targetVocabSize());
        assertEquals(c.model().modelSize(), resized.model().modelSize());
        assertEquals(c.train(), resized.train());
        assertEquals(c.data(), resized.data());
    }

    @Test
    void relativePathsInFile_resolveAgainstTheYamlDirectory() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID);
        Path configs = tmp.resolve("configs").toAbsolutePath();
        assertEquals(configs.resolve("corpus/train.tsv"), c.data().train());
        assertEquals(configs.resolve("runs/test"), c.runDir());
        ExperimentConfig up =
                read(ConfigFixtures.replace("train: corpus/train.tsv", "train: ../x.tsv"));
        assertEquals(tmp.toAbsolutePath().resolve("x.tsv"), up.data().train());
    }

    @Test
    void relativePathsFromSet_resolveAgainstTheWorkingDirectory() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID, "data.dev=elsewhere/dev.tsv");
        assertEquals(Path.of("elsewhere/dev.tsv").toAbsolutePath(), c.data().dev());
        assertEquals(tmp.resolve("configs/corpus/train.tsv").toAbsolutePath(), c.data().train());
    }

    @Test
    void unknownKey_isAnErrorListingTheValidKeys() throws IOException {
        ConfigException e =
                failure(
                        ConfigFixtures.replace("  beam: 4", "  beam: 4\n  colour: blue"),
                        "decode.colour");
        assertContains("unknown key 'colour'", e.getMessage());
        assertContains(
                "valid keys: beam, length_penalty, max_len_a, max_len_b, nbest", e.getMessage());
    }

    @Test
    void misspeltKey_suggestsTheClosestValidKey() throws IOException {
        ConfigException e =
                failure(
                        ConfigFixtures.replace("warmup_steps: 4000", "warmup_step: 4000"),
                        "train.warmup_step");
        assertContains("did you mean 'warmup_steps'?", e.getMessage());
        ConfigException section = failure(ConfigFixtures.replace("train:\n", "trian:\n"), "trian");
        assertContains("did you mean 'train'?", section.getMessage());
    }

    @Test
    void quotedNumber_isNotAnInteger() throws IOException {
        ConfigException e =
                failure(
                        ConfigFixtures.replace("warmup_steps: 4000", "warmup_steps: '4000'"),
                        "train.warmup_steps");
        assertContains("expected an integer, got the string \"4000\"", e.getMessage());
    }

    @Test
    void fraction_isNotAnInteger_andNumber_isNotAString() throws IOException {
        ConfigException fraction =
                failure(
                        ConfigFixtures.replace("warmup_steps: 4000", "warmup_steps: 4000.5"),
                        "train.warmup_steps");
        assertContains("expected an integer, got the number 4000.5", fraction.getMessage());
        ConfigException string =
                failure(
                        ConfigFixtures.replace("source_lang: en", "source_lang: 3"),
                        "data.source_lang");
        assertContains("expected a string, got the integer 3", string.getMessage());
        ConfigException bool =
                failure(ConfigFixtures.replace("joint: true", "joint: 1"), "tokenizer.joint");
        assertContains("expected true or false", bool.getMessage());
    }

    @Test
    void badEnumValue_listsTheValuesAndSuggestsTheClosest() throws IOException {
        ConfigException e =
                failure(ConfigFixtures.replace("norm: post", "norm: psot"), "model.norm");
        assertContains("expected one of pre, post", e.getMessage());
        assertContains("did you mean 'post'?", e.getMessage());
    }

    @Test
    void outOfRangeValue_namesTheKeyAndTheRange() throws IOException {
        ConfigException smoothing =
                failure(
                        ConfigFixtures.replace("label_smoothing: 0.1", "label_smoothing: 1.5"),
                        "train.label_smoothing");
        assertContains("label_smoothing must be in [0.0, 1.0), got 1.5", smoothing.getMessage());
        ConfigException heads =
                failure(ConfigFixtures.replace("heads: 4", "heads: 3"), "model.model_size");
        assertContains("must be divisible by heads", heads.getMessage());
        ConfigException data =
                failure(
                        ConfigFixtures.replace("max_tokens: 64", "max_tokens: 0"),
                        "data.max_tokens");
        assertContains("max_tokens must be >= 1", data.getMessage());
        ConfigException device =
                failure(ConfigFixtures.replace("device: cpu", "device: tpu"), "device");
        assertContains("device must be auto, cpu, gpu or gpu:N", device.getMessage());
    }

    @Test
    void missingRequiredKeyOrSection_isNamed() throws IOException {
        ConfigException key =
                failure(ConfigFixtures.replace("  patience: 5\n", ""), "train.patience");
        assertContains("missing key; expected an integer", key.getMessage());
        String noDecode =
                ConfigFixtures.VALID.substring(0, ConfigFixtures.VALID.indexOf("decode:"));
        ConfigException section = failure(noDecode, "decode");
        assertContains("decode is required", section.getMessage());
    }

    @Test
    void precision_defaultsToFp32_acceptsFp16_andRefusesBf16SayingWhy() throws IOException {
        assertEquals(Precision.FP32, read(ConfigFixtures.VALID).train().precision());
        assertEquals(
                Precision.FP16,
                read(ConfigFixtures.VALID, "train.precision=fp16").train().precision());
        ConfigException bf16 =
                failure(ConfigFixtures.VALID, "train.precision", "train.precision=bf16");
        assertContains(
                "precision bf16 is not supported: DJL 0.35.1's PyTorch engine aborts the JVM on"
                        + " bfloat16 arrays",
                bf16.getMessage());
        ConfigException typo =
                failure(ConfigFixtures.VALID, "train.precision", "train.precision=fp8");
        assertContains("fp32", typo.getMessage());
    }

    @Test
    void lrAndLrScaleTogether_isAnError() throws IOException {
        ConfigException e =
                failure(
                        ConfigFixtures.replace("lr: 0.0005", "lr: 0.0005\n  lr_scale: 1.0"),
                        "train.lr");
        assertContains("give exactly one of them", e.getMessage());
    }

    @Test
    void setOverride_replacesAValue_typeCheckedLikeTheFile() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID, "train.lr=0.001", "train.warmup_steps=100");
        assertEquals(0.001, c.train().lr());
        assertEquals(100, c.train().warmupSteps());
        ConfigException e =
                failure(ConfigFixtures.VALID, "train.warmup_steps", "train.warmup_steps=abc");
        assertContains("expected an integer, got the string \"abc\"", e.getMessage());
        assertContains("(from --set train.warmup_steps=abc)", e.getMessage());
        ConfigException quoted =
                failure(ConfigFixtures.VALID, "train.warmup_steps", "train.warmup_steps='100'");
        assertContains("got the string \"100\"", quoted.getMessage());
    }

    @Test
    void setOverride_canUnsetAnOptionalKeyAndAddAMissingOne() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID, "train.lr=null", "train.lr_scale=2.0");
        assertNull(c.train().lr());
        assertEquals(2.0, c.train().lrScale());
    }

    @Test
    void setOverride_misspeltOrMalformed_isAnError() throws IOException {
        ConfigException typo = failure(ConfigFixtures.VALID, "train.warmup", "train.warmup=10");
        assertContains("did you mean 'warmup_steps'?", typo.getMessage());
        ConfigException noEquals = failure(ConfigFixtures.VALID, null, "train.lr");
        assertContains("expected key.path=value", noEquals.getMessage());
        ConfigException throughScalar = failure(ConfigFixtures.VALID, "seed", "seed.x=1");
        assertContains("not a section", throughScalar.getMessage());
    }

    @Test
    void missingInputFile_isReportedByLoad_butNotByRead() throws IOException {
        Path yaml = ConfigFixtures.write(tmp, ConfigFixtures.VALID);
        ConfigLoader.read(yaml, List.of());
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml, List.of()));
        assertEquals("data.train", e.keyPath());
        assertContains(
                "file not found: " + tmp.resolve("configs/corpus/train.tsv").toAbsolutePath(),
                e.getMessage());
        Files.createDirectories(tmp.resolve("configs/corpus"));
        Files.writeString(tmp.resolve("configs/corpus/train.tsv"), "a\tb\n");
        ConfigException dev =
                assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml, List.of()));
        assertEquals("data.dev", dev.keyPath());
        Files.writeString(tmp.resolve("configs/corpus/dev.tsv"), "a\tb\n");
        assertEquals(7L, ConfigLoader.load(yaml, List.of()).seed());
        Path absent = tmp.resolve("absent.model");
        ConfigException model =
                assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(yaml, List.of("tokenizer.model=" + absent)));
        assertEquals("tokenizer.model", model.keyPath());
        assertContains("file not found: " + absent, model.getMessage());
    }

    @Test
    void missingOrBrokenConfigFile_isReported() throws IOException {
        Path absent = tmp.resolve("nope.yaml");
        ConfigException missing =
                assertThrows(ConfigException.class, () -> ConfigLoader.read(absent, List.of()));
        assertContains(absent + ": config file not found", missing.getMessage());
        ConfigException syntax = failure("seed: 1\ndata: [unclosed\n", null);
        assertContains("not valid YAML", syntax.getMessage());
        assertContains("line ", syntax.getMessage());
        ConfigException duplicate = failure(ConfigFixtures.VALID + "seed: 8\n", null);
        assertContains("Duplicate field 'seed'", duplicate.getMessage());
        ConfigException empty = failure("", null);
        assertContains("empty", empty.getMessage());
    }

    @Test
    void device_resolvesOnThisEngine_andAMissingGpuIsAOneLineErrorNamingTheKey()
            throws IOException {
        Path file = ConfigFixtures.write(tmp, ConfigFixtures.VALID);
        ExperimentConfig cpu = ConfigLoader.read(file, List.of());
        assertEquals(ai.djl.Device.cpu(), ConfigLoader.device(cpu, file));
        ExperimentConfig gpu = ConfigLoader.read(file, List.of("device=gpu:999"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigLoader.device(gpu, file));
        assertEquals("device", e.keyPath());
        assertTrue(e.getMessage().startsWith(file + ": device: gpu:999 asked for"), e.getMessage());
        assertTrue(e.getMessage().contains("use auto or cpu"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void writtenConfig_loadsBackEqual() throws IOException {
        ExperimentConfig c = read(ConfigFixtures.VALID, "train.lr=null", "train.lr_scale=1.0");
        Path out = tmp.resolve("run/config.yaml");
        ConfigLoader.write(c, out);
        String text = Files.readString(out);
        assertContains("norm: post", text);
        assertContains("warmup_steps: 4000", text);
        assertEquals(c, ConfigLoader.read(out, List.of()));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }
}
