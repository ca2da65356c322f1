package org.nmt4j.train;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ownership of a run directory by one writer: an exclusive operating-system lock ({@link
 * FileChannel#tryLock()}, {@code fcntl} on Linux) on {@code RUN_DIR/.lock}, taken before the writer
 * changes anything in the directory and held until it ends. {@code train} (new or resumed), {@code
 * demo}, {@code average} and {@code prepare} writing into a run take it; a second one is refused
 * with the holder's process id, host and start time, which the holder writes into the file. The
 * operating system releases the lock when its process dies, however it dies (a SIGKILL included),
 * so the file left behind is no lock: the next writer takes it over. Readers ({@code translate},
 * {@code evaluate}, {@code TrainedModel}, Spark) never look at it.
 *
 * <p>A JVM holds a run directory at most once: a second acquisition in the same JVM is refused
 * without touching the file (POSIX drops a process's lock when any of its descriptors of the file
 * is closed).
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in the run directory. */
    public static final String FILE = ".lock";

    /** Run directories (real paths) held by this JVM, with their holder's description. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a run directory, creating the directory if needed, and writes this
     * process's description into the lock file.
     *
     * @param runDir the run directory
     * @param command what writes it (e.g. {@code train --resume}), for the holder's description
     * @return the lock; close it when the writer ends
     * @throws RunDirectoryException when another writer holds it, naming that writer
     * @throws IOException when the directory or the lock file cannot be created
     */
    public static RunLock acquire(Path runDir, String command) throws IOException {
        Path dir = runDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        String me = describeThisProcess(command);
        String other = HELD.putIfAbsent(key, me);
        if (other != null) {
            throw inUse(dir, other);
        }
        try {
            return lock(dir, key, me);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static RunLock lock(Path dir, Path key, String me) throws IOException {
        FileChannel ch =
                FileChannel.open(
                        key.resolve(FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            ch.close();
            throw new IOException("cannot lock " + key.resolve(FILE) + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = read(ch);
            ch.close();
            throw inUse(dir, holder);
        }
        byte[] line = (me + "\n").getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(line), 0);
        ch.force(false);
        return new RunLock(key, ch, lock);
    }

    /**
     * Says who holds a run directory's lock, without taking it or changing anything.
     *
     * @param runDir the run directory
     * @return the holder's description, or empty when nobody holds it
     * @throws IOException when the lock file exists but cannot be read
     */
    public static Optional<String> holder(Path runDir) throws IOException {
        Path dir = runDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path key = dir.toRealPath();
        String mine = HELD.get(key);
        if (mine != null) {
            return Optional.of(mine);
        }
        Path file = key.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return Optional.of(read(ch));
        }
    }

    /** The lock file's first line (the holder's description), or a placeholder while empty. */
    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read up to 512 bytes from the start
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "a process that is just starting" : first;
    }

    /** The refusal of a second writer. */
    static RunDirectoryException inUse(Path dir, String holder) {
        return new RunDirectoryException(
                "run_dir "
                        + dir
                        + " is in use by "
                        + holder
                        + ": one process writes a run directory at a time; wait until it ends"
                        + " (or stop it), then try again");
    }

    /** {@code pid 1234 on host h since 2025-01-31T12:00:00Z (train)}. */
    private static String describeThisProcess(String command) {
        ProcessHandle me = ProcessHandle.current();
        Instant since =
                me.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        return "pid "
                + me.pid()
                + " on host "
                + hostName()
                + " since "
                + since
                + " ("
                + command
                + ")";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "unknown";
        }
    }

    /** Releases the lock (the file stays; without a lock it is no lock). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
