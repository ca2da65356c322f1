package org.nmt4j.spark;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nmt4j.translate.TranslationJob;

/**
 * Translates a file, or a directory of files, on Spark: one partition per {@link TextSplit}, each
 * translated on an executor by a model leased from that executor's {@link ExecutorModels}, written
 * by Spark's {@code saveAsTextFile} as {@code part-00000, part-00001, ...}: the part files
 * concatenated in name order are exactly what {@code ./nmt translate} writes for the input (the
 * files concatenated in name order): one line per input line, in order.
 *
 * <p>Spark's output commit protocol makes that hold when tasks fail or run twice: a task attempt
 * writes into its own temporary directory, only one attempt per partition is allowed to commit
 * (move its file into place), and the job's output appears with {@code _SUCCESS} when every
 * partition has committed. Counts come through accumulators, which keep the updates of one
 * successful attempt per partition.
 *
 * <p>Runs on the driver, which reads only file sizes and never loads the model or libtorch.
 */
public final class SparkTranslationJob {
    /** The most reported lines the result holds (the counts stay exact). */
    public static final int MAX_REPORTS = 1000;

    private final JavaSparkContext sc;
    private final JobSettings settings;

    /**
     * What a job did.
     *
     * @param summary lines, tokens, invalid and split lines, wall time (as {@code ./nmt translate}
     *     counts them)
     * @param reports the reported lines, numbered within their files, in input order (at most
     *     {@link #MAX_REPORTS})
     * @param moreReports how many more reported lines there were
     * @param splits how many splits (partitions, part files) the input was cut into
     * @param modelLoads how many models the executors that ran tasks have loaded in all
     * @param executors how many executors ran tasks
     */
    public record Result(
            TranslationJob.Summary summary,
            List<String> reports,
            long moreReports,
            int splits,
            int modelLoads,
            int executors) {

        /**
         * The summary line, e.g. {@code 9 sentences, ... ; 12 splits, 2 model(s) loaded on 1
         * executor(s)}.
         *
         * @return the line
         */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s; %d split(s), %d model(s) loaded on %d executor(s)",
                    summary.describe(),
                    splits,
                    modelLoads,
                    executors);
        }
    }

    /**
     * Creates a job.
     *
     * @param sc the context
     * @param settings the model and search settings
     */
    public SparkTranslationJob(JavaSparkContext sc, JobSettings settings) {
        this.sc = sc;
        this.settings = settings;
    }

    /**
     * Runs the job.
     *
     * @param input a text file or a directory of text files (any Hadoop path)
     * @param output a directory that does not exist yet
     * @param splitBytes the most bytes per split, or null for {@link
     *     SplitPlanner#defaultSplitBytes}
     * @return what it did
     * @throws IOException if listing the input or checking the output fails
     * @throws IllegalArgumentException for a missing input or an existing output
     */
    public Result run(String input, String output, Long splitBytes) throws IOException {
        return run(input, output, splitBytes, UnaryOperator.identity());
    }

    /** Runs the job with a step between translation and writing (tests inject failures there). */
    Result run(String input, String output, Long splitBytes, UnaryOperator<JavaRDD<String>> step)
            throws IOException {
        long start = System.nanoTime();
        Configuration conf = sc.hadoopConfiguration();
        Path in = new Path(input);
        Path out = new Path(output);
        if (out.getFileSystem(conf).exists(out)) {
            throw new IllegalArgumentException(
                    "--output " + output + " already exists; give a directory that does not");
        }
        var files = SplitPlanner.files(in.getFileSystem(conf), in);
        long total = files.stream().mapToLong(f -> f.getLen()).sum();
        long size =
                splitBytes != null
                        ? splitBytes
                        : SplitPlanner.defaultSplitBytes(total, sc.defaultParallelism());
        SplitPlanner.Plan plan = SplitPlanner.plan(files, size);
        JobCounters counters = JobCounters.register(sc.sc());
        Broadcast<HadoopConf> hadoopConf = sc.broadcast(new HadoopConf(conf));
        JavaRDD<TextSplit> splits =
                plan.splits().isEmpty()
                        ? sc.emptyRDD()
                        : sc.parallelize(plan.splits(), plan.splits().size());
        sc.setJobDescription("nmt4j translate " + input + " -> " + output);
        try {
            step.apply(splits.mapPartitions(new TranslateSplits(settings, hadoopConf, counters)))
                    .saveAsTextFile(output);
        } finally {
            hadoopConf.destroy();
        }
        return result(plan, counters, (System.nanoTime() - start) / 1e9);
    }

    private static Result result(SplitPlanner.Plan plan, JobCounters counters, double seconds) {
        List<SplitResult> results = counters.splits.value();
        LineNumbers.Numbered numbered = LineNumbers.number(plan, results, MAX_REPORTS);
        long lines = results.stream().mapToLong(SplitResult::lines).sum();
        if (lines != counters.counts().lines()) {
            throw new IllegalStateException(
                    "splits hold "
                            + lines
                            + " lines but "
                            + counters.counts().lines()
                            + " were written");
        }
        Map<String, Integer> loads = new TreeMap<>();
        for (SplitResult r : results) {
            loads.merge(r.executorId(), r.executorModelLoads(), Math::max);
        }
        TranslationJob.Summary summary = TranslationJob.Summary.of(counters.counts(), seconds);
        return new Result(
                summary,
                numbered.reports(),
                numbered.more(),
                plan.splits().size(),
                loads.values().stream().mapToInt(Integer::intValue).sum(),
                loads.size());
    }
}
