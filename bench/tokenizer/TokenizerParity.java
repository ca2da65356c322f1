import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.train.SentencePieceTrainer;

/**
 * The two halves of bench/tokenizer/run.sh, run with the class path of ./nmt's build:
 *
 * <pre>
 * train TYPE VOCAB THREADS SEED MODEL INPUT...   nmt4j's trainer; prints "seconds=S"
 * stats MODEL TEXT                              prints "sentences=N pieces=P unknown=U"
 * common MODEL_A MODEL_B                        prints "common=C of=N" (normal pieces)
 * </pre>
 */
public class TokenizerParity {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "train" -> train(args);
            case "stats" -> stats(Path.of(args[1]), Path.of(args[2]));
            case "common" -> common(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void train(String[] args) throws Exception {
        TokenizerConfig config =
                TokenizerConfig.training(
                        TokenizerConfig.Type.parse(args[1]), Integer.parseInt(args[2]), true);
        List<Path> inputs = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        long start = System.nanoTime();
        new SentencePieceTrainer(Integer.parseInt(args[3]))
                .train(inputs, Path.of(args[5]), config, Long.parseLong(args[4]));
        System.out.printf(Locale.ROOT, "seconds=%.2f%n", (System.nanoTime() - start) / 1e9);
    }

    private static void stats(Path model, Path text) throws Exception {
        long sentences = 0;
        long pieces = 0;
        long unknown = 0;
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            int unk = codec.special().unk();
            for (String line : Files.readAllLines(text, StandardCharsets.UTF_8)) {
                int[] ids = codec.encode(line);
                sentences++;
                pieces += ids.length;
                for (int id : ids) {
                    if (id == unk) {
                        unknown++;
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "sentences=%d pieces=%d unknown=%d%n", sentences, pieces, unknown);
    }

    private static void common(Path a, Path b) throws Exception {
        Set<String> first = normalPieces(a);
        Set<String> second = normalPieces(b);
        int of = second.size();
        second.retainAll(first);
        System.out.printf(Locale.ROOT, "common=%d of=%d%n", second.size(), of);
    }

    private static Set<String> normalPieces(Path model) {
        Set<String> pieces = new HashSet<>();
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            for (int id = 4; id < codec.vocabSize(); id++) {
                pieces.add(codec.piece(id));
            }
        }
        return pieces;
    }
}
