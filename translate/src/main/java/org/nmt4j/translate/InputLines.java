package org.nmt4j.translate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.nmt4j.text.io.Utf8LineReader;

/**
 * Reads text to translate line by line, as bytes, and decodes each line on its own with a strict
 * UTF-8 decoder, so that invalid UTF-8 costs exactly that line (reported with its number) and never
 * shifts the others. Lines of any length are read whole.
 *
 * <p>Lines end at LF; a CR before the LF is dropped (CRLF input gives the same lines as LF input);
 * a last line without LF is a line; a UTF-8 byte-order mark at the start is skipped. So the number
 * of lines is the number of LF bytes, plus one when the input does not end with LF. The reading is
 * {@link Utf8LineReader}'s; this class keeps the translation API's line type.
 */
public final class InputLines implements Closeable {
    private final Utf8LineReader reader;

    /**
     * One input line.
     *
     * @param number the 1-based line number
     * @param text the decoded text, or null when the line is not valid UTF-8
     * @param error why the line could not be decoded, or null
     */
    public record Line(long number, String text, String error) {}

    /**
     * Reads from a stream (closed with this reader).
     *
     * @param in the input
     */
    public InputLines(InputStream in) {
        this.reader = new Utf8LineReader(in);
    }

    /**
     * Reads the next line.
     *
     * @return the line, or null at the end of the input
     * @throws IOException if reading fails
     */
    public Line next() throws IOException {
        Utf8LineReader.Line line = reader.next();
        return line == null ? null : new Line(line.number(), line.text(), line.error());
    }

    /**
     * Counts the lines of a file the way {@link #next()} splits them, without decoding.
     *
     * @param in the input (read to the end and closed)
     * @return the number of lines
     * @throws IOException if reading fails
     */
    public static long count(InputStream in) throws IOException {
        return Utf8LineReader.count(in);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
