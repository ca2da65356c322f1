package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir Path tmp;

    @Test
    void newRun_isRefusedWhereARunExists_sayingHowToResume() throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory.create(dir);
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "seed: 1\n");
        RunDirectoryException e =
                assertThrows(RunDirectoryException.class, () -> RunDirectory.create(dir));
        assertTrue(e.getMessage().contains("--resume " + dir.toAbsolutePath()), e.getMessage());
    }

    @Test
    void resume_ofADirectoryWithoutConfig_isRefused() {
        RunDirectoryException e =
                assertThrows(
                        RunDirectoryException.class, () -> RunDirectory.existing(tmp.resolve("x")));
        assertTrue(e.getMessage().contains("is not a run directory"), e.getMessage());
    }

    @Test
    void clear_deletesWhatARunWrote_butNothingElse() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "x");
        Files.createDirectories(dir.resolve("checkpoints/step-00000001"));
        Files.createSymbolicLink(dir.resolve("last"), Path.of("checkpoints/step-00000001"));
        RunDirectory.clear(dir);
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunDirectoryException e =
                assertThrows(RunDirectoryException.class, () -> RunDirectory.clear(dir));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve(RunDirectory.CONFIG)));
    }
}
