package org.nmt4j.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Padding;
import org.nmt4j.data.batch.TokenBudget;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.model.search.Hypothesis;
import org.nmt4j.model.search.Search;
import org.nmt4j.model.search.SearchOptions;

/**
 * Translates lines of text: exactly one {@link Translation} per input line, in input order.
 *
 * <ul>
 *   <li>An empty or blank line (or one with no piece after normalisation) gives an empty
 *       translation without running the model.
 *   <li>A line longer than the model takes ({@code max_positions - 1} pieces, one position being
 *       the source EOS) is split at sentence boundaries into parts that fit ({@link
 *       LongLineSplitter}), each part translated, and the translations joined with a space; the
 *       listener hears of it with the line number.
 *   <li>For speed, sentences (and parts) are sorted by length and grouped into batches of at most
 *       {@link TranslatorOptions#batchTokens()} source tokens (padding included, times the beam),
 *       then the results are put back in input order.
 * </ul>
 *
 * Source rows are built by the data module's {@link BatchBuilder} (x + EOS, right padding), as in
 * training. Not thread-safe; use one per thread.
 */
public final class SentenceTranslator {
    private final IncrementalDecoder<?, ?> model;
    private final Tokenizers tokenizers;
    private final DecodeConfig decode;
    private final TranslatorOptions options;
    private final Search search;
    private final BatchBuilder rows;

    /**
     * Creates a translator.
     *
     * @param model the trained model (one, or an ensemble), bound to its parameters; each batch
     *     runs in a manager of its own on the model's device
     * @param tokenizers the model's tokenizers, whose vocabularies must match the model
     * @param decode beam, n-best, length penalty, maximum length
     * @param options batch budget, attention
     * @throws IllegalArgumentException if a tokenizer's vocabulary differs from the model's
     */
    public SentenceTranslator(
            IncrementalDecoder<?, ?> model,
            Tokenizers tokenizers,
            DecodeConfig decode,
            TranslatorOptions options) {
        checkVocabulary("source", tokenizers.source(), model.sourceVocabSize());
        checkVocabulary("target", tokenizers.target(), model.targetVocabSize());
        this.model = model;
        this.tokenizers = tokenizers;
        this.decode = decode;
        this.options = options;
        this.rows = new BatchBuilder(model.special(), Padding.RIGHT);
        SearchOptions so = SearchOptions.DEFAULT.withAttention(options.attention());
        this.search = Search.create(model, decode, so);
    }

    /**
     * Returns the search settings this translator uses.
     *
     * @return beam, n-best, length penalty, maximum length
     */
    public DecodeConfig decodeConfig() {
        return decode;
    }

    /**
     * Returns the most source pieces one row can hold (the model's positions minus the EOS).
     *
     * @return the limit
     */
    public int maxSourcePieces() {
        return model.maxPositions() - 1;
    }

    /**
     * Translates lines numbered from 1, telling nobody.
     *
     * @param lines the lines (null entries are treated as empty lines)
     * @return one translation per line, in order
     */
    public List<Translation> translate(List<String> lines) {
        return translate(lines, 1, TranslationListener.NONE);
    }

    /**
     * Translates lines.
     *
     * @param lines the lines (null entries, e.g. lines that were not valid UTF-8, give empty
     *     translations)
     * @param firstLineNumber the input line number of {@code lines.get(0)}, for reports
     * @param listener hears of split lines and progress, and is asked before each batch whether to
     *     stop
     * @return one translation per line, in order
     * @throws CancellationException when the listener asks to stop
     */
    public List<Translation> translate(
            List<String> lines, long firstLineNumber, TranslationListener listener) {
        List<Segment> segments = new ArrayList<>();
        int[] parts = new int[lines.size()];
        int empty = 0;
        for (int i = 0; i < lines.size(); i++) {
            parts[i] = segment(lines.get(i), i, firstLineNumber + i, segments, listener);
            empty += parts[i] == 0 ? 1 : 0;
        }
        if (empty > 0) {
            listener.linesCompleted(empty);
        }
        List<List<Hypothesis>> results = new ArrayList<>(segments.size());
        segments.forEach(s -> results.add(null));
        int[] remaining = parts.clone();
        for (List<Segment> batch : batches(segments)) {
            if (listener.stopRequested()) {
                throw new CancellationException("translation stopped on request");
            }
            List<List<Hypothesis>> out = run(batch);
            int completed = 0;
            for (int r = 0; r < batch.size(); r++) {
                Segment s = batch.get(r);
                results.set(s.index(), out.get(r));
                completed += --remaining[s.line()] == 0 ? 1 : 0;
            }
            listener.linesCompleted(completed);
        }
        return assemble(lines.size(), segments, results);
    }

