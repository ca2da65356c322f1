package org.nmt4j.translate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.Translation;

/**
 * The README's "Use it from Java" example is {@link TranslateExample}, word for word (so the README
 * cannot drift from code that compiles), and it runs: on the copy model it prints one line per
 * sentence, the translation and its score, as the API gives them.
 */
class ReadmeExampleTest {
    /** Surefire runs in the module directory; the README is one level up. */
    private static final Path README = Path.of("..", "README.md");

    private static final Path SOURCE =
            Path.of("src/test/java/org/nmt4j/translate/example/TranslateExample.java");

    private static final String SECTION = "## Use it from Java";

    @Test
    void readmeCodeBlock_isTheExampleSource_withoutItsPackageLine() throws IOException {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String withoutPackage = source.substring(source.indexOf('\n') + 1).stripLeading();
        assertEquals(withoutPackage, readmeBlock());
    }

    @Test
    void example_printsOneTranslationAndScorePerSentence() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            TranslateExample.main(new String[] {CopyModel.directory().toString()});
        } finally {
            System.setOut(saved);
        }
        List<String> printed = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<Translation> expected;
        try (TrainedModel model = TrainedModel.open(CopyModel.directory(), Device.cpu())) {
            expected =
                    model.translator()
                            .translate(List.of("I am very hungry.", "Where is the station?"));
        }
        assertEquals(2, printed.size(), printed.toString());
        for (int i = 0; i < 2; i++) {
            Translation t = expected.get(i);
            assertEquals(t.text() + "\t" + t.score(), printed.get(i));
            assertTrue(t.score() < 0, "a log-probability: " + t.score());
        }
    }

    /** The first java code block after the section heading, up to its closing fence. */
    private static String readmeBlock() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(section >= 0, "README has no '" + SECTION + "' section");
        int open = readme.indexOf("```java\n", section);
        assertTrue(open >= 0, "no ```java block in the section");
        int start = open + "```java\n".length();
        int end = readme.indexOf("```\n", start);
        return readme.substring(start, end);
    }
}
