package org.nmt4j.train.checkpoint;

import java.util.Objects;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.train.optim.AdamW;

/**
 * What one checkpoint holds.
 *
 * @param model the network (its config and special ids are saved with it)
 * @param tokenizer the SentencePiece model file(s), copied in
 * @param optimizer the optimiser whose state is saved
 * @param state the run's position and bookkeeping
 * @param decode the run's {@code decode:} settings, saved with the model as its own (so that
 *     translating the checkpoint uses them), or null for none
 */
public record CheckpointContents(
        Seq2SeqTransformer model,
        TokenizerFiles tokenizer,
        AdamW optimizer,
        TrainingState state,
        DecodeConfig decode) {

    /** Checks that nothing is missing. */
    public CheckpointContents {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Contents without decode settings.
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
        this(model, tokenizer, optimizer, state, null);
    }
}
