package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.InputLines;
import org.nmt4j.translate.NastyInput;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslationJob;
import org.nmt4j.translate.TranslationSettings;

/**
 * The Spark job in local mode with two task slots ({@code local[2,4]}: up to 4 attempts per task)
 * against {@code ./nmt translate}'s code path ({@link TranslationJob} over {@link InputLines}) on
 * {@link AwkwardCorpus}, cut into splits of 97 bytes (about 150 partitions, boundaries inside
 * lines, CRLFs, multi-byte characters and the BOM).
 */
class SparkTranslationJobTest {
    private static final int SLOTS = 2;
    private static final long SPLIT_BYTES = 97;
    private static final JobSettings SETTINGS =
            new JobSettings(
                    List.of(CopyModel.directory().toString()),
                    null,
                    "cpu",
                    new TranslationSettings(2, 1, 0.6, 1.5, 5, 300));
    private static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    @TempDir static Path tmp;

    private static JavaSparkContext sc;
    private static Path input;
    private static String reference;
    private static TranslationJob.Summary referenceSummary;
    private static int loadsBefore;

    @BeforeAll
    static void start() throws IOException {
        input = AwkwardCorpus.write(tmp.resolve("input"));
        translateLikeTheCommandLine();
        ExecutorModels.shared().close();
        loadsBefore = ExecutorModels.shared().loads();
        sc =
                new JavaSparkContext(
                        new SparkConf()
                                .setMaster("local[" + SLOTS + ",4]")
                                .setAppName("SparkTranslationJobTest")
                                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
        ExecutorModels.shared().close();
    }

    /**
     * {@code ./nmt translate}'s code path (TrainedModel, its decode settings with the options
     * given, TranslationJob over InputLines) on each file, outputs concatenated.
     */
    private static void translateLikeTheCommandLine() throws IOException {
        StringWriter out = new StringWriter();
        long[] totals = new long[5];
        try (TrainedModel model = TrainedModel.open(CopyModel.directory(), Device.cpu())) {
            DecodeConfig decode = SETTINGS.decodeConfig(model.decodeDefaults());
            SentenceTranslator translator = model.translator(decode, SETTINGS.translatorOptions());
            for (String name : AwkwardCorpus.FILES) {
                try (InputLines lines = new InputLines(Files.newInputStream(input.resolve(name)))) {
                    TranslationJob.Summary s =
                            new TranslationJob(translator, null).run(lines, out, null);
                    totals[0] += s.lines();
                    totals[1] += s.sourceTokens();
                    totals[2] += s.targetTokens();
                    totals[3] += s.invalidUtf8();
                    totals[4] += s.splitLines();
                }
            }
        }
        reference = out.toString();
        referenceSummary =
                new TranslationJob.Summary(
                        totals[0], totals[1], totals[2], totals[3], totals[4], 0);
    }

    /** The part files concatenated in name order, and checks that nothing else is left there. */
    private static String output(Path dir, int splits) throws IOException {
        assertTrue(Files.exists(dir.resolve("_SUCCESS")), "the job committed");
        assertFalse(Files.exists(dir.resolve("_temporary")), "no attempt's files are left");
        List<Path> parts;
        try (Stream<Path> files = Files.list(dir)) {
            parts =
                    files.filter(p -> p.getFileName().toString().startsWith("part-"))
                            .sorted()
                            .toList();
        }
        assertEquals(splits, parts.size(), "one part file per split");
        StringBuilder text = new StringBuilder();
        for (Path p : parts) {
            text.append(Files.readString(p, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void assertSameAsCommandLine(SparkTranslationJob.Result result, String out) {
        assertEquals(List.of(reference.split("\n", -1)), List.of(out.split("\n", -1)));
        assertEquals(reference, out);
        TranslationJob.Summary s = result.summary();
        assertEquals(referenceSummary.lines(), s.lines());
        assertEquals(referenceSummary.sourceTokens(), s.sourceTokens());
        assertEquals(referenceSummary.targetTokens(), s.targetTokens());
        assertEquals(1, s.invalidUtf8());
        assertEquals(referenceSummary.invalidUtf8(), s.invalidUtf8());
        assertEquals(2, s.splitLines());
        assertEquals(referenceSummary.splitLines(), s.splitLines());
    }

    private static void assertReportsNumberedAsTheCommandLine(SparkTranslationJob.Result r) {
        List<String> reports = r.reports();
        assertEquals(3, reports.size(), reports.toString());
        assertTrue(
                reports.get(0)
                        .startsWith(
                                "a.txt line "
                                        + NastyInput.LONG_LINE
                                        + ": 3652 source pieces exceed the model's limit of 31;"),
                reports.get(0));
        assertTrue(
                reports.get(1)
                        .startsWith("a.txt line " + NastyInput.INVALID_LINE + ": invalid UTF-8 ("),
                reports.get(1));
        assertTrue(reports.get(1).endsWith("; writing an empty line"), reports.get(1));
        assertTrue(
                reports.get(2).startsWith("b.txt line " + AwkwardCorpus.B_LONG_LINE + ": "),
                reports.get(2));
    }

    @Test
    void localJob_writesExactlyWhatTranslateWrites_onAwkwardInputInManySmallSplits()
            throws IOException {
        Path out = tmp.resolve("out-plain");
        SparkTranslationJob.Result result =
                new SparkTranslationJob(sc, SETTINGS)
                        .run(input.toUri().toString(), out.toUri().toString(), SPLIT_BYTES);
        assertTrue(result.splits() > 100, "many small partitions: " + result.splits());
        assertSameAsCommandLine(result, output(out, result.splits()));
        assertReportsNumberedAsTheCommandLine(result);
        assertEquals(0, result.moreReports());
    }

    @Test
    void failedFirstAttempts_loseAndDuplicateNothing() throws IOException {
        byte[] a = AwkwardCorpus.a();
        byte[] b = AwkwardCorpus.b();
        int bFirst = (int) ((a.length + SPLIT_BYTES - 1) / SPLIT_BYTES);
        Set<Integer> failing =
                Set.of(
                        (int) (AwkwardCorpus.lineStart(a, NastyInput.INVALID_LINE) / SPLIT_BYTES),
                        bFirst,
                        bFirst
                                + (int)
                                        (AwkwardCorpus.lineStart(b, AwkwardCorpus.B_LONG_LINE)
                                                / SPLIT_BYTES));
        int before = INJECTED_FAILURES.get();
        Path out = tmp.resolve("out-failures");
        SparkTranslationJob.Result result =
                new SparkTranslationJob(sc, SETTINGS)
                        .run(
                                input.toUri().toString(),
                                out.toUri().toString(),
                                SPLIT_BYTES,
                                rdd -> failFirstAttemptAfterOneLine(rdd, failing));
        assertEquals(failing.size(), INJECTED_FAILURES.get() - before, "each failed once");
        assertSameAsCommandLine(result, output(out, result.splits()));
        assertReportsNumberedAsTheCommandLine(result);
    }

    @Test
    void modelsAreLoadedOncePerTaskSlot_neverPerTask() throws IOException {
        Path out = tmp.resolve("out-loads");
        SparkTranslationJob.Result result =
                new SparkTranslationJob(sc, SETTINGS)
                        .run(input.toUri().toString(), out.toUri().toString(), SPLIT_BYTES);
        int loads = ExecutorModels.shared().loads() - loadsBefore;
        assertTrue(loads >= 1 && loads <= SLOTS, loads + " models loaded for " + SLOTS + " slots");
        assertEquals(1, result.executors(), "local mode: the driver's JVM is the executor");
        assertEquals(ExecutorModels.shared().loads(), result.modelLoads());
        assertTrue(result.splits() > 50 * SLOTS, result.splits() + " tasks");
    }

    /**
     * Makes the first attempt of each given partition (here: the one with the invalid line, the
     * first of b.txt, and the one where b.txt's long line starts) fail after its first output line
     * has been handed to the writer (so that attempt has counted its lines and written part of its
     * file).
     */
    private static JavaRDD<String> failFirstAttemptAfterOneLine(
            JavaRDD<String> rdd, Set<Integer> partitions) {
        return rdd.mapPartitionsWithIndex(
                (index, lines) -> {
                    if (!partitions.contains(index) || TaskContext.get().attemptNumber() > 0) {
                        return lines;
                    }
                    return failingAfterOne(lines);
                },
                true);
    }

    private static Iterator<String> failingAfterOne(Iterator<String> lines) {
        List<String> first = new ArrayList<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!first.isEmpty()) {
                    INJECTED_FAILURES.incrementAndGet();
                    throw new IllegalStateException("injected failure of a first attempt");
                }
                return lines.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = lines.next();
                first.add(line);
                return line;
            }
        };
    }
}
