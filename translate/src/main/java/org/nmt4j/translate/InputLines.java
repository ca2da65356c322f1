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
    private final CharsetDecoder decoder = strictDecoder();
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
        return decode(number, line, length, decoder);
    }

    /**
     * Decodes one line's bytes exactly as {@link #next()} does: a CR at the end is dropped, and the
     * rest is decoded with a strict UTF-8 decoder.
     *
     * @param number the line's 1-based number, for the result
     * @param bytes the line's bytes, without the LF
     * @param length how many of {@code bytes} belong to the line
     * @return the line; its text is null when the bytes are not valid UTF-8
     */
    public static Line decode(long number, byte[] bytes, int length) {
        return decode(number, bytes, length, strictDecoder());
    }

    private static Line decode(long number, byte[] bytes, int length, CharsetDecoder decoder) {
        int n = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        try {
            return new Line(
                    number, decoder.reset().decode(ByteBuffer.wrap(bytes, 0, n)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "invalid UTF-8 (" + e.getMessage() + ")");
        }
    }

    /**
     * Tells whether bytes start with the UTF-8 byte-order mark, which {@link #next()} skips at the
     * start of the input.
     *
     * @param bytes the first bytes of the input
     * @param length how many of them were read
     * @return true for {@code EF BB BF}
     */
    public static boolean startsWithByteOrderMark(byte[] bytes, int length) {
        return length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
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
            if (startsWithByteOrderMark(buf, n)) {
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
