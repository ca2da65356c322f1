package org.nmt4j.text.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading hypothesis and reference files as Python reads text files. */
class ScoreFilesTest {

    @TempDir Path dir;

    @Test
    void readHypotheses_splitsAtLfCrlfAndLoneCr_only_keepingOtherUnicodeBreaksInsideLines()
            throws IOException {
        Path file = write("a\r\nb\rc\n\u2028d\u0085e\u000bf\n\ng");
        assertEquals(
                List.of("a", "b", "c", "\u2028d\u0085e\u000bf", "", "g"),
                ScoreFiles.readHypotheses(file));
    }

    @Test
    void readHypotheses_ofAnEmptyFile_isEmpty_andAFinalTerminatorAddsNoLine() throws IOException {
        assertEquals(List.of(), ScoreFiles.readHypotheses(write("")));
        assertEquals(List.of("x"), ScoreFiles.readHypotheses(write("x\n")));
        assertEquals(List.of(""), ScoreFiles.readHypotheses(write("\n")));
    }

    @Test
    void readReferences_turnsEmptyLinesIntoMissingReferences_butKeepsBlankOnes()
            throws IOException {
        Path file = write("uno\n\n  \r\n\ncuatro");
        assertEquals(
                Arrays.asList("uno", null, "  ", null, "cuatro"), ScoreFiles.readReferences(file));
    }

    @Test
    void reading_invalidUtf8_failsNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScoreFiles.readReferences(file));
        assertTrue(e.getMessage().contains("bad.txt line 2: invalid UTF-8"), e.getMessage());
    }

    @Test
    void reading_keepsAByteOrderMarkAsACharacter_asPythonUtf8Does() throws IOException {
        assertEquals(List.of("\ufeffhola"), ScoreFiles.readHypotheses(write("\ufeffhola\n")));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "lines", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
