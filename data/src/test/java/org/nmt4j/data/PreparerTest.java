package org.nmt4j.data;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.clean.Split;
import org.nmt4j.data.corpus.CorpusException;
import org.nmt4j.data.corpus.SkipReason;
import org.nmt4j.data.tokenizer.TokenizerConfig;

class PreparerTest {
    static final Path DEMO = Path.of("../corpus/demo-en-es");
    static final TokenizerConfig SMALL =
            TokenizerConfig.training(TokenizerConfig.Type.UNIGRAM, 1000, true);

    @TempDir static Path shared;
    static Path demoModel;
    @TempDir Path out;

    /** Prepares the demo corpus once with its own dev/test files, training a joint model. */
    static PreparedData prepareDemo(Path dir, TokenizerConfig tok) throws IOException {
        DataConfig data =
                DataConfig.builder(DataConfig.Format.TSV, DEMO.resolve("train.tsv"), "en", "es")
                        .dev(DEMO.resolve("dev.tsv"))
                        .test(DEMO.resolve("test.tsv"))
                        .batchTokens(1024)
                        .build();
        return new Preparer(data, tok, dir).prepare();
    }

    @BeforeAll
    static void trainDemoTokenizer() throws IOException {
        try (PreparedData p = prepareDemo(shared, SMALL)) {
            demoModel = p.tokenizers().source().modelFile();
        }
    }

    @Test
    void prepare_demoCorpus_trainsAJointModel_writesSplits_andReportsStatistics()
            throws IOException {
        try (PreparedData p = prepareDemo(out, SMALL)) {
            assertTrue(Files.isRegularFile(out.resolve("spm.model")));
            assertTrue(p.tokenizers().joint());
            long trainLines = Files.readAllLines(DEMO.resolve("train.tsv")).size();
            PrepareReport r = p.report();
            assertEquals(trainLines, r.inputs().get(0).pairs());
            assertEquals(p.train().size(), r.splits().get(0).kept());
            assertEquals(p.train().size(), Files.readAllLines(p.file(Split.TRAIN)).size());
            int devLines = Files.readAllLines(DEMO.resolve("dev.tsv")).size();
            int testLines = Files.readAllLines(DEMO.resolve("test.tsv")).size();
            assertEquals(devLines, p.devPairs().size());
            assertEquals(devLines, p.dev().size());
            assertEquals(testLines, p.testPairs().size());
            assertEquals(p.train().sourceTokens(), r.splits().get(0).source().tokens());
            assertTrue(r.bucketed().share() < r.naive().share());
            String text = r.format();
            for (String expected : List.of("read ", "kept", "source:", "p90", "padding")) {
                assertTrue(text.contains(expected), text);
            }
            String first = Files.readAllLines(p.file(Split.TRAIN)).get(0).split("\t")[1];
            assertEquals(first, p.tokenizers().target().decode(p.train().target(0)));
        }
        try (var files = Files.list(out)) {
            assertFalse(
                    files.anyMatch(f -> f.getFileName().toString().startsWith(".")),
                    "temporary files left behind");
        }
    }

    @Test
    void prepare_singleFile_splitsBySource_soNoSourceIsInTwoSplits_deterministically()
            throws IOException {
        DataConfig data =
                DataConfig.builder(DataConfig.Format.TSV, DEMO.resolve("train.tsv"), "en", "es")
                        .split(0.15, 0.15, 11)
                        .build();
        TokenizerConfig tok = SMALL.withModel(demoModel);
        Map<String, Split> splitOf = new HashMap<>();
        List<String> devFirstRun;
        try (PreparedData p = new Preparer(data, tok, out.resolve("a")).prepare()) {
            for (Split s : Split.values()) {
                List<String> lines = Files.readAllLines(p.file(s), StandardCharsets.UTF_8);
                assertFalse(lines.isEmpty(), s + " is empty");
                for (String line : lines) {
                    Split before = splitOf.put(line.split("\t")[0], s);
                    assertTrue(before == null || before == s, line + " in " + before + " and " + s);
                }
            }
            devFirstRun = Files.readAllLines(p.file(Split.DEV));
            assertTrue(
                    hasSourceWithSeveralReferences(p.devPairs(), p.testPairs()),
                    "expected a dev/test source with several translations kept together");
        }
        try (PreparedData again = new Preparer(data, tok, out.resolve("b")).prepare()) {
            assertEquals(devFirstRun, Files.readAllLines(again.file(Split.DEV)));
        }
        DataConfig otherSeed = data.toBuilder().split(0.15, 0.15, 12).build();
        try (PreparedData other = new Preparer(otherSeed, tok, out.resolve("c")).prepare()) {
            assertNotEquals(devFirstRun, Files.readAllLines(other.file(Split.DEV)));
        }
    }

