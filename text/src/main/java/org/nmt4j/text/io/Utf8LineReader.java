package org.nmt4j.text.io;

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
 * Reads a UTF-8 stream line by line as bytes and decodes each line on its own with a strict
 * decoder, so that invalid UTF-8 costs exactly that line (reported with its number) and never
 * shifts the others.
 *
 * <p>Lines end at LF; a CR before the LF is dropped (CRLF input gives the same lines as LF input);
 * a last line without LF is a line; a UTF-8 byte-order mark at the start of the input is skipped.
 * So the number of lines is the number of LF bytes, plus one when the input does not end with LF
 * ({@link #count}). A line longer than the reader's limit is consumed without being held in memory
 * and reported as {@link Line#tooLong()}.
 */
public final class Utf8LineReader implements Closeable {
    /** No limit on the length of a line. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final ThreadLocal<CharsetDecoder> DECODER =
            ThreadLocal.withInitial(Utf8LineReader::strictDecoder);

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private final CharsetDecoder decoder = strictDecoder();
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int length;
    private long number;
    private boolean started;

    /**
     * One line.
     *
     * @param number the 1-based line number
     * @param text the decoded text (no line end), or null when the line is not valid UTF-8 or too
     *     long
     * @param error why there is no text (e.g. {@code invalid UTF-8 (Input length = 1)}), or null
     * @param tooLong whether the line was longer than the reader's limit
     */
    public record Line(long number, String text, String error, boolean tooLong) {
        /**
         * Tells whether the line was skipped for invalid UTF-8.
         *
         * @return true when the bytes are not valid UTF-8
         */
        public boolean invalidUtf8() {
            return text == null && !tooLong;
        }
    }

    /**
     * Reads lines of any length from a stream (closed with this reader).
     *
     * @param in the input
     */
    public Utf8LineReader(InputStream in) {
        this(in, UNLIMITED);
    }

    /**
     * Reads lines from a stream (closed with this reader), reporting lines longer than a limit.
     *
     * @param in the input
     * @param maxLineBytes the longest line kept, in bytes (CR included, BOM excluded)
     */
    public Utf8LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 0) {
            throw new IllegalArgumentException("maxLineBytes must be >= 0, got " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return the line, or null at the end of the input
     * @throws IOException if reading fails
     */
    public Line next() throws IOException {
        length = 0;
        boolean tooLong = false;
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
            if (!tooLong) {
                tooLong = !append(start, pos - start);
            }
            if (pos < limit) {
                pos++; // the LF
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "longer than " + maxLineBytes + " bytes", true);
        }
        return decode(decoder, number, line, 0, length, false);
    }

    /**
     * Returns the number of lines read so far.
     *
     * @return lines read
     */
    public long lineNumber() {
        return number;
    }

    /**
     * Decodes one line's bytes as {@link #next()} does: one CR at the end is dropped, on line 1 a
     * leading byte-order mark is skipped, and bytes that are not valid UTF-8 give a line with no
     * text and an error. Thread-safe; for readers that split lines themselves (e.g. Spark's).
     *
     * @param number the 1-based line number
     * @param bytes holds the line, without its LF
     * @param offset where the line starts in {@code bytes}
     * @param length the line's length in bytes
     * @return the line
     */
    public static Line decode(long number, byte[] bytes, int offset, int length) {
        return decode(DECODER.get(), number, bytes, offset, length, number == 1);
    }

    private static Line decode(
            CharsetDecoder decoder,
            long number,
            byte[] bytes,
            int offset,
            int length,
            boolean skipByteOrderMark) {
        int start = offset;
        int end = offset + length;
        if (skipByteOrderMark && hasByteOrderMark(bytes, start, end)) {
            start += 3;
        }
        if (end > start && bytes[end - 1] == '\r') {
            end--;
        }
        try {
            String text =
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            return new Line(number, text, null, false);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "invalid UTF-8 (" + e.getMessage() + ")", false);
        }
    }

    private static boolean hasByteOrderMark(byte[] b, int start, int end) {
        return end - start >= 3
                && (b[start] & 0xFF) == 0xEF
                && (b[start + 1] & 0xFF) == 0xBB
                && (b[start + 2] & 0xFF) == 0xBF;
    }

    /**
     * Counts the lines of an input the way {@link #next()} splits them, without decoding.
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

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        if (!started) {
            started = true;
            if (hasByteOrderMark(buf, 0, n)) {
                pos = 3;
            }
        }
        return true;
    }

    /** Appends to the line; false (and nothing more kept) once it would exceed the limit. */
    private boolean append(int start, int n) {
        if ((long) length + n > maxLineBytes) {
            return false;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buf, start, line, length, n);
        length += n;
        return true;
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
