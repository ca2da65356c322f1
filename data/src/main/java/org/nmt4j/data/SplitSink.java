package org.nmt4j.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.clean.Split;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.data.corpus.SkipCounter;
import org.nmt4j.data.corpus.SkipReason;
import org.nmt4j.text.io.AtomicFiles;

/**
 * Collects the kept pairs of one split: writes them as a two-column TSV (under a temporary name,
 * renamed by {@link #commit()}), adds their ids to a {@link TokenizedCorpus}, and, for dev and
 * test, keeps the text pairs (needed for multi-reference scoring).
 */
final class SplitSink implements AutoCloseable {
    private final Split split;
    private final Path file;
    private final Path temp;
    private final BufferedWriter writer;
    private final TokenizedCorpus.Builder ids = TokenizedCorpus.builder();
    private final List<SentencePair> pairs;
    private final SkipCounter skips = new SkipCounter();
    private long seen;
    private boolean committed;

    SplitSink(Split split, Path dir, boolean keepText) throws IOException {
        this.split = split;
        this.file = dir.resolve(split.fileName() + ".tsv");
        this.temp = AtomicFiles.temporaryFile(file);
        this.writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        this.pairs = keepText ? new ArrayList<>() : null;
    }

    Split split() {
        return split;
    }

    /** Counts a well-formed pair that reached this split. */
    void seen() {
        seen++;
    }

    void skip(SkipReason reason, long line) {
        skips.skip(reason, line);
    }

    void keep(SentencePair pair, int[] source, int[] target) throws IOException {
        writer.write(pair.source());
        writer.write('\t');
        writer.write(pair.target());
        writer.write('\n');
        ids.add(source, target);
        if (pairs != null) {
            pairs.add(pair);
        }
    }

    /** Finishes the file and moves it to its final name. */
    void commit() throws IOException {
        writer.close();
        AtomicFiles.publish(temp, file);
        committed = true;
    }

    TokenizedCorpus corpus() {
        return ids.build();
    }

    List<SentencePair> pairs() {
        return pairs == null ? List.of() : List.copyOf(pairs);
    }

    Path file() {
        return file;
    }

    SplitReport report(TokenizedCorpus corpus) {
        int[] source = new int[corpus.size()];
        int[] target = new int[corpus.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = corpus.sourceLength(i);
            target[i] = corpus.targetLength(i);
        }
        return new SplitReport(
                split, seen, corpus.size(), skips, LengthStats.of(source), LengthStats.of(target));
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close();
            Files.deleteIfExists(temp);
        }
    }
}
