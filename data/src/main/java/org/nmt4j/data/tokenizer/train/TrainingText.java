package org.nmt4j.data.tokenizer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nmt4j.data.tokenizer.TokenizerException;
import org.nmt4j.text.io.Utf8LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text a SentencePiece model learns from, as SentencePiece's trainer sees it: lines read from
 * UTF-8 files (a seeded sample of {@code input_sentence_size} when there are more), whitespace
 * escaped (runs of spaces become one {@code ▁}, one more starts the sentence), counted as words
 * (each {@code ▁} starts one), and the characters the model must cover, most frequent first, up to
 * {@code character_coverage} of all occurrences. Characters outside the coverage are replaced by
 * {@link PieceRules#UNKNOWN_CHAR}, which no piece may contain.
 */
final class TrainingText {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingText.class);

    /**
     * A distinct word and how often it occurs.
     *
     * @param cps its code points, starting with {@code ▁}
     * @param count occurrences
     */
    record Word(int[] cps, long count) {}

    /**
     * A distinct word with the character that follows it in the text: {@code ▁} inside a sentence,
     * 0 at its end (what tells SentencePiece's suffix array that a substring ends differently).
     *
     * @param cps its code points
     * @param follower the next character
     * @param count occurrences
     */
    record WordInContext(int[] cps, int follower, long count) {}

    /**
     * A character the model must have and how often it occurs.
     *
     * @param cp the code point
     * @param count occurrences
     */
    record RequiredChar(int cp, long count) {}

    private final List<Word> words;
    private final List<WordInContext> wordsInContext;
    private final List<RequiredChar> requiredChars;
    private final long sentences;

    private TrainingText(
            List<Word> words,
            List<WordInContext> wordsInContext,
            List<RequiredChar> requiredChars,
            long sentences) {
        this.words = words;
        this.wordsInContext = wordsInContext;
        this.requiredChars = requiredChars;
        this.sentences = sentences;
    }

    /**
     * Reads and prepares the text.
     *
     * @param inputs UTF-8 files, one sentence a line
     * @param settings sample size, coverage and seed
     * @return the text
     * @throws IOException if a file cannot be read
     * @throws TokenizerException if a file is not UTF-8 or no line has text
     */
    static TrainingText read(List<Path> inputs, TrainerSettings settings) throws IOException {
        Sample sample = sample(inputs, settings);
        Map<String, long[]> counted = new HashMap<>();
        long used = 0;
        long reserved = 0;
        for (String line : sample.lines()) {
            if (line.indexOf(PieceRules.UNKNOWN_CHAR) >= 0) {
                reserved++;
            } else if (countWords(line, counted)) {
                used++;
            }
        }
        if (sample.tooLong() > 0 || reserved > 0) {
            LOG.warn(
                    "the tokenizer learns from {} sentences; left out: {} longer than {} bytes, {}"
                            + " with the reserved character U+2047",
                    used,
                    sample.tooLong(),
                    TrainerSettings.MAX_SENTENCE_BYTES,
                    reserved);
        }
        if (used == 0) {
            throw new TokenizerException(
                    "the tokenizer's training text ("
                            + inputs
                            + ") has no line with text: give a corpus with sentences in data.train");
        }
        return build(counted, settings.characterCoverage(), used);
    }

    /** The lines kept by sampling, and how many were too long to read. */
    private record Sample(List<String> lines, long tooLong) {}

    private static Sample sample(List<Path> inputs, TrainerSettings settings) throws IOException {
        int capacity = settings.inputSentenceSize();
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<String> kept = new ArrayList<>();
        long seen = 0;
        long tooLong = 0;
        for (Path input : inputs) {
            try (Utf8LineReader reader =
                    new Utf8LineReader(
                            Files.newInputStream(input), TrainerSettings.MAX_SENTENCE_BYTES)) {
                Utf8LineReader.Line line;
                while ((line = reader.next()) != null) {
                    if (line.tooLong()) {
                        tooLong++;
                        continue;
                    }
                    if (line.invalidUtf8()) {
                        throw new TokenizerException(
                                input
                                        + ":"
                                        + line.number()
                                        + ": not UTF-8 text; convert the file to UTF-8");
                    }
                    if (line.text().isBlank()) {
                        continue;
                    }
                    if (kept.size() < capacity) {
                        kept.add(line.text());
                    } else {
                        long j = random.nextLong(seen + 1);
                        if (j < capacity) {
                            kept.set((int) j, line.text());
                        }
                    }
                    seen++;
                }
            }
        }
        if (seen > capacity) {
            LOG.info(
                    "the tokenizer learns from a sample of {} of {} sentences"
                            + " (tokenizer.input_sentence_size)",
                    capacity,
                    seen);
        }
        return new Sample(kept, tooLong);
    }

    /** Adds the words of one line; false when it has none. */
    private static boolean countWords(String line, Map<String, long[]> counted) {
        String[] parts = line.split(" +");
        List<String> tokens = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (!p.isEmpty()) {
                tokens.add(p);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            char follower = i + 1 < tokens.size() ? (char) PieceRules.WORD_BOUNDARY : '\0';
            String key = (char) PieceRules.WORD_BOUNDARY + tokens.get(i) + follower;
            counted.computeIfAbsent(key, k -> new long[1])[0]++;
        }
        return !tokens.isEmpty();
    }

    private static TrainingText build(Map<String, long[]> counted, double coverage, long used) {
        Map<Integer, long[]> charCounts = new HashMap<>();
        List<WordInContext> raw = new ArrayList<>(counted.size());
        for (Map.Entry<String, long[]> e : counted.entrySet()) {
            int[] all = e.getKey().codePoints().toArray();
            int[] cps = Arrays.copyOf(all, all.length - 1);
            long count = e.getValue()[0];
            for (int c : cps) {
                charCounts.computeIfAbsent(c, k -> new long[1])[0] += count;
            }
            raw.add(new WordInContext(cps, all[all.length - 1], count));
        }
        List<RequiredChar> required = required(charCounts, coverage);
        Set<Integer> keep = new HashSet<>();
        for (RequiredChar r : required) {
            keep.add(r.cp());
        }
        List<WordInContext> inContext = new ArrayList<>(raw.size());
        Map<String, long[]> merged = new HashMap<>();
        for (WordInContext w : raw) {
            int[] cps = w.cps().clone();
            for (int i = 0; i < cps.length; i++) {
                if (!keep.contains(cps[i])) {
                    cps[i] = PieceRules.UNKNOWN_CHAR;
                }
            }
            inContext.add(new WordInContext(cps, w.follower(), w.count()));
            merged.computeIfAbsent(new String(cps, 0, cps.length), k -> new long[1])[0] +=
                    w.count();
        }
        inContext.sort(
                (a, b) -> {
                    int c = compare(a.cps(), b.cps());
                    return c != 0 ? c : Integer.compare(a.follower(), b.follower());
                });
        List<Word> words = new ArrayList<>(merged.size());
        for (Map.Entry<String, long[]> e : merged.entrySet()) {
            words.add(new Word(e.getKey().codePoints().toArray(), e.getValue()[0]));
        }
        words.sort(
                (a, b) -> {
                    int c = Long.compare(b.count(), a.count());
                    return c != 0 ? c : compare(a.cps(), b.cps());
                });
        return new TrainingText(List.copyOf(words), List.copyOf(inContext), required, used);
    }

    private static List<RequiredChar> required(Map<Integer, long[]> charCounts, double coverage) {
        List<RequiredChar> all = new ArrayList<>(charCounts.size());
        long total = 0;
        for (Map.Entry<Integer, long[]> e : charCounts.entrySet()) {
            all.add(new RequiredChar(e.getKey(), e.getValue()[0]));
            total += e.getValue()[0];
        }
        all.sort(TrainingText::byCountThenChar);
        List<RequiredChar> required = new ArrayList<>();
        long accumulated = 0;
        for (RequiredChar r : all) {
            if ((double) accumulated / total >= coverage) {
                break;
            }
            required.add(r);
            accumulated += r.count();
        }
        if (required.size() < all.size()) {
            LOG.info(
                    "{} of {} distinct characters are covered"
                            + " (tokenizer.character_coverage {}); the other {} become unknown",
                    required.size(),
                    all.size(),
                    coverage,
                    all.size() - required.size());
        }
        return List.copyOf(required);
    }

    static int byCountThenChar(RequiredChar a, RequiredChar b) {
        int c = Long.compare(b.count(), a.count());
        return c != 0 ? c : Integer.compare(a.cp(), b.cp());
    }

    /** Compares code point arrays lexicographically (the order of their UTF-8 bytes). */
    static int compare(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    /**
     * Returns the distinct words, most frequent first.
     *
     * @return the words
     */
    List<Word> words() {
        return words;
    }

    /**
     * Returns the distinct words with their followers, in code point order.
     *
     * @return the words
     */
    List<WordInContext> wordsInContext() {
        return wordsInContext;
    }

    /**
     * Returns the characters the model must have, most frequent first.
     *
     * @return the characters
     */
    List<RequiredChar> requiredChars() {
        return requiredChars;
    }

    /**
     * Returns the number of sentences learnt from.
     *
     * @return the count
     */
    long sentences() {
        return sentences;
    }
}
