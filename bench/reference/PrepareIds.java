import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.data.tokenizer.TokenizerException;

/**
 * Prepares the id files that the plain-PyTorch reference in bench/reference trains and decodes on,
 * with nmt4j's own {@link SentencePieceCodec} (so that the reference needs no SentencePiece
 * package, and both systems count exactly the same pieces). Not part of the build: bench scripts
 * run it as a single source file with nmt4j's class path (bench/reference/prepare.sh).
 *
 * <p>Usage: {@code java -cp CLASSPATH bench/reference/PrepareIds.java --tokenizer FILE.model --data
 * DIR --work DIR}, where DIR holds {@code train.tsv}, {@code dev.tsv} and {@code test.tsv} (English
 * TAB Spanish). Writes to the work directory, each file whole or not at all:
 *
 * <ul>
 *   <li>{@code train.en.ids}, {@code train.es.ids}: the piece ids of every training line, one line
 *       each, space-separated, without BOS or EOS;
 *   <li>for dev and test, grouped by English source (one line per distinct source, in order of
 *       first appearance): {@code SPLIT.src} (the source text), {@code SPLIT.src.ids} and {@code
 *       SPLIT.ref0} .. {@code SPLIT.refN} (the i-th translation of each source, an empty line where
 *       a source has fewer);
 *   <li>{@code vocab.tsv}: one line per id, {@code KIND<TAB>PIECE}, KIND being normal, unknown,
 *       control or byte, for the reference's detokenizer;
 *   <li>{@code spm.model}: a copy of the tokenizer, so that nmt4j can be given the same one.
 * </ul>
 *
 * <p>{@code test.src.ids} is written last, so that a directory that has it is complete.
 *
 * <p>Prints one line per file group on standard output; bad input gives a one-line error naming the
 * file and line, and exit status 1.
 */
