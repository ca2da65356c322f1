package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkTranslator}, the step {@code ./nmt translate} and the Spark job share: one output
 * line per input line, what it reports and counts, and no model for a chunk with nothing to
 * translate.
 */
class ChunkTranslatorTest {

    private static List<InputLines.Line> read(byte[] bytes) throws IOException {
        List<InputLines.Line> lines = new ArrayList<>();
        try (InputLines in = new InputLines(new ByteArrayInputStream(bytes))) {
            for (InputLines.Line l = in.next(); l != null; l = in.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void chunkWithNothingToTranslate_asksForNoTranslator_andReportsTheInvalidLine()
            throws IOException {
        byte[] bytes = {' ', '\n', 'a', (byte) 0xff, '\n', '\n'};
        ChunkTranslator chunks =
                new ChunkTranslator(
                        () -> {
                            throw new AssertionError("no model should be loaded");
                        });
        long[] progress = {0};
        ChunkTranslator.Chunk done = chunks.translate(read(bytes), n -> progress[0] += n);
        assertEquals(List.of("", "", ""), done.output());
        assertEquals(new ChunkTranslator.Counts(3, 0, 0, 1, 0), done.counts());
        assertEquals(1, done.reports().size());
        assertEquals(2, done.reports().get(0).lineNumber());
        assertTrue(
                done.reports().get(0).message().endsWith("; writing an empty line"),
                done.reports().get(0).message());
        assertEquals(3, progress[0]);
    }

    @Test
    void nastyChunk_givesOneLinePerLine_countsAndReportsInLineOrder() throws IOException {
        try (TrainedModel model = TrainedModel.open(CopyModel.directory(), Device.cpu())) {
            SentenceTranslator translator =
                    model.translator(
                            model.decodeDefaults().withBeam(1, 1), TranslatorOptions.DEFAULT);
            List<InputLines.Line> lines = read(NastyInput.bytes());
            ChunkTranslator.Chunk done =
                    new ChunkTranslator(() -> translator).translate(lines, null);
            assertEquals(NastyInput.LINES.size(), done.output().size());
            assertEquals(NastyInput.LINES.size(), done.counts().lines());
            assertEquals(1, done.counts().invalidUtf8());
            assertEquals(1, done.counts().splitLines());
            List<Long> reported =
                    done.reports().stream().map(ChunkTranslator.Report::lineNumber).toList();
            assertEquals(
                    List.of((long) NastyInput.LONG_LINE, (long) NastyInput.INVALID_LINE), reported);
            assertTrue(
                    done.reports()
                            .get(0)
                            .message()
                            .contains(
                                    "source pieces exceed the model's limit of "
                                            + (CopyModel.MAX_POSITIONS - 1)
                                            + "; translated in"),
                    done.reports().get(0).message());
            assertEquals("", done.output().get(NastyInput.INVALID_LINE - 1));
            long target = done.translations().stream().mapToLong(Translation::targetTokens).sum();
            assertEquals(target, done.counts().targetTokens());
        }
    }
}