    private static boolean hasSourceWithSeveralReferences(
            List<org.nmt4j.data.corpus.SentencePair> dev,
            List<org.nmt4j.data.corpus.SentencePair> test) {
        Set<String> seen = new HashSet<>();
        List<org.nmt4j.data.corpus.SentencePair> all = new ArrayList<>(dev);
        all.addAll(test);
        for (var p : all) {
            if (!seen.add(p.source())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void prepare_dropsDuplicatesLongAndUnbalancedPairs_countingEachWithLineNumbers()
            throws IOException {
        List<String> lines =
                new ArrayList<>(Files.readAllLines(DEMO.resolve("train.tsv")).subList(0, 50));
        lines.add(lines.get(3)); // line 51: duplicate of line 4
        lines.add("Hi.\tSí, claro que sí, por supuesto que sí, hoy."); // 52: ratio
        lines.add("go ".repeat(40) + "\tve ".repeat(40)); // 53: too many tokens
        lines.add("\u200B\tvacío"); // 54: empty after normalisation
        lines.add("Hello  \u00a0there.\tHola."); // 55: kept, normalised
        Path file = Files.write(out.resolve("in.tsv"), lines, StandardCharsets.UTF_8);
        DataConfig data =
                DataConfig.builder(DataConfig.Format.TSV, file, "en", "es")
                        .dev(DEMO.resolve("dev.tsv"))
                        .filters(30, 4.0)
                        .build();
        try (PreparedData p =
                new Preparer(data, SMALL.withModel(demoModel), out.resolve("o")).prepare()) {
            SplitReport train = p.report().splits().get(0);
            assertEquals(55, train.pairs());
            assertEquals(51, train.kept());
            assertEquals(List.of(51L), train.skips().firstLines(SkipReason.DUPLICATE));
            assertEquals(List.of(52L), train.skips().firstLines(SkipReason.LENGTH_RATIO));
            assertEquals(List.of(53L), train.skips().firstLines(SkipReason.TOO_MANY_TOKENS));
            assertEquals(List.of(54L), train.skips().firstLines(SkipReason.EMPTY_SIDE));
            List<String> kept = Files.readAllLines(p.file(Split.TRAIN));
            assertEquals("Hello there.\tHola.", kept.get(kept.size() - 1));
            assertTrue(p.report().format().contains("duplicate pair: 1 (line 51)"));
        }
    }

    @Test
    void prepare_trainsOneModelPerLanguage_whenNotJoint() throws IOException {
        TokenizerConfig separate = TokenizerConfig.training(TokenizerConfig.Type.BPE, 400, false);
        try (PreparedData p = prepareDemo(out, separate)) {
            assertFalse(p.tokenizers().joint());
            assertTrue(Files.isRegularFile(out.resolve("spm.en.model")));
            assertTrue(Files.isRegularFile(out.resolve("spm.es.model")));
            String es = p.devPairs().get(0).target();
            assertEquals(es, p.tokenizers().target().decode(p.tokenizers().target().encode(es)));
        }
    }

    @Test
    void prepare_loadsAnExistingModel_insteadOfTrainingOne() throws IOException {
        try (PreparedData p = prepareDemo(out, SMALL.withModel(demoModel))) {
            assertFalse(Files.exists(out.resolve("spm.model")));
            assertEquals(demoModel, p.tokenizers().source().modelFile());
            assertTrue(p.report().tokenizer().startsWith("loaded"), p.report().tokenizer());
        }
    }

    @Test
    void prepare_readsAlignedFiles() throws IOException {
        List<String> tsv = Files.readAllLines(DEMO.resolve("train.tsv")).subList(0, 100);
        Files.write(out.resolve("c.en"), tsv.stream().map(l -> l.split("\t")[0]).toList());
        Files.write(out.resolve("c.es"), tsv.stream().map(l -> l.split("\t")[1]).toList());
        DataConfig data =
                DataConfig.builder(DataConfig.Format.ALIGNED, out.resolve("c"), "es", "en")
                        .split(0.1, 0.0, 1)
                        .build();
        try (PreparedData p =
                new Preparer(data, SMALL.withModel(demoModel), out.resolve("o")).prepare()) {
            assertEquals(100, p.report().inputs().get(0).pairs());
            assertEquals(100, p.train().size() + p.dev().size());
            String first = Files.readAllLines(p.file(Split.TRAIN)).get(0);
            assertTrue(
                    tsv.stream()
                            .anyMatch(
                                    l -> {
                                        String[] c = l.split("\t");
                                        return first.equals(c[1] + "\t" + c[0]);
                                    }),
                    "Spanish must be the source: " + first);
        }
    }

    @Test
    void prepare_failsWhenFiltersLeaveNoTrainingPairs() throws IOException {
        DataConfig data =
                DataConfig.builder(DataConfig.Format.TSV, DEMO.resolve("train.tsv"), "en", "es")
                        .dev(DEMO.resolve("dev.tsv"))
                        .filters(1, 9)
                        .build();
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () ->
                                new Preparer(data, SMALL.withModel(demoModel), out)
                                        .prepare()
                                        .close());
        assertTrue(e.getMessage().contains("data.max_tokens"), e.getMessage());
    }
}
