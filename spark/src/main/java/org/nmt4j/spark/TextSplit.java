package org.nmt4j.spark;

import java.io.Serializable;

/**
 * A byte range of one input file. A split owns the lines that start inside it: the line starting at
 * byte p (the file's first byte, or the byte after an LF) belongs to the split with {@code start <=
 * p < end}. So every line of a file belongs to exactly one split, however the file is cut, and the
 * splits' lines in order are the file's lines.
 *
 * @param index the split's position among all splits of the job (the output part number)
 * @param file the file, as a Hadoop path string
 * @param fileIndex the file's position among the job's input files
 * @param start the first byte
 * @param end one past the last byte
 */
public record TextSplit(int index, String file, int fileIndex, long start, long end)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates the range. */
    public TextSplit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad split range [" + start + ", " + end + ")");
        }
    }
}
