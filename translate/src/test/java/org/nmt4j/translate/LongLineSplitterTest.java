package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LongLineSplitterTest {
    /** One id per non-space character: easy to count. */
    private static final Function<String, int[]> CHARS =
            s -> s.codePoints().filter(c -> c != ' ').toArray();

    private static int[] all(List<int[]> parts) {
        return parts.stream().flatMapToInt(IntStream::of).toArray();
    }

    @Test
    void split_packsWholeSentencesIntoPartsThatFit_keepingEveryPieceInOrder() {
        String text = "Ab cd. Efg hi! Jk lm? No pq rs. Tu.";
        LongLineSplitter.Parts parts = LongLineSplitter.split(text, CHARS, 10);
        assertFalse(parts.cutInsideSentence());
        assertArrayEquals(CHARS.apply(text), all(parts.ids()));
        assertEquals(
                List.of("Abcd.", "Efghi!", "Jklm?", "Nopqrs.Tu."),
                parts.ids().stream().map(ids -> new String(ids, 0, ids.length)).toList());
        for (int[] p : parts.ids()) {
            assertTrue(p.length <= 10, "part of " + p.length);
        }
    }

    @Test
    void split_cutsASentenceLongerThanTheLimitBetweenPieces_andSaysSo() {
        String text = "Short one. " + "x".repeat(25) + " end. Tail.";
        LongLineSplitter.Parts parts = LongLineSplitter.split(text, CHARS, 8);
        assertTrue(parts.cutInsideSentence());
        assertArrayEquals(CHARS.apply(text), all(parts.ids()));
        for (int[] p : parts.ids()) {
            assertTrue(p.length <= 8 && p.length > 0);
        }
    }

    @Test
    void sentences_endAtFullStopsOfSeveralScripts_evenBeforeLowerCase() {
        assertEquals(
                List.of("the cat sat. ", "a dog runs! ", "\"why?\" ", "ok"),
                LongLineSplitter.sentences("the cat sat. a dog runs! \"why?\" ok"));
        assertEquals(
                List.of("我喜欢茶。", "你呢？ ", "أحب الشاي؟ ", "نعم."),
                LongLineSplitter.sentences("我喜欢茶。你呢？ أحب الشاي؟ نعم."));
        assertEquals(
                List.of("no end mark at all"), LongLineSplitter.sentences("no end mark at all"));
        assertEquals(List.of("?!.,;: …"), LongLineSplitter.sentences("?!.,;: …"));
    }
}
