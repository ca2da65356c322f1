package org.nmt4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.clean.Split;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.data.tokenizer.Tokenizers;

/**
 * The result of {@link Preparer#prepare()}: the tokenizers, the id arrays of each split, the
 * dev/test text pairs (all translations of a source, for multi-reference scoring), and the
 * statistics. Holds the tokenizers' native memory: close it.
 *
 * <p>The output directory holds {@code train.tsv}, {@code dev.tsv}, {@code test.tsv} (the kept,
 * normalised pairs, two columns) and the SentencePiece model(s) when they were trained.
 */
public final class PreparedData implements AutoCloseable {
    private final Path directory;
    private final Tokenizers tokenizers;
    private final Map<Split, TokenizedCorpus> corpora;
    private final List<SentencePair> devPairs;
    private final List<SentencePair> testPairs;
    private final PrepareReport report;

    PreparedData(
            Path directory,
            Tokenizers tokenizers,
            Map<Split, TokenizedCorpus> corpora,
            List<SentencePair> devPairs,
            List<SentencePair> testPairs,
            PrepareReport report) {
        this.directory = directory;
        this.tokenizers = tokenizers;
        this.corpora = Map.copyOf(corpora);
        this.devPairs = devPairs;
        this.testPairs = testPairs;
        this.report = report;
    }

    /**
     * Returns the tokenizers (owned by this object: do not close them separately).
     *
     * @return the source and target codecs
     */
    public Tokenizers tokenizers() {
        return tokenizers;
    }

    /**
     * Returns a split's ids.
     *
     * @param split the split
     * @return the kept pairs as ids (training pairs are filtered; dev/test are not)
     */
    public TokenizedCorpus corpus(Split split) {
        return corpora.get(split);
    }

    /**
     * Returns the training ids.
     *
     * @return the kept training pairs
     */
    public TokenizedCorpus train() {
        return corpus(Split.TRAIN);
    }

    /**
     * Returns the dev ids.
     *
     * @return all dev pairs (not length-filtered)
     */
    public TokenizedCorpus dev() {
        return corpus(Split.DEV);
    }

    /**
     * Returns the dev pairs as normalised text, in file order, one entry per translation.
     *
     * @return the pairs (line numbers are the input file's)
     */
    public List<SentencePair> devPairs() {
        return devPairs;
    }

    /**
     * Returns the test pairs as normalised text.
     *
     * @return the pairs
     */
    public List<SentencePair> testPairs() {
        return testPairs;
    }

    /**
     * Returns a split's cleaned two-column TSV file in the output directory.
     *
     * @param split the split
     * @return {@code DIR/train.tsv}, {@code DIR/dev.tsv} or {@code DIR/test.tsv}
     */
    public Path file(Split split) {
        return directory.resolve(split.fileName() + ".tsv");
    }

    /**
     * Returns the output directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the statistics.
     *
     * @return the report
     */
    public PrepareReport report() {
        return report;
    }

    @Override
    public void close() {
        tokenizers.close();
    }
}
