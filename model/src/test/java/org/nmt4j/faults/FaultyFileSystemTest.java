package org.nmt4j.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injecting file system itself, in a forked JVM that writes through {@code Files} as the
 * project's code does: it stops at the chosen event with the file half written, and fails writes as
 * a full disk does.
 */
class FaultyFileSystemTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    /** Writes a.bin (3 writes of 1,000 bytes), renames it to b.bin, then prints "done". */
    public static final class Writes {
        private Writes() {}

        /**
         * Runs the writes.
         *
         * @param args the directory
         * @throws IOException when a write fails (printed on one line, exit 1)
         */
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]);
            try (OutputStream out = Files.newOutputStream(dir.resolve("a.bin"))) {
                for (int i = 0; i < 3; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                }
            } catch (IOException e) {
                System.out.println("failed: " + e.getMessage());
                System.exit(1);
            }
            Files.move(dir.resolve("a.bin"), dir.resolve("b.bin"), StandardCopyOption.ATOMIC_MOVE);
            System.out.println("done");
        }
    }

    private ForkedJvm.Child start(Map<String, String> plan) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        return ForkedJvm.of(Writes.class.getName(), tmp.resolve("out.txt"))
                .args(dir.toString())
                .faults(dir, plan)
                .start();
    }

    @Test
    void pause_stopsAtTheChosenWrite_withHalfOfItWritten_andTheProcessCanBeKilledThere()
            throws Exception {
        try (ForkedJvm.Child child =
                start(Map.of("action", "pause", "match", "^write a\\.bin", "nth", "2"))) {
            assertEquals("write a.bin", child.awaitPause(TIMEOUT));
            child.kill();
        }
        assertEquals(1500, Files.size(tmp.resolve("dir/a.bin")));
        assertTrue(Files.notExists(tmp.resolve("dir/b.bin")));
    }

    @Test
    void pause_atAMove_andRelease_letsTheProcessFinish() throws Exception {
        try (ForkedJvm.Child child = start(Map.of("action", "pause", "match", "^move "))) {
            assertEquals("move a.bin -> b.bin", child.awaitPause(TIMEOUT));
            assertEquals(3000, Files.size(tmp.resolve("dir/a.bin")));
            child.release();
            assertEquals(0, child.awaitExit(TIMEOUT), child.output());
        }
        assertEquals(3000, Files.size(tmp.resolve("dir/b.bin")));
    }

    @Test
    void full_failsTheWriteThatCrossesTheLimit_withTheMessageOfENOSPC() throws Exception {
        try (ForkedJvm.Child child = start(Map.of("action", "full", "bytes", "1200"))) {
            assertEquals(1, child.awaitExit(TIMEOUT), child.output());
            assertTrue(child.output().contains("failed: No space left on device"), child.output());
        }
        assertEquals(1200, Files.size(tmp.resolve("dir/a.bin")));
    }

    @Test
    void log_listsEveryChangeUnderTheRoot_inOrder() throws Exception {
        Path log = tmp.resolve("events.txt");
        try (ForkedJvm.Child child = start(Map.of("log", log.toString()))) {
            assertEquals(0, child.awaitExit(TIMEOUT), child.output());
        }
        assertEquals(
                "open a.bin\nwrite a.bin (1000 bytes)\nwrite a.bin (1000 bytes)\n"
                        + "write a.bin (1000 bytes)\nmove a.bin -> b.bin\n",
                Files.readString(log));
    }
}
