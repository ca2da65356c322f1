import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.PreparedData;
import org.nmt4j.data.Preparer;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.PaddingStats;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.tokenizer.TokenizerConfig;

/**
 * Padding benchmark (not a test): the padding share of length-bucketed token-budget batches
 * against naive fixed-size batches of shuffled pairs, on a two-column TSV corpus tokenized with a
 * joint 8k unigram SentencePiece model (trained here, or loaded with {@code --model}). The figures
 * are in docs/data.md.
 *
 * <p>Usage: {@code bench/padding/run.sh TRAIN.tsv [--budget 4096] [--model spm.model] [--out DIR]
 * [--seed 1]} (see run.sh).
 */
public final class PaddingBench {
    private PaddingBench() {}

    /**
     * Runs the measurement and prints it.
     *
     * @param args the TSV file, then options
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println(
                    "usage: PaddingBench TRAIN.tsv [--budget N] [--model SPM.model]"
                            + " [--out DIR] [--seed N]");
            System.exit(2);
        }
        Path tsv = Path.of(args[0]);
        int budget = Integer.parseInt(option(args, "--budget", "4096"));
        long seed = Long.parseLong(option(args, "--seed", "1"));
        String model = option(args, "--model", null);
        String out = option(args, "--out", null);
        Path dir = out != null ? Path.of(out) : Files.createTempDirectory("padding-bench");
        // The whole file is training data: the dev split is the dev.tsv beside it if there is
        // one (a tiny dev split is taken off otherwise, as the preparer always makes one).
        Path dev = tsv.resolveSibling("dev.tsv");
        DataConfig.Builder builder =
                DataConfig.builder(DataConfig.Format.TSV, tsv, "en", "es").batchTokens(budget);
        DataConfig data =
                Files.isRegularFile(dev) && !dev.equals(tsv)
                        ? builder.dev(dev).build()
                        : builder.split(0.001, 0.0, seed).build();
        TokenizerConfig tok = TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 8000, true);
        if (model != null) {
            tok = tok.withModel(Path.of(model));
        }
        try (PreparedData prepared = new Preparer(data, tok, dir).prepare()) {
            System.out.print(prepared.report().format());
            report(prepared.train(), budget, seed);
        }
    }

    private static void report(TokenizedCorpus train, int budget, long seed) {
        Batcher batcher = new Batcher(train, budget, seed);
        double meanSize = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            PaddingStats s = PaddingStats.of(train, batcher.plan(epoch).batches());
            meanSize = s.meanBatchSize();
            System.out.printf(
                    Locale.ROOT,
                    "bucketed, budget %d, epoch %d: %d batches, mean %.1f pairs, largest %d"
                            + " tokens, padding %.2f%%%n",
                    budget,
                    epoch,
                    s.batches(),
                    s.meanBatchSize(),
                    s.largestBatch(),
                    100 * s.share());
        }
        int[] sizes = {(int) Math.round(meanSize), 64, 128};
        for (int size : sizes) {
            PaddingStats s = PaddingStats.of(train, Batcher.naive(train, size, seed));
            System.out.printf(
                    Locale.ROOT,
                    "naive, %d shuffled pairs per batch: %d batches, largest %d tokens,"
                            + " padding %.2f%%%n",
                    size,
                    s.batches(),
                    s.largestBatch(),
                    100 * s.share());
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
