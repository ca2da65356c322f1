package org.nmt4j.data.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small corpus files byte by byte, so that tests can show exactly what is malformed. */
final class CorpusFiles {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28}; // a broken 2-byte sequence

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    CorpusFiles bytes(byte[] b) {
        bytes.writeBytes(b);
        return this;
    }

    CorpusFiles text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, bytes.toByteArray());
        return file;
    }

    static List<SentencePair> readAll(CorpusReader reader, ReadSummary[] summary)
            throws IOException {
        List<SentencePair> pairs = new ArrayList<>();
        summary[0] = reader.read(pairs::add);
        return pairs;
    }

    private CorpusFiles() {}

    static CorpusFiles create() {
        return new CorpusFiles();
    }
}
