package org.nmt4j.text.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference shapes, missing references and the argument checks of the scorers. */
class ReferencesTest {

    @Test
    void fromStreams_transposesStreamsToLines_skippingMissingReferences() {
        List<List<String>> perLine =
                References.fromStreams(
                        List.of(Arrays.asList("a1", null, "c1"), Arrays.asList("a2", "b2", null)));
        assertEquals(List.of(List.of("a1", "a2"), List.of("b2"), List.of("c1")), perLine);
    }

    @Test
    void fromStreams_rejectsStreamsOfDifferentLengths_namingTheStream() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> References.fromStreams(List.of(List.of("a", "b"), List.of("a"))));
        assertTrue(e.getMessage().contains("stream 2 has 1 lines"), e.getMessage());
    }

    @Test
    void emptyWhereNone_givesOnlyLinesWithoutReferencesOneEmptyReference() {
        List<List<String>> perLine = List.of(List.of("x"), List.of(), Arrays.asList(null, null));
        assertEquals(List.of(2, 3), References.linesWithoutReference(perLine));
        assertEquals(
                List.of(List.of("x"), List.of(""), List.of("")),
                References.emptyWhereNone(perLine));
    }

    @Test
    void scorers_rejectALineWithoutReference_namingTheLine() {
        List<String> hyps = List.of("a", "b");
        List<List<String>> refs = List.of(List.of("a"), Arrays.asList((String) null));
        IllegalArgumentException bleu =
                assertThrows(IllegalArgumentException.class, () -> Bleu.corpusScore(hyps, refs));
        IllegalArgumentException chrf =
                assertThrows(IllegalArgumentException.class, () -> ChrF.corpusScore(hyps, refs));
        assertTrue(bleu.getMessage().startsWith("line 2 has no reference"), bleu.getMessage());
        assertEquals(bleu.getMessage(), chrf.getMessage());
    }

    @Test
    void scorers_rejectMismatchedSizesNullHypothesesAndEmptyCorpora() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Bleu.corpusScore(List.of("a", "b"), List.of(List.of("a"))));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ChrF.corpusScore(
                                Arrays.asList("a", null), List.of(List.of("a"), List.of("b"))));
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpusScore(List.of(), List.of()));
    }

    @Test
    void signatures_sayVarWhenTheReferenceCountVaries_andTheCountOtherwise() {
        List<String> hyps = List.of("a b", "c d");
        assertTrue(
                Bleu.corpusScore(hyps, List.of(List.of("a b", "a"), List.of("c d", "c")))
                        .signature()
                        .startsWith("nrefs:2|"));
        assertTrue(
                ChrF.corpusScore(hyps, List.of(List.of("a b", "a"), Arrays.asList("c d", null)))
                        .signature()
                        .startsWith("nrefs:var|"));
    }

    @Test
    void missingReference_scoresAsIfTheStreamHadNoEntry() {
        List<String> hyps = List.of("el gato duerme", "la casa es grande");
        BleuScore withNull =
                Bleu.corpusScore(
                        hyps,
                        List.of(
                                List.of("el gato duerme mucho"),
                                Arrays.asList("la casa es grande", null)));
        BleuScore withoutEntry =
                Bleu.corpusScore(
                        hyps,
                        List.of(List.of("el gato duerme mucho"), List.of("la casa es grande")));
        assertEquals(withoutEntry.score(), withNull.score());
        assertEquals(withoutEntry.refLen(), withNull.refLen());
    }
}
