package org.nmt4j.train.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A complete, valid experiment YAML for tests to break one line at a time. */
final class ConfigFixtures {
    private ConfigFixtures() {}

    static final String VALID =
            """
            seed: 7
            device: cpu
            run_dir: runs/test
            data:
              format: tsv
              train: corpus/train.tsv
              dev: corpus/dev.tsv
              source_lang: en
              target_lang: es
              max_tokens: 64
              batch_tokens: 1500
            tokenizer:
              type: unigram
              vocab_size: 1000
              joint: true
            model:
              model_size: 128
              heads: 4
              ffn_size: 256
              encoder_layers: 2
              decoder_layers: 2
              dropout: 0.1
              attention_dropout: 0.0
              norm: post
              positions: sinusoidal
              max_positions: 256
              tying: all
              activation: relu
            train:
              accumulation: 1
              lr: 0.0005
              warmup_steps: 4000
              adam_beta1: 0.9
              adam_beta2: 0.98
              adam_eps: 1.0e-9
              weight_decay: 0.0
              label_smoothing: 0.1
              clip_norm: 1.0
              max_steps: 1000
              max_epochs: 0
              max_minutes: 0
              checkpoint_every: 500
              keep_last: 2
              validate_every: 500
              patience: 5
              log_every: 50
              max_non_finite_losses: 5
            decode:
              beam: 4
              length_penalty: 0.6
              max_len_a: 1.5
              max_len_b: 10
              nbest: 1
            """;

    /** Writes {@code text} as {@code dir/configs/exp.yaml} and returns the file. */
    static Path write(Path dir, String text) throws IOException {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        return Files.writeString(configs.resolve("exp.yaml"), text);
    }

    /** Returns VALID with the first occurrence of {@code line} replaced (which must exist). */
    static String replace(String line, String replacement) {
        if (!VALID.contains(line)) {
            throw new IllegalArgumentException("fixture has no line " + line);
        }
        return VALID.replaceFirst(
                java.util.regex.Pattern.quote(line),
                java.util.regex.Matcher.quoteReplacement(replacement));
    }
}
