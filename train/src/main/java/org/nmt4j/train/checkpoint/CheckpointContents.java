package org.nmt4j.train.checkpoint;

import java.util.Objects;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.TokenizerFiles;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.LossScaler;

/**
 * What one checkpoint holds.
 *
 * @param model the network (its config and special ids are saved with it)
 * @param tokenizer the SentencePiece model file(s), copied in
 * @param optimizer the optimiser whose state is saved
 * @param state the run's position and bookkeeping
 * @param scaler the fp16 loss scaler, saved as {@code loss_scaler.json}; null in fp32 runs
 */
public record CheckpointContents(
        Seq2SeqTransformer model,
        TokenizerFiles tokenizer,
        AdamW optimizer,
        TrainingState state,
        LossScaler scaler) {

    /** Checks that nothing but the scaler is missing. */
    public CheckpointContents {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(state, "state");
    }

    /**
     * The contents of an fp32 run's checkpoint (no loss scaler).
     *
     * @param model the network
     * @param tokenizer the SentencePiece model file(s)
     * @param optimizer the optimiser
     * @param state the run's position
     */
    public CheckpointContents(
            Seq2SeqTransformer model,
            TokenizerFiles tokenizer,
            AdamW optimizer,
            TrainingState state) {
        this(model, tokenizer, optimizer, state, null);
    }
}
