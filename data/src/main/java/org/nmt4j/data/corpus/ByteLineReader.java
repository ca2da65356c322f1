package org.nmt4j.data.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a UTF-8 stream line by line as bytes, so that each line is decoded on its own and an
 * invalid byte sequence costs one line, not the file.
 *
 * <p>Lines end at LF; a CR before the LF is dropped (CRLF files), and a UTF-8 byte-order mark at
 * the start of the stream is skipped. A line longer than {@link #MAX_LINE_BYTES} is consumed and
 * reported as {@link Line#tooLong()} without being held in memory.
 */
final class ByteLineReader implements Closeable {
    /** The longest line kept, in bytes (1 MiB); longer lines are skipped. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineNumber;
    private boolean first = true;

    /** One line: its 1-based number, its text (null when it was not valid UTF-8 or too long). */
    record Line(long number, String text, boolean tooLong) {
        boolean invalidUtf8() {
            return text == null && !tooLong;
        }
    }

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line.
     *
     * @return the line, or null at the end of the stream
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        lineLength = 0;
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
            tooLong |= !append(start, pos - start);
            if (pos < limit) {
                pos++; // the LF
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null, true);
        }
        return new Line(lineNumber, decode(), false);
    }

    /**
     * Returns the number of lines read so far.
     *
     * @return lines read
     */
    long lineNumber() {
        return lineNumber;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        if (first) {
            first = false;
            if (n >= 3
                    && (buf[0] & 0xFF) == 0xEF
                    && (buf[1] & 0xFF) == 0xBB
                    && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        return true;
    }

    private boolean append(int start, int n) {
        if (lineLength + n > MAX_LINE_BYTES) {
            lineLength = MAX_LINE_BYTES + 1;
            return false;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buf, start, line, lineLength, n);
        lineLength += n;
        return true;
    }

    private String decode() {
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
