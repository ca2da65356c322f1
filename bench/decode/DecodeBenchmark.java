import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.TokenBudget;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.model.search.Search;
import org.nmt4j.model.search.SearchOptions;
import org.nmt4j.text.SpecialTokens;

/**
 * Decoding throughput benchmark (not a test): sentences/s of greedy and beam-4 search, with and
 * without the KV cache, on a fixed model and a fixed input.
 *
 * <p>Model: spa-eng-sized (E=256, H=4, FFN=1024, 3+3 layers, pre-norm, sinusoidal, all embeddings
 * tied), randomly initialised with seed 42. Tokenizer: a joint 8000-piece BPE SentencePiece model
 * trained by spm_train (seed 1, one thread) on the first 20,000 lines of both columns of
 * train.tsv. Input: the first N English sentences of test.tsv, read at run time. Sentences are
 * sorted by length and cut into batches of at most BATCH_TOKENS padded source tokens (times the
 * beam), as the translator does. A random model rarely emits EOS, so nearly every output runs to
 * the maximum length a·S+b (a=1.2, b=10): a fixed, worst-case amount of work per sentence.
 *
 * <p>Each configuration is timed {@code -Dbench.repeats} times (default 3) after one warm-up batch;
 * the fastest run is reported, with the median, because the machine may be shared.
 *
 * <p>Usage: {@code bench/decode/run.sh [N] [--save DIR]} (see run.sh).
 */
public final class DecodeBenchmark {
    private static final Path DATA = Path.of("/work/shared/data/spa-eng");
    private static final int BATCH_TOKENS = 4000;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path save = args.length > 2 && args[1].equals("--save") ? Path.of(args[2]) : null;
        int repeats = Integer.getInteger("bench.repeats", 3);
        Path work = Files.createTempDirectory("nmt4j-bench");
        Path spm = trainTokenizer(work);
        List<String> sentences = firstSources(DATA.resolve("test.tsv"), n);
        try (SentencePieceCodec codec = SentencePieceCodec.load(spm);
                NDManager manager = NDManager.newBaseManager()) {
            int v = codec.vocabSize();
            ModelConfig config = new ModelConfig(v, v, 256, 4, 1024, 3, 3, 0.1f, 0.1f,
                    ModelConfig.NormPlacement.PRE, ModelConfig.Positions.SINUSOIDAL, 256,
                    ModelConfig.Tying.ALL, ModelConfig.Activation.RELU);
            Engine.getInstance().setRandomSeed(42);
            Seq2SeqTransformer model = new Seq2SeqTransformer(config, SpecialTokens.DEFAULT);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));
            if (save != null) {
                ModelArtifacts.save(save, model, TokenizerFiles.joint(spm));
                System.out.println("saved the model to " + save);
            }
            List<int[]> ids = new ArrayList<>();
            long pieces = 0;
            for (String s : sentences) {
                int[] x = codec.encode(s);
                ids.add(x);
                pieces += x.length;
            }
            System.out.printf(Locale.ROOT, "%d sentences, %d source pieces, vocab %d, threads %s%n",
                    ids.size(), pieces, v, System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.printf(Locale.ROOT, "each figure: the fastest of %d runs (median in brackets)%n", repeats);
            run(model, manager, ids, 1, true, repeats);
            run(model, manager, ids, 1, false, repeats);
            run(model, manager, ids, 4, true, repeats);
            run(model, manager, ids, 4, false, repeats);
        }
    }

    private static void run(Seq2SeqTransformer model, NDManager manager,
            List<int[]> ids, int beam, boolean cached, int repeats) {
        DecodeConfig config = new DecodeConfig(beam, 0.6, 1.2, 10);
        Search search = Search.create(model.decoder(manager), config, SearchOptions.DEFAULT.withCache(cached));
        BatchBuilder rows = BatchBuilder.standard();
        List<List<int[]>> batches = batches(ids, beam);
        decode(search, rows, manager, batches.subList(0, 1)); // warm-up
        double[] seconds = new double[repeats];
        long out = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            out = decode(search, rows, manager, batches);
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        double best = seconds[0];
        double median = seconds[repeats / 2];
        System.out.printf(Locale.ROOT,
                "%-7s %-8s %4d sentences in %6.1f s: %7.1f sentences/s (median %6.1f), %8.1f output"
                        + " tokens/s%n",
                beam == 1 ? "greedy" : "beam " + beam, cached ? "cached" : "uncached",
                ids.size(), best, ids.size() / best, ids.size() / median, out / best);
    }

    private static long decode(Search search, BatchBuilder rows, NDManager manager,
            List<List<int[]>> batches) {
        long tokens = 0;
        for (List<int[]> batch : batches) {
            try (NDManager m = manager.newSubManager()) {
                NDArray source = rows.sourceArray(m, batch);
                for (var hyps : search.search(source)) {
                    tokens += hyps.get(0).tokens().length;
                }
            }
        }
        return tokens;
    }

    /** The translator's policy: longest first, rows × longest source row × beam. */
    private static List<List<int[]>> batches(List<int[]> ids, int beam) {
        TokenBudget policy =
                TokenBudget.of(BATCH_TOKENS, i -> BatchBuilder.sourceLength(ids.get(i).length))
                        .times(beam);
        List<List<int[]>> batches = new ArrayList<>();
        for (int[] batch : policy.batches(ids.size(), TokenBudget.Order.LONGEST_FIRST)) {
            batches.add(java.util.Arrays.stream(batch).mapToObj(ids::get).toList());
        }
        return batches;
    }

    private static List<String> firstSources(Path tsv, int n) throws IOException {
        List<String> out = new ArrayList<>(n);
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (out.size() == n) {
                break;
            }
            out.add(line.split("\t", -1)[0]);
        }
        return out;
    }

    private static Path trainTokenizer(Path work) throws IOException, InterruptedException {
        Path text = work.resolve("spm-input.txt");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("train.tsv"), StandardCharsets.UTF_8)) {
            if (lines.size() >= 40_000) {
                break;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length >= 2) {
                lines.add(cols[0]);
                lines.add(cols[1]);
            }
        }
        Files.write(text, lines, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("spm_train", "--input=" + text, "--model_prefix=" + work.resolve("spm"),
                "--model_type=bpe", "--vocab_size=8000", "--character_coverage=1.0", "--pad_id=0",
                "--unk_id=1", "--bos_id=2", "--eos_id=3", "--normalization_rule_name=identity",
                "--byte_fallback=true", "--random_seed=1", "--num_threads=1", "--minloglevel=2")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("spm_train failed");
        }
        return work.resolve("spm.model");
    }
}
