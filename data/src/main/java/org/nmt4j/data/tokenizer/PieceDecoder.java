package org.nmt4j.data.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns piece ids back into text the way SentencePiece's {@code DecodeIds} does, in Java: control
 * pieces (pad, BOS, EOS) vanish, the unknown piece becomes {@code " ⁇ "}, byte pieces ({@code
 * <0xF0>}) are gathered and decoded as UTF-8, {@code ▁} becomes a space, and the whitespace that
 * begins the sentence (the dummy prefix) is dropped.
 *
 * <p>It exists because SentencePiece-DJL's native {@code decode} returns its result through JNI's
 * modified UTF-8, which garbles and truncates text at the first character outside the Basic
 * Multilingual Plane (emoji, for instance). Its output is checked against {@code spm_decode}.
 */
final class PieceDecoder {
    private static final String UNK_SURFACE = " \u2047 ";
    private static final char SPACE_SYMBOL = '\u2581';

    private final SpmModelFile.Vocabulary vocabulary;
    private final byte[] byteValues;

    PieceDecoder(SpmModelFile.Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.byteValues = new byte[vocabulary.size()];
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.types()[id] == SpmModelFile.BYTE) {
                String piece = vocabulary.pieces().get(id); // <0xAB>
                byteValues[id] = (byte) Integer.parseInt(piece.substring(3, 5), 16);
            }
        }
    }

    /**
     * Decodes ids (each already checked to be in range).
     *
     * @param ids the ids
     * @return the text
     */
    String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean atStart = true;
        for (int id : ids) {
            byte type = vocabulary.types()[id];
            if (type == SpmModelFile.CONTROL) {
                atStart = flush(pending, text, atStart); // a control piece ends a byte run
                continue;
            }
            if (type == SpmModelFile.BYTE) {
                pending.write(byteValues[id]);
                continue;
            }
            atStart = flush(pending, text, atStart);
            String piece = vocabulary.pieces().get(id);
            if (type == SpmModelFile.UNKNOWN) {
                piece = UNK_SURFACE;
            } else if (atStart) {
                piece = stripLeadingSpaceSymbols(piece);
            }
            text.append(piece.replace(SPACE_SYMBOL, ' '));
            atStart &= text.length() == 0;
        }
        flush(pending, text, atStart);
        return text.toString();
    }

    /**
     * Appends gathered byte pieces as SentencePiece does: each well-formed UTF-8 character is kept,
     * and each byte that does not start one becomes U+FFFD on its own.
     */
    private static boolean flush(ByteArrayOutputStream pending, StringBuilder text, boolean start) {
        if (pending.size() == 0) {
            return start;
        }
        byte[] b = pending.toByteArray();
        pending.reset();
        for (int i = 0; i < b.length; ) {
            int n = validCharLength(b, i);
            if (n == 0) {
                text.append('\uFFFD');
                i++;
            } else {
                text.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return start && text.length() == 0;
    }

    /** Length of the well-formed UTF-8 character at {@code i}, or 0 if none starts there. */
    static int validCharLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int length;
        int min;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int cp = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int trail = b[i + k] & 0xFF;
            if ((trail & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (trail & 0x3F);
        }
        boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        return cp < min || cp > 0x10FFFF || surrogate ? 0 : length;
    }

    private static String stripLeadingSpaceSymbols(String piece) {
        int k = 0;
        while (k < piece.length() && piece.charAt(k) == SPACE_SYMBOL) {
            k++;
        }
        return piece.substring(k);
    }
}