public final class PrepareIds {
    private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-F]{2}>");
    private static final String[] SPLITS = {"dev", "test"};

    private PrepareIds() {}

    public static void main(String[] args) {
        try {
            Map<String, Path> options = options(args);
            run(options.get("--tokenizer"), options.get("--data"), options.get("--work"));
        } catch (BadInput | TokenizerException e) {
            System.err.println("PrepareIds: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PrepareIds: " + e);
            System.exit(1);
        }
    }

    private static Map<String, Path> options(String[] args) {
        Map<String, Path> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--tokenizer", "--data", "--work").contains(args[i])
                    || i + 1 == args.length) {
                throw new BadInput(
                        "usage: PrepareIds --tokenizer FILE.model --data DIR --work DIR (got '"
                                + String.join(" ", args)
                                + "')");
            }
            options.put(args[i], Path.of(args[i + 1]));
        }
        if (options.size() != 3) {
            throw new BadInput("--tokenizer, --data and --work are all required");
        }
        return options;
    }

    private static void run(Path tokenizer, Path data, Path work) throws IOException {
        List<String[]> train = pairs(data.resolve("train.tsv"));
        Map<String, List<String[]>> grouped = new LinkedHashMap<>();
        for (String split : SPLITS) {
            grouped.put(split, pairs(data.resolve(split + ".tsv")));
        }
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("test.src.ids")); // until this run is complete
        try (SentencePieceCodec codec = SentencePieceCodec.load(tokenizer)) {
            writeVocabulary(codec, work.resolve("vocab.tsv"));
            copyTokenizer(tokenizer, work.resolve("spm.model"));
            System.out.printf("vocabulary %s -> vocab.tsv, spm.model in %s%n", tokenizer, work);
            writeIds(codec, train.stream().map(p -> p[0]).toList(), work.resolve("train.en.ids"));
            writeIds(codec, train.stream().map(p -> p[1]).toList(), work.resolve("train.es.ids"));
            System.out.printf("train.tsv: %d pairs -> train.en.ids, train.es.ids%n", train.size());
            for (String split : SPLITS) { // test.src.ids last: once it exists, all is there
                writeGrouped(codec, grouped.get(split), work, split);
            }
        }
    }

    private static void copyTokenizer(Path tokenizer, Path copy) throws IOException {
        if (Files.exists(copy) && Files.isSameFile(tokenizer, copy)) {
            return;
        }
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        Files.copy(tokenizer, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
                partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The first two columns of every line of a TSV file. */
    private static List<String[]> pairs(Path tsv) throws IOException {
        if (!Files.isRegularFile(tsv)) {
            throw new BadInput(
                    tsv + " not found; --data must hold train.tsv, dev.tsv and test.tsv");
        }
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<String[]> pairs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] columns = lines.get(i).split("\t", -1);
            if (columns.length < 2) {
                throw new BadInput(
                        tsv + ":" + (i + 1) + ": no tab; every line must be English<TAB>Spanish");
            }
            pairs.add(new String[] {columns[0], columns[1]});
        }
        if (pairs.isEmpty()) {
            throw new BadInput(tsv + " is empty");
        }
        return pairs;
    }

    private static void writeIds(SentencePieceCodec codec, List<String> texts, Path file)
            throws IOException {
        List<String> lines =
                IntStream.range(0, texts.size())
                        .parallel()
                        .mapToObj(
                                i ->
                                        IntStream.of(codec.encode(texts.get(i)))
                                                .mapToObj(Integer::toString)
                                                .collect(Collectors.joining(" ")))
                        .toList();
        writeLines(file, lines);
    }

    /** One line per distinct source (first appearance order) and its references, padded with "". */
    private static void writeGrouped(
            SentencePieceCodec codec, List<String[]> pairs, Path work, String split)
            throws IOException {
        Map<String, List<String>> references = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            references.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        }
        List<String> sources = new ArrayList<>(references.keySet());
        int most = references.values().stream().mapToInt(List::size).max().orElse(0);
        for (int r = 0; r < most; r++) {
            int k = r;
            writeLines(
                    work.resolve(split + ".ref" + r),
                    sources.stream()
                            .map(s -> k < references.get(s).size() ? references.get(s).get(k) : "")
                            .toList());
        }
        deleteReferencesFrom(work, split, most);
        writeLines(work.resolve(split + ".src"), sources);
        writeIds(codec, sources, work.resolve(split + ".src.ids"));
        System.out.printf(
                "%s.tsv: %d pairs, %d distinct sources, up to %d references -> %s.src, %s.src.ids,"
                        + " %s.ref0..%d%n",
                split, pairs.size(), sources.size(), most, split, split, split, most - 1);
    }

    /** Deletes SPLIT.refN, SPLIT.refN+1, ... left by an earlier run on a split with more. */
    private static void deleteReferencesFrom(Path work, String split, int first)
            throws IOException {
        for (int r = first; Files.deleteIfExists(work.resolve(split + ".ref" + r)); r++) {
            System.out.printf("removed %s.ref%d of an earlier run%n", split, r);
        }
    }

    private static void writeVocabulary(SentencePieceCodec codec, Path file) throws IOException {
        List<String> lines = new ArrayList<>(codec.vocabSize());
        for (int id = 0; id < codec.vocabSize(); id++) {
            lines.add(kind(codec, id) + "\t" + codec.piece(id));
        }
        writeLines(file, lines);
    }

    /**
     * How a piece decodes: ids 0, 2, 3 are control pieces and 1 the unknown piece (the codec checks
     * both on loading); a byte piece is one that looks like {@code <0xAB>} and does not decode to
     * its own text; any other piece that decodes to nothing though it holds more than U+2581 is a
     * control piece; everything else is a normal piece.
     */
    private static String kind(SentencePieceCodec codec, int id) {
        if (id == 1) {
            return "unknown";
        }
        if (id == 0 || id == 2 || id == 3) {
            return "control";
        }
        String piece = codec.piece(id);
        String surface = codec.decode(new int[] {id});
        if (BYTE_PIECE.matcher(piece).matches() && !surface.equals(piece)) {
            return "byte";
        }
        if (surface.isEmpty() && !piece.replace("\u2581", "").isEmpty()) {
            return "control";
        }
        return "normal";
    }

    /** Writes the lines (each ended by a newline) through a temporary file, then renames it. */
    private static void writeLines(Path file, List<String> lines) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        Files.move(
                partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Bad arguments or input; the message says what and where. */
    private static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}
