package org.nmt4j.model.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.nmt4j.model.IncrementalDecoder;

/**
 * Beam search with the GNMT length penalty, batched over many sentences and incremental.
 *
 * <p>Each sentence keeps K beams (rows {@code p·K .. p·K+K-1} of the batch). At each step the
 * decoder is fed only the newest token of every row, with the KV cache; the 2K best (beam, token)
 * extensions of each sentence are taken by total log-probability; an EOS among the first K ends a
 * hypothesis (scored {@code logP / ((5 + len) / 6)^α}, len counting EOS), the best K others become
 * the new beams, and the cache is reordered to follow them ({@link
 * org.nmt4j.model.StepCache#reorder}). A sentence is done when it has K finished hypotheses, or
 * when its beams reach the maximum length {@code a·S + b} (they are then kept as unfinished
 * hypotheses); its rows are then dropped from the cache and the memory. The encoder runs once; the
 * memory is repeated K times per sentence, so cross-attention keys/values are computed once for all
 * beams.
 *
 * <p>Shapes: B sentences, K beams, S source length, V target vocabulary, n = active sentences × K.
 */
public final class BeamSearch extends StepSearch {

    /**
     * Creates the search.
     *
     * @param model the model
     * @param config beam size K, n-best, length penalty α, maximum length
     * @param options cached or not, attention or not
     */
    public BeamSearch(IncrementalDecoder<?, ?> model, DecodeConfig config, SearchOptions options) {
        super(model, config, options);
    }

    @Override
    int rowsPerSentence() {
        return config.beam();
    }

