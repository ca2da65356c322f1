package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.ChrF;
import picocli.CommandLine;

/**
 * The {@code score} verb: its lines are the scorers' own (whose agreement with sacreBLEU the data
 * module's SacreBleuAgreementTest proves), and bad input ends with a one-line error and exit 2.
 */
class ScoreCommandTest {

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void score_printsBleuThenChrF_forVariableReferences_asTheScorersFormatThem()
            throws IOException {
        Path hyp = write("hyp.txt", "¿Dónde está el baño?\nMe gusta el té.\n\n");
        Path ref1 = write("ref1.txt", "¿Dónde está el baño?\n\nNo sé.\n");
        Path ref2 = write("ref2.txt", "¿Dónde queda el baño?\nMe gusta mucho el té.\n\n");
        int code =
                run(
                        "score",
                        "--hyp",
                        hyp.toString(),
                        "--ref",
                        ref1.toString(),
                        "--ref",
                        ref2.toString());
        List<String> hyps = List.of("¿Dónde está el baño?", "Me gusta el té.", "");
        List<List<String>> refs =
                List.of(
                        List.of("¿Dónde está el baño?", "¿Dónde queda el baño?"),
                        List.of("Me gusta mucho el té."),
                        List.of("No sé."));
        assertEquals(0, code, err.toString());
        assertEquals(
                Bleu.corpusScore(hyps, refs) + "\n" + ChrF.corpusScore(hyps, refs) + "\n",
                out.toString());
        assertTrue(out.toString().startsWith("BLEU|nrefs:var|case:mixed|eff:no|tok:13a|"));
    }

    @Test
    void score_withChrFOnlyAndWidth4_printsOneLineWithFourDecimals() throws IOException {
        Path hyp = write("hyp.txt", "El gato duerme.\n");
        Path ref = write("ref.txt", "El gato está durmiendo.\n");
        int code =
                run(
                        "score",
                        "--hyp",
                        hyp.toString(),
                        "--ref",
                        ref.toString(),
                        "--metrics",
                        "chrf",
                        "--width",
                        "4");
        assertEquals(0, code, err.toString());
        assertEquals(
                ChrF.corpusScore(
                                        List.of("El gato duerme."),
                                        List.of(List.of("El gato está durmiendo.")))
                                .format(4)
                        + "\n",
                out.toString());
    }

    @Test
    void score_lineEmptyInEveryReferenceFile_isScoredAgainstAnEmptyReference() throws IOException {
        Path hyp = write("hyp.txt", "uno dos\nsin referencia\n");
        Path ref = write("ref.txt", "uno dos tres\n\n");
        int code =
                run("score", "--hyp", hyp.toString(), "--ref", ref.toString(), "--metrics", "bleu");
        List<String> hyps = List.of("uno dos", "sin referencia");
        assertEquals(0, code, err.toString());
        assertEquals(
                Bleu.corpusScore(hyps, List.of(List.of("uno dos tres"), List.of(""))) + "\n",
                out.toString());
    }

    @Test
    void score_withMismatchedLineCounts_exits2WithOneLineNamingFilesAndCounts() throws IOException {
        Path hyp = write("hyp.txt", "a\nb\nc\n");
        Path ref = write("short-ref.txt", "a\nb\n");
        int code = run("score", "--hyp", hyp.toString(), "--ref", ref.toString());
        assertEquals(2, code);
        assertEquals("", out.toString());
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("hyp.txt has 3 lines"), message);
        assertTrue(message.contains("short-ref.txt has 2"), message);
    }

    @Test
    void score_withUnknownMetricMissingFileOrInvalidUtf8_exits2() throws IOException {
        Path hyp = write("hyp.txt", "a\n");
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {(byte) 0xFF, '\n'});
        assertEquals(
                2,
                run("score", "--hyp", hyp.toString(), "--ref", hyp.toString(), "--metrics", "ter"));
        assertEquals(
                2,
                run("score", "--hyp", hyp.toString(), "--ref", dir.resolve("none.txt").toString()));
        assertEquals(2, run("score", "--hyp", hyp.toString(), "--ref", bad.toString()));
        assertTrue(err.toString().contains("bad.txt line 1: invalid UTF-8"), err.toString());
        assertEquals(2, run("score", "--hyp", hyp.toString()));
    }

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
