package org.nmt4j.data.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void normalize_composesDecomposedAccentsToNfc() {
        String decomposed = "Adio\u0301s, nin\u0303o"; // o + combining acute, n + combining tilde
        assertEquals("Adiós, niño", TextNormalizer.normalize(decomposed));
        assertEquals("\u00f3", TextNormalizer.normalize("o\u0301"));
    }

    @Test
    void normalize_collapsesAnyUnicodeWhitespaceToOneSpace_andTrims() {
        String messy = "\u00a0 Hola,\t\tmundo\u202f!\u2003 ¿Qué\r\ntal? ";
        assertEquals("Hola, mundo ! ¿Qué tal?", TextNormalizer.normalize(messy));
    }

    @Test
    void normalize_removesInvisibleControls_butKeepsEmojiJoiners() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ sequence
        String text = "\uFEFFin\u00ADvis\u200Bible\u0007 " + family;
        assertEquals("invisible " + family, TextNormalizer.normalize(text));
    }

    @Test
    void normalize_isIdempotent() {
        String[] samples = {"  a  b ", "Adio\u0301s", "x\u00a0\u00a0y", "", "¡Sí!"};
        for (String s : samples) {
            String once = TextNormalizer.normalize(s);
            assertEquals(once, TextNormalizer.normalize(once));
        }
    }

    @Test
    void normalize_whitespaceOnlyBecomesEmpty() {
        assertEquals("", TextNormalizer.normalize(" \t\u00a0\u3000 "));
    }
}
