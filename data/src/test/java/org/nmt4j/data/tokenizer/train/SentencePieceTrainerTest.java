package org.nmt4j.data.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.data.tokenizer.SpmTrainer;
import org.nmt4j.data.tokenizer.TextNormalizer;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.TokenizerConfig.Type;
import org.nmt4j.data.tokenizer.TokenizerException;
import org.nmt4j.data.tokenizer.TokenizerTrainer;

class SentencePieceTrainerTest {
    @TempDir static Path dir;
    static Path demo;
    static List<String> sentences;

    @BeforeAll
    static void writeTheDemoText() throws IOException {
        sentences = new ArrayList<>();
        for (String line :
                Files.readAllLines(
                        Path.of("../corpus/demo-en-es/train.tsv"), StandardCharsets.UTF_8)) {
            for (String side : line.split("\t")) {
                sentences.add(TextNormalizer.normalize(side));
            }
        }
        demo = Files.write(dir.resolve("demo.txt"), sentences, StandardCharsets.UTF_8);
    }

    private static TrainerSettings settings(Type type, int vocab) {
        return new TrainerSettings(type, vocab, 1.0, false, 1_000_000, 1, 2);
    }

    private static List<String> texts(List<ModelProtoWriter.Entry> entries) {
        return entries.stream().map(ModelProtoWriter.Entry::text).toList();
    }

    private static Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void bpe_mergesTheMostFrequentPair_shorterThenFirstInCodePointOrderOnTies() throws IOException {
        // words: ▁ab x3, ▁abc x1. Pairs ▁a and ab both occur 4 times: ab is first in code point
        // order; then ▁ab (4), then ▁abc (1); then the characters, most frequent first.
        Path text = write("bpe.txt", "ab ab", "ab abc");
        List<ModelProtoWriter.Entry> entries =
                SentencePieceTrainer.train(List.of(text), settings(Type.BPE, 11));
        assertEquals(
                List.of("<pad>", "<unk>", "<s>", "</s>", "ab", "▁ab", "▁abc", "a", "b", "▁", "c"),
                texts(entries));
        assertEquals(
                List.of(0f, 0f, 0f, 0f, -0f, -1f, -2f, -3f, -4f, -5f, -6f),
                entries.stream().map(ModelProtoWriter.Entry::score).toList());
    }

