package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.train.checkpoint.CheckpointException;
import org.nmt4j.train.checkpoint.Checkpointer;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.config.ConfigException;
import org.nmt4j.train.config.ConfigLoader;

/**
 * Exact resume, end to end on the demo corpus with a tiny model whose dropout is on: N steps, a new
 * process-like start from the run directory, N more steps, against 2N steps in one go.
 */
class TrainingResumeTest {
    private static final int N = 7;

    @TempDir Path tmp;

    private TrainingOutcome start(String name, int maxSteps) throws IOException {
        return start(name, maxSteps, "fp32");
    }

    private TrainingOutcome start(String name, int maxSteps, String precision) throws IOException {
        Path runDir = tmp.resolve(name);
        Path yaml = TinyRuns.config(tmp, runDir, maxSteps, precision);
        try (RunDirectory run = RunDirectory.create(runDir)) {
            return TrainingRun.start(
                    ConfigLoader.load(yaml, List.of()),
                    yaml,
                    run,
                    TrainingRun.Options.quiet(new StopSignal()));
        }
    }

    private TrainingOutcome resume(String name, String... overrides) throws IOException {
        try (RunDirectory run = RunDirectory.existing(tmp.resolve(name))) {
            return TrainingRun.resume(
                    run, List.of(overrides), TrainingRun.Options.quiet(new StopSignal()));
        }
    }

    private static List<float[]> parameters(Path modelDir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(modelDir, m, null);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : loaded.model().getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }

    private static List<Double> trainLosses(Path runDir) throws IOException {
        return MetricsLog.read(runDir.resolve(RunDirectory.METRICS)).stream()
                .filter(r -> MetricsRecord.TRAIN.equals(r.event()))
                .map(MetricsRecord::loss)
                .toList();
    }

    @Test
    void nStepsThenResumeForNMore_equalsTwoNStepsWithoutStopping() throws IOException {
        TrainingOutcome straight = start("straight", 2 * N);
        TrainingOutcome firstHalf = start("resumed", N);
        assertEquals(N, firstHalf.state().step());
        assertTrue(firstHalf.state().batchInEpoch() > 0, "resumes mid-epoch: " + firstHalf.state());
        TrainingOutcome resumed = resume("resumed", "train.max_steps=" + 2 * N);

        TrainingState a = straight.state();
        TrainingState b = resumed.state();
        assertEquals(2 * N, b.step());
        assertTrue(a.epoch() >= 1, "the runs cross an epoch: " + a);
        assertEquals(
                List.of(a.epoch(), a.batchInEpoch(), a.targetTokens()),
                List.of(b.epoch(), b.batchInEpoch(), b.targetTokens()));
        List<float[]> pa = parameters(tmp.resolve("straight/last"));
        List<float[]> pb = parameters(tmp.resolve("resumed/last"));
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i), pb.get(i), 1e-6f, "parameter " + i);
        }
        assertEquals(trainLosses(tmp.resolve("straight")), trainLosses(tmp.resolve("resumed")));
        String config = Files.readString(tmp.resolve("resumed").resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("max_steps: " + 2 * N), "effective config rewritten");
    }

    @Test
    void resume_refusesToChangeTheModel_andDetectsACorruptedCheckpoint() throws IOException {
        start("run", 3);
        ConfigException e =
                assertThrows(ConfigException.class, () -> resume("run", "model.model_size=32"));
        assertTrue(e.getMessage().contains("model.model_size"), e.getMessage());
        Path params = tmp.resolve("run/last").toRealPath().resolve(ModelArtifacts.PARAMETERS);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(params, bytes);
        CheckpointException c =
                assertThrows(CheckpointException.class, () -> resume("run", "train.max_steps=6"));
        assertTrue(c.getMessage().contains(ModelArtifacts.PARAMETERS), c.getMessage());
    }

    @Test
    void fp16_resumesExactly_fromCheckpointsOfFloat32MasterWeightsAndTheLossScaler()
            throws IOException {
        int n = 3;
        start("straight16", 2 * n, "fp16");
        start("resumed16", n, "fp16");
        Path checkpoint = tmp.resolve("resumed16/last").toRealPath();
        assertTrue(Files.exists(checkpoint.resolve(Checkpointer.SCALER)));
        TrainingOutcome resumed = resume("resumed16", "train.max_steps=" + 2 * n);
        assertEquals(2 * n, resumed.state().step());
        List<float[]> pa = parameters(tmp.resolve("straight16/last"));
        List<float[]> pb = parameters(tmp.resolve("resumed16/last"));
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i), pb.get(i), 1e-6f, "parameter " + i);
        }
        assertEquals(trainLosses(tmp.resolve("straight16")), trainLosses(tmp.resolve("resumed16")));
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel saved = ModelArtifacts.load(tmp.resolve("resumed16/best"), m, null);
            for (Pair<String, Parameter> p : saved.model().getParameters()) {
                assertEquals(DataType.FLOAT32, p.getValue().getArray().getDataType(), p.getKey());
            }
        }
    }
}
