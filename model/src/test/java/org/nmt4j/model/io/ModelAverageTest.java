package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.TestModels;
import org.nmt4j.model.search.DecodeConfig;

/** Checkpoint averaging: the exact element-wise mean, of one run's models only. */
class ModelAverageTest {
    @TempDir Path tmp;
    private NDManager manager;
    private Path spm;

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        spm = Files.write(tmp.resolve("spm.model"), new byte[] {1, 2, 3, 4});
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Path save(String name, ModelConfig config, long seed, Path tokenizer, DecodeConfig d)
            throws IOException {
        Path dir = tmp.resolve(name);
        ModelArtifacts.save(
                dir,
                TestModels.model(manager, config, seed),
                TokenizerFiles.joint(tokenizer),
                d,
                x -> {});
        return dir;
    }

    private Path save(String name, long seed) throws IOException {
        return save(name, TestModels.config(), seed, spm, null);
    }

    private List<float[]> parameters(Path dir) throws IOException {
        List<float[]> values = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            for (Pair<String, Parameter> p :
                    ModelArtifacts.load(dir, m, null).model().getParameters()) {
                values.add(p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    @Test
    void average_ofThreeModels_isTheirElementwiseMeanAndKeepsTheLastDecodeSettings()
            throws IOException {
        DecodeConfig newest = new DecodeConfig(3, 1.0, 2.0, 5, 1);
        List<Path> inputs = List.of(save("a", 1), save("b", 2), save("c", 3, newest));
        Path out = tmp.resolve("avg");
        long values = ModelAverage.average(inputs, out);

        List<float[]> a = parameters(inputs.get(0));
        List<float[]> b = parameters(inputs.get(1));
        List<float[]> c = parameters(inputs.get(2));
        List<float[]> mean = parameters(out);
        long count = 0;
        for (int i = 0; i < mean.size(); i++) {
            float[] want = new float[mean.get(i).length];
            for (int j = 0; j < want.length; j++) {
                want[j] = (float) (((double) a.get(i)[j] + b.get(i)[j] + c.get(i)[j]) / 3);
            }
            assertArrayEquals(want, mean.get(i), 0f, "parameter " + i);
            count += want.length;
        }
        assertEquals(count, values);
        assertNotEquals(a.get(0)[0], b.get(0)[0], "the inputs differ, so the mean is a test");
        try (NDManager m = manager.newSubManager()) {
            assertEquals(newest, ModelArtifacts.load(out, m, null).decode());
        }
        assertFalse(Files.exists(out.resolve("optimizer.bin")));
    }

    private Path save(String name, long seed, DecodeConfig decode) throws IOException {
        return save(name, TestModels.config(), seed, spm, decode);
    }

    @Test
    void average_ofOneModel_isThatModel() throws IOException {
        Path a = save("a", 7);
        Path out = tmp.resolve("avg");
        ModelAverage.average(List.of(a), out);
        List<float[]> want = parameters(a);
        List<float[]> got = parameters(out);
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), 0f);
        }
    }

    @Test
    void average_refusesAnotherArchitecture_namingBothDirectories() throws IOException {
        Path a = save("a", 1);
        Path b =
                save(
                        "b",
                        TestModels.config(
                                23,
                                ModelConfig.NormPlacement.POST,
                                ModelConfig.Positions.SINUSOIDAL),
                        2,
                        spm,
                        null);
        Path out = tmp.resolve("avg");
        String message =
                assertThrows(
                                ModelArtifactException.class,
                                () -> ModelAverage.average(List.of(a, b), out))
                        .getMessage();
        assertTrue(message.contains(b.toString()) && message.contains(a.toString()), message);
        assertTrue(message.contains("another architecture"), message);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void average_refusesAnotherTokenizer() throws IOException {
        Path other = Files.write(tmp.resolve("other.model"), new byte[] {1, 2, 3, 5});
        Path a = save("a", 1);
        Path b = save("b", TestModels.config(), 2, other, null);
        Path out = tmp.resolve("avg");
        String message =
                assertThrows(
                                ModelArtifactException.class,
                                () -> ModelAverage.average(List.of(a, b), out))
                        .getMessage();
        assertTrue(message.contains("another tokenizer"), message);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void average_refusesToOverwriteOneOfItsInputs() throws IOException {
        Path a = save("a", 1);
        Path b = save("b", 2);
        List<float[]> before = parameters(b);
        assertThrows(IllegalArgumentException.class, () -> ModelAverage.average(List.of(a, b), b));
        List<float[]> after = parameters(b);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0f);
        }
    }
}
