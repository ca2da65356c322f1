package org.nmt4j.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.text.SpecialTokens;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.LossScaler;

class CheckpointerTest {
    @TempDir Path tmp;
    private NDManager manager;
    private TokenizerFiles tokenizer;
    private Seq2SeqTransformer model;
    private AdamW adam;

    private static final ModelConfig CONFIG =
            new ModelConfig(
                    16,
                    16,
                    8,
                    2,
                    16,
                    1,
                    1,
                    0f,
                    0f,
                    ModelConfig.NormPlacement.POST,
                    ModelConfig.Positions.SINUSOIDAL,
                    32,
                    ModelConfig.Tying.ALL,
                    ModelConfig.Activation.RELU);

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager();
        tokenizer =
                TokenizerFiles.joint(Files.write(tmp.resolve("spm.model"), new byte[] {7, 7, 7}));
        Engine.getInstance().setRandomSeed(3);
        model = new Seq2SeqTransformer(CONFIG, SpecialTokens.DEFAULT);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        adam = new AdamW(0.9, 0.98, 1e-9, 0);
        takeOneStep(model.getParameters(), adam);
    }

    @AfterEach
    void tearDown() {
        adam.close();
        manager.close();
    }

    /** Gives every parameter the gradient 1 (of sum(w)) and lets Adam take one step. */
    private static void takeOneStep(ParameterList params, AdamW optimizer) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (Pair<String, Parameter> p : params) {
                NDArray s = p.getValue().getArray().sum();
                total = total == null ? s : total.add(s);
            }
            gc.backward(total);
        }
        optimizer.step(params, 0.01);
    }

    private static TrainingState state(long step, Double best) {
        return new TrainingState(step, 1, 17, 42, best, best == null ? 0 : step, 0, 12.5, 9000);
    }

    private CheckpointContents contents(long step, Double best) {
        return new CheckpointContents(model, tokenizer, adam, state(step, best));
    }

    private static List<float[]> values(ParameterList params) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void save_writesAModelDirectoryWithOptimizerAndState_thatOpenVerifies() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 3);
        Path dir = c.save(contents(10, 21.5), true);
        assertEquals(tmp.resolve("run/checkpoints/step-00000010").toAbsolutePath(), dir);
        for (String f :
                List.of(
                        "model.json",
                        "model.params",
                        "tokenizer.model",
                        "optimizer.bin",
                        "state.json",
                        "manifest.sha256")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String manifest = Files.readString(dir.resolve("manifest.sha256"));
        assertTrue(
                manifest.contains("  optimizer.bin\n") && manifest.contains("  state.json\n"),
                manifest);
        assertEquals(dir, c.last().toRealPath());
        assertEquals(dir, c.best().toRealPath());
        Checkpoint opened = Checkpointer.openLast(tmp.resolve("run"));
        assertEquals(state(10, 21.5), opened.state());
        assertTrue(Files.readString(dir.resolve("state.json")).contains("\"batch_in_epoch\" : 17"));
    }

    @Test
    void bestLink_isAModelDirectoryThatModelArtifactsLoads() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 1);
        c.save(contents(5, 30.0), true);
        LoadedModel loaded = ModelArtifacts.load(c.best(), manager, null);
        assertEquals(CONFIG, loaded.config());
        assertArrayEquals(new byte[] {7, 7, 7}, Files.readAllBytes(loaded.tokenizer().source()));
        assertEquals(
                values(model.getParameters()).size(),
                values(loaded.model().getParameters()).size());
    }

    @Test
    void checkpoint_carriesTheRunsDecodeSettings_soTranslationUsesThem() throws IOException {
        DecodeConfig runDecode = new DecodeConfig(5, 0.8, 1.2, 3, 2);
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        c.save(new CheckpointContents(model, tokenizer, adam, state(5, 30.0), runDecode), true);
        assertEquals(runDecode, ModelArtifacts.load(c.best(), manager, null).decode());
        DecodeConfig resumedWithAnotherBeam = runDecode.withBeam(8, 1);
        c.save(
                new CheckpointContents(
                        model, tokenizer, adam, state(6, 20.0), resumedWithAnotherBeam),
                false);
        assertEquals(resumedWithAnotherBeam, ModelArtifacts.load(c.last(), manager, null).decode());
        assertEquals(runDecode, ModelArtifacts.load(c.best(), manager, null).decode());
        Checkpointer.open(c.last());
    }

    @Test
    void loadModelAndOptimizer_restoreExactlyWhatWasSaved_andTrainOnIdentically()
            throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        c.save(contents(1, null), false);
        Checkpoint cp = Checkpointer.openLast(tmp.resolve("run"));
        try (AdamW restored = new AdamW(0.9, 0.98, 1e-9, 0)) {
            Seq2SeqTransformer again = cp.loadModel(manager, null).model();
            cp.loadOptimizer(restored, again.getParameters());
            assertEquals(1, restored.steps());
            List<float[]> a = values(model.getParameters());
            List<float[]> b = values(again.getParameters());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
            }
            takeOneStep(model.getParameters(), adam);
            takeOneStep(again.getParameters(), restored);
            a = values(model.getParameters());
            b = values(again.getParameters());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), "parameter " + i + " after one more step");
            }
        }
    }

    @Test
    void keepsTheLastKAndTheBest() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        for (long step = 1; step <= 5; step++) {
            c.save(contents(step, null), step == 2);
        }
        List<String> names =
                c.listCheckpoints().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("step-00000002", "step-00000004", "step-00000005"), names);
        assertEquals("step-00000002", c.best().toRealPath().getFileName().toString());
        assertEquals("step-00000005", c.last().toRealPath().getFileName().toString());
    }

    @Test
    void savingTheSameStepAgain_replacesIt() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        c.save(contents(7, null), false);
        c.save(contents(7, 12.0), true);
        assertEquals(1, c.listCheckpoints().size());
        assertEquals(12.0, Checkpointer.open(c.best()).state().bestMetric());
        try (Stream<Path> s = Files.list(tmp.resolve("run/checkpoints"))) {
            assertEquals(1, s.count(), "no temporary or old directory left");
        }
    }

    @Test
    void corruptedFile_isDetected_namingTheFile() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        Path dir = c.save(contents(3, null), false);
        try (RandomAccessFile f =
                new RandomAccessFile(dir.resolve("optimizer.bin").toFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0xFF);
        }
        CheckpointException e =
                assertThrows(
                        CheckpointException.class, () -> Checkpointer.openLast(tmp.resolve("run")));
        assertTrue(
                e.getMessage().contains("optimizer.bin") && e.getMessage().contains("corrupted"),
                e.getMessage());
    }

    @Test
    void incompleteCheckpoint_isDetected_namingTheMissingFile() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        Path dir = c.save(contents(3, null), false);
        Files.delete(dir.resolve("state.json"));
        CheckpointException missing =
                assertThrows(CheckpointException.class, () -> Checkpointer.open(dir));
        assertTrue(
                missing.getMessage().contains("state.json")
                        && missing.getMessage().contains("missing"),
                missing.getMessage());
        Files.delete(dir.resolve("manifest.sha256"));
        CheckpointException noManifest =
                assertThrows(CheckpointException.class, () -> Checkpointer.open(dir));
        assertTrue(
                noManifest.getMessage().contains("manifest.sha256")
                        && noManifest.getMessage().contains("incomplete"),
                noManifest.getMessage());
    }

    @Test
    void plainModelDirectory_isNotATrainingCheckpoint() throws IOException {
        Path exported = tmp.resolve("exported");
        ModelArtifacts.save(exported, model, tokenizer);
        CheckpointException e =
                assertThrows(CheckpointException.class, () -> Checkpointer.open(exported));
        assertTrue(e.getMessage().contains("lists no optimizer.bin"), e.getMessage());
    }

    @Test
    void failedSave_leavesPreviousCheckpointAndLinksIntact() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        Path first = c.save(contents(1, 5.0), true);
        TokenizerFiles gone = TokenizerFiles.joint(tmp.resolve("deleted.model"));
        assertThrows(
                IOException.class,
                () -> c.save(new CheckpointContents(model, gone, adam, state(2, 6.0)), true));
        assertEquals(first, c.last().toRealPath());
        assertEquals(first, c.best().toRealPath());
        try (Stream<Path> s = Files.list(tmp.resolve("run/checkpoints"))) {
            assertEquals(List.of(first), s.toList());
        }
        Checkpointer.openLast(tmp.resolve("run"));
    }

    @Test
    void leftoversOfAKilledSave_areRemovedByTheNextCheckpointer() throws IOException {
        Path leftover =
                Files.createDirectories(tmp.resolve("run/checkpoints/.step-00000009.tmp-1234"));
        Files.writeString(leftover.resolve("model.params"), "half");
        new Checkpointer(tmp.resolve("run"), 2);
        assertFalse(Files.exists(leftover));
    }

    @Test
    void runWithoutCheckpoint_cannotBeResumed() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        CheckpointException e =
                assertThrows(
                        CheckpointException.class,
                        () -> Checkpointer.openLast(tmp.resolve("empty")));
        assertTrue(e.getMessage().startsWith("no checkpoint to resume from"), e.getMessage());
    }

    @Test
    void lossScaler_isSavedInFp16Checkpoints_andRestored_whileFp32CheckpointsHaveNone()
            throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("run"), 2);
        LossScaler scaler = new LossScaler(128, 4, 1e-4);
        scaler.overflow();
        scaler.overflow();
        scaler.clean();
        Path fp16 =
                c.save(
                        new CheckpointContents(
                                model, tokenizer, adam, state(1, null), null, scaler),
                        false);
        Path fp32 = c.save(contents(2, null), false);
        assertTrue(Files.exists(fp16.resolve(Checkpointer.SCALER)));
        assertFalse(Files.exists(fp32.resolve(Checkpointer.SCALER)));

        LossScaler restored = LossScaler.forAccumulation(1);
        assertTrue(Checkpointer.open(fp16).loadScaler(restored));
        assertEquals(new LossScaler.State(32, 1), restored.state());
        LossScaler fresh = LossScaler.forAccumulation(1);
        assertFalse(Checkpointer.open(fp32).loadScaler(fresh));
        assertEquals(new LossScaler.State(LossScaler.INITIAL_SCALE, 0), fresh.state());
    }
}
