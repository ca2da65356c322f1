package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.faults.DirectorySnapshot;

class RunDirectoryTest {
    @TempDir Path tmp;

    @Test
    void newRun_isRefusedWhereARunExists_sayingHowToResume() throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory.create(dir).close();
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
    void replace_deletesWhatARunWrote_butNothingElse_andKeepsTheLockFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "x");
        Files.writeString(dir.resolve("metrics.after-step-4.jsonl"), "x");
        Files.createDirectories(dir.resolve("checkpoints/step-00000001"));
        Files.createSymbolicLink(dir.resolve("last"), Path.of("checkpoints/step-00000001"));
        RunDirectory.replace(dir, "demo").close();
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(RunLock.FILE)), s.toList());
        }
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "x");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunDirectoryException e =
                assertThrows(RunDirectoryException.class, () -> RunDirectory.replace(dir, "demo"));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertTrue(Files.exists(dir.resolve(RunDirectory.CONFIG)));
    }

    @Test
    void secondWriter_isRefused_whileFirstHoldsTheLock_andNothingInTheDirectoryChanges()
            throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory first = RunDirectory.create(dir)) {
            Files.writeString(first.config(), "seed: 1\n");
            String lockFile = Files.readString(dir.resolve(RunLock.FILE));
            Map<String, String> before = DirectorySnapshot.of(dir);
            RunDirectoryException resume =
                    assertThrows(RunDirectoryException.class, () -> RunDirectory.existing(dir));
            RunDirectoryException fresh =
                    assertThrows(RunDirectoryException.class, () -> RunDirectory.create(dir));
            RunDirectoryException demo =
                    assertThrows(
                            RunDirectoryException.class, () -> RunDirectory.replace(dir, "demo"));
            String me = "pid " + ProcessHandle.current().pid() + " on host ";
            for (RunDirectoryException e : List.of(resume, fresh, demo)) {
                assertTrue(e.getMessage().contains(" is in use by " + me), e.getMessage());
                assertTrue(e.getMessage().contains("(train)"), e.getMessage());
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
            assertEquals(before, DirectorySnapshot.of(dir));
            assertEquals(lockFile, Files.readString(dir.resolve(RunLock.FILE)));
        }
        RunDirectory.existing(dir).close();
    }
}
