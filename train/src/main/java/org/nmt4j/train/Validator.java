package org.nmt4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.util.concurrent.CancellationException;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.Padding;
import org.nmt4j.data.batch.TokenBatch;
import org.nmt4j.data.batch.TokenBudget;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.EncoderOutput;
import org.nmt4j.model.GradientMode;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TranslationListener;
import org.nmt4j.translate.TranslatorOptions;

/**
 * Measures a model on the dev set, with autograd off in the calling thread and without dropout:
 *
 * <ul>
 *   <li>the teacher-forced dev loss (label-smoothed, as the training loss, and plain NLL, for
 *       perplexity) over every pair that fits the model, in batches of the training policy ({@link
 *       Batcher#rowCells}, B·(S + T) padded cells within the token budget, shortest pairs first),
 *       each in its own sub-manager and {@link NDScope};
 *   <li>BLEU and chrF of greedy translations of the distinct sources against all their references,
 *       by {@link Evaluation#run} over a {@link SentenceTranslator} that sees the model only as its
 *       {@link org.nmt4j.model.IncrementalDecoder} ({@link Seq2SeqTransformer#decoder}): exactly
 *       what {@code nmt evaluate} does with {@code --beam 1} (long sources split at sentence
 *       boundaries), with half the token budget for the source rows.
 * </ul>
 *
 * The stop signal is checked before every batch of both parts.
 *
 * <p>Shapes: B batch, S source length, T target length, V target vocabulary.
 */
public final class Validator implements DevValidation {
    private final Seq2SeqTransformer model;
    private final NDManager manager;
    private final DevSet dev;
    private final Tokenizers tokenizers;
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
     * @param tokenizers the model's tokenizers (text to ids and back)
     * @param decode the maximum output length ({@code max_len_a}, {@code max_len_b}); the search is
     *     greedy whatever its beam
     * @param labelSmoothing the training loss's smoothing
     * @param batchTokens the token budget of a batch: padded source plus target cells for the loss;
     *     twice the padded source cells for translation
     */
    public Validator(
            Seq2SeqTransformer model,
            NDManager manager,
            DevSet dev,
            Tokenizers tokenizers,
            DecodeConfig decode,
            double labelSmoothing,
            int batchTokens) {
        this.model = model;
        this.manager = manager;
        this.dev = dev;
        this.tokenizers = tokenizers;
        this.greedy = decode.withBeam(1, 1);
        this.loss = new LabelSmoothedCrossEntropy(labelSmoothing, model.special().pad());
        this.batchTokens = batchTokens;
        this.builder = new BatchBuilder(model.special(), Padding.RIGHT);
    }

    @Override
    public ValidationResult validate(StopSignal stop) {
        long t0 = System.nanoTime();
        DevLoss loss;
        Evaluation scored;
        try (GradientMode off = GradientMode.off()) {
            loss = devLoss(stop);
            scored = loss == null ? null : translate(stop);
        }
        if (scored == null) {
            return null;
        }
        double tokens = Math.max(1, loss.tokens());
        return new ValidationResult(
                loss.loss() / tokens,
                loss.nll() / tokens,
                scored.bleu(),
                scored.chrf(),
                dev.references().sources(),
                scored.hypotheses(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The dev loss summed over the target tokens.
     *
     * @param loss the label-smoothed loss sum
     * @param nll the plain negative log-likelihood sum
     * @param tokens the target tokens summed over
     */
    private record DevLoss(double loss, double nll, double tokens) {
        DevLoss plus(LabelSmoothedCrossEntropy.Sums s) {
            return new DevLoss(
                    loss + s.loss().getFloat(),
                    nll + s.nll().getFloat(),
                    tokens + s.tokens().getFloat());
        }
    }

    /** Returns the dev loss sums, or null when stopped. */
    private DevLoss devLoss(StopSignal stop) {
        ParameterStore ps = new ParameterStore(manager, false);
        DevLoss sums = new DevLoss(0, 0, 0);
        TokenBudget policy = Batcher.rowCells(dev.pairs(), batchTokens);
        for (int[] batch : policy.batches(dev.pairs().size(), TokenBudget.Order.SHORTEST_FIRST)) {
            if (stop.requested()) {
                return null;
            }
            try (NDManager sub = manager.newSubManager();
                    NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                TokenBatch.Tensors t = builder.build(dev.pairs(), batch).toArrays(sub);
                EncoderOutput memory = model.encode(ps, t.source(), false);
                NDArray logits = model.decode(ps, memory, t.targetIn(), null, false).logits();
                sums = sums.plus(loss.sums(logits, t.labels()));
            }
        }
        return sums;
    }

    /** Greedy translations of the distinct sources and their scores, or null when stopped. */
    private Evaluation translate(StopSignal stop) {
        SentenceTranslator translator =
                new SentenceTranslator(
                        model.decoder(manager), tokenizers, greedy, translatorOptions(batchTokens));
        TranslationListener stopping =
                new TranslationListener() {
                    @Override
                    public boolean stopRequested() {
                        return stop.requested();
                    }
                };
        try {
            return Evaluation.run(translator, dev.references(), stopping);
        } catch (CancellationException e) {
            return null;
        }
    }

    /**
     * The translator's options for a validation budget: half of it for the source rows (the other
     * half stands for the output, as long again), no attention.
     *
     * @param batchTokens the validation's token budget
     * @return the options
     */
    public static TranslatorOptions translatorOptions(int batchTokens) {
        return new TranslatorOptions(Math.max(1, batchTokens / 2), false);
    }
}
