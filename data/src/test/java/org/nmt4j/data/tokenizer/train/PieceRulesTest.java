package org.nmt4j.data.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PieceRulesTest {
    private static boolean valid(String s) {
        int[] cps = s.codePoints().toArray();
        return PieceRules.valid(cps, 0, cps.length);
    }

    @Test
    void wordBoundary_mayOnlyStartAPiece() {
        assertTrue(valid("▁casa"));
        assertTrue(valid("▁"));
        assertFalse(valid("casa▁"));
        assertFalse(valid("▁la▁casa"));
    }

    @Test
    void onePieceHasOneScript_punctuationAndDigitsAreTheirOwn() {
        assertTrue(valid("▁Dónde"));
        assertTrue(valid("▁¿"));
        assertFalse(valid("▁¿Dónde"));
        assertFalse(valid("casa."));
        assertFalse(valid("▁Tom's"));
        assertTrue(valid("..."));
        assertTrue(valid("1."));
        assertFalse(valid("a1"));
        assertFalse(valid("abcабв"));
    }

    @Test
    void combiningMarkTakesTheScriptOfTheCharacterBefore_andKanaCountsAsHan() {
        assertTrue(valid("e\u0301te"));
        assertTrue(valid("日本ひらがなカタカナー"));
    }

    @Test
    void reservedCharactersAndLongPiecesAreRefused() {
        assertFalse(valid("a\u2047"));
        assertFalse(valid("a b"));
        assertTrue(valid("abcdefghijklmnop"));
        assertFalse(valid("abcdefghijklmnopq"));
    }

    @Test
    void validPrefixLength_stopsAtTheFirstBreak() {
        int[] cps = "▁casa.▁".codePoints().toArray();
        assertEquals(5, PieceRules.validPrefixLength(cps, 0, cps.length));
        assertEquals(1, PieceRules.validPrefixLength(cps, 5, cps.length));
    }
}
