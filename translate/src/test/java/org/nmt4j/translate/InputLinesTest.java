package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLinesTest {
    private static List<InputLines.Line> read(byte[] bytes) throws IOException {
        List<InputLines.Line> lines = new ArrayList<>();
        try (InputLines in = new InputLines(new ByteArrayInputStream(bytes))) {
            for (InputLines.Line l = in.next(); l != null; l = in.next()) {
                lines.add(l);
            }
        }
        assertEquals(lines.size(), InputLines.count(new ByteArrayInputStream(bytes)));
        return lines;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lines_endAtLf_dropCrOfCrlf_andKeepALastLineWithoutLf() throws IOException {
        List<InputLines.Line> lines = read(utf8("a\r\n\r\nb\n\nc"));
        assertEquals(
                List.of("a", "", "b", "", "c"), lines.stream().map(InputLines.Line::text).toList());
        assertEquals(5, lines.get(4).number());
    }

    @Test
    void emptyInput_hasNoLines_andAFinalLfAddsNoLine() throws IOException {
        assertEquals(0, read(new byte[0]).size());
        assertEquals(1, read(utf8("x\n")).size());
    }

    @Test
    void invalidUtf8_costsOnlyItsLine_reportedWithItsNumber() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8("ok 😀\n"));
        b.writeBytes(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, '(', '\n'});
        b.writeBytes(new byte[] {(byte) 0xFF, '\n'});
        b.writeBytes(utf8("我喜欢茶 أحب\n"));
        List<InputLines.Line> lines = read(b.toByteArray());
        assertEquals(4, lines.size());
        assertEquals("ok 😀", lines.get(0).text());
        assertNull(lines.get(1).text());
        assertNotNull(lines.get(1).error());
        assertEquals(2, lines.get(1).number());
        assertNull(lines.get(2).text());
        assertEquals("我喜欢茶 أحب", lines.get(3).text());
    }

    @Test
    void byteOrderMark_atTheStart_isSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};
        assertEquals("hi", read(bom).get(0).text());
    }

    @Test
    void veryLongLine_isReadWhole() throws IOException {
        String longLine = "word ".repeat(50_000).strip();
        assertEquals(longLine, read(utf8(longLine + "\nnext")).get(0).text());
    }
}
