package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.corpus.SentencePair;

class ReferenceSetTest {
    @TempDir Path tmp;

    @Test
    void sourcesThatDifferOnlyInWhitespaceOrComposition_shareTheirDistinctReferences() {
        String composed = "Caf\u00e9 now.";
        String decomposed = "Cafe\u0301 now.";
        ReferenceSet set =
                ReferenceSet.of(
                        List.of(
                                new SentencePair(1, "You want tea.", "Quieres té."),
                                new SentencePair(2, composed, "Café ya."),
                                new SentencePair(3, " You  want\ttea. ", "Usted quiere té."),
                                new SentencePair(4, decomposed, "Café ahora."),
                                new SentencePair(5, "You want tea.", "Quieres té.")));
        assertEquals(List.of("You want tea.", composed), set.sources(), "first text kept");
        assertEquals(
                List.of(
                        List.of("Quieres té.", "Usted quiere té."),
                        List.of("Café ya.", "Café ahora.")),
                set.references());
        assertEquals(2, set.size());
    }

    @Test
    void builder_returnsTheIndexOfEachPairsSource() {
        ReferenceSet.Builder b = new ReferenceSet.Builder();
        assertEquals(0, b.add("a.", "x."));
        assertEquals(1, b.add("b.", "y."));
        assertEquals(0, b.add("a. ", "z."));
        assertEquals(List.of(List.of("x.", "z."), List.of("y.")), b.build().references());
    }

    @Test
    void testSet_groupsAFileLikeReferenceSet() throws IOException {
        Path tsv = tmp.resolve("test.tsv");
        Files.write(
                tsv,
                List.of("Hi.\tHola.", "Hi. \tBuenas.", "Go.\tVe.", "Hi.\tHola."),
                StandardCharsets.UTF_8);
        EvaluationSet set = EvaluationSet.read(tsv);
        assertEquals(List.of("Hi.", "Go."), set.sources());
        assertEquals(List.of(List.of("Hola.", "Buenas."), List.of("Ve.")), set.references());
        assertEquals(4, set.summary().pairs());
    }

    @Test
    void sourcesAndReferenceListsOfDifferentSizes_areRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> new ReferenceSet(List.of("a."), List.of()));
    }
}
