package org.nmt4j.data.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Trains small SentencePiece models on the demo corpus with nmt4j's own trainer, then uses them
 * through SentencePiece-DJL. (The official command-line tools: {@link SpmToolsTest}.)
 */
class SentencePieceCodecTest {
    static final Path DEMO_TRAIN = Path.of("../corpus/demo-en-es/train.tsv");

    @TempDir static Path dir;
    static Path text;
    static List<String> sentences;
    static Path unigram;

    @BeforeAll
    static void trainOnTheDemoCorpus() throws IOException {
        sentences = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO_TRAIN, StandardCharsets.UTF_8)) {
            for (String side : line.split("\t")) {
                sentences.add(TextNormalizer.normalize(side));
            }
        }
        text = Files.write(dir.resolve("demo.txt"), sentences, StandardCharsets.UTF_8);
        unigram =
                new SentencePieceTrainer()
                        .train(
                                List.of(text),
                                dir.resolve("unigram.model"),
                                TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 1000, true),
                                1);
    }

    @Test
    void trainer_writesModelAndVocab_withTheReservedSpecialIds() throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("unigram.vocab")));
        List<String> vocab = Files.readAllLines(dir.resolve("unigram.vocab"));
        List<String> first = vocab.subList(0, 4).stream().map(l -> l.split("\t")[0]).toList();
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>"), first);
        try (SentencePieceCodec codec = SentencePieceCodec.load(unigram)) {
            assertEquals(vocab.size(), codec.vocabSize());
            assertEquals(1000, codec.vocabSize());
            assertEquals("<s>", codec.piece(codec.special().bos()));
            assertEquals("</s>", codec.piece(codec.special().eos()));
        }
        try (var files = Files.list(dir)) {
            assertFalse(
                    files.anyMatch(p -> p.getFileName().toString().contains(".tmp")),
                    "temporary files left behind");
        }
    }

    @Test
    void codec_roundTripIsExact_forEveryNormalisedDemoSentence() {
        try (SentencePieceCodec codec = SentencePieceCodec.load(unigram)) {
            for (String s : sentences) {
                int[] ids = codec.encode(s);
                assertTrue(ids.length > 0, s);
                assertTrue(Arrays.stream(ids).allMatch(id -> id > 3), "special id in " + s);
                assertEquals(s, codec.decode(ids));
            }
        }
    }

    @Test
    void codec_normalisesBeforeEncoding() {
        try (SentencePieceCodec codec = SentencePieceCodec.load(unigram)) {
            assertArrayEquals(
                    codec.encode("¿Dónde está tu caja?"),
                    codec.encode("  ¿Do\u0301nde\u00a0está   tu caja? "));
        }
    }

    @Test
    void codec_decodeDropsPadBosAndEos() {
        try (SentencePieceCodec codec = SentencePieceCodec.load(unigram)) {
            int[] ids = codec.encode("Hoy es lunes.");
            int[] framed = new int[ids.length + 4];
            framed[0] = 2;
            System.arraycopy(ids, 0, framed, 1, ids.length);
            framed[ids.length + 1] = 3;
            assertEquals("Hoy es lunes.", codec.decode(framed));
            assertThrows(IllegalArgumentException.class, () -> codec.decode(new int[] {5000}));
        }
    }

    @Test
    void codec_unseenCharacterIsUnk_withoutByteFallback_butRoundTripsWithIt() throws IOException {
        String unseen = "Hoy es lunes 😀 ☃.";
        try (SentencePieceCodec plain = SentencePieceCodec.load(unigram)) {
            assertTrue(Arrays.stream(plain.encode(unseen)).anyMatch(id -> id == 1));
            assertNotEquals(unseen, plain.decode(plain.encode(unseen)));
        }
        TokenizerConfig cfg =
                TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 600, true)
                        .withByteFallback(true);
        Path model =
                new SentencePieceTrainer().train(List.of(text), dir.resolve("bytes.model"), cfg, 1);
        try (SentencePieceCodec bytes = SentencePieceCodec.load(model)) {
            assertTrue(Arrays.stream(bytes.encode(unseen)).noneMatch(id -> id == 1));
            assertEquals(unseen, bytes.decode(bytes.encode(unseen)));
        }
    }

    @Test
    void trainer_trainsBpeToo_withTheSameRoundTrip() throws IOException {
        Path model =
                new SentencePieceTrainer()
                        .train(
                                List.of(text),
                                dir.resolve("bpe.model"),
                                TokenizerConfig.training(TokenizerConfig.Type.BPE, 500, true),
                                1);
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            for (String s : sentences.subList(0, 200)) {
                assertEquals(s, codec.decode(codec.encode(s)));
            }
        }
    }

    @Test
    void codec_rejectsAFileThatIsNotAModel() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.model"), "not a model at all\n");
        TokenizerException e =
                assertThrows(TokenizerException.class, () -> SentencePieceCodec.load(junk));
        assertTrue(e.getMessage().contains("junk.model"), e.getMessage());
        assertThrows(
                TokenizerException.class,
                () -> SentencePieceCodec.load(dir.resolve("absent.model")));
    }
}
