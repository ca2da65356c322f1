package org.nmt4j.data.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.tokenizer.train.SentencePieceTrainer;

/**
 * nmt4j against SentencePiece's official command-line tools: models trained by nmt4j's own trainer
 * segment text under {@code spm_encode} exactly as under SentencePiece-DJL, ids decode as under
 * {@code spm_decode}, and the {@code spm_train} option works and fails cleanly. The tests that run
 * a tool are skipped where it is not installed, and fail instead under {@code
 * -Dnmt.spm.required=true} (as in CI, which installs Debian's {@code sentencepiece} for them).
 */
class SpmToolsTest {
    static final Path DEMO = Path.of("../corpus/demo-en-es");

    @TempDir static Path dir;
    static Path text;
    static List<String> sentences;

    @BeforeAll
    static void readTheDemoCorpus() throws IOException {
        sentences = new ArrayList<>();
        for (String file : List.of("train.tsv", "dev.tsv", "test.tsv")) {
            for (String line : Files.readAllLines(DEMO.resolve(file), StandardCharsets.UTF_8)) {
                for (String side : line.split("\t")) {
                    sentences.add(TextNormalizer.normalize(side));
                }
            }
        }
        text = Files.write(dir.resolve("demo.txt"), sentences, StandardCharsets.UTF_8);
    }

    /** Lines no training sentence looks like: unknown scripts, emoji, digits, odd spacing. */
    static final List<String> HOSTILE =
            List.of(
                    "Emoji 😀 y ☃, 中文, عربى, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.",
                    "12345 678,90 € ¿¡!? — «comillas» ‹y› “más”",
                    "x",
                    "Ññññññññññññññññññññññññññññññññ",
                    "a\u0301 combining, ﬁ ligature, ＦＵＬＬＷＩＤＴＨ",
                    "Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom Tom",
                    "ÀÉÎÕÜ àéîõü ß ø å æ œ",
                    "<unk> <s> </s> <pad> ▁ ⁇");

    @Test
    void spmEncode_segmentsLikeSentencePieceDjl_withNmt4jTrainedUnigramAndBpeModels()
            throws Exception {
        SpmTools.assumeInstalled("spm_encode");
        for (TokenizerConfig.Type type : TokenizerConfig.Type.values()) {
            for (boolean bytes : new boolean[] {false, true}) {
                TokenizerConfig cfg =
                        TokenizerConfig.training(type, bytes ? 700 : 500, true)
                                .withByteFallback(bytes);
                Path model =
                        new SentencePieceTrainer()
                                .train(
                                        List.of(text),
                                        dir.resolve(type + "-" + bytes + ".model"),
                                        cfg,
                                        1);
                List<String> lines = new ArrayList<>(sentences);
                HOSTILE.forEach(h -> lines.add(TextNormalizer.normalize(h)));
                List<String> official = spmEncode(model, lines);
                try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
                    for (int k = 0; k < lines.size(); k++) {
                        assertEquals(
                                official.get(k),
                                String.join(" ", codec.pieces(lines.get(k))),
                                type + (bytes ? " with byte fallback" : "") + ": " + lines.get(k));
                    }
                }
            }
        }
    }

    /** Segments lines with the official command-line encoder. */
    private static List<String> spmEncode(Path model, List<String> lines) throws Exception {
        return lineByLine(lines, "spm_encode", "--model=" + model, "--output_format=piece");
    }

    /** Runs an official tool on lines, one output line per input line. */
    private static List<String> lineByLine(List<String> lines, String... command) throws Exception {
        Path in = Files.write(dir.resolve("tool-in.txt"), lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("tool-out.txt");
        Process p =
                new ProcessBuilder(command)
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        List<String> output = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(lines.size(), output.size(), String.join(" ", command));
        return output;
    }

    @Test
    void codec_decodeAgreesWithSpmDecode_onRealAndRandomIdSequences() throws Exception {
        TokenizerConfig cfg =
                TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 600, true)
                        .withByteFallback(true);
        SpmTools.assumeInstalled("spm_decode");
        Path model =
                new SentencePieceTrainer().train(List.of(text), dir.resolve("agree.model"), cfg, 1);
        List<int[]> sequences = new ArrayList<>();
        java.util.Random random = new java.util.Random(4);
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            for (String s : sentences.subList(0, 300)) {
                sequences.add(codec.encode(s));
            }
            sequences.add(codec.encode("Emoji 😀 y ☃, 中文, عربى, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢."));
            for (int k = 0; k < 2000; k++) {
                int[] ids = new int[1 + random.nextInt(12)];
                for (int i = 0; i < ids.length; i++) {
                    do { // specials, bytes, anything but a line break (one line per sequence)
                        ids[i] = random.nextInt(codec.vocabSize());
                    } while (List.of("<0x0A>", "<0x0D>").contains(codec.piece(ids[i])));
                }
                sequences.add(ids);
            }
            List<String> expected = spmDecode(model, sequences);
            for (int k = 0; k < sequences.size(); k++) {
                assertEquals(
                        expected.get(k),
                        codec.decode(sequences.get(k)),
                        "ids " + Arrays.toString(sequences.get(k)));
            }
        }
    }

    @Test
    void trainer_missing_saysHowToInstallIt() {
        TokenizerException e =
                assertThrows(TokenizerException.class, () -> SpmTrainer.find(null, dir.toString()));
        assertTrue(e.getMessage().contains("spm_train"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install sentencepiece"), e.getMessage());
        assertTrue(e.getMessage().contains("brew install sentencepiece"), e.getMessage());
        TokenizerException explicit =
                assertThrows(
                        TokenizerException.class,
                        () -> SpmTrainer.find(dir.resolve("nope").toString(), null));
        assertTrue(explicit.getMessage().contains("NMT_SPM_TRAIN"));
    }

    @Test
    void trainer_failure_reportsTheEndOfTheSpmLog() {
        SpmTools.assumeInstalled("spm_train");
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () ->
                                SpmTrainer.find()
                                        .train(
                                                List.of(dir.resolve("missing.txt")),
                                                dir.resolve("fails.model"),
                                                TokenizerConfig.defaults(),
                                                1));
        assertTrue(e.getMessage().contains("spm_train failed"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("fails.model")));
    }

    @Test
    void codec_rejectsAModelTrainedWithOtherSpecialIds() throws Exception {
        SpmTools.assumeInstalled("spm_train");
        Path prefix = dir.resolve("default-ids");
        Process p =
                new ProcessBuilder(
                                "spm_train",
                                "--input=" + text,
                                "--model_prefix=" + prefix,
                                "--vocab_size=300",
                                "--hard_vocab_limit=false")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("default-ids.log").toFile())
                        .start();
        assertEquals(0, p.waitFor());
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () -> SentencePieceCodec.load(Path.of(prefix + ".model")));
        assertTrue(
                e.getMessage().contains("--pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3"),
                e.getMessage());
    }

    /** Decodes id lines with the official command-line decoder. */
    private static List<String> spmDecode(Path model, List<int[]> sequences) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int[] ids : sequences) {
            lines.add(String.join(" ", Arrays.stream(ids).mapToObj(Integer::toString).toList()));
        }
        return lineByLine(lines, "spm_decode", "--model=" + model, "--input_format=id");
    }
}
