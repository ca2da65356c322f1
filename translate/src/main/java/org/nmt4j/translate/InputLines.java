package org.nmt4j.translate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads text to translate line by line, as bytes, and decodes each line on its own with a strict
 * UTF-8 decoder, so that invalid UTF-8 costs exactly that line (reported with its number) and never
 * shifts the others.
 *
 * <p>Lines end at LF; a CR before the LF is dropped (CRLF input gives the same lines as LF input);
 * a last line without LF is a line; a UTF-8 byte-order mark at the start is skipped. So the number
 * of lines is the number of LF bytes, plus one when the input does not end with LF.
 */
public final class InputLines implements Closeable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int limit;
    private boolean started;
    private byte[] line = new byte[256];
    private int length;
    private long number;

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
        this.in = in;
    }

    /**
     * Reads the next line.
     *
     * @return the line, or null at the end of the input
     * @throws IOException if reading fails
     */
    public Line next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++;
                break;
            }
        }
        number++;
        return decode();
    }

    private Line decode() {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return new Line(
                    number, decoder.reset().decode(ByteBuffer.wrap(line, 0, n)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "invalid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        if (!started) {
            started = true;
            if (n >= 3
                    && (buf[0] & 0xFF) == 0xEF
                    && (buf[1] & 0xFF) == 0xBB
                    && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        return true;
    }

    private void append(int start, int n) {
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buf, start, line, length, n);
        length += n;
    }

    /**
     * Counts the lines of a file the way {@link #next()} splits them, without decoding.
     *
     * @param in the input (read to the end and closed)
     * @return the number of lines
     * @throws IOException if reading fails
     */
    public static long count(InputStream in) throws IOException {
        try (InputStream input = in) {
            byte[] b = new byte[1 << 16];
            long lines = 0;
            int last = '\n';
            for (int n = input.read(b); n >= 0; n = input.read(b)) {
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    last = b[n - 1];
                }
            }
            return last == '\n' ? lines : lines + 1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
