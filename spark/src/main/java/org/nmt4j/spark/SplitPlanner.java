package org.nmt4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Cuts the input (one file, or the files of a directory in name order) into {@link TextSplit}s of
 * at most a given number of bytes, one Spark partition each. Runs on the driver; reads only file
 * sizes.
 *
 * <p>Files whose name starts with {@code _} or {@code .} (Hadoop's hidden files, e.g. {@code
 * _SUCCESS}) are skipped; a visible subdirectory is an error (its lines would otherwise be lost
 * silently); empty files give no split (they have no lines).
 */
public final class SplitPlanner {
    /** The most splits a job may have: part files are named {@code part-NNNNN}. */
    public static final int MAX_SPLITS = 100_000;

    /** The largest split the default picks: about 15,000 lines of 70 bytes (minutes of work). */
    public static final long MAX_DEFAULT_SPLIT_BYTES = 1L << 20;

    /** The smallest split the default picks. */
    public static final long MIN_DEFAULT_SPLIT_BYTES = 16L << 10;

    private SplitPlanner() {}

    /**
     * The input files and their splits.
     *
     * @param files the input files, in output order
     * @param splits the splits, in output order
     * @param bytes the input's total size
     */
    public record Plan(List<String> files, List<TextSplit> splits, long bytes) {}

    /**
     * Lists the input files in output order.
     *
     * @param fs the filesystem
     * @param input a file or a directory
     * @return the files (never empty)
     * @throws IOException if listing fails
     * @throws IllegalArgumentException if the input does not exist, has no files or has a
     *     subdirectory
     */
    public static List<FileStatus> files(FileSystem fs, Path input) throws IOException {
        if (!fs.exists(input)) {
            throw new IllegalArgumentException(
                    "--input " + input + " does not exist; give a text file or a directory");
        }
        FileStatus status = fs.getFileStatus(input);
        if (status.isFile()) {
            return List.of(status);
        }
        List<FileStatus> files = new ArrayList<>();
        FileStatus[] children = fs.listStatus(input);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (!child.isFile()) {
                throw new IllegalArgumentException(
                        "--input "
                                + input
                                + " contains the directory "
                                + name
                                + "; give a directory of text files only (subdirectories are"
                                + " not read)");
            }
            files.add(child);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "--input "
                            + input
                            + " contains no files (names starting with _ or . are"
                            + " skipped)");
        }
        return files;
    }

    /**
     * Cuts files into splits.
     *
     * @param files the files, in output order
     * @param splitBytes the most bytes per split
     * @return the plan
     * @throws IllegalArgumentException if there would be more than {@link #MAX_SPLITS} splits
     */
    public static Plan plan(List<FileStatus> files, long splitBytes) {
        if (splitBytes < 1) {
            throw new IllegalArgumentException("--split-bytes must be >= 1, got " + splitBytes);
        }
        List<String> names = new ArrayList<>();
        List<TextSplit> splits = new ArrayList<>();
        long bytes = 0;
        for (FileStatus file : files) {
            String path = file.getPath().toString();
            long length = file.getLen();
            for (long start = 0; start < length; start += splitBytes) {
                if (splits.size() == MAX_SPLITS) {
                    throw new IllegalArgumentException(
                            "more than "
                                    + MAX_SPLITS
                                    + " splits of "
                                    + splitBytes
                                    + " bytes; raise --split-bytes");
                }
                long end = Math.min(length, start + splitBytes);
                splits.add(new TextSplit(splits.size(), path, names.size(), start, end));
            }
            names.add(path);
            bytes += length;
        }
        return new Plan(names, splits, bytes);
    }

    /**
     * The split size used without {@code --split-bytes}: about four splits per task slot (so that
     * slots stay busy while the last splits finish and a retried split costs little), between
     * {@link #MIN_DEFAULT_SPLIT_BYTES} and {@link #MAX_DEFAULT_SPLIT_BYTES}, and never so small
     * that there would be more than {@link #MAX_SPLITS} splits.
     *
     * @param totalBytes the input's size
     * @param slots the cluster's task slots (Spark's default parallelism)
     * @return the split size in bytes
     */
    public static long defaultSplitBytes(long totalBytes, int slots) {
        long perSlot = ceilDiv(totalBytes, 4L * Math.max(1, slots));
        long size = Math.max(MIN_DEFAULT_SPLIT_BYTES, Math.min(MAX_DEFAULT_SPLIT_BYTES, perSlot));
        return Math.max(size, ceilDiv(totalBytes, MAX_SPLITS - 1));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