    /** Adds a line's parts to {@code segments}; returns how many. */
    private int segment(
            String text, int line, long number, List<Segment> segments, TranslationListener l) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        SentencePieceCodec codec = tokenizers.source();
        int[] ids = codec.encode(text);
        if (ids.length == 0) {
            return 0;
        }
        int limit = maxSourcePieces();
        List<int[]> parts = List.of(ids);
        if (ids.length > limit) {
            LongLineSplitter.Parts split = LongLineSplitter.split(text, codec::encode, limit);
            parts = split.ids();
            l.lineSplit(number, ids.length, limit, parts.size(), split.cutInsideSentence());
        }
        for (int p = 0; p < parts.size(); p++) {
            segments.add(new Segment(segments.size(), line, p, parts.get(p)));
        }
        return parts.size();
    }

    /**
     * Longest first, ties in input order; each batch within the token budget, counting rows ×
     * longest source row × beam (at least one segment).
     */
    private List<List<Segment>> batches(List<Segment> segments) {
        TokenBudget policy =
                TokenBudget.of(
                                options.batchTokens(),
                                i -> BatchBuilder.sourceLength(segments.get(i).ids().length))
                        .times(decode.beam());
        List<List<Segment>> batches = new ArrayList<>();
        for (int[] batch : policy.batches(segments.size(), TokenBudget.Order.LONGEST_FIRST)) {
            batches.add(Arrays.stream(batch).mapToObj(segments::get).toList());
        }
        return batches;
    }

    private List<List<Hypothesis>> run(List<Segment> batch) {
        List<int[]> sentences = new ArrayList<>(batch.size());
        for (Segment s : batch) {
            sentences.add(s.ids());
        }
        try (NDManager m = NDManager.newBaseManager(model.device())) {
            NDArray source = rows.sourceArray(m, sentences);
            return search.search(source);
        }
    }

    private List<Translation> assemble(
            int lines, List<Segment> segments, List<List<Hypothesis>> results) {
        List<List<Segment>> byLine = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            byLine.add(new ArrayList<>());
        }
        for (Segment s : segments) {
            byLine.get(s.line()).add(s);
        }
        List<Translation> out = new ArrayList<>(lines);
        for (List<Segment> parts : byLine) {
            out.add(parts.isEmpty() ? Translation.EMPTY : translation(parts, results));
        }
        return out;
    }

    private Translation translation(List<Segment> parts, List<List<Hypothesis>> results) {
        int n = 1;
        for (Segment s : parts) {
            n = Math.max(n, results.get(s.index()).size());
        }
        List<String> alternatives = new ArrayList<>(n);
        List<Double> scores = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            alternative(parts, results, k, alternatives, scores);
        }
        int sourceTokens = 0;
        int targetTokens = 0;
        List<AttentionMap> maps = new ArrayList<>();
        for (Segment s : parts) {
            sourceTokens += s.ids().length;
            List<Hypothesis> hyps = results.get(s.index());
            if (!hyps.isEmpty()) {
                targetTokens += hyps.get(0).tokens().length;
                if (options.attention()) {
                    maps.add(attentionMap(s.ids(), hyps.get(0)));
                }
            }
        }
        return new Translation(
                alternatives.get(0),
                alternatives,
                scores,
                sourceTokens,
                targetTokens,
                parts.size(),
                maps);
    }

    /** Joins each part's k-th hypothesis (its last one where it has fewer), summing the scores. */
    private void alternative(
            List<Segment> parts,
            List<List<Hypothesis>> results,
            int k,
            List<String> alternatives,
            List<Double> scores) {
        StringBuilder text = new StringBuilder();
        double score = 0;
        for (Segment s : parts) {
            List<Hypothesis> hyps = results.get(s.index());
            if (hyps.isEmpty()) {
                continue;
            }
            Hypothesis h = hyps.get(Math.min(k, hyps.size() - 1));
            score += h.score();
            String t = tokenizers.target().decode(h.tokens());
            if (!t.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(t);
            }
        }
        alternatives.add(text.toString());
        scores.add(score);
    }

    private AttentionMap attentionMap(int[] source, Hypothesis h) {
        List<String> src = new ArrayList<>();
        for (int id : source) {
            src.add(tokenizers.source().piece(id));
        }
        src.add("</s>");
        List<String> tgt = new ArrayList<>();
        for (int id : h.tokens()) {
            tgt.add(tokenizers.target().piece(id));
        }
        if (h.finished()) {
            tgt.add("</s>");
        }
        float[][] weights = new float[tgt.size()][];
        for (int t = 0; t < weights.length; t++) {
            weights[t] = Arrays.copyOf(h.attention()[t], src.size());
        }
        return new AttentionMap(src, tgt, weights);
    }

    private static void checkVocabulary(String side, SentencePieceCodec codec, int modelVocab) {
        if (codec.vocabSize() != modelVocab) {
            throw new IllegalArgumentException(
                    "the "
                            + side
                            + " tokenizer "
                            + codec.modelFile()
                            + " has "
                            + codec.vocabSize()
                            + " pieces but the model's "
                            + side
                            + "_vocab_size is "
                            + modelVocab
                            + "; use the tokenizer the model was trained with");
        }
    }

    /** One unit of translation: a line, or one part of a long line. */
    private record Segment(int index, int line, int part, int[] ids) {}
}
