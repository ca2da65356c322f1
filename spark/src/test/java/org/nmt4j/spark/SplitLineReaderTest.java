package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.text.io.Utf8LineReader;
import org.nmt4j.translate.InputLines;
import org.nmt4j.translate.NastyInput;

class SplitLineReaderTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir Path tmp;

    /** The lines {@code ./nmt translate} reads from the bytes. */
    private static List<InputLines.Line> expected(byte[] bytes) throws IOException {
        List<InputLines.Line> lines = new ArrayList<>();
        try (InputLines in = new InputLines(new ByteArrayInputStream(bytes))) {
            for (InputLines.Line l = in.next(); l != null; l = in.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /**
     * The lines of all splits of {@code size} bytes, in split order, decoded as the job decodes
     * them (numbered within their split), then numbered across splits.
     */
    private List<InputLines.Line> bySplits(byte[] bytes, int size) throws IOException {
        Path file = tmp.resolve("in-" + size + ".txt");
        Files.write(file, bytes);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        List<InputLines.Line> lines = new ArrayList<>();
        for (long start = 0; start < Math.max(1, bytes.length); start += size) {
            TextSplit split = new TextSplit(0, file.toUri().toString(), 0, start, start + size);
            try (SplitLineReader reader = SplitLineReader.open(fs, split)) {
                for (long inSplit = 1; reader.next(); inSplit++) {
                    Utf8LineReader.Line l = reader.decode(inSplit);
                    lines.add(new InputLines.Line(lines.size() + 1, l.text(), l.error()));
                }
            }
        }
        Files.delete(file);
        return lines;
    }

    private void assertSameLinesForEverySplitSize(byte[] bytes) throws IOException {
        List<InputLines.Line> expected = expected(bytes);
        for (int size = 1; size <= bytes.length + 1; size++) {
            assertEquals(expected, bySplits(bytes, size), "split size " + size);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splits_readTheSameLinesAsInputLines_forEverySplitSize_onAwkwardBytes() throws IOException {
        assertSameLinesForEverySplitSize(
                concat(
                        BOM,
                        utf8("one\r\n\r\ntwo\rstill two\n\n\n"),
                        new byte[] {'b', 'a', 'd', (byte) 0xC3, '(', '\n'},
                        utf8("ñandú 🍵\r\n\r"),
                        utf8("\n"),
                        BOM,
                        utf8("a BOM not at the start is text\n"),
                        utf8("\nlast line without LF\r")));
    }

    @Test
    void splits_readTheSameLinesAsInputLines_forNastyInputWithBom() throws IOException {
        byte[] nasty = NastyInput.bytes();
        byte[] shortened = concat(BOM, java.util.Arrays.copyOf(nasty, 80), utf8("\n"));
        assertSameLinesForEverySplitSize(shortened);
        List<InputLines.Line> lines = bySplits(concat(BOM, nasty), 97);
        assertEquals(expected(concat(BOM, nasty)), lines);
        assertEquals(NastyInput.LINES.size(), lines.size());
    }

    @Test
    void edgeFiles_giveTheSameLineCountAsInputLines() throws IOException {
        assertSameLinesForEverySplitSize(BOM);
        assertSameLinesForEverySplitSize(concat(BOM, utf8("\n")));
        assertSameLinesForEverySplitSize(concat(BOM, BOM, utf8("x")));
        assertSameLinesForEverySplitSize(utf8("\n"));
        assertSameLinesForEverySplitSize(utf8("\r"));
        assertSameLinesForEverySplitSize(utf8("ab"));
        assertEquals(
                1, bySplits(BOM, 1).size(), "a BOM alone is one empty line, as for InputLines");
        assertEquals(1, bySplits(concat(BOM, utf8("\n")), 2).size());
    }

    @Test
    void emptyFile_hasNoLines() throws IOException {
        assertEquals(List.of(), bySplits(new byte[0], 10));
    }
}
