package org.nmt4j.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.PaddingStats;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.clean.Deduplicator;
import org.nmt4j.data.clean.PairFilter;
import org.nmt4j.data.clean.Split;
import org.nmt4j.data.clean.SplitAssigner;
import org.nmt4j.data.corpus.CorpusException;
import org.nmt4j.data.corpus.CorpusReaders;
import org.nmt4j.data.corpus.ReadSummary;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.data.corpus.SkipReason;
import org.nmt4j.data.tokenizer.TextNormalizer;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.TokenizerTrainer;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a configured corpus into what a trainer needs: SentencePiece model(s), the kept pairs of
 * each split as id arrays, the dev/test text for scoring, and statistics.
 *
 * <p>Two streaming passes over the corpus files; neither holds the raw text in memory:
 *
 * <ol>
 *   <li>only when a tokenizer is to be trained: read, normalise (NFC, whitespace), split,
 *       de-duplicate, and write the training sentences to SentencePiece's input file(s); then run
 *       {@code spm_train} ({@code spm.model}, or {@code spm.SRC.model} and {@code spm.TGT.model},
 *       in the output directory);
 *   <li>read again, normalise, split, de-duplicate, encode, apply the length filters (train only),
 *       and write the kept pairs to {@code train.tsv}, {@code dev.tsv}, {@code test.tsv} in the
 *       output directory (two columns, normalised) while collecting their ids.
 * </ol>
 *
 * Every dropped line is counted by reason with its first line numbers. Memory: the ids of the kept
 * pairs (about 4 bytes per token), the dev/test text, and 16 bytes per pair for de-duplication.
 */
