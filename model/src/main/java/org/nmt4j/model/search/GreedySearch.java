package org.nmt4j.model.search;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.model.IncrementalDecoder;

/**
 * Greedy search: at each step every unfinished sentence takes its most probable next token.
 *
 * <p>Batched and incremental: the encoder runs once per batch, each step feeds only the newest
 * token of each row (B,1) to the decoder with its KV cache, and rows of sentences that ended (EOS
 * or the maximum length {@code a·S + b}) are dropped from the cache and the memory. Shapes: B
 * sentences, S source length, V target vocabulary.
 */
public final class GreedySearch extends StepSearch {

    /**
     * Creates the search.
     *
     * @param model the model
     * @param config length penalty (for the reported score) and maximum length; beam is ignored
     * @param options cached or not, attention or not
     */
    public GreedySearch(
            IncrementalDecoder<?, ?> model, DecodeConfig config, SearchOptions options) {
        super(model, config, options);
    }

    @Override
    int rowsPerSentence() {
        return 1;
    }

    @Override
    List<List<Hypothesis>> run(StepDecoder<?, ?> decoder, int[] maxLen) {
        int b = maxLen.length;
        SentenceState[] states = new SentenceState[b];
        int[] active = new int[b];
        long[] last = new long[b];
        for (int s = 0; s < b; s++) {
            states[s] = new SentenceState(options.attention());
            active[s] = s;
        }
        Arrays.fill(last, special.bos());
        int eos = special.eos();
        while (active.length > 0) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                StepDecoder.StepOutput out = decoder.step(last);
                NDList top = out.logProbs().topK(1, -1, true, true);
                float[] values = top.get(0).toFloatArray();
                long[] tokens = top.get(1).toLongArray();
                int[] keep = new int[active.length];
                int kept = 0;
                for (int r = 0; r < active.length; r++) {
                    SentenceState st = states[active[r]];
                    st.add(
                            tokens[r],
                            values[r],
                            out.attention() == null ? null : out.attention()[r],
                            eos);
                    if (!st.done && st.tokens.size() >= maxLen[active[r]]) {
                        st.done = true;
                    }
                    if (!st.done) {
                        keep[kept++] = r;
                    }
                }
                if (kept < active.length) {
                    int[] rows = Arrays.copyOf(keep, kept);
                    if (kept > 0) {
                        decoder.keep(rows, true);
                    }
                    active = select(active, rows);
                    tokens = selectTokens(tokens, rows);
                }
                last = tokens;
            }
        }
        List<List<Hypothesis>> out = new ArrayList<>(b);
        for (SentenceState st : states) {
            out.add(List.of(st.toHypothesis(config)));
        }
        return out;
    }

    private static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static long[] selectTokens(long[] values, int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** One sentence's growing output. */
    private static final class SentenceState {
        final List<Integer> tokens = new ArrayList<>();
        final List<float[]> attention;
        float logProbability;
        boolean done;
        boolean finished;

        SentenceState(boolean recordAttention) {
            attention = recordAttention ? new ArrayList<>() : null;
        }

        void add(long token, float logProb, float[] stepAttention, int eos) {
            logProbability += logProb;
            if (attention != null) {
                attention.add(stepAttention);
            }
            if (token == eos) {
                done = true;
                finished = true;
            } else {
                tokens.add((int) token);
            }
        }

        Hypothesis toHypothesis(DecodeConfig config) {
            int[] ids = tokens.stream().mapToInt(Integer::intValue).toArray();
            float[][] att = attention == null ? null : attention.toArray(new float[0][]);
            return Hypothesis.scored(ids, logProbability, finished, att, config);
        }
    }
}
