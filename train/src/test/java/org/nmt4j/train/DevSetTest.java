package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.corpus.SentencePair;

class DevSetTest {
    @Test
    void translationsOfOneSource_becomeItsReferences_andTooLongSidesAreHandled() {
        TokenizedCorpus ids =
                TokenizedCorpus.builder()
                        .add(new int[] {4, 5}, new int[] {6})
                        .add(new int[] {4, 5}, new int[] {7, 8})
                        .add(new int[] {9, 9, 9, 9, 9}, new int[] {6})
                        .add(new int[] {4, 5}, new int[] {6})
                        .add(new int[] {9, 9, 9, 9, 9}, new int[] {6, 6})
                        .build();
        List<SentencePair> text =
                List.of(
                        new SentencePair(1, "You want tea.", "Quieres té."),
                        new SentencePair(2, "You want tea.", "Usted quiere té."),
                        new SentencePair(3, "A long one.", "Uno largo."),
                        new SentencePair(4, "You want tea.", "Quieres té."),
                        new SentencePair(5, "A long one.", "Una larga."));
        DevSet dev = DevSet.of(ids, text, 4);
        assertEquals(List.of("You want tea.", "A long one."), dev.references().sources());
        assertEquals(
                List.of(
                        List.of("Quieres té.", "Usted quiere té."),
                        List.of("Uno largo.", "Una larga.")),
                dev.references().references());
        assertEquals(1, dev.longSources(), "one distinct source is split for decoding");
        assertEquals(3, dev.pairs().size());
        assertEquals(2, dev.droppedPairs());
    }

    @Test
    void emptyOrMismatchedDevSet_isRejected() {
        TokenizedCorpus one = TokenizedCorpus.builder().add(new int[] {4}, new int[] {5}).build();
        assertThrows(
                IllegalArgumentException.class,
                () -> DevSet.of(TokenizedCorpus.builder().build(), List.of(), 8));
        assertThrows(IllegalArgumentException.class, () -> DevSet.of(one, List.of(), 8));
    }
}
