package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitPlannerTest {
    @TempDir Path tmp;

    private static FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    private static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    @Test
    void directory_isReadInNameOrder_skippingHiddenAndEmptyFiles() throws IOException {
        Files.writeString(tmp.resolve("b.txt"), "0123456789");
        Files.writeString(tmp.resolve("a.txt"), "0123");
        Files.writeString(tmp.resolve("c.txt"), "");
        Files.writeString(tmp.resolve("_SUCCESS"), "x");
        Files.writeString(tmp.resolve(".a.txt.crc"), "x");
        List<FileStatus> files = SplitPlanner.files(fs(), hadoop(tmp));
        assertEquals(
                List.of("a.txt", "b.txt", "c.txt"),
                files.stream().map(f -> f.getPath().getName()).toList());
        SplitPlanner.Plan plan = SplitPlanner.plan(files, 4);
        assertEquals(3, plan.files().size());
        assertEquals(14, plan.bytes());
        List<TextSplit> s = plan.splits();
        assertEquals(4, s.size(), "a: [0,4); b: [0,4) [4,8) [8,10); c: none");
        assertEquals(List.of(0, 1, 2, 3), s.stream().map(TextSplit::index).toList());
        assertEquals(List.of(0, 1, 1, 1), s.stream().map(TextSplit::fileIndex).toList());
        assertEquals(List.of(0L, 0L, 4L, 8L), s.stream().map(TextSplit::start).toList());
        assertEquals(List.of(4L, 4L, 8L, 10L), s.stream().map(TextSplit::end).toList());
    }

    @Test
    void subdirectory_isAnError_notSilentlySkipped() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "x");
        Files.createDirectory(tmp.resolve("more"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SplitPlanner.files(fs(), hadoop(tmp)));
        assertTrue(e.getMessage().contains("contains the directory more"), e.getMessage());
    }

    @Test
    void missingInput_andDirectoryWithoutFiles_areErrors() throws IOException {
        assertThrows(
                IllegalArgumentException.class,
                () -> SplitPlanner.files(fs(), hadoop(tmp.resolve("nope"))));
        Files.writeString(tmp.resolve("_SUCCESS"), "");
        assertThrows(IllegalArgumentException.class, () -> SplitPlanner.files(fs(), hadoop(tmp)));
    }

    @Test
    void defaultSplitBytes_aimsAtFourSplitsPerSlot_withinBounds() {
        assertEquals(SplitPlanner.MIN_DEFAULT_SPLIT_BYTES, SplitPlanner.defaultSplitBytes(1000, 2));
        assertEquals(
                SplitPlanner.MAX_DEFAULT_SPLIT_BYTES, SplitPlanner.defaultSplitBytes(10L << 30, 4));
        assertEquals((3L << 20) / 16, SplitPlanner.defaultSplitBytes(3L << 20, 4));
        long huge = 1L << 40;
        long size = SplitPlanner.defaultSplitBytes(huge, 4);
        assertTrue(huge / size < SplitPlanner.MAX_SPLITS, "at most MAX_SPLITS splits");
    }
}
