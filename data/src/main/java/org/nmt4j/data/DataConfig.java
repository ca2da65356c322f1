package org.nmt4j.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.nmt4j.data.download.DownloadSpec;

/**
 * The {@code data} section of an experiment config: where the corpus is, how to read it, how to
 * clean and split it, and how big a batch is. Keys are snake_case in YAML; a missing optional key
 * (null here) takes the default shown below. Validated on construction: a bad value throws {@link
 * IllegalArgumentException} naming the key.
 *
 * <pre>
 * data:
 *   format: anki              # anki | tsv | aligned
 *   train: corpus/spa-eng/spa.txt
 *   dev: null                 # optional; when absent, dev and test are split off train
 *   test: null                # optional (only together with dev)
 *   download: null            # spa-eng: fetch data.train on first use when it is missing
 *   source_lang: en
 *   target_lang: es
 *   source_column: 0          # anki/tsv only
 *   target_column: 1
 *   max_tokens: 64            # per side, in SentencePiece pieces (train split only)
 *   max_length_ratio: 9.0     # longer side / shorter side, in pieces (train split only;
 *                             # 9 as in Moses clean-corpus-n: short pairs vary a lot)
 *   dedup: true               # drop repeated (source, target) pairs from train
 *   max_bad_line_share: 0.05  # a file with more malformed lines is an error
 *   dev_fraction: 0.02        # split of a single-file corpus, grouped by source sentence
 *   test_fraction: 0.02
 *   split_seed: 1
 *   batch_tokens: 4096        # padded source + target tokens per batch
 * </pre>
 *
 * <p>For {@code aligned}, {@code train}/{@code dev}/{@code test} are file prefixes: {@code
 * data/train} means {@code data/train.en} and {@code data/train.es} (the language codes are the
 * suffixes). Relative paths are resolved by the caller (see {@link #resolveAgainst(Path)}).
 *
 * <p>{@code download} names a corpus that {@code nmt download} knows ({@link DownloadSpec#named});
 * when {@code train} does not exist, the config loader fetches it (checksum checked) so that the
 * checked file lands at {@code train}, which must therefore end with the corpus's file (for {@code
 * spa-eng}: {@code spa-eng/spa.txt}). When {@code train} exists the key changes nothing.
 *
 * @param format corpus layout
 * @param train the training file (or prefix)
 * @param dev the dev file (or prefix); null to split dev off train
 * @param test the test file (or prefix); null for none, or to split test off train with dev
 * @param download the corpus to fetch when {@code train} is missing (e.g. {@code spa-eng}), or null
 * @param sourceLang source language code, e.g. {@code en}
 * @param targetLang target language code, e.g. {@code es}
 * @param sourceColumn 0-based column of the source (anki/tsv)
 * @param targetColumn 0-based column of the target (anki/tsv)
 * @param maxTokens maximum SentencePiece pieces per side in training pairs
 * @param maxLengthRatio maximum ratio of the longer to the shorter side, in pieces
 * @param dedup whether repeated training pairs are dropped
 * @param maxBadLineShare largest acceptable share of malformed lines in a file
 * @param devFraction share of source sentences split off for dev (when {@code dev} is null)
 * @param testFraction share of source sentences split off for test (when {@code dev} is null)
 * @param splitSeed seed of the split
 * @param batchTokens token budget of a batch: padded source plus padded target tokens
 */
