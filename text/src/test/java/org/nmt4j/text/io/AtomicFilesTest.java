package org.nmt4j.text.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void write_replacesTheTarget_andLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        AtomicFiles.writeString(target, "new ñ");
        assertEquals("new ñ", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void write_createsMissingDirectories() throws IOException {
        Path target = dir.resolve("a/b/lines.txt");
        AtomicFiles.writeLines(target, List.of("x", "y"));
        assertEquals(List.of("x", "y"), Files.readAllLines(target));
    }

    @Test
    void failingWriter_leavesTheOldTargetUntouched_andRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        IOException thrown =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        target,
                                        temp -> {
                                            Files.writeString(temp, "half");
                                            throw new IOException("disk full");
                                        }));
        assertEquals("disk full", thrown.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void failingWriter_createsNoTarget_whenThereWasNone() throws IOException {
        Path target = dir.resolve("never.txt");
        assertThrows(
                IllegalStateException.class,
                () ->
                        AtomicFiles.write(
                                target,
                                temp -> {
                                    throw new IllegalStateException("boom");
                                }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names());
    }

    @Test
    void writeReturning_handsBackTheWritersResult() throws IOException {
        Path target = dir.resolve("n.txt");
        int written =
                AtomicFiles.writeReturning(
                        target,
                        temp -> {
                            Files.writeString(temp, "abc");
                            return 3;
                        });
        assertEquals(3, written);
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void copy_replacesTheTargetWithTheSource() throws IOException {
        Path source = dir.resolve("src.bin");
        Files.write(source, new byte[] {1, 2, 3});
        Path target = dir.resolve("copy.bin");
        Files.write(target, new byte[] {9});
        AtomicFiles.copy(source, target);
        assertEquals(3, Files.size(target));
        assertEquals(List.of("copy.bin", "src.bin"), names());
    }

    @Test
    void publish_movesAFinishedFileOntoTheTarget() throws IOException {
        Path target = dir.resolve("model.bin");
        Path temp = AtomicFiles.temporaryFile(target);
        Files.writeString(temp, "done");
        AtomicFiles.publish(temp, target);
        assertEquals("done", Files.readString(target));
        assertEquals(List.of("model.bin"), names());
    }

    @Test
    void publish_ofAMissingFile_fails_andKeepsTheTarget() throws IOException {
        Path target = dir.resolve("model.bin");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.publish(dir.resolve("gone"), target));
        assertEquals("old", Files.readString(target));
    }
}
