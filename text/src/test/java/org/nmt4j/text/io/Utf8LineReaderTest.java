package org.nmt4j.text.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {
    private static List<Utf8LineReader.Line> read(byte[] bytes, int max) throws IOException {
        List<Utf8LineReader.Line> lines = new ArrayList<>();
        try (Utf8LineReader in = new Utf8LineReader(new ByteArrayInputStream(bytes), max)) {
            for (Utf8LineReader.Line l = in.next(); l != null; l = in.next()) {
                lines.add(l);
            }
            assertEquals(lines.size(), in.lineNumber());
        }
        assertEquals(lines.size(), Utf8LineReader.count(new ByteArrayInputStream(bytes)));
        return lines;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lineLongerThanTheLimit_isReportedTooLong_andTheNextLineIsIntact() throws IOException {
        List<Utf8LineReader.Line> lines = read(utf8("abcde\nabc\r\nabcdef\nxy"), 5);
        assertEquals("abcde", lines.get(0).text());
        assertEquals("abc", lines.get(1).text());
        assertTrue(lines.get(2).tooLong());
        assertNull(lines.get(2).text());
        assertFalse(lines.get(2).invalidUtf8());
        assertEquals(3, lines.get(2).number());
        assertEquals("xy", lines.get(3).text());
    }

    @Test
    void lineSpanningManyBuffers_isReadWhole_withoutALimit() throws IOException {
        String longLine = "palabra ".repeat(40_000).strip();
        List<Utf8LineReader.Line> lines = read(utf8(longLine + "\nnext"), Utf8LineReader.UNLIMITED);
        assertEquals(longLine, lines.get(0).text());
        assertEquals("next", lines.get(1).text());
    }

    @Test
    void invalidUtf8_givesAnErrorOnThatLineOnly() throws IOException {
        byte[] bytes = {'o', 'k', '\n', (byte) 0xC3, '(', '\n', 'b', 'y', 'e'};
        List<Utf8LineReader.Line> lines = read(bytes, Utf8LineReader.UNLIMITED);
        assertEquals("ok", lines.get(0).text());
        assertTrue(lines.get(1).invalidUtf8());
        assertEquals("invalid UTF-8 (Input length = 1)", lines.get(1).error());
        assertEquals("bye", lines.get(2).text());
    }

    @Test
    void decode_dropsOneCr_skipsABomOnLineOneOnly_andRejectsInvalidBytes() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i', '\r'};
        assertEquals("hi", Utf8LineReader.decode(1, bom, 0, bom.length).text());
        assertEquals("\uFEFFhi", Utf8LineReader.decode(2, bom, 0, bom.length).text());
        byte[] framed = utf8("[señor\r\r]");
        assertEquals("señor\r", Utf8LineReader.decode(7, framed, 1, framed.length - 2).text());
        Utf8LineReader.Line bad = Utf8LineReader.decode(4, new byte[] {(byte) 0xFF}, 0, 1);
        assertNull(bad.text());
        assertEquals(4, bad.number());
        assertTrue(bad.invalidUtf8());
    }
}
