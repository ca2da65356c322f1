package org.nmt4j.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.download.DownloadSpec;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.text.SpecialTokens;
import org.nmt4j.train.schedule.InverseSqrtSchedule;

/** The YAML files in {@code configs/} load and say what the project promises. */
class ShippedConfigsTest {
    /** Surefire runs in the module directory; the configs are one level up. */
    private static final Path CONFIGS = Path.of("..", "configs");

    @TempDir Path tmp;

    private static ExperimentConfig read(String name) {
        return ConfigLoader.read(CONFIGS.resolve(name), List.of());
    }

    private static List<Path> shippedConfigs() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONFIGS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "configs found: " + files);
        return files;
    }

    @Test
    void everyShippedConfig_loads_andWritesBackToAnEqualConfig() throws IOException {
        for (Path file : shippedConfigs()) {
            ExperimentConfig c = ConfigLoader.read(file, List.of());
            Path out = tmp.resolve(file.getFileName());
            ConfigLoader.write(c, out);
            assertEquals(c, ConfigLoader.read(out, List.of()), file.toString());
        }
    }

    @Test
    void everyShippedConfig_readsOnlyFilesOfTheClone_orOnesItDownloads() throws IOException {
        Path clone = CONFIGS.toAbsolutePath().normalize().getParent();
        for (Path file : shippedConfigs()) {
            ExperimentConfig c = ConfigLoader.read(file, List.of());
            for (InputFiles.Input input : InputFiles.of(c)) {
                Path path = input.file();
                String where = file.getFileName() + " " + input.keyPath() + " " + path;
                assertTrue(path.startsWith(clone), where + " is outside the clone " + clone);
                boolean downloaded =
                        input.keyPath().equals("data.train")
                                && c.data().download() != null
                                && path.endsWith(
                                        DownloadSpec.named(c.data().download())
                                                .orElseThrow()
                                                .entry());
                assertTrue(
                        downloaded || Files.isRegularFile(path),
                        where + " is neither shipped nor downloaded by data.download");
            }
        }
    }

    @Test
    void spaEngConfigs_downloadTheCorpus_andSplitAbout2000DevAnd2000TestSourcesOffIt() {
        for (String name : List.of("spa-eng-cpu.yaml", "spa-eng-gpu.yaml", "spa-eng-peer.yaml")) {
            DataConfig d = read(name).data();
            assertEquals("spa-eng", d.download(), name);
            assertEquals(DataConfig.Format.ANKI, d.format(), name);
            assertEquals(
                    CONFIGS.resolve("../data-cache/spa-eng/spa.txt").toAbsolutePath().normalize(),
                    d.train(),
                    name);
            assertTrue(d.splitsTrain(), name);
            // ../shared/data/spa-eng/README.md: its split of spa.txt has 96,904 + 2,000 + 2,000
            // English sources; the split here is by share of sources, in expectation
            long sources = 100_904;
            assertEquals(2_000, d.devFraction() * sources, 100, name);
            assertEquals(2_000, d.testFraction() * sources, 100, name);
        }
    }

    @Test
    void demo_isTheTinyModelOnTheShippedCorpus_whoseFilesExist() {
        ExperimentConfig c = ConfigLoader.load(CONFIGS.resolve("demo.yaml"), List.of());
        assertEquals(
                CONFIGS.resolve("../corpus/demo-en-es/train.tsv").toAbsolutePath().normalize(),
                c.data().train());
        ModelConfig m = c.model();
        assertEquals(
                List.of(128, 4, 256, 2, 2),
                List.of(
                        m.modelSize(),
                        m.heads(),
                        m.ffnSize(),
                        m.encoderLayers(),
                        m.decoderLayers()));
        assertEquals(1000, m.sourceVocabSize());
        assertEquals(1500, c.data().batchTokens());
        assertEquals(0.1f, m.dropout());
        assertTrue(c.tokenizer().joint());
    }

    @Test
    void spaEngPeer_isThePeersModelAndTraining() {
        ExperimentConfig c = read("spa-eng-peer.yaml");
        ModelConfig m = c.model();
        assertEquals(
                List.of(256, 4, 1024, 3, 3),
                List.of(
                        m.modelSize(),
                        m.heads(),
                        m.ffnSize(),
                        m.encoderLayers(),
                        m.decoderLayers()));
        assertEquals(List.of(8000, 8000), List.of(m.sourceVocabSize(), m.targetVocabSize()));
        assertEquals(ModelConfig.NormPlacement.POST, m.norm());
        assertEquals(ModelConfig.Positions.SINUSOIDAL, m.positions());
        assertEquals(ModelConfig.Tying.ALL, m.tying());
        assertEquals(0.1f, m.dropout());
        DataConfig d = c.data();
        assertEquals(4096, d.batchTokens());
        assertEquals(64, d.maxTokens());
        assertEquals(
                Path.of("..", "data-cache", "spa-eng", "spa.txt"),
                CONFIGS.toAbsolutePath().normalize().relativize(d.train()));
        assertEquals(8000, c.tokenizer().vocabSize());
        assertTrue(c.tokenizer().joint());
        TrainConfig t = c.train();
        assertEquals(0.1, t.labelSmoothing());
        assertEquals(List.of(0.9, 0.98, 1e-9), List.of(t.adamBeta1(), t.adamBeta2(), t.adamEps()));
        assertNull(t.lr());
        InverseSqrtSchedule s = InverseSqrtSchedule.from(t, m.modelSize());
        assertEquals(Math.pow(256, -0.5) * Math.pow(4000, -0.5), s.peakLearningRate(), 1e-15);
        assertEquals(0.0, t.clipNorm());
        assertEquals("cpu", c.device());
    }

    @Test
    void spaEngCpu_isThePeersModelAndDataWithTheSixtyMinuteSchedule() {
        ExperimentConfig cpu = read("spa-eng-cpu.yaml");
        ExperimentConfig peer = read("spa-eng-peer.yaml");
        assertEquals(peer.model(), cpu.model());
        assertEquals(peer.data(), cpu.data());
        assertEquals(peer.tokenizer(), cpu.tokenizer());
        assertEquals(peer.decode(), cpu.decode());
        TrainConfig t = cpu.train();
        assertEquals(1.5e-3, t.lr());
        assertEquals(800, t.warmupSteps());
        assertEquals(1.0, t.clipNorm());
        assertEquals(60.0, t.maxMinutes());
        assertEquals(peer.train().labelSmoothing(), t.labelSmoothing());
        assertTrue(t.keepLast() >= 6, "./nmt average --last 6 needs 6 checkpoints kept");
        assertFalse(cpu.runDir().equals(peer.runDir()));
    }

    @Test
    void spaEngCpu_buildsAModelWithThePeersParameterCount() {
        ExperimentConfig c = read("spa-eng-cpu.yaml");
        try (NDManager m = NDManager.newBaseManager()) {
            Seq2SeqTransformer model = new Seq2SeqTransformer(c.model(), SpecialTokens.DEFAULT);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            long count = 0;
            for (Pair<String, Parameter> p : model.getParameters()) {
                count += p.getValue().getArray().size();
            }
            // the plain-PyTorch reference's count (bench/reference/check.py)
            assertEquals(7_577_600L, count);
        }
    }

    @Test
    void spaEngGpu_isTransformerBaseOnAGpu() {
        ExperimentConfig c = read("spa-eng-gpu.yaml");
        ModelConfig m = c.model();
        assertEquals(
                List.of(512, 8, 2048, 6, 6),
                List.of(
                        m.modelSize(),
                        m.heads(),
                        m.ffnSize(),
                        m.encoderLayers(),
                        m.decoderLayers()));
        assertTrue(c.data().batchTokens() > read("spa-eng-cpu.yaml").data().batchTokens());
        assertEquals("gpu", c.device());
        assertFalse(c.runDir().equals(read("spa-eng-cpu.yaml").runDir()));
    }
}
