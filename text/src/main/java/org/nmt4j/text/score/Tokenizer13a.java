package org.nmt4j.text.score;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The "13a" tokenizer of sacreBLEU ({@code tokenizer_13a.Tokenizer13a}, equivalent to mteval-v13a
 * as used by WMT): language-independent clean-up, then punctuation and symbols split off, periods
 * and commas split unless next to a digit, a dash split after a digit, and runs of whitespace
 * (Python's definition) collapsed to one space.
 *
 * <p>Thread-safe and stateless.
 */
public final class Tokenizer13a {

    /** ASCII symbols split off everywhere: {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ and /. */
    private static final Pattern SYMBOL =
            Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])");

    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /**
     * Tokenizes one segment.
     *
     * @param line the segment (not null)
     * @return the tokens joined by single spaces, without leading or trailing space
     */
    public String tokenize(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            s =
                    s.replace("&quot;", "\"")
                            .replace("&amp;", "&")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">");
        }
        s = " " + s + " ";
        s = SYMBOL.matcher(s).replaceAll(" $1 ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", PyText.split(s));
    }

    /**
     * Tokenizes one segment into its tokens.
     *
     * @param line the segment (not null)
     * @return the tokens, in order
     */
    public List<String> tokens(String line) {
        return PyText.split(tokenize(line));
    }
}
