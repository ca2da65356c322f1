package org.nmt4j.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures what a leak would make grow: the NDArrays alive under the training manager (its
 * sub-managers included) and the resident memory of the process. Logged with the periodic training
 * lines, so that {@code train.log} shows whether they stay flat.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");

    private final NDManager manager;

    /**
     * Creates a probe.
     *
     * @param manager the manager that owns the parameters and every batch's sub-manager
     */
    public MemoryProbe(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Counts the live arrays under the manager.
     *
     * @return the count
     */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /**
     * Returns the resident set size of this process, from {@code /proc/self/status}.
     *
     * @return bytes, or -1 where the platform does not say
     */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Describes both figures.
     *
     * @return e.g. {@code "187 live arrays, RSS 845 MB"}
     */
    public String describe() {
        long rss = residentBytes();
        return String.format(
                Locale.ROOT,
                "%d live arrays, RSS %s",
                liveArrays(),
                rss < 0 ? "n/a" : (rss >> 20) + " MB");
    }
}
