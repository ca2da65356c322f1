package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.data.corpus.SentencePair;
import org.nmt4j.data.tokenizer.TextNormalizer;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.EvaluationSet;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TranslationListener;

/**
 * Dev validation against {@code nmt evaluate}'s path, on the translate module's tiny copy model
 * (max_positions 32): the same file and model must give the same hypotheses and scores.
 */
class ValidatorTest {
    private static final DecodeConfig DECODE = new DecodeConfig(4, 0.6, 1.5, 5);
    private static final int BATCH_TOKENS = 300;

    private static NDManager manager;
    private static LoadedModel loaded;
    private static Tokenizers tokenizers;

    @TempDir Path tmp;

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager();
        loaded = ModelArtifacts.load(CopyModel.directory(), manager, null);
        tokenizers = CopyModel.tokenizers(loaded);
    }

    @AfterAll
    static void close() {
        tokenizers.close();
        manager.close();
    }

    /**
     * A dev file of the copy model's sentences: each copied, one with a second reference, one
     * repeated with other whitespace, and a line of 18 sentences, far longer than the model takes.
     */
    private Path devFile() throws IOException {
        List<String> sentences =
                Files.readAllLines(CopyModel.sentencesFile(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String s : sentences.subList(0, 12)) {
            lines.add(s + "\t" + s);
        }
        lines.add(sentences.get(3) + "\t" + sentences.get(3).replace(" a ", " the "));
        lines.add(sentences.get(5).replace(" ", "  ") + "\t" + sentences.get(5));
        String longLine = String.join(" ", sentences.subList(12, 30));
        lines.add(longLine + "\t" + longLine);
        Path file = tmp.resolve("dev.tsv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** The dev set as training prepares it: normalised pairs and their ids. */
    private static DevSet devSet(Path file) throws IOException {
        List<SentencePair> text = new ArrayList<>();
        TokenizedCorpus.Builder ids = TokenizedCorpus.builder();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cols = l.split("\t");
            SentencePair p =
                    new SentencePair(
                            ++line,
                            TextNormalizer.normalize(cols[0]),
                            TextNormalizer.normalize(cols[1]));
            text.add(p);
            ids.add(tokenizers.source().encode(p.source()), tokenizers.target().encode(p.target()));
        }
        return DevSet.of(ids.build(), text, CopyModel.MAX_POSITIONS);
    }

    private static Validator validator(DevSet dev) {
        return new Validator(loaded.model(), manager, dev, tokenizers, DECODE, 0.1, BATCH_TOKENS);
    }

    @Test
    void devBleuOfValidation_equalsEvaluationRun_onTheSameFileAndModel_longSourcesSplit()
            throws IOException {
        Path file = devFile();
        DevSet dev = devSet(file);
        assertEquals(1, dev.longSources());
        ValidationResult validated = validator(dev).validate(new StopSignal());

        EvaluationSet test = EvaluationSet.read(file);
        SentenceTranslator greedy =
                new SentenceTranslator(
                        loaded.decoder(manager),
                        tokenizers,
                        DECODE.withBeam(1, 1),
                        Validator.translatorOptions(BATCH_TOKENS));
        Evaluation evaluated = Evaluation.run(greedy, test, TranslationListener.NONE);

        assertNotNull(validated);
        assertEquals(13, validated.hypotheses().size(), "one per distinct source");
        assertEquals(evaluated.hypotheses(), validated.hypotheses());
        assertEquals(evaluated.bleu().score(), validated.bleu().score());
        assertEquals(evaluated.chrf().score(), validated.chrf().score());
        assertEquals(evaluated.bleu().format(2), validated.bleu().format(2));
        String longHypothesis = validated.hypotheses().get(12);
        int oneRowAtMost = DECODE.maxOutputLength(CopyModel.MAX_POSITIONS);
        int pieces = tokenizers.target().encode(longHypothesis).length;
        assertTrue(
                pieces > oneRowAtMost,
                "the long source is split, not cut: "
                        + pieces
                        + " pieces, one row gives at most "
                        + oneRowAtMost);
        assertTrue(
                validated.bleu().score() > 20,
                "not vacuous: the copy model copies: " + validated.bleu());
    }

    @Test
    void stopRequest_makesValidationGiveUp_inTheLossAndInTheTranslation() throws IOException {
        StopSignal stop = new StopSignal();
        stop.request("test");
        assertNull(validator(devSet(devFile())).validate(stop));
        Path longOnly = tmp.resolve("long.tsv");
        Files.writeString(
                longOnly,
                Files.readAllLines(devFile(), StandardCharsets.UTF_8).get(14) + "\n",
                StandardCharsets.UTF_8);
        DevSet noLossBatch = devSet(longOnly);
        assertEquals(0, noLossBatch.pairs().size(), "the loss has no batch to check the stop at");
        assertNull(validator(noLossBatch).validate(stop), "translation checks the stop");
    }
}
