package org.nmt4j.train.checkpoint;

import java.util.Objects;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.LossScaler;

/**
 * What one checkpoint holds.
 *
 * @param model the network (its config and special ids are saved with it)
 * @param tokenizer the SentencePiece model file(s), copied in
 * @param optimizer the optimiser whose state is saved
 * @param state the run's position and bookkeeping
 * @param decode the run's {@code decode:} settings, saved with the model as its own (so that
 *     translating the checkpoint uses them), or null for none
 * @param scaler the fp16 loss scaler, saved as {@code loss_scaler.json}; null in fp32 runs
 */
public record CheckpointContents(
        Seq2SeqTransformer model,
        TokenizerFiles tokenizer,
        AdamW optimizer,
        TrainingState state,
        DecodeConfig decode,
        LossScaler scaler) {

    /** Checks that nothing but the decode settings and the scaler is missing. */
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
     * @param state the run's position and bookkeeping
     * @param decode the run's decode settings, or null for none
     */
    public CheckpointContents(
            Seq2SeqTransformer model,
            TokenizerFiles tokenizer,
            AdamW optimizer,
            TrainingState state,
            DecodeConfig decode) {
        this(model, tokenizer, optimizer, state, decode, null);
    }

    /**
     * Contents without decode settings or loss scaler.
     *
     * @param model the network
     * @param tokenizer the SentencePiece model file(s)
     * @param optimizer the optimiser
     * @param state the run's position and bookkeeping
     */
    public CheckpointContents(
            Seq2SeqTransformer model,
            TokenizerFiles tokenizer,
            AdamW optimizer,
            TrainingState state) {
        this(model, tokenizer, optimizer, state, null, null);
    }
}
