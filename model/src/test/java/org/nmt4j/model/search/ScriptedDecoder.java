package org.nmt4j.model.search;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.model.EncodedSource;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.StepCache;
import org.nmt4j.model.StepScores;
import org.nmt4j.text.SpecialTokens;

/**
 * A fake model for exact search tests, after fairseq's {@code tests/test_sequence_generator.py}:
 * the next-token distribution is a fixed table keyed by (source sentence, output prefix), so the
 * hypotheses and scores a search must find can be worked out by hand.
 *
 * <ul>
 *   <li>A sentence is its source ids without padding; a prefix is the output so far, without BOS.
 *   <li>A step for a (sentence, prefix) the table does not hold fails: a search that explores a
 *       prefix it should not reach, or gives a row another row's state, fails loudly.
 *   <li>The encoded source holds each row's sentence and the cache each row's prefix, in plain Java
 *       arrays: a search that does not reorder or drop them along with its rows gets another row's
 *       distribution (or an unscripted one).
 *   <li>A decoder input longer than {@code maxPositions} is rejected, as the Transformer does.
 *   <li>Attention, when asked for, tells where each step came from: row {@code [step, previous
 *       token, 0, ...]} over the S source positions (the previous token is BOS at step 0).
 *   <li>It records each step's row count and input width, and every state it hands out, so that
 *       tests can check that rows were dropped, which decoding mode ran, and that every state was
 *       closed (and none used after closing).
 * </ul>
 *
 * Vocabulary (V = 8): pad 0, unk 1, BOS 2, EOS 3, then the words A 4, B 5, C 6, D 7.
 */
