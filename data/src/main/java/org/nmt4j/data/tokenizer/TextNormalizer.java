package org.nmt4j.data.tokenizer;

import java.text.Normalizer;

/**
 * Normalises one sentence: Unicode NFC; every run of whitespace (including no-break and other
 * Unicode spaces, tabs and line breaks) becomes one ASCII space; leading and trailing whitespace is
 * removed; control and format characters that carry no text (C0/C1 controls, zero-width space, BOM,
 * soft hyphen) are removed. Idempotent: normalising twice gives the same text.
 *
 * <p>The same normalisation is applied to training data and to text given for translation, and
 * SentencePiece is trained with its identity rule, so decoding returns exactly the normalised text.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /**
     * Normalises a sentence.
     *
     * @param text the raw text
     * @return the normalised text (possibly empty)
     */
    public static String normalize(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
            } else if (!isInvisible(cp)) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || cp == 0x200B // zero-width space
                || cp == 0xFEFF // BOM / zero-width no-break space
                || cp == 0x00AD; // soft hyphen
    }
}
