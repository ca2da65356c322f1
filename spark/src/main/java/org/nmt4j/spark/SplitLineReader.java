package org.nmt4j.spark;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nmt4j.text.io.Utf8LineReader;

/**
 * Reads the raw lines of one {@link TextSplit}, as bytes, exactly as {@link Utf8LineReader} (the
 * reader of {@code ./nmt translate}) splits a whole file: lines end at LF (the LF is not part of
 * the line; a CR before it is, and is dropped when the line is decoded), a last line without LF is
 * a line, and a UTF-8 byte-order mark at the start of the file is dropped from the first line when
 * it is decoded (it still counts as that line's content: a file holding only a BOM has one empty
 * line). Lines end only at LF: a lone CR is part of a line (Hadoop's {@code LineRecordReader} and
 * {@code spark.read.text} would also end a line there).
 *
 * <p>A split reads every line that starts inside it, to the line's end even past the split, and
 * skips the partial line it starts in.
 */
public final class SplitLineReader implements Closeable {
    private final FSDataInputStream in;
    private final long end;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long offset;
    private byte[] line = new byte[256];
    private int length;
    private boolean firstOfFile;

    private SplitLineReader(FSDataInputStream in, long end) {
        this.in = in;
        this.end = end;
    }

    /**
     * Opens a split.
     *
     * @param fs the filesystem of the split's file
     * @param split the split
     * @return the reader, positioned before the split's first line
     * @throws IOException if the file cannot be read
     */
    public static SplitLineReader open(FileSystem fs, TextSplit split) throws IOException {
        FSDataInputStream in = fs.open(new Path(split.file()));
        try {
            SplitLineReader reader = new SplitLineReader(in, split.end());
            reader.seekFirstLine(split.start());
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void seekFirstLine(long start) throws IOException {
        if (start == 0) {
            seek(0);
            return;
        }
        seek(start - 1);
        while (true) {
            if (pos == limit && !fill()) {
                return;
            }
            byte b = buf[pos++];
            offset++;
            if (b == '\n') {
                return;
            }
        }
    }

    private void seek(long to) throws IOException {
        in.seek(to);
        offset = to;
        pos = 0;
        limit = 0;
    }

    /**
     * Reads the next line of the split.
     *
     * @return true if there was one ({@link #bytes()} and {@link #length()} hold it), false at the
     *     end of the split
     * @throws IOException if reading fails
     */
    public boolean next() throws IOException {
        if (offset >= end || (pos == limit && !fill())) {
            return false;
        }
        length = 0;
        firstOfFile = offset == 0;
        while (true) {
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            offset += pos - start;
            if (pos < limit) {
                pos++;
                offset++;
                break;
            }
            if (!fill()) {
                break;
            }
        }
        return true;
    }

    /**
     * Returns the current line's bytes (valid up to {@link #length()}, until the next call).
     *
     * @return the buffer
     */
    public byte[] bytes() {
        return line;
    }

    /**
     * Decodes the current line as {@code ./nmt translate} decodes it ({@link
     * Utf8LineReader#decode(long, byte[], int, int, boolean)}: a final CR dropped, strict UTF-8,
     * and a byte-order mark skipped only at the start of the file).
     *
     * @param number the number to give the line (e.g. its number within the split)
     * @return the line
     */
    public Utf8LineReader.Line decode(long number) {
        return Utf8LineReader.decode(number, line, 0, length, firstOfFile);
    }

    /**
     * Tells whether the current line is the file's first (whose byte-order mark, if any, is still
     * in {@link #bytes()}: {@link Utf8LineReader#decode(long, byte[], int, int, boolean)} skips
     * it).
     *
     * @return true for the file's first line
     */
    public boolean firstOfFile() {
        return firstOfFile;
    }

    /**
     * Returns the current line's length in bytes, LF excluded.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int start, int n) {
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buf, start, line, length, n);
        length += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
