package org.nmt4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.NastyInput;

/**
 * An input directory that breaks careless distributed readers, in name order:
 *
 * <ul>
 *   <li>{@code a.txt}: a UTF-8 BOM, then {@link NastyInput} (empty and blank lines, a 2,000-word
 *       line, CRLF, invalid UTF-8, emoji, Chinese, Arabic, no final newline);
 *   <li>{@code b.txt}: 150 lines of the copy model's sentences with CRLF and LF endings, lone CRs
 *       inside lines and alone, a run of empty lines, a second long line, and a last line that ends
 *       with CR and no LF;
 *   <li>{@code c.txt}: only a BOM (one empty line); {@code d.txt}: empty (no line); {@code
 *       _SUCCESS} and {@code .hidden}: skipped.
 * </ul>
 */
final class AwkwardCorpus {
    /** The files that are read, in order. */
    static final List<String> FILES = List.of("a.txt", "b.txt", "c.txt", "d.txt");

    /** 1-based line numbers in b.txt of its long line. */
    static final int B_LONG_LINE = 77;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private AwkwardCorpus() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.txt"), a());
        Files.write(dir.resolve("b.txt"), b());
        Files.write(dir.resolve("c.txt"), BOM);
        Files.write(dir.resolve("d.txt"), new byte[0]);
        Files.writeString(dir.resolve("_SUCCESS"), "not input\n");
        Files.writeString(dir.resolve(".hidden"), "not input\n");
        return dir;
    }

    static byte[] a() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(NastyInput.bytes());
        return out.toByteArray();
    }

    static byte[] b() throws IOException {
        List<String> sentences = Files.readAllLines(CopyModel.sentencesFile());
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            String s = sentences.get(i % sentences.size());
            if (i == B_LONG_LINE) {
                s = String.join(" ", sentences) + " " + String.join(" ", sentences);
            } else if (i % 11 == 0) {
                s = s.replaceFirst(" ", "\r");
            } else if (i % 13 == 0) {
                s = "\r";
            } else if (i >= 100 && i < 110) {
                s = "";
            }
            text.append(s);
            if (i < 150) {
                text.append(i % 3 == 0 ? "\r\n" : "\n");
            } else {
                text.append('\r');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The 0-based offset of a line's first byte.
     *
     * @param bytes the file
     * @param line the 1-based line number
     * @return the offset
     */
    static int lineStart(byte[] bytes, int line) {
        int start = bytes.length >= 3 && bytes[0] == BOM[0] ? 3 : 0;
        for (int n = 1; n < line; n++) {
            while (bytes[start] != '\n') {
                start++;
            }
            start++;
        }
        return start;
    }
}