public final class Preparer {
    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);

    private final DataConfig data;
    private final TokenizerConfig tokenizer;
    private final Path outputDir;

    /**
     * Creates a preparer.
     *
     * @param data the data section
     * @param tokenizer the tokenizer section
     * @param outputDir where the tokenizer models and cleaned splits are written
     */
    public Preparer(DataConfig data, TokenizerConfig tokenizer, Path outputDir) {
        this.data = data;
        this.tokenizer = tokenizer;
        this.outputDir = outputDir;
    }

    /**
     * Runs both passes.
     *
     * @return the prepared data (close it: it holds the tokenizers)
     * @throws IOException if a file cannot be read or written
     * @throws CorpusException if the corpus is unusable (missing, mostly malformed, misaligned,
     *     nothing left after filtering)
     */
    public PreparedData prepare() throws IOException {
        Files.createDirectories(outputDir);
        Tokenizers tokenizers = tokenizer.loadsExisting() ? Tokenizers.load(tokenizer) : train();
        try {
            return encode(tokenizers);
        } catch (IOException | RuntimeException e) {
            tokenizers.close();
            throw e;
        }
    }

    /** What a pass does with each normalised pair. */
    private interface PairVisitor {
        void visit(Split split, SentencePair pair) throws IOException;
    }

    private List<ReadSummary> forEachPair(PairVisitor visitor) throws IOException {
        List<ReadSummary> summaries = new ArrayList<>();
        SplitAssigner assigner =
                data.splitsTrain()
                        ? new SplitAssigner(
                                data.devFraction(), data.testFraction(), data.splitSeed())
                        : null;
        summaries.add(read(data.train(), assigner, Split.TRAIN, visitor));
        if (data.dev() != null) {
            summaries.add(read(data.dev(), null, Split.DEV, visitor));
        }
        if (data.test() != null) {
            summaries.add(read(data.test(), null, Split.TEST, visitor));
        }
        return summaries;
    }

    private ReadSummary read(Path location, SplitAssigner assigner, Split fixed, PairVisitor v)
            throws IOException {
        IOException[] failure = new IOException[1];
        ReadSummary summary =
                CorpusReaders.open(data, location)
                        .read(
                                raw -> {
                                    if (failure[0] != null) {
                                        return;
                                    }
                                    SentencePair p = normalize(raw);
                                    Split split =
                                            assigner == null ? fixed : assigner.assign(p.source());
                                    try {
                                        v.visit(split, p);
                                    } catch (IOException e) {
                                        failure[0] = e;
                                    }
                                });
        if (failure[0] != null) {
            throw failure[0];
        }
        return summary;
    }

    private static SentencePair normalize(SentencePair raw) {
        return new SentencePair(
                raw.line(),
                TextNormalizer.normalize(raw.source()),
                TextNormalizer.normalize(raw.target()));
    }

    private static boolean empty(SentencePair p) {
        return p.source().isEmpty() || p.target().isEmpty();
    }

    private Tokenizers train() throws IOException {
        boolean joint = tokenizer.joint();
        Path srcText = outputDir.resolve(".spm-input." + (joint ? "txt" : data.sourceLang()));
        Path tgtText = joint ? srcText : outputDir.resolve(".spm-input." + data.targetLang());
        try {
            writeSpmInput(srcText, tgtText);
            TokenizerTrainer trainer = TokenizerTrainer.forConfig(tokenizer);
            long seed = data.splitSeed();
            if (joint) {
                Path model = outputDir.resolve("spm.model");
                trainer.train(List.of(srcText), model, tokenizer, seed);
                return Tokenizers.joint(model);
            }
            Path src = outputDir.resolve("spm." + data.sourceLang() + ".model");
            Path tgt = outputDir.resolve("spm." + data.targetLang() + ".model");
            trainer.train(List.of(srcText), src, tokenizer, seed);
            trainer.train(List.of(tgtText), tgt, tokenizer, seed);
            return Tokenizers.separate(src, tgt);
        } finally {
            Files.deleteIfExists(srcText);
            Files.deleteIfExists(tgtText);
        }
    }

    private void writeSpmInput(Path srcText, Path tgtText) throws IOException {
        Deduplicator dedup = new Deduplicator();
        try (BufferedWriter src = Files.newBufferedWriter(srcText, StandardCharsets.UTF_8);
                BufferedWriter tgt =
                        srcText.equals(tgtText)
                                ? src
                                : Files.newBufferedWriter(tgtText, StandardCharsets.UTF_8)) {
            forEachPair(
                    (split, p) -> {
                        if (split != Split.TRAIN || empty(p)) {
                            return;
                        }
                        if (data.dedup() && !dedup.firstTime(p.source(), p.target())) {
                            return;
                        }
                        src.write(p.source());
                        src.write('\n');
                        tgt.write(p.target());
                        tgt.write('\n');
                    });
        }
    }

    private PreparedData encode(Tokenizers tokenizers) throws IOException {
        Map<Split, SplitSink> sinks = new EnumMap<>(Split.class);
        try {
            for (Split s : Split.values()) {
                sinks.put(s, new SplitSink(s, outputDir, s != Split.TRAIN));
            }
            PairFilter filter = new PairFilter(data.maxTokens(), data.maxLengthRatio());
            Deduplicator dedup = new Deduplicator();
            List<ReadSummary> inputs =
                    forEachPair(
                            (split, p) ->
                                    encodeOne(sinks.get(split), p, tokenizers, filter, dedup));
            for (SplitSink sink : sinks.values()) {
                sink.commit();
            }
            return assemble(tokenizers, sinks, inputs);
        } finally {
            for (SplitSink sink : sinks.values()) {
                sink.close();
            }
        }
    }

    private void encodeOne(
            SplitSink sink, SentencePair p, Tokenizers tok, PairFilter filter, Deduplicator dedup)
            throws IOException {
        sink.seen();
        boolean train = sink.split() == Split.TRAIN;
        if (empty(p)) {
            sink.skip(SkipReason.EMPTY_SIDE, p.line());
            return;
        }
        if (train && data.dedup() && !dedup.firstTime(p.source(), p.target())) {
            sink.skip(SkipReason.DUPLICATE, p.line());
            return;
        }
        int[] source = tok.source().encode(p.source());
        int[] target = tok.target().encode(p.target());
        SkipReason drop = train ? filter.check(source.length, target.length) : null;
        if (drop != null) {
            sink.skip(drop, p.line());
            return;
        }
        sink.keep(p, source, target);
    }

    private PreparedData assemble(
            Tokenizers tokenizers, Map<Split, SplitSink> sinks, List<ReadSummary> inputs) {
        Map<Split, TokenizedCorpus> corpora = new EnumMap<>(Split.class);
        List<SplitReport> reports = new ArrayList<>();
        for (SplitSink sink : sinks.values()) {
            TokenizedCorpus c = sink.corpus();
            corpora.put(sink.split(), c);
            reports.add(sink.report(c));
        }
        TokenizedCorpus train = corpora.get(Split.TRAIN);
        if (train.size() == 0) {
            throw new CorpusException(
                    "no training pairs left after filtering "
                            + data.train()
                            + " (dropped: "
                            + reports.get(0).skips()
                            + "); check data.max_tokens and"
                            + " data.max_length_ratio",
                    true);
        }
        PaddingStats bucketed =
                PaddingStats.of(
                        train,
                        new Batcher(train, data.batchTokens(), data.splitSeed()).plan(0).batches());
        int naiveSize = (int) Math.max(1, Math.round(bucketed.meanBatchSize()));
        PaddingStats naive =
                PaddingStats.of(train, Batcher.naive(train, naiveSize, data.splitSeed()));
        PrepareReport report =
                new PrepareReport(
                        inputs,
                        reports,
                        describe(tokenizers),
                        data.batchTokens(),
                        bucketed,
                        naiveSize,
                        naive);
        return new PreparedData(
                outputDir,
                tokenizers,
                corpora,
                sinks.get(Split.DEV).pairs(),
                sinks.get(Split.TEST).pairs(),
                report);
    }

    private String describe(Tokenizers t) {
        String how = tokenizer.loadsExisting() ? "loaded" : "trained";
        if (t.joint()) {
            return how
                    + " joint "
                    + t.source().modelFile()
                    + " ("
                    + t.source().vocabSize()
                    + " pieces)";
        }
        return how
                + " "
                + t.source().modelFile()
                + " ("
                + t.source().vocabSize()
                + " pieces) and "
                + t.target().modelFile()
                + " ("
                + t.target().vocabSize()
                + " pieces)";
    }
}
