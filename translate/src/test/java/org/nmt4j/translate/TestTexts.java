package org.nmt4j.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Sentences made of the test tokenizer's pieces, which the copy model gives back. */
final class TestTexts {
    private TestTexts() {}

    /** The 30 sentences the test tokenizer was trained on. */
    static List<String> sentences() {
        try {
            return Files.readAllLines(CopyModel.sentencesFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 64 sentences of mixed lengths: the 30 sentences, and 34 of their word prefixes. */
    static List<String> mixed64() {
        List<String> base = sentences();
        List<String> out = new ArrayList<>(base);
        for (int i = 0; out.size() < 64; i++) {
            String[] words = base.get(i % base.size()).split(" ");
            int n = 1 + (i * 7) % words.length;
            out.add(String.join(" ", java.util.Arrays.copyOf(words, n)));
        }
        return out;
    }

    /** A line of {@code words} words: the sentences repeated, so it has sentence ends. */
    static String longLine(int words) {
        StringBuilder line = new StringBuilder();
        int count = 0;
        for (int i = 0; count < words; i++) {
            for (String w : sentences().get(i % 30).split(" ")) {
                if (count++ < words) {
                    line.append(line.length() == 0 ? "" : " ").append(w);
                }
            }
        }
        return line.toString();
    }
}
