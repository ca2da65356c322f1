package org.nmt4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.TokenBatch;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.model.Memory;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.model.search.GreedySearch;
import org.nmt4j.model.search.Hypothesis;
import org.nmt4j.model.search.SearchOptions;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.BleuScore;
import org.nmt4j.text.score.ChrF;
import org.nmt4j.text.score.ChrFScore;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;

/**
 * Measures a model on the dev set, with autograd off in the calling thread and without dropout: the
 * teacher-forced dev loss (label-smoothed, as the training loss, and plain NLL, for perplexity)
 * over every pair that fits the model, and BLEU and chrF of greedy translations of the distinct
 * sources against all their references. Batches are sorted by length and cut at the token budget;
 * each runs in its own sub-manager and {@link NDScope}.
 *
 * <p>Shapes: B batch, S source length, T target length, V target vocabulary.
 */
public final class Validator implements DevValidation {
    private final Seq2SeqTransformer model;
    private final NDManager manager;
    private final DevSet dev;
    private final SentencePieceCodec target;
    private final DecodeConfig greedy;
    private final LabelSmoothedCrossEntropy loss;
    private final int batchTokens;
    private final BatchBuilder builder;

    /**
     * Creates a validator.
     *
     * @param model the model
     * @param manager the manager of its parameters (batches run in sub-managers of it)
     * @param dev the dev set
     * @param target the target tokenizer (ids to text)
     * @param decode the maximum output length ({@code max_len_a}, {@code max_len_b}); the search is
     *     greedy whatever its beam
     * @param labelSmoothing the training loss's smoothing
     * @param batchTokens the token budget of a batch
     */
    public Validator(
            Seq2SeqTransformer model,
            NDManager manager,
            DevSet dev,
            SentencePieceCodec target,
            DecodeConfig decode,
            double labelSmoothing,
            int batchTokens) {
        this.model = model;
        this.manager = manager;
        this.dev = dev;
        this.target = target;
        this.greedy = decode.withBeam(1, 1);
        this.loss = new LabelSmoothedCrossEntropy(labelSmoothing, model.special().pad());
        this.batchTokens = batchTokens;
        this.builder = new BatchBuilder(model.special(), org.nmt4j.data.batch.Padding.RIGHT);
    }

    @Override
    public ValidationResult validate(StopSignal stop) {
        long t0 = System.nanoTime();
        double[] sums;
        List<String> hyps;
        try (NoGradient off = NoGradient.enter()) {
            sums = devLoss(stop);
            hyps = sums == null ? null : translate(stop);
        }
        if (hyps == null) {
            return null;
        }
        BleuScore bleu = Bleu.corpusScore(hyps, dev.references());
        ChrFScore chrf = ChrF.corpusScore(hyps, dev.references());
        double tokens = Math.max(1, sums[2]);
        return new ValidationResult(
                sums[0] / tokens,
                sums[1] / tokens,
                bleu,
                chrf,
                dev.sources(),
                hyps,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Returns {loss sum, nll sum, tokens}, or null when stopped. */
    private double[] devLoss(StopSignal stop) {
        ParameterStore ps = new ParameterStore(manager, false);
        double[] sums = new double[3];
        int n = dev.pairs().size();
        IntUnaryOperator cost =
                i ->
                        BatchBuilder.sourceLength(dev.pairs().sourceLength(i))
                                + BatchBuilder.targetLength(dev.pairs().targetLength(i));
        for (int[] batch : batches(n, cost, batchTokens)) {
            if (stop.requested()) {
                return null;
            }
            try (NDManager sub = manager.newSubManager();
                    NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                TokenBatch.Tensors t = builder.build(dev.pairs(), batch).toArrays(sub);
                Memory memory = model.encode(ps, t.source(), false);
                NDArray logits = model.decode(ps, memory, t.targetIn(), null, false).logits();
                LabelSmoothedCrossEntropy.Sums s = loss.sums(logits, t.labels());
                sums[0] += s.loss().getFloat();
                sums[1] += s.nll().getFloat();
                sums[2] += s.tokens().getFloat();
            }
        }
        return sums;
    }

    /** Greedy translations of the distinct sources, or null when stopped. */
    private List<String> translate(StopSignal stop) {
        ParameterStore ps = new ParameterStore(manager, false);
        GreedySearch search = new GreedySearch(model, ps, greedy, SearchOptions.DEFAULT);
        List<int[]> ids = dev.sourceIds();
        String[] out = new String[ids.size()];
        Arrays.fill(out, "");
        int[] nonEmpty =
                IntStream.range(0, ids.size()).filter(i -> ids.get(i).length > 0).toArray();
        IntUnaryOperator cost = k -> 2 * BatchBuilder.sourceLength(ids.get(nonEmpty[k]).length);
        for (int[] batch : batches(nonEmpty.length, cost, batchTokens)) {
            if (stop.requested()) {
                return null;
            }
            List<int[]> rows = new ArrayList<>(batch.length);
            for (int k : batch) {
                rows.add(ids.get(nonEmpty[k]));
            }
            try (NDManager sub = manager.newSubManager();
                    NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                List<List<Hypothesis>> found = search.search(builder.sourceArray(sub, rows));
                for (int r = 0; r < batch.length; r++) {
                    out[nonEmpty[batch[r]]] = target.decode(found.get(r).get(0).tokens());
                }
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Cuts items 0..n-1, sorted by cost, into batches whose size times largest cost stays within
     * the budget (one item at least per batch).
     */
    static List<int[]> batches(int n, IntUnaryOperator cost, int budget) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(cost::applyAsInt));
        List<int[]> out = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && (long) (end - start + 1) * cost.applyAsInt(order[end]) <= budget) {
                end++;
            }
            int[] batch = new int[end - start];
            for (int k = start; k < end; k++) {
                batch[k - start] = order[k];
            }
            out.add(batch);
            start = end;
        }
        return out;
    }
}
