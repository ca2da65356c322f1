package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.train.SentencePieceTrainer;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;

/**
 * {@link TrainedModel}: finding the model, its own decode settings (saved with it, or the built-in
 * ones), translators that use them, translators running at the same time in several threads, and
 * ensembles ({@link TrainedModel#ensemble}).
 */
class TrainedModelTest {
    /** The decode settings saved with the copy model in {@link #run}: 2-best of a beam of 2. */
    private static final DecodeConfig SAVED = new DecodeConfig(2, 1.0, 1.5, 6, 2);

    @TempDir static Path tmp;

    /** A training run directory whose {@code best} is the copy model saved with {@link #SAVED}. */
    private static Path run;

    @BeforeAll
    static void saveWithDecodeSettings() throws IOException {
        run = tmp.resolve("run");
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(CopyModel.directory(), manager, null);
            ModelArtifacts.save(
                    run.resolve("checkpoints/step-00000400"),
                    loaded.model(),
                    loaded.tokenizer(),
                    SAVED,
                    dir -> {});
        }
        Files.createSymbolicLink(run.resolve("best"), Path.of("checkpoints/step-00000400"));
    }

    @Test
    void modelDirectoryWithoutDecodeSettings_getsTheBuiltInDefaults() throws IOException {
        try (TrainedModel model = TrainedModel.open(CopyModel.directory(), Device.cpu())) {
            assertEquals(CopyModel.directory(), model.directory());
            assertEquals(CopyModel.MAX_POSITIONS, model.config().maxPositions());
            assertEquals(new DecodeConfig(4, 0.6, 1.5, 10, 1), model.decodeDefaults());
            assertEquals(Device.cpu(), model.device());
            assertEquals(model.config().sourceVocabSize(), model.tokenizers().source().vocabSize());
        }
    }

    @Test
    void runDirectory_loadsItsBestCheckpoint_withTheRunsDecodeSettings() throws IOException {
        try (TrainedModel model = TrainedModel.open(run, Device.cpu())) {
            assertEquals(run.resolve("best"), model.directory());
            assertEquals(SAVED, model.decodeDefaults());
            Translation t = model.translator().translate(List.of("the cat sat on the mat.")).get(0);
            assertEquals(2, t.alternatives().size(), "nbest 2 from the saved settings");
            assertEquals(2, t.scores().size());
        }
    }

    @Test
    void explicitSettings_overrideTheModelsOwn() throws IOException {
        try (TrainedModel model = TrainedModel.open(run, "best", Device.cpu())) {
            DecodeConfig greedy = model.decodeDefaults().withBeam(1, 1);
            Translation t =
                    model.translator(greedy, TranslatorOptions.DEFAULT)
                            .translate(List.of("the cat sat on the mat."))
                            .get(0);
            assertEquals(1, t.alternatives().size());
        }
    }

    @Test
    void aCheckpointTheRunHasNot_orAMissingDirectory_isModelNotFound_namingIt() {
        ModelNotFoundException last =
                assertThrows(
                        ModelNotFoundException.class,
                        () -> TrainedModel.open(run, "last", Device.cpu()));
        assertTrue(last.getMessage().contains(run.resolve("last").toString()), last.getMessage());
        Path missing = tmp.resolve("no-such-model");
        ModelNotFoundException none =
                assertThrows(
                        ModelNotFoundException.class,
                        () -> TrainedModel.open(missing, Device.cpu()));
        assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());
    }

    @Test
    void translatorsInSeveralThreads_giveTheSameTranslationsAsOneThread() throws Exception {
        List<String> lines = TestTexts.mixed64();
        try (TrainedModel model = TrainedModel.open(CopyModel.directory(), Device.cpu())) {
            DecodeConfig beam2 = model.decodeDefaults().withBeam(2, 1);
            TranslatorOptions small = new TranslatorOptions(300, false);
            List<String> expected = texts(model.translator(beam2, small).translate(lines));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    results.add(
                            pool.submit(
                                    () -> texts(model.translator(beam2, small).translate(lines))));
                }
                for (Future<List<String>> r : results) {
                    assertEquals(expected, r.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void ensembleOfAModelWithItself_translatesAsTheModelAlone_greedyAndBeam() throws IOException {
        List<String> lines = TestTexts.mixed64();
        Path dir = CopyModel.directory();
        try (TrainedModel alone = TrainedModel.open(dir, Device.cpu());
                TrainedModel twice = TrainedModel.ensemble(List.of(dir, dir), null, Device.cpu())) {
            assertEquals(List.of(dir, dir), twice.directories());
            for (int beam : new int[] {1, 3}) {
                DecodeConfig decode = alone.decodeDefaults().withBeam(beam, 1);
                List<Translation> one =
                        alone.translator(decode, TranslatorOptions.DEFAULT).translate(lines);
                List<Translation> two =
                        twice.translator(decode, TranslatorOptions.DEFAULT).translate(lines);
                assertEquals(texts(one), texts(two), "beam " + beam);
                for (int i = 0; i < lines.size(); i++) {
                    // log((p + p) / 2) = log p up to float rounding
                    assertEquals(one.get(i).score(), two.get(i).score(), 1e-4, "line " + i);
                }
            }
        }
    }

    @Test
    void ensembleOfModelsWithAnotherTokenizer_isRefused_inOneLineNamingBoth() throws IOException {
        Path other = tmp.resolve("other-tokenizer");
        Path spm =
                new SentencePieceTrainer()
                        .train(
                                List.of(CopyModel.sentencesFile()),
                                tmp.resolve("other.model"),
                                TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 120, true),
                                1);
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(CopyModel.directory(), manager, null);
            ModelArtifacts.save(other, loaded.model(), TokenizerFiles.joint(spm));
        }
        List<Path> dirs = List.of(CopyModel.directory(), other);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainedModel.ensemble(dirs, null, Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("ensemble models must share their tokenizers"), msg);
        assertTrue(msg.contains(other.toString()), msg);
        assertTrue(msg.contains(CopyModel.directory().toString()), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void describe_usesTheConfigsKeys() {
        assertEquals(
                "beam 2, length_penalty 1.0, max_len_a 1.5, max_len_b 6, nbest 2",
                TrainedModel.describe(SAVED));
    }

    private static List<String> texts(List<Translation> translations) {
        return translations.stream().map(Translation::text).toList();
    }
}
