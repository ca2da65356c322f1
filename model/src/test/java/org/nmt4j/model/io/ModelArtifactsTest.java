package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.TestModels;

class ModelArtifactsTest {
    @TempDir Path tmp;
    private NDManager manager;
    private Path spm;

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager();
        spm = Files.write(tmp.resolve("spm.model"), new byte[] {1, 2, 3, 4});
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Path saveModel(String name, ModelConfig config) throws IOException {
        Path dir = tmp.resolve(name);
        ModelArtifacts.save(dir, TestModels.model(manager, config, 3), TokenizerFiles.joint(spm));
        return dir;
    }

    private float[] logits(Seq2SeqTransformer model) {
        try (NDManager m = manager.newSubManager()) {
            NDArray src = TestModels.ids(m, 0, new long[] {5, 6, 7, 3}, new long[] {8, 3});
            NDArray tgt = TestModels.ids(m, 0, new long[] {2, 9, 10}, new long[] {2, 11});
            NDList out = model.forward(TestModels.store(m), new NDList(src, tgt), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    private String loadError(Path dir) {
        return assertThrows(
                        ModelArtifactException.class, () -> ModelArtifacts.load(dir, manager, null))
                .getMessage();
    }

    /** Rewrites the manifest so that a deliberately changed file passes the checksum. */
    private static void reseal(Path dir) throws IOException {
        ArtifactManifest.write(dir);
    }

    @Test
    void saveThenLoad_givesTheSameArchitectureTokenizerAndOutputs() throws IOException {
        Seq2SeqTransformer original = TestModels.model(manager, TestModels.config(), 5);
        Path dir = tmp.resolve("best");
        ModelArtifacts.save(dir, original, TokenizerFiles.joint(spm));
        LoadedModel loaded = ModelArtifacts.load(dir, manager, null);
        assertEquals(original.config(), loaded.config());
        assertEquals(original.special(), loaded.special());
        assertTrue(loaded.tokenizer().joint());
        assertEquals(dir.resolve("tokenizer.model"), loaded.tokenizer().source());
        assertArrayEquals(Files.readAllBytes(spm), Files.readAllBytes(loaded.tokenizer().source()));
        assertArrayEquals(logits(original), logits(loaded.model()), 0f);
    }

    @Test
    void save_withSeparateTokenizers_copiesBothAndExtraFilesAreHashedButIgnored()
            throws IOException {
        Path tgt = Files.write(tmp.resolve("tgt.model"), new byte[] {9, 9});
        Path dir = tmp.resolve("last");
        ModelArtifacts.save(
                dir,
                TestModels.model(manager, TestModels.config(), 5),
                TokenizerFiles.separate(spm, tgt),
                d -> Files.writeString(d.resolve("optimizer.bin"), "adam state"));
        String manifest = Files.readString(dir.resolve("manifest.sha256"));
        for (String f :
                List.of(
                        "model.json",
                        "model.params",
                        "source.model",
                        "target.model",
                        "optimizer.bin")) {
            assertTrue(manifest.contains("  " + f + "\n"), f + " listed in " + manifest);
        }
        LoadedModel loaded = ModelArtifacts.load(dir, manager, null);
        assertFalse(loaded.tokenizer().joint());
        assertArrayEquals(new byte[] {9, 9}, Files.readAllBytes(loaded.tokenizer().target()));
        ModelArtifacts.verify(dir);
    }

    @Test
    void save_replacesAnExistingDirectoryAtomically_leavingNoTemporaryDirectory()
            throws IOException {
        Path dir = saveModel("best", TestModels.config());
        Files.writeString(dir.resolve("stale.txt"), "from an older save");
        ModelConfig other =
                TestModels.config(
                        31, ModelConfig.NormPlacement.POST, ModelConfig.Positions.LEARNED);
        ModelArtifacts.save(dir, TestModels.model(manager, other, 4), TokenizerFiles.joint(spm));
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        assertEquals(other, ModelArtifacts.load(dir, manager, null).config());
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(
                    List.of(),
                    siblings.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("."))
                            .toList());
        }
    }

    @Test
    void load_withoutManifest_saysTheDirectoryIsIncomplete() throws IOException {
        Path dir = saveModel("m", TestModels.config());
        Files.delete(dir.resolve("manifest.sha256"));
        String msg = loadError(dir);
        assertTrue(msg.contains("manifest.sha256") && msg.contains("incomplete"), msg);
    }

    @Test
    void load_withAMissingFile_namesTheFile() throws IOException {
        for (String file : List.of("model.params", "tokenizer.model", "model.json")) {
            Path dir = saveModel("missing-" + file, TestModels.config());
            Files.delete(dir.resolve(file));
            String msg = loadError(dir);
            assertTrue(msg.contains(dir.resolve(file).toString()) && msg.contains("missing"), msg);
            assertFalse(msg.contains("\n"), msg);
        }
    }

    @Test
    void load_withACorruptedFile_namesTheFileAndTheManifest() throws IOException {
        Path dir = saveModel("m", TestModels.config());
        Path params = dir.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(params, bytes);
        String msg = loadError(dir);
        assertTrue(msg.contains(params.toString()) && msg.contains("corrupted"), msg);
        assertTrue(msg.contains("manifest.sha256"), msg);
    }

    @Test
    void load_parametersOfAnotherModelConfig_isAShapeMismatchNamingTheFile() throws IOException {
        Path dir =
                saveModel(
                        "a",
                        TestModels.config(
                                23,
                                ModelConfig.NormPlacement.PRE,
                                ModelConfig.Positions.SINUSOIDAL));
        Path other =
                saveModel(
                        "b",
                        TestModels.config(
                                40,
                                ModelConfig.NormPlacement.PRE,
                                ModelConfig.Positions.SINUSOIDAL));
        Files.copy(
                other.resolve("model.params"),
                dir.resolve("model.params"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        reseal(dir);
        String msg = loadError(dir);
        assertTrue(msg.contains("model.params") && msg.contains("does not fit"), msg);
        assertTrue(msg.contains("(40, 32)") && msg.contains("(23, 32)"), msg);
    }

    @Test
    void load_parametersOfAModelWithOtherLayers_namesTheFile() throws IOException {
        Path dir = saveModel("a", TestModels.config());
        ModelConfig post =
                TestModels.config(
                        23, ModelConfig.NormPlacement.POST, ModelConfig.Positions.LEARNED);
        Path other = saveModel("b", post);
        Files.copy(
                other.resolve("model.params"),
                dir.resolve("model.params"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        reseal(dir);
        String msg = loadError(dir);
        assertTrue(msg.contains("model.params") && msg.contains("does not fit"), msg);
    }

    @Test
    void load_unknownFormatVersion_namesModelJsonAndTheVersion() throws IOException {
        Path dir = saveModel("m", TestModels.config());
        Path json = dir.resolve("model.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        Files.writeString(
                json, text.replaceFirst("\"format_version\" : 1", "\"format_version\" : 7"));
        reseal(dir);
        String msg = loadError(dir);
        assertTrue(msg.contains("model.json") && msg.contains("format_version 7"), msg);
    }

    @Test
    void load_invalidModelConfig_namesModelJsonAndTheField() throws IOException {
        Path dir = saveModel("m", TestModels.config());
        Path json = dir.resolve("model.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        Files.writeString(json, text.replaceFirst("\"heads\" : 4", "\"heads\" : 5"));
        reseal(dir);
        String msg = loadError(dir);
        assertTrue(msg.contains("model.json") && msg.contains("divisible by heads"), msg);
    }

    @Test
    void load_notADirectory_saysSo() {
        String msg = loadError(tmp.resolve("nowhere"));
        assertTrue(msg.contains("nowhere") && msg.contains("not a directory"), msg);
    }
}
