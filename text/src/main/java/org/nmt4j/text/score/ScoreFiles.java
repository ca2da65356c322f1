package org.nmt4j.text.score;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads hypothesis and reference files as sacreBLEU's users read them in Python: UTF-8, one segment
 * per line, a line ending at {@code \n}, {@code \r\n} or {@code \r} (Python's universal newlines;
 * no other character ends a line), a last line without terminator still a line.
 */
public final class ScoreFiles {

    private ScoreFiles() {}

    /**
     * Reads a hypothesis file.
     *
     * @param file UTF-8 text, one hypothesis per line
     * @return the lines, without terminators; an empty line is an empty hypothesis
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is not valid UTF-8 (naming the file and line)
     */
    public static List<String> readHypotheses(Path file) throws IOException {
        return readLines(file);
    }

    /**
     * Reads one reference stream: line {@code i} holds a reference of line {@code i}. An empty line
     * means "no reference for this line" and becomes {@code null} (as {@code line or None} does for
     * sacreBLEU's Python API); a line of spaces is a reference with no tokens.
     *
     * @param file UTF-8 text, one reference per line
     * @return the stream for {@link References#fromStreams}
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is not valid UTF-8 (naming the file and line)
     */
    public static List<String> readReferences(Path file) throws IOException {
        List<String> lines = new ArrayList<>(readLines(file));
        lines.replaceAll(line -> line.isEmpty() ? null : line);
        return Collections.unmodifiableList(lines);
    }

    private static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                lines.add(decode(decoder, bytes, start, i, file, lines.size() + 1));
                i += (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < bytes.length) {
            lines.add(decode(decoder, bytes, start, bytes.length, file, lines.size() + 1));
        }
        return Collections.unmodifiableList(lines);
    }

    private static String decode(
            CharsetDecoder decoder, byte[] bytes, int from, int to, Path file, int lineNumber) {
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    file + " line " + lineNumber + ": invalid UTF-8; convert the file to UTF-8");
        }
    }
}
