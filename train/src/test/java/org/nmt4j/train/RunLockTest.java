package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.faults.DirectorySnapshot;
import org.nmt4j.faults.ForkedJvm;

/**
 * The lock of a run directory between processes: a holder in another JVM is named by the refusal,
 * and a holder killed with SIGKILL leaves a lock file that is no lock.
 */
class RunLockTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    /** Takes the lock of a directory, says so, and holds it until standard input ends. */
    public static final class Holder {
        private Holder() {}

        /**
         * Holds the lock.
         *
         * @param args the run directory
         * @throws IOException when it cannot be taken
         */
        public static void main(String[] args) throws IOException {
            try (RunLock lock = RunLock.acquire(Path.of(args[0]), "holder")) {
                System.out.println("holding");
                System.out.flush();
                System.in.read();
            }
        }
    }

    private ForkedJvm.Child hold(Path dir) throws Exception {
        ForkedJvm.Child child =
                ForkedJvm.of(Holder.class.getName(), tmp.resolve("holder.out"))
                        .args(dir.toString())
                        .start();
        assertTrue(child.awaitOutput("holding", TIMEOUT), child.output());
        return child;
    }

    @Test
    void holderInAnotherProcess_isNamedWithPidHostAndStartTime_andTheRefusalChangesNothing()
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        try (ForkedJvm.Child child = hold(dir)) {
            Map<String, String> before = DirectorySnapshot.of(dir);
            RunDirectoryException e =
                    assertThrows(RunDirectoryException.class, () -> RunLock.acquire(dir, "second"));
            String message = e.getMessage();
            assertTrue(message.contains(" is in use by pid " + child.pid() + " on host "), message);
            assertTrue(message.matches(".* since \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(holder\\).*"));
            assertEquals(1, message.lines().count(), message);
            assertEquals(before, DirectorySnapshot.of(dir));
            Optional<String> holder = RunLock.holder(dir);
            assertTrue(holder.orElseThrow().startsWith("pid " + child.pid() + " "), holder.get());
        }
    }

    @Test
    void holderKilledWithSigkill_doesNotBlockTheNextWriter_theStaleFileIsNoLock() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        long dead;
        try (ForkedJvm.Child child = hold(dir)) {
            dead = child.pid();
            assertEquals(137, child.kill());
        }
        String stale = Files.readString(dir.resolve(RunLock.FILE));
        assertTrue(stale.startsWith("pid " + dead + " "), stale);
        assertEquals(Optional.empty(), RunLock.holder(dir));
        try (RunLock lock = RunLock.acquire(dir, "next")) {
            String now = Files.readString(dir.resolve(RunLock.FILE));
            assertTrue(now.startsWith("pid " + ProcessHandle.current().pid() + " "), now);
            assertFalse(now.contains("pid " + dead + " "), now);
        }
    }
}