    @Override
    List<List<Hypothesis>> run(StepDecoder<?, ?> decoder, int[] maxLen) {
        Beams beams = new Beams(maxLen.length, config.beam(), special.bos());
        List<List<Hypothesis>> finished = new ArrayList<>(maxLen.length);
        for (int s = 0; s < maxLen.length; s++) {
            finished.add(new ArrayList<>());
        }
        for (int length = 1; beams.sentences() > 0; length++) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                StepDecoder.StepOutput out = decoder.step(beams.lastTokens());
                Candidates c = candidates(out.logProbs(), beams);
                Beams next = advance(beams, c, out.attention(), length, maxLen, finished);
                if (next.sentences() > 0) {
                    decoder.keep(next.parentRows(), next.sentences() < beams.sentences());
                }
                beams = next;
            }
        }
        return best(finished);
    }

    /** The 2K best extensions of each active sentence, by total log-probability. */
    private Candidates candidates(NDArray logProbs, Beams beams) {
        int k = config.beam();
        int v = (int) logProbs.getShape().get(1);
        int a = beams.sentences();
        NDArray scores = logProbs.getManager().create(beams.scores(), new Shape(a * k, 1));
        NDArray total = logProbs.add(scores).reshape(a, (long) k * v);
        int count = Math.min(2 * k, k * v);
        NDList top = total.topK(count, -1, true, true);
        return new Candidates(top.get(0).toFloatArray(), top.get(1).toLongArray(), count, v);
    }

    /** Turns candidates into finished hypotheses and the next beams. */
    private Beams advance(
            Beams beams,
            Candidates c,
            float[][] attention,
            int length,
            int[] maxLen,
            List<List<Hypothesis>> finished) {
        int k = config.beam();
        int eos = special.eos();
        Beams next = new Beams(k);
        for (int p = 0; p < beams.sentences(); p++) {
            int s = beams.sentence(p);
            List<Hypothesis> done = finished.get(s);
            int startRows = next.rows();
            for (int j = 0; j < c.count() && next.rows() - startRows < k; j++) {
                float score = c.value(p, j);
                if (score == Float.NEGATIVE_INFINITY) {
                    break;
                }
                int row = p * k + c.beam(p, j);
                int token = c.token(p, j);
                if (token == eos) {
                    if (j < k) {
                        done.add(beams.hypothesis(row, score, attention, config));
                    }
                } else {
                    next.add(s, beams, row, token, score, attention);
                }
            }
            int added = next.rows() - startRows;
            if (added > 0 && done.size() < k && length >= maxLen[s]) {
                for (int r = startRows; r < next.rows(); r++) {
                    done.add(next.hypothesis(r, config));
                }
                next.truncate(startRows);
            } else if (added == 0 || done.size() >= k) {
                next.truncate(startRows);
            } else {
                next.fill(startRows, k);
            }
        }
        return next;
    }

    private List<List<Hypothesis>> best(List<List<Hypothesis>> finished) {
        List<List<Hypothesis>> out = new ArrayList<>(finished.size());
        for (List<Hypothesis> hyps : finished) {
            List<Hypothesis> sorted = new ArrayList<>(hyps);
            sorted.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            out.add(List.copyOf(sorted.subList(0, Math.min(config.nbest(), sorted.size()))));
        }
        return out;
    }

    /** Top candidates per sentence: values (a, count) and flat (beam·V + token) indices. */
    private record Candidates(float[] values, long[] indices, int count, int vocab) {
        float value(int p, int j) {
            return values[p * count + j];
        }

        int beam(int p, int j) {
            return (int) (indices[p * count + j] / vocab);
        }

        int token(int p, int j) {
            return (int) (indices[p * count + j] % vocab);
        }
    }

    /**
     * The beams of the active sentences: per row its tokens, total log-probability, parent row (for
     * the cache reorder) and recorded attention.
     */
    private static final class Beams {
        private final int k;
        private final List<Integer> sentenceOfRow = new ArrayList<>();
        private final List<int[]> tokens = new ArrayList<>();
        private final List<float[][]> attentionRows = new ArrayList<>();
        private float[] scores = new float[16];
        private int[] parents = new int[16];
        private long[] last = new long[16];

        /** Empty beams. */
        Beams(int k) {
            this.k = k;
        }

        /** The first beams: K rows per sentence, only the first alive. */
        Beams(int sentences, int k, int bos) {
            this(k);
            for (int s = 0; s < sentences; s++) {
                for (int j = 0; j < k; j++) {
                    append(s, new int[0], j == 0 ? 0f : Float.NEGATIVE_INFINITY, -1, bos, null);
                }
            }
        }

        int rows() {
            return tokens.size();
        }

        int sentences() {
            return rows() / k;
        }

        int sentence(int p) {
            return sentenceOfRow.get(p * k);
        }

        float[] scores() {
            return Arrays.copyOf(scores, rows());
        }

        int[] parentRows() {
            return Arrays.copyOf(parents, rows());
        }

        long[] lastTokens() {
            return Arrays.copyOf(last, rows());
        }

        /** Extends row {@code row} of {@code from} with a token. */
        void add(int s, Beams from, int row, int token, float score, float[][] stepAttention) {
            int[] old = from.tokens.get(row);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = token;
            append(s, grown, score, row, token, from.grownAttention(row, stepAttention));
        }

        /** Pads a sentence's rows to K with dead copies of its first new beam. */
        void fill(int start, int kk) {
            while (rows() - start < kk) {
                append(
                        sentenceOfRow.get(start),
                        tokens.get(start),
                        Float.NEGATIVE_INFINITY,
                        parents[start],
                        (int) last[start],
                        attentionRows.get(start));
            }
        }

        void truncate(int rows) {
            while (rows() > rows) {
                int r = rows() - 1;
                sentenceOfRow.remove(r);
                tokens.remove(r);
                attentionRows.remove(r);
            }
        }

        /**
         * A hypothesis: row {@code row} followed by EOS, with total log-probability {@code score}.
         */
        Hypothesis hypothesis(int row, float score, float[][] stepAttention, DecodeConfig cfg) {
            return Hypothesis.scored(
                    tokens.get(row), score, true, grownAttention(row, stepAttention), cfg);
        }

        /** An unfinished hypothesis: row {@code row} as it is, cut at the maximum length. */
        Hypothesis hypothesis(int row, DecodeConfig cfg) {
            return Hypothesis.scored(
                    tokens.get(row), scores[row], false, attentionRows.get(row), cfg);
        }

        private float[][] grownAttention(int row, float[][] stepAttention) {
            if (stepAttention == null) {
                return null;
            }
            float[][] old = attentionRows.get(row);
            float[][] grown = old == null ? new float[1][] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = stepAttention[row];
            return grown;
        }

        private void append(int s, int[] ids, float score, int parent, long token, float[][] att) {
            int r = rows();
            if (r == scores.length) {
                scores = Arrays.copyOf(scores, r * 2);
                parents = Arrays.copyOf(parents, r * 2);
                last = Arrays.copyOf(last, r * 2);
            }
            sentenceOfRow.add(s);
            tokens.add(ids);
            attentionRows.add(att);
            scores[r] = score;
            parents[r] = parent;
            last[r] = token;
        }
    }
}