    @Test
    void vocabSizeLargerThanTheCorpusGives_namesTheKeyAndTheLargestSize_whichThenWorks()
            throws IOException {
        Path text = write("small.txt", "ab ab", "ab abc");
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () -> SentencePieceTrainer.train(List.of(text), settings(Type.BPE, 12)));
        assertEquals(
                "tokenizer.vocab_size 12 is more than this corpus gives (2 sentences): a bpe model"
                        + " of it has at most 11 pieces; set tokenizer.vocab_size to 11 or less,"
                        + " or train on more text",
                e.getMessage());
        TokenizerException u =
                assertThrows(
                        TokenizerException.class,
                        () ->
                                SentencePieceTrainer.train(
                                        List.of(demo), settings(Type.UNIGRAM, 5000)));
        String largest = u.getMessage().replaceAll(".* at most (\\d+) pieces.*", "$1");
        assertTrue(u.getMessage().startsWith("tokenizer.vocab_size 5000 is more than"), largest);
        int n = Integer.parseInt(largest);
        assertEquals(
                n, SentencePieceTrainer.train(List.of(demo), settings(Type.UNIGRAM, n)).size());
    }

    @Test
    void vocabSizeTooSmallForTheCharacters_saysHowLargeItMustBe() throws IOException {
        Path text = write("chars.txt", "abcdefgh ijklmnop");
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () ->
                                SentencePieceTrainer.train(
                                        List.of(text), settings(Type.UNIGRAM, 12)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "tokenizer.vocab_size 12 is too small for this corpus: it has 17"
                                        + " characters to cover"),
                e.getMessage());
        assertTrue(e.getMessage().contains("at least 21"), e.getMessage());
    }

    @Test
    void emptyCorpus_isAOneLineError() throws IOException {
        Path text = write("empty.txt", "", "   ", "");
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () ->
                                SentencePieceTrainer.train(
                                        List.of(text), settings(Type.UNIGRAM, 100)));
        assertTrue(e.getMessage().contains("has no line with text"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void notUtf8_namesTheFileAndLine() throws IOException {
        Path text = dir.resolve("latin1.txt");
        Files.write(text, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () ->
                                SentencePieceTrainer.train(
                                        List.of(text), settings(Type.UNIGRAM, 100)));
        assertEquals(text + ":2: not UTF-8 text; convert the file to UTF-8", e.getMessage());
    }

    @Test
    void unigram_onTheDemoCorpus_givesExactlyTheVocabSize_andRoundTripsEverySentence()
            throws IOException {
        Path model = dir.resolve("unigram.model");
        new SentencePieceTrainer(2)
                .train(List.of(demo), model, TokenizerConfig.training(Type.UNIGRAM, 1000, true), 1);
        List<String> vocab = Files.readAllLines(dir.resolve("unigram.vocab"));
        assertEquals(1000, vocab.size());
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            assertEquals(1000, codec.vocabSize());
            for (int id = 0; id < 1000; id++) {
                assertEquals(vocab.get(id).split("\t")[0], codec.piece(id));
            }
            for (String s : sentences) {
                int[] ids = codec.encode(s);
                assertTrue(Arrays.stream(ids).allMatch(id -> id > 3), s);
                assertEquals(s, codec.decode(ids));
            }
        }
    }

    @Test
    void unigram_prefersWholeFrequentWords_andFewerPiecesThanCharacters() throws IOException {
        List<ModelProtoWriter.Entry> entries =
                SentencePieceTrainer.train(List.of(demo), settings(Type.UNIGRAM, 1000));
        List<String> pieces = texts(entries);
        assertTrue(pieces.contains("▁the"), "▁the");
        assertTrue(pieces.contains("▁la"), "▁la");
        for (int i = 5; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).score() >= entries.get(i).score(), "sorted by score");
        }
    }

    @Test
    void model_isTheSameForOneOrTwoThreads_andForTheSameSeed() throws IOException {
        for (Type type : Type.values()) {
            List<ModelProtoWriter.Entry> one = train(type, 1, 1, 1_000_000);
            assertEquals(one, train(type, 2, 1, 1_000_000), type + " threads");
            assertArrayEquals(
                    ModelProtoWriter.model(one, settings(type, 1)),
                    ModelProtoWriter.model(one, settings(type, 1).withThreads(2)),
                    type + " file");
            assertEquals(train(type, 2, 7, 500), train(type, 2, 7, 500), type + " seed");
        }
    }

    @Test
    void inputSentenceSize_samplesBySeed() throws IOException {
        List<ModelProtoWriter.Entry> all = train(Type.UNIGRAM, 2, 1, 1_000_000);
        List<ModelProtoWriter.Entry> seven = train(Type.UNIGRAM, 2, 7, 1200);
        assertFalse(all.equals(seven));
        assertFalse(seven.equals(train(Type.UNIGRAM, 2, 8, 1200)));
    }

    private static List<ModelProtoWriter.Entry> train(Type type, int threads, long seed, int sample)
            throws IOException {
        TrainerSettings s = new TrainerSettings(type, 400, 1.0, false, sample, seed, threads);
        return SentencePieceTrainer.train(List.of(demo), s);
    }

    @Test
    void characterCoverage_leavesTheRarestCharactersUnknown() throws IOException {
        Path text = write("coverage.txt", "aaaa bbbb aaaa bbbb ab", "aaaa bbbb z");
        Path model = dir.resolve("coverage.model");
        TokenizerConfig cfg =
                new TokenizerConfig(
                        Type.UNIGRAM, 8, 0.95, true, false, null, null, null, null, null);
        new SentencePieceTrainer(1).train(List.of(text), model, cfg, 1);
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            int[] ids = codec.encode("z");
            assertEquals(1, ids[ids.length - 1], "z is unknown");
            assertEquals("aaaa", codec.decode(codec.encode("aaaa")));
        }
    }

    @Test
    void byteFallback_addsTheByteIdsAfterTheSpecialOnes_andRoundTripsUnseenCharacters()
            throws IOException {
        Path model = dir.resolve("bytes.model");
        TokenizerConfig cfg = TokenizerConfig.training(Type.BPE, 600, true).withByteFallback(true);
        new SentencePieceTrainer(2).train(List.of(demo), model, cfg, 1);
        try (SentencePieceCodec codec = SentencePieceCodec.load(model)) {
            assertEquals("<0x00>", codec.piece(4));
            assertEquals("<0xFF>", codec.piece(259));
            String unseen = "Hoy 😀 ☃ ж.";
            assertTrue(Arrays.stream(codec.encode(unseen)).noneMatch(id -> id == 1));
            assertEquals(unseen, codec.decode(codec.encode(unseen)));
        }
    }

    @Test
    void scores_printAsCppStreamsPrintFloats() {
        assertEquals("-3.69027", ModelProtoWriter.score(-3.6902678f));
        assertEquals("0", ModelProtoWriter.score(0f));
        assertEquals("-0", ModelProtoWriter.score(-0f));
        assertEquals("-1147", ModelProtoWriter.score(-1147f));
        assertEquals("-15.0591", ModelProtoWriter.score(-15.059137f));
        assertEquals("1e-05", ModelProtoWriter.score(1e-5f));
    }

    @Test
    void trainerChoice_followsTheConfig_thenNmtSpmTrain_thenDefaultsToNmt4j() {
        TokenizerConfig plain = TokenizerConfig.training(Type.UNIGRAM, 100, true);
        assertInstanceOf(SentencePieceTrainer.class, TokenizerTrainer.forConfig(plain, null));
        TokenizerException e =
                assertThrows(
                        TokenizerException.class,
                        () -> TokenizerTrainer.forConfig(plain, "/no/such/spm_train"));
        assertTrue(e.getMessage().startsWith("NMT_SPM_TRAIN=/no/such/spm_train"), e.getMessage());
        TokenizerConfig nmt4j = withTrainer(TokenizerConfig.Trainer.NMT4J);
        assertInstanceOf(
                SentencePieceTrainer.class,
                TokenizerTrainer.forConfig(nmt4j, "/no/such/spm_train"));
        TokenizerConfig spm = withTrainer(TokenizerConfig.Trainer.SPM_TRAIN);
        assertThrows(
                TokenizerException.class,
                () -> TokenizerTrainer.forConfig(spm, "/no/such/spm_train"));
        assertTrue(SpmTrainer.INSTALL_HINT.contains("tokenizer.trainer"));
    }

    private static TokenizerConfig withTrainer(TokenizerConfig.Trainer trainer) {
        return new TokenizerConfig(
                Type.UNIGRAM, 100, null, null, null, null, null, null, null, trainer);
    }
}
