package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.search.DecodeConfig;

class TranslationJobTest {
    @RegisterExtension static final OpenCopyModel COPY = new OpenCopyModel();

    @TempDir Path tmp;

    private static SentenceTranslator translator(DecodeConfig decode, boolean attention) {
        return COPY.translator(decode, new TranslatorOptions(2000, attention));
    }

    private TranslationJob job(DecodeConfig decode, boolean attention, Path heatmaps) {
        return new TranslationJob(translator(decode, attention), heatmaps);
    }

    /** The translation of a line on its own: what its output line must hold. */
    private static String alone(DecodeConfig decode, String line) {
        return translator(decode, false).translate(List.of(line)).get(0).text();
    }

    private static List<String> outputLines(String out) {
        assertTrue(out.endsWith("\n"), "every output line ends with LF");
        return List.of(out.substring(0, out.length() - 1).split("\n", -1));
    }

    @Test
    void nastyInput_givesOneOutputLinePerInputLine_inOrder() throws IOException {
        StringWriter out = new StringWriter();
        long[] progress = {0};
        DecodeConfig beam2 = new DecodeConfig(2, 0.6, 1.5, 5);
        TranslationJob.Summary summary =
                job(beam2, false, null)
                        .run(
                                new InputLines(new ByteArrayInputStream(NastyInput.bytes())),
                                out,
                                n -> progress[0] += n);
        List<String> lines = outputLines(out.toString());
        assertEquals(NastyInput.LINES.size(), lines.size());
        assertEquals(NastyInput.LINES.size(), summary.lines());
        assertEquals(NastyInput.LINES.size(), progress[0], "progress counts every line once");
        for (int i = 0; i < lines.size(); i++) {
            String in = NastyInput.LINES.get(i);
            if (in == null || in.isBlank()) {
                assertEquals("", lines.get(i), "line " + (i + 1));
            } else if (i != NastyInput.LONG_LINE - 1) {
                assertEquals(alone(beam2, in), lines.get(i), "line " + (i + 1));
            }
        }
        assertTrue(
                lines.get(NastyInput.LONG_LINE - 1).length() > 1000, "the long line is translated");
        assertTrue(lines.get(0).startsWith("the cat"), "the copy model copies: " + lines.get(0));
        assertTrue(lines.get(4).startsWith("we eat"), "CRLF: " + lines.get(4));
        assertEquals(1, summary.invalidUtf8());
        assertEquals(1, summary.splitLines());
        assertTrue(summary.describe().contains("11 sentences"), summary.describe());
    }

    @Test
    void nbest_putsTheAlternativesOfALineOnThatLine_separatedByTabs() throws IOException {
        StringWriter out = new StringWriter();
        String input = "the cat sat on the mat.\n\nwe eat fish on friday.\n";
        job(new DecodeConfig(3, 0.6, 1.5, 5, 3), false, null)
                .run(new InputLines(new ByteArrayInputStream(input.getBytes())), out, null);
        List<String> lines = outputLines(out.toString());
        assertEquals(3, lines.size());
        assertEquals(3, lines.get(0).split("\t", -1).length);
        assertEquals(
                alone(new DecodeConfig(3, 0.6, 1.5, 5, 3), "the cat sat on the mat."),
                lines.get(0).split("\t")[0]);
        assertEquals("", lines.get(1));
        assertEquals(3, lines.get(2).split("\t", -1).length);
    }

    @Test
    void attentionPng_writesOneHeatmapPerSentence_namedByLineNumber() throws IOException {
        Path maps = tmp.resolve("attention");
        String input = "the cat sat on the mat.\n\nwe eat fish on friday.";
        job(new DecodeConfig(1, 0.6, 1.5, 5), true, maps)
                .run(
                        new InputLines(new ByteArrayInputStream(input.getBytes())),
                        new StringWriter(),
                        null);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(maps)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        assertEquals(List.of("line-000001.png", "line-000003.png"), names);
    }
}