final class ScriptedDecoder
        implements IncrementalDecoder<ScriptedDecoder.Source, ScriptedDecoder.Cache> {
    static final SpecialTokens SPECIAL = SpecialTokens.DEFAULT;
    static final int PAD = SPECIAL.pad();
    static final int BOS = SPECIAL.bos();
    static final int EOS = SPECIAL.eos();
    static final int A = 4;
    static final int B = 5;
    static final int C = 6;
    static final int D = 7;
    static final int VOCAB = 8;

    private final int maxPositions;
    private final Map<String, double[]> table = new HashMap<>();
    private final List<Integer> rowsPerStep = new ArrayList<>();
    private final List<Integer> inputWidths = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private final List<Cache> caches = new ArrayList<>();

    /**
     * An empty script.
     *
     * @param maxPositions the longest decoder input accepted
     */
    ScriptedDecoder(int maxPositions) {
        this.maxPositions = maxPositions;
    }

    /**
     * Scripts one distribution.
     *
     * @param sentence the source sentence, without EOS
     * @param prefix the output so far, without BOS
     * @param tokenProbabilityPairs token, probability, token, probability, ... summing to 1; tokens
     *     not named have probability 0
     * @return this
     */
    ScriptedDecoder on(int[] sentence, int[] prefix, double... tokenProbabilityPairs) {
        double[] p = new double[VOCAB];
        double sum = 0;
        for (int i = 0; i < tokenProbabilityPairs.length; i += 2) {
            p[(int) tokenProbabilityPairs[i]] = tokenProbabilityPairs[i + 1];
            sum += tokenProbabilityPairs[i + 1];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("probabilities sum to " + sum + ", not 1");
        }
        table.put(key(withEos(sentence), toLongs(prefix)), p);
        return this;
    }

    /**
     * Returns the right-padded source rows {@code x + EOS}, (B,S) int64.
     *
     * @param manager the owner
     * @param sentences the sentences, without EOS
     * @return the source batch
     */
    static NDArray sources(NDManager manager, int[]... sentences) {
        int width = 0;
        for (int[] s : sentences) {
            width = Math.max(width, s.length + 1);
        }
        long[] flat = new long[sentences.length * width];
        Arrays.fill(flat, PAD);
        for (int r = 0; r < sentences.length; r++) {
            long[] row = withEos(sentences[r]);
            System.arraycopy(row, 0, flat, r * width, row.length);
        }
        return manager.create(flat, new Shape(sentences.length, width));
    }

    /**
     * Returns the number of rows of each step so far.
     *
     * @return one count per decodeStep call
     */
    List<Integer> rowsPerStep() {
        return List.copyOf(rowsPerStep);
    }

    /**
     * Returns the decoder input width of each step so far: 1 with a cache, the prefix length + 1
     * without.
     *
     * @return one width per decodeStep call
     */
    List<Integer> inputWidths() {
        return List.copyOf(inputWidths);
    }

    /**
     * Tells whether every encoded source and cache handed out has been closed.
     *
     * @return true when none is left open
     */
    boolean everyStateClosed() {
        return sources.stream().allMatch(s -> s.closed) && caches.stream().allMatch(c -> c.closed);
    }

    @Override
    public SpecialTokens special() {
        return SPECIAL;
    }

    @Override
    public int sourceVocabSize() {
        return VOCAB;
    }

    @Override
    public int targetVocabSize() {
        return VOCAB;
    }

    @Override
    public int maxPositions() {
        return maxPositions;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Source encode(NDArray source) {
        int b = (int) source.getShape().get(0);
        int s = (int) source.getShape().get(1);
        long[] ids = source.toLongArray();
        String[] rows = new String[b];
        for (int r = 0; r < b; r++) {
            rows[r] =
                    Arrays.toString(
                            Arrays.stream(ids, r * s, (r + 1) * s)
                                    .filter(id -> id != PAD)
                                    .toArray());
        }
        return newSource(rows, s);
    }

    @Override
    public Cache newCache() {
        Cache c = new Cache();
        caches.add(c);
        return c;
    }

    @Override
    public StepScores decodeStep(Source source, NDArray input, Cache cache, boolean attention) {
        check(!source.closed, "step on a closed source");
        int n = (int) input.getShape().get(0);
        int t = (int) input.getShape().get(1);
        check(source.sentences.length == n, "source rows " + source.sentences.length + " != " + n);
        long[][] prefixes = cache == null ? rows(input.toLongArray(), n, t) : cache.extend(input);
        rowsPerStep.add(n);
        inputWidths.add(t);
        float[] logProbs = new float[n * VOCAB];
        float[] att = new float[n * source.width];
        for (int r = 0; r < n; r++) {
            long[] p = prefixes[r];
            check(p[0] == BOS, "row " + r + " does not start with BOS: " + Arrays.toString(p));
            if (p.length > maxPositions) {
                throw new IllegalArgumentException(
                        "target of " + p.length + " tokens exceeds max_positions " + maxPositions);
            }
            double[] probs = distribution(source.sentences[r], p);
            for (int v = 0; v < VOCAB; v++) {
                logProbs[r * VOCAB + v] = (float) Math.log(probs[v]);
            }
            att[r * source.width] = p.length - 1;
            att[r * source.width + 1] = p[p.length - 1];
        }
        NDManager m = input.getManager();
        NDArray lp = m.create(logProbs, new Shape(n, VOCAB));
        return new StepScores(lp, attention ? m.create(att, new Shape(n, source.width)) : null);
    }

    private double[] distribution(String sentence, long[] decoderInput) {
        String key =
                sentence
                        + " | "
                        + Arrays.toString(Arrays.copyOfRange(decoderInput, 1, decoderInput.length));
        double[] p = table.get(key);
        if (p == null) {
            throw new IllegalStateException("unscripted (sentence | prefix): " + key);
        }
        return p;
    }

    private Source newSource(String[] rows, int width) {
        Source s = new Source(rows, width);
        sources.add(s);
        return s;
    }

    private static String key(long[] sentence, long[] prefix) {
        return Arrays.toString(sentence) + " | " + Arrays.toString(prefix);
    }

    private static long[] withEos(int[] sentence) {
        long[] out = Arrays.copyOf(toLongs(sentence), sentence.length + 1);
        out[sentence.length] = EOS;
        return out;
    }

    private static long[] toLongs(int[] ids) {
        return Arrays.stream(ids).asLongStream().toArray();
    }

    private static long[][] rows(long[] flat, int n, int t) {
        long[][] out = new long[n][];
        for (int r = 0; r < n; r++) {
            out[r] = Arrays.copyOfRange(flat, r * t, (r + 1) * t);
        }
        return out;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** Per row, its sentence; S, the padded source width. */
    final class Source implements EncodedSource<Source> {
        private final String[] sentences;
        private final int width;
        private boolean closed;

        private Source(String[] sentences, int width) {
            this.sentences = sentences;
            this.width = width;
        }

        @Override
        public Source select(NDArray rows) {
            check(!closed, "select on a closed source");
            long[] index = rows.toLongArray();
            String[] kept = new String[index.length];
            for (int i = 0; i < index.length; i++) {
                kept[i] = sentences[(int) index[i]];
            }
            return newSource(kept, width);
        }

        @Override
        public NDList arrays() {
            return new NDList();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Per row, its decoder input so far (BOS and the prefix). */
    static final class Cache implements StepCache {
        private long[][] prefixes;
        private boolean closed;

        long[][] extend(NDArray input) {
            check(!closed, "step on a closed cache");
            int n = (int) input.getShape().get(0);
            check(input.getShape().get(1) == 1, "a cached step takes one token per row");
            long[] last = input.toLongArray();
            if (prefixes == null) {
                prefixes = new long[n][0];
            }
            check(prefixes.length == n, "cache rows " + prefixes.length + " != " + n);
            for (int r = 0; r < n; r++) {
                long[] grown = Arrays.copyOf(prefixes[r], prefixes[r].length + 1);
                grown[grown.length - 1] = last[r];
                prefixes[r] = grown;
            }
            return prefixes;
        }

        @Override
        public void reorder(NDArray rows) {
            check(!closed, "reorder on a closed cache");
            check(prefixes != null, "reorder before the first step");
            long[] index = rows.toLongArray();
            long[][] kept = new long[index.length][];
            for (int i = 0; i < index.length; i++) {
                kept[i] = prefixes[(int) index[i]];
            }
            prefixes = kept;
        }

        @Override
        public NDList arrays() {
            return new NDList();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
