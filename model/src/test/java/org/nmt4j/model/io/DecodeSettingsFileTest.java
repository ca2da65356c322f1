package org.nmt4j.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.TestModels;
import org.nmt4j.model.search.DecodeConfig;

/** A model directory's own decode settings, {@code decode.json}: saved, loaded, and checked. */
class DecodeSettingsFileTest {
    private static final DecodeConfig RUN_DECODE = new DecodeConfig(6, 1.0, 2.0, 7, 3);

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

    private Path save(String name, DecodeConfig decode) throws IOException {
        Path dir = tmp.resolve(name);
        ModelArtifacts.save(
                dir,
                TestModels.model(manager, TestModels.config(), 3),
                TokenizerFiles.joint(spm),
                decode,
                d -> {});
        return dir;
    }

    private String loadError(Path dir) {
        return assertThrows(
                        ModelArtifactException.class, () -> ModelArtifacts.load(dir, manager, null))
                .getMessage();
    }

    @Test
    void savedDecodeSettings_loadBackEqual_andAreListedInTheManifest() throws IOException {
        Path dir = save("m", RUN_DECODE);
        assertEquals(RUN_DECODE, ModelArtifacts.load(dir, manager, null).decode());
        assertTrue(Files.readString(dir.resolve("manifest.sha256")).contains("  decode.json\n"));
        String json = Files.readString(dir.resolve("decode.json"), StandardCharsets.UTF_8);
        for (String key :
                new String[] {
                    "\"beam\" : 6",
                    "\"length_penalty\" : 1.0",
                    "\"max_len_a\" : 2.0",
                    "\"max_len_b\" : 7",
                    "\"nbest\" : 3"
                }) {
            assertTrue(json.contains(key), key + " in " + json);
        }
    }

    @Test
    void aModelSavedWithoutDecodeSettings_loadsWithNone() throws IOException {
        ModelArtifacts.save(
                tmp.resolve("old"),
                TestModels.model(manager, TestModels.config(), 3),
                TokenizerFiles.joint(spm));
        assertNull(ModelArtifacts.load(tmp.resolve("old"), manager, null).decode());
        assertNull(ModelArtifacts.load(save("none", null), manager, null).decode());
    }

    @Test
    void invalidDecodeSettings_nameDecodeJsonAndTheField() throws IOException {
        Path dir = save("m", RUN_DECODE);
        Path file = dir.resolve("decode.json");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("\"nbest\" : 3", "\"nbest\" : 9"));
        ArtifactManifest.write(dir);
        String msg = loadError(dir);
        assertTrue(msg.contains(file.toString()) && msg.contains("nbest must be between"), msg);
        assertTrue(!msg.contains("\n"), msg);
    }

    @Test
    void decodeSettingsAddedAfterTheSave_areRejectedAsAnAlteredDirectory() throws IOException {
        Path dir = save("m", null);
        Files.writeString(dir.resolve("decode.json"), "{\"beam\": 2}");
        String msg = loadError(dir);
        assertTrue(msg.contains("decode.json") && msg.contains("not listed"), msg);
    }

    @Test
    void decodeSettingsListedButDeleted_areReportedMissing() throws IOException {
        Path dir = save("m", RUN_DECODE);
        Files.delete(dir.resolve("decode.json"));
        String msg = loadError(dir);
        assertTrue(msg.contains("decode.json") && msg.contains("missing"), msg);
    }
}