public record DataConfig(
        Format format,
        Path train,
        Path dev,
        Path test,
        String download,
        String sourceLang,
        String targetLang,
        Integer sourceColumn,
        Integer targetColumn,
        Integer maxTokens,
        Double maxLengthRatio,
        Boolean dedup,
        Double maxBadLineShare,
        Double devFraction,
        Double testFraction,
        Long splitSeed,
        Integer batchTokens) {

    private static final Pattern LANG = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** Corpus layouts. */
    public enum Format {
        /** Anki/Tatoeba {@code spa.txt}: 2 or 3 tab-separated columns. */
        ANKI,
        /** Plain TSV, any number of columns. */
        TSV,
        /** Two line-aligned files, one per language. */
        ALIGNED;

        /**
         * Parses a lower- or upper-case name.
         *
         * @param name e.g. {@code anki}
         * @return the format
         */
        public static Format parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "data.format must be anki, tsv or aligned, got '" + name + "'");
            }
        }
    }

    /** Fills defaults and validates; throws IllegalArgumentException naming the key. */
    public DataConfig {
        require(format != null, "data.format is required (anki, tsv or aligned)");
        require(train != null, "data.train is required (the training corpus file)");
        require(
                download == null || DownloadSpec.named(download).isPresent(),
                "data.download must be "
                        + String.join(" or ", DownloadSpec.names())
                        + " (a corpus ./nmt download fetches) or left out, got '"
                        + download
                        + "'");
        require(
                sourceLang != null && LANG.matcher(sourceLang).matches(),
                "data.source_lang must be a language code like 'en', got " + quote(sourceLang));
        require(
                targetLang != null && LANG.matcher(targetLang).matches(),
                "data.target_lang must be a language code like 'es', got " + quote(targetLang));
        require(
                !sourceLang.equals(targetLang),
                "data.source_lang and data.target_lang must differ, both are " + sourceLang);
        sourceColumn = orDefault(sourceColumn, 0);
        targetColumn = orDefault(targetColumn, 1);
        maxTokens = orDefault(maxTokens, 64);
        maxLengthRatio = orDefault(maxLengthRatio, 9.0);
        dedup = orDefault(dedup, true);
        maxBadLineShare = orDefault(maxBadLineShare, 0.05);
        devFraction = orDefault(devFraction, 0.02);
        testFraction = orDefault(testFraction, 0.02);
        splitSeed = orDefault(splitSeed, 1L);
        batchTokens = orDefault(batchTokens, 4096);
        checkColumns(format, sourceColumn, targetColumn);
        require(maxTokens >= 1, "data.max_tokens must be >= 1, got " + maxTokens);
        require(maxLengthRatio >= 1, "data.max_length_ratio must be >= 1, got " + maxLengthRatio);
        require(
                maxBadLineShare >= 0 && maxBadLineShare <= 1,
                "data.max_bad_line_share must be in [0, 1], got " + maxBadLineShare);
        checkSplit(dev, test, devFraction, testFraction);
        int longest = 2 * (maxTokens + 1);
        require(
                batchTokens >= longest,
                "data.batch_tokens must be at least 2 x (data.max_tokens + 1) = "
                        + longest
                        + " so that the longest pair fits in a batch, got "
                        + batchTokens);
    }

    /**
     * Starts a builder with the required values; everything else takes its default.
     *
     * @param format corpus layout
     * @param train training file or prefix
     * @param sourceLang source language code
     * @param targetLang target language code
     * @return the builder
     */
    public static Builder builder(Format format, Path train, String sourceLang, String targetLang) {
        return new Builder(format, train, sourceLang, targetLang);
    }

    /**
     * Tells whether dev and test are split off the training file.
     *
     * @return true when {@code dev} is not given
     */
    public boolean splitsTrain() {
        return dev == null;
    }

    /**
     * Returns one language's file of an aligned corpus: {@code prefix.lang}.
     *
     * @param prefix the split's prefix
     * @param lang the language code
     * @return the file
     */
    public Path alignedFile(Path prefix, String lang) {
        return prefix.resolveSibling(prefix.getFileName() + "." + lang);
    }

    /**
     * Returns a copy whose relative corpus paths are resolved against a directory (for example the
     * directory of the config file).
     *
     * @param base the directory
     * @return the resolved copy
     */
    public DataConfig resolveAgainst(Path base) {
        return toBuilder()
                .train(base.resolve(train))
                .dev(dev == null ? null : base.resolve(dev))
                .test(test == null ? null : base.resolve(test))
                .build();
    }

    /**
     * Returns a builder holding this config's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(format, train, sourceLang, targetLang);
        b.dev = dev;
        b.test = test;
        b.download = download;
        b.sourceColumn = sourceColumn;
        b.targetColumn = targetColumn;
        b.maxTokens = maxTokens;
        b.maxLengthRatio = maxLengthRatio;
        b.dedup = dedup;
        b.maxBadLineShare = maxBadLineShare;
        b.devFraction = devFraction;
        b.testFraction = testFraction;
        b.splitSeed = splitSeed;
        b.batchTokens = batchTokens;
        return b;
    }

    private static void checkColumns(Format format, int source, int target) {
        require(source >= 0, "data.source_column must be >= 0, got " + source);
        require(target >= 0, "data.target_column must be >= 0, got " + target);
        require(source != target, "data.source_column and data.target_column must differ");
        require(
                format != Format.ANKI || Math.max(source, target) <= 1,
                "data.source_column and data.target_column must be 0 or 1 for format anki");
    }

    private static void checkSplit(Path dev, Path test, double devFraction, double testFraction) {
        require(
                dev != null || test == null,
                "data.test is given without data.dev: give both, or neither to split them off"
                        + " data.train");
        require(
                devFraction > 0 && devFraction < 0.5,
                "data.dev_fraction must be in (0, 0.5), got " + devFraction);
        require(
                testFraction >= 0 && testFraction < 0.5,
                "data.test_fraction must be in [0, 0.5), got " + testFraction);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link DataConfig}; unset optional values take their defaults. */
    public static final class Builder {
        private final Format format;
        private Path train;
        private final String sourceLang;
        private final String targetLang;
        private Path dev;
        private Path test;
        private String download;
        private Integer sourceColumn;
        private Integer targetColumn;
        private Integer maxTokens;
        private Double maxLengthRatio;
        private Boolean dedup;
        private Double maxBadLineShare;
        private Double devFraction;
        private Double testFraction;
        private Long splitSeed;
        private Integer batchTokens;

        private Builder(Format format, Path train, String sourceLang, String targetLang) {
            this.format = format;
            this.train = train;
            this.sourceLang = sourceLang;
            this.targetLang = targetLang;
        }

        /**
         * Sets the training file or prefix.
         *
         * @param v the path
         * @return this builder
         */
        public Builder train(Path v) {
            train = v;
            return this;
        }

        /**
         * Sets the dev file or prefix.
         *
         * @param v the path, or null to split dev off train
         * @return this builder
         */
        public Builder dev(Path v) {
            dev = v;
            return this;
        }

        /**
         * Sets the test file or prefix.
         *
         * @param v the path, or null
         * @return this builder
         */
        public Builder test(Path v) {
            test = v;
            return this;
        }

        /**
         * Sets the corpus fetched when the training file is missing.
         *
         * @param v a name {@link DownloadSpec#named} knows, e.g. {@code spa-eng}, or null
         * @return this builder
         */
        public Builder download(String v) {
            download = v;
            return this;
        }

        /**
         * Sets the source and target columns.
         *
         * @param source 0-based source column
         * @param target 0-based target column
         * @return this builder
         */
        public Builder columns(int source, int target) {
            sourceColumn = source;
            targetColumn = target;
            return this;
        }

        /**
         * Sets the length filters.
         *
         * @param tokens maximum pieces per side
         * @param ratio maximum length ratio
         * @return this builder
         */
        public Builder filters(int tokens, double ratio) {
            maxTokens = tokens;
            maxLengthRatio = ratio;
            return this;
        }

        /**
         * Sets de-duplication.
         *
         * @param v whether repeated pairs are dropped
         * @return this builder
         */
        public Builder dedup(boolean v) {
            dedup = v;
            return this;
        }

        /**
         * Sets the largest acceptable share of malformed lines.
         *
         * @param v the share in [0, 1]
         * @return this builder
         */
        public Builder maxBadLineShare(double v) {
            maxBadLineShare = v;
            return this;
        }

        /**
         * Sets the split of a single-file corpus.
         *
         * @param devShare dev fraction
         * @param testShare test fraction
         * @param seed split seed
         * @return this builder
         */
        public Builder split(double devShare, double testShare, long seed) {
            devFraction = devShare;
            testFraction = testShare;
            splitSeed = seed;
            return this;
        }

        /**
         * Sets the token budget of a batch.
         *
         * @param v padded source + target tokens
         * @return this builder
         */
        public Builder batchTokens(int v) {
            batchTokens = v;
            return this;
        }

        /**
         * Builds and validates the config.
         *
         * @return the config
         */
        public DataConfig build() {
            return new DataConfig(
                    format,
                    train,
                    dev,
                    test,
                    download,
                    sourceLang,
                    targetLang,
                    sourceColumn,
                    targetColumn,
                    maxTokens,
                    maxLengthRatio,
                    dedup,
                    maxBadLineShare,
                    devFraction,
                    testFraction,
                    splitSeed,
                    batchTokens);
        }
    }
}
