package org.nmt4j.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.spi.FileSystemProvider;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * What {@link FaultyFileSystemProvider} injects, read from system properties of the JVM it runs in
 * (set by {@link ForkedJvm.Builder#faults}). Every change to a file under {@value #ROOT} is an
 * <em>event</em>, described as {@code "OP PATH"} or {@code "OP PATH -> PATH"} with paths relative
 * to the root ({@code write checkpoints/.step-00000006.tmp-.../model.params}, {@code move
 * last.tmp-1a2b3c4d -> last}, {@code delete ...}, {@code mkdir ...}, {@code symlink ...}, {@code
 * open ...}, {@code truncate ...}); a {@code write} is one write call. The events whose text
 * matches {@value #MATCH} (a regular expression, found anywhere in the text) count, once an event
 * matching {@value #ARMED_BY} (if set) has happened. Then, by {@value #ACTION}:
 *
 * <ul>
 *   <li>{@code pause}: at the {@value #NTH}-th counted event the process writes {@link
 *       #PAUSE_MARKER} and the event to standard error and waits for a line on standard input (the
 *       parent kills it, or releases it); a write first writes {@value #FRACTION} of its bytes (at
 *       most all but one), so a kill leaves a torn file;
 *   <li>{@code full}: counted writes may write {@value #BYTES} bytes in all; then every counted
 *       write fails with {@code IOException("No space left on device")}, as on a full disk (the
 *       write that crosses the limit writes its first bytes, as write(2) would);
 *   <li>{@code none}: nothing (with {@value #LOG}, to record the events of a run).
 * </ul>
 */
final class FaultPlan {
    /** Property: the directory whose files are watched (absolute). Without it nothing happens. */
    static final String ROOT = "nmt4j.faults.root";

    /** Property: a regular expression over the event text; only matching events count. */
    static final String MATCH = "nmt4j.faults.match";

    /** Property: nothing counts before an event matching this expression has happened. */
    static final String ARMED_BY = "nmt4j.faults.armed-by";

    /** Property: {@code pause}, {@code full} or {@code none}. */
    static final String ACTION = "nmt4j.faults.action";

    /** Property: which counted event pauses the process (1 = the first). */
    static final String NTH = "nmt4j.faults.nth";

    /** Property: the share of a paused write's bytes written before the pause (0 to 1). */
    static final String FRACTION = "nmt4j.faults.fraction";

    /** Property: the bytes counted writes may write before the disk is full. */
    static final String BYTES = "nmt4j.faults.bytes";

    /** Property: a file to which every event under the root is appended, one per line. */
    static final String LOG = "nmt4j.faults.log";

    /** What a paused process writes to standard error, followed by the event. */
    static final String PAUSE_MARKER = "nmt4j-faults: paused at ";

    /** The message of an injected full disk (the platform's message for ENOSPC). */
    static final String NO_SPACE = "No space left on device";

    private enum Action {
        NONE,
        PAUSE,
        FULL
    }

    private final FileSystemProvider platform;
    private final Path root;
    private final Pattern match;
    private final Pattern armedBy;
    private final Action action;
    private final long nth;
    private final double fraction;
    private final long bytes;
    private final Path log;

    private boolean armed;
    private long counted;
    private long written;

    private FaultPlan(FileSystemProvider platform, Properties p) {
        this.platform = platform;
        FileSystem fs = platform.getFileSystem(java.net.URI.create("file:///"));
        String r = p.getProperty(ROOT);
        this.root = r == null ? null : fs.getPath(r).toAbsolutePath().normalize();
        this.match = Pattern.compile(p.getProperty(MATCH, ""));
        String armer = p.getProperty(ARMED_BY);
        this.armedBy = armer == null ? null : Pattern.compile(armer);
        this.armed = armer == null;
        this.action = Action.valueOf(p.getProperty(ACTION, "none").toUpperCase(Locale.ROOT));
        this.nth = Long.parseLong(p.getProperty(NTH, "1"));
        this.fraction = Double.parseDouble(p.getProperty(FRACTION, "0.5"));
        this.bytes = Long.parseLong(p.getProperty(BYTES, "0"));
        String l = p.getProperty(LOG);
        this.log = l == null ? null : fs.getPath(l);
    }

    /**
     * Reads the plan from the system properties.
     *
     * @param platform the platform's provider (used for the log, so that it is no event)
     * @return the plan
     */
    static FaultPlan fromSystemProperties(FileSystemProvider platform) {
        return new FaultPlan(platform, System.getProperties());
    }

    /**
     * A change other than a write is about to happen: counts it, and pauses when it is the chosen
     * one. (A full disk fails writes only.)
     *
     * @param op the operation
     * @param a the path changed (a platform path)
     * @param b the second path (a move's target), or null
     */
    void change(String op, Path a, Path b) {
        String event = describe(op, a, b);
        if (event == null) {
            return;
        }
        if (count(event, 0) && action == Action.PAUSE) {
            pause(event);
        }
    }

    /**
     * A write of {@code n} bytes to {@code file} is about to happen: returns how many of them may
     * be written before {@link #fault} must be called.
     *
     * @param file the file (a platform path)
     * @param n the bytes to write
     * @return {@code n} when nothing happens, else the bytes to write first
     */
    synchronized int beforeWrite(Path file, int n) {
        String event = describe("write", file, null);
        if (event == null || n == 0) {
            return n;
        }
        boolean chosen = count(event, n);
        if (action == Action.PAUSE && chosen) {
            return (int) Math.min(n - 1, Math.floor(n * fraction));
        }
        if (action == Action.FULL && armed && match.matcher(event).find()) {
            long left = Math.max(0, bytes - written);
            if (n <= left) {
                written += n;
                return n;
            }
            written = bytes;
            return (int) left;
        }
        return n;
    }

    /**
     * The fault of a write that {@link #beforeWrite} cut short: pauses (and returns when released)
     * or throws.
     *
     * @param file the file (a platform path)
     * @throws IOException {@value #NO_SPACE} on a full disk
     */
    void fault(Path file) throws IOException {
        if (action == Action.FULL) {
            throw new IOException(NO_SPACE);
        }
        pause(describe("write", file, null));
    }

    /** Counts an event; true when it is the one to pause at. */
    private synchronized boolean count(String event, long n) {
        if (log != null) {
            append(event + (n > 0 ? " (" + n + " bytes)" : ""));
        }
        if (!armed) {
            armed = armedBy.matcher(event).find();
            return false;
        }
        if (!match.matcher(event).find()) {
            return false;
        }
        counted++;
        return action == Action.PAUSE && counted == nth;
    }

    private String describe(String op, Path a, Path b) {
        if (root == null) {
            return null;
        }
        String ra = relative(a);
        String rb = b == null ? null : relative(b);
        if (ra == null && (b == null || rb == null)) {
            return null;
        }
        String first = ra != null ? ra : a.toString();
        if (b == null) {
            return op + " " + first;
        }
        return op + " " + first + " -> " + (rb != null ? rb : b.toString());
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            return null;
        }
        return root.relativize(abs).toString().replace('\\', '/');
    }

    private void append(String line) {
        try (var out =
                platform.newOutputStream(
                        log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Says where it stopped and waits for a line on standard input (forever when there is none).
     */
    private static void pause(String event) {
        System.err.println(PAUSE_MARKER + event);
        System.err.flush();
        try {
            int c;
            while ((c = System.in.read()) != '\n') {
                if (c < 0) {
                    while (true) {
                        LockSupport.park();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
