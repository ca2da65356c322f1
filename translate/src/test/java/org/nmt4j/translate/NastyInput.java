package org.nmt4j.translate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An input file that breaks careless translators: empty and blank lines, a 2,000-word line, CRLF
 * endings, emoji, Chinese and Arabic text, a line of only punctuation, invalid UTF-8, and a last
 * line without a line feed.
 */
public final class NastyInput {
    /** The lines as they should be read (null: not valid UTF-8). */
    public static final List<String> LINES =
            Arrays.asList(
                    "the cat sat on the mat.",
                    "",
                    "   \t  ",
                    TestTexts.longLine(2000),
                    "we eat fish on friday.",
                    "i like green tea 🍵😀 and bread.",
                    "我喜欢喝茶。你呢？",
                    "أحب شرب الشاي في الصباح.",
                    "?!… ¿¡ «»—;:,.",
                    null,
                    "the bird sings in the tree.");

    /** The 1-based number of the line that is not valid UTF-8. */
    public static final int INVALID_LINE = 10;

    /** The 1-based number of the 2,000-word line. */
    public static final int LONG_LINE = 4;

    private NastyInput() {}

    /**
     * The file's bytes: CRLF after line 5 and 6, LF elsewhere, no line feed after the last line.
     *
     * @return the bytes
     */
    public static byte[] bytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < LINES.size(); i++) {
            String line = LINES.get(i);
            if (line == null) {
                b.writeBytes(new byte[] {'t', 'h', 'e', ' ', (byte) 0xC3, '(', ' ', (byte) 0xFF});
            } else {
                b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            }
            if (i == 4 || i == 5) {
                b.write('\r');
            }
            if (i < LINES.size() - 1) {
                b.write('\n');
            }
        }
        return b.toByteArray();
    }
}
