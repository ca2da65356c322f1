package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a line that is longer than the model takes into parts that fit, at sentence boundaries.
 *
 * <p>The line is cut into sentences after each sentence end: one of {@code . ! ? … ؟} (possibly
 * followed by closing quotes or brackets) and whitespace, or one of the CJK full stops {@code 。 ！
 * ？}, with or without whitespace. (Unlike {@link java.text.BreakIterator}, this also cuts before a
 * lower-case word and after the Arabic question mark, and may cut after an abbreviation; for a line
 * that must be split anyway that is the better trade.) Each sentence is encoded on its own and
 * consecutive sentences are packed greedily into parts of at most {@code limit} pieces. A single
 * sentence longer than {@code limit} is cut into consecutive runs of {@code limit} pieces. Nothing
 * is dropped: the parts hold every piece of the line, in order. Their translations are joined with
 * a space.
 */
final class LongLineSplitter {
    private static final String CLOSERS = "[\"')\\]}»”’」』]*";
    private static final Pattern SENTENCE_END =
            Pattern.compile("[.!?…؟]+" + CLOSERS + "\\s+|[。！？]+" + CLOSERS + "\\s*");

    private LongLineSplitter() {}

    /**
     * Cuts a text into sentences, each keeping its end mark and the whitespace after it.
     *
     * @param text the text
     * @return the sentences, in order; together exactly the text
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(text);
        int start = 0;
        while (m.find()) {
            if (m.end() > start) {
                out.add(text.substring(start, m.end()));
                start = m.end();
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The parts of a line and whether a sentence had to be cut between pieces. */
    record Parts(List<int[]> ids, boolean cutInsideSentence) {}

    /**
     * Splits a line.
     *
     * @param text the line
     * @param encode text to piece ids
     * @param limit the most pieces in one part
     * @return the parts, each at most {@code limit} pieces
     */
    static Parts split(String text, Function<String, int[]> encode, int limit) {
        List<int[]> parts = new ArrayList<>();
        int[] current = new int[0];
        boolean cut = false;
        for (String sentence : sentences(text)) {
            int[] ids = encode.apply(sentence);
            if (ids.length > limit) {
                cut = true;
                flush(parts, current);
                current = new int[0];
                for (int from = 0; from < ids.length; from += limit) {
                    parts.add(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + limit)));
                }
            } else if (current.length + ids.length > limit) {
                flush(parts, current);
                current = ids;
            } else {
                current = concat(current, ids);
            }
        }
        flush(parts, current);
        return new Parts(parts, cut);
    }

    private static void flush(List<int[]> parts, int[] ids) {
        if (ids.length > 0) {
            parts.add(ids);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
