package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.ChrF;
import org.nmt4j.translate.CopyModel;
import picocli.CommandLine;

/**
 * The {@code evaluate} verb: distinct sources are translated once, every translation of a source is
 * one of its references, and the printed lines are the scorers' own.
 */
class EvaluateCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void evaluate_scoresDistinctSourcesAgainstAllTheirTranslations() throws IOException {
        List<String> sentences =
                Files.readAllLines(CopyModel.sentencesFile(), StandardCharsets.UTF_8);
        List<String> tsv = new ArrayList<>();
        for (String s : sentences.subList(0, 10)) {
            tsv.add(s + "\t" + s);
        }
        tsv.add(sentences.get(0) + "\t" + "a cat sat on a mat.");
        tsv.add(sentences.get(0) + "\t" + sentences.get(0));
        tsv.add(sentences.get(1) + "  \t" + "the dog runs.");
        Path test = Files.write(dir.resolve("test.tsv"), tsv, StandardCharsets.UTF_8);
        Path hyps = dir.resolve("hyps.txt");
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code =
                cl.execute(
                        "evaluate",
                        "--model",
                        CopyModel.directory().toString(),
                        "--test",
                        test.toString(),
                        "--beam",
                        "2",
                        "--device",
                        "cpu",
                        "--no-progress",
                        "--hypotheses",
                        hyps.toString());
        assertEquals(0, code, err.toString());
        List<String> hypotheses = Files.readAllLines(hyps, StandardCharsets.UTF_8);
        assertEquals(10, hypotheses.size(), "one translation per distinct source");
        List<List<String>> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refs.add(List.of(sentences.get(i)));
        }
        refs.set(0, List.of(sentences.get(0), "a cat sat on a mat."));
        refs.set(1, List.of(sentences.get(1), "the dog runs."));
        assertEquals(
                Bleu.corpusScore(hypotheses, refs).format(2)
                        + "\n"
                        + ChrF.corpusScore(hypotheses, refs).format(2)
                        + "\n",
                out.toString());
        assertTrue(out.toString().startsWith("BLEU|nrefs:var|"), out.toString());
        assertTrue(
                err.toString()
                        .matches(
                                "(?s).*nmt evaluate: 10 sentences translated in .* s: .*"
                                        + " sentences/s\\R.*"),
                err.toString());
    }
}
