package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A complete config for a tiny Transformer on the shipped demo corpus, for end-to-end tests. */
final class TinyRuns {
    /** Surefire runs in the module directory; the corpus is one level up. */
    static final Path CORPUS = Path.of("..", "corpus", "demo-en-es").toAbsolutePath().normalize();

    private TinyRuns() {}

    /**
     * Writes the config: E=16, 1+1 layers, dropout 0.1 (and attention dropout), a 200-piece joint
     * unigram tokenizer, 1,200-token batches, accumulation 3 (about 9 steps per epoch), validation
     * every 4 steps, a checkpoint every 3, a line of metrics every step.
     */
    static Path config(Path dir, Path runDir, int maxSteps) throws IOException {
        return config(dir, runDir, maxSteps, "fp32");
    }

    /** As {@link #config(Path, Path, int)}, with {@code train.precision} set. */
    static Path config(Path dir, Path runDir, int maxSteps, String precision) throws IOException {
        String yaml =
                """
                seed: 3
                device: cpu
                run_dir: %s
                data:
                  format: tsv
                  train: %s
                  dev: %s
                  source_lang: en
                  target_lang: es
                  max_tokens: 32
                  max_length_ratio: 3.0
                  max_bad_line_share: 0.0
                  batch_tokens: 1200
                tokenizer:
                  type: unigram
                  vocab_size: 200
                  joint: true
                model:
                  model_size: 16
                  heads: 2
                  ffn_size: 32
                  encoder_layers: 1
                  decoder_layers: 1
                  dropout: 0.1
                  attention_dropout: 0.1
                  norm: pre
                  positions: sinusoidal
                  max_positions: 64
                  tying: all
                  activation: relu
                train:
                  accumulation: 3
                  lr: 0.003
                  warmup_steps: 4
                  adam_beta1: 0.9
                  adam_beta2: 0.98
                  adam_eps: 1.0e-9
                  weight_decay: 0.0
                  label_smoothing: 0.1
                  clip_norm: 1.0
                  max_steps: %d
                  max_epochs: 0
                  max_minutes: 0
                  checkpoint_every: 3
                  keep_last: 2
                  validate_every: 4
                  patience: 0
                  log_every: 1
                  max_non_finite_losses: 3
                  precision: %s
                decode:
                  beam: 1
                  length_penalty: 0.6
                  max_len_a: 1.0
                  max_len_b: 5
                  nbest: 1
                """
                        .formatted(
                                runDir,
                                CORPUS.resolve("train.tsv"),
                                CORPUS.resolve("dev.tsv"),
                                maxSteps,
                                precision);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
