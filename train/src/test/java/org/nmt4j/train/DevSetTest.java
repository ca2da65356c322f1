package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
                        .build();
        List<SentencePair> text =
                List.of(
                        new SentencePair(1, "You want tea.", "Quieres té."),
                        new SentencePair(2, "You want tea.", "Usted quiere té."),
                        new SentencePair(3, "A long one.", "Uno largo."),
                        new SentencePair(4, "You want tea.", "Quieres té."));
        DevSet dev = DevSet.of(ids, text, 4);
        assertEquals(List.of("You want tea.", "A long one."), dev.sources());
        assertEquals(
                List.of(List.of("Quieres té.", "Usted quiere té."), List.of("Uno largo.")),
                dev.references());
        assertArrayEquals(new int[] {9, 9, 9}, dev.sourceIds().get(1), "cut to max_positions - 1");
        assertEquals(1, dev.cutSources());
        assertEquals(3, dev.pairs().size());
        assertEquals(1, dev.droppedPairs());
    }
}
