package org.nmt4j.text.score;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python string operations sacreBLEU relies on, with Python's definition of whitespace
 * ({@code str.isspace}: category Zs or bidirectional class WS, B or S), which differs from Java's
 * ({@link Character#isWhitespace} excludes the no-break spaces and includes none of U+0085).
 */
final class PyText {

    private PyText() {}

    /**
     * Whether {@code c} is whitespace for Python's {@code str.isspace()}. Every such character is
     * in the Basic Multilingual Plane, so a UTF-16 unit is enough to decide.
     */
    static boolean isSpace(char c) {
        if (c <= 0x20) {
            return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        return c == 0x85
                || c == 0xA0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }

    /** Python's {@code s.split()}: the runs of non-whitespace characters, in order. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /** Python's {@code s.rstrip()}: {@code s} without its trailing whitespace. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code ''.join(s.split())}: {@code s} with every whitespace character removed. */
    static String removeSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
