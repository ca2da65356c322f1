package org.nmt4j.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nmt4j.translate.ModelLocator;
import org.nmt4j.translate.ModelNotFoundException;
import org.nmt4j.translate.SearchFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Spark job's main class ({@code spark-submit --class org.nmt4j.spark.SparkTranslate}, or
 * {@code ./nmt spark-local}): translates a file or a directory of files with the options of {@code
 * ./nmt translate}, writing part files into a new output directory (docs/spark.md).
 *
 * <p>Reported lines go to the driver's log as warnings, numbered as {@code ./nmt translate} numbers
 * them, and a summary to standard error. Exit codes: 0 done, 1 failure, 2 usage error.
 */
@Command(
        name = "nmt-spark",
        version = "nmt4j 0.1.0",
        mixinStandardHelpOptions = true,
        description =
                "Translate a file or a directory of files on Spark: one output line per input"
                        + " line, in order, as part files.")
public final class SparkTranslate implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTranslate.class);

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master, e.g. local[2] (default: what spark-submit or -Dspark.master"
                            + " set).")
    String master;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description =
                    "A model or training run directory as executors see it: a path every"
                            + " executor mounts, or the name given to --archives run.zip#NAME."
                            + " More than once: an ensemble (as ./nmt translate).")
    List<String> models;

    @Option(
            names = "--checkpoint",
            paramLabel = "best|last|PATH",
            description = "Which checkpoint of a run directory (as ./nmt translate).")
    String checkpoint;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "A UTF-8 text file, or a directory of them (read in name order).")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "A new directory for the part files.")
    String output;

    @Mixin SearchFlags search;

    @Option(
            names = "--device",
            defaultValue = "auto",
            paramLabel = "auto|cpu|gpu|gpu:N",
            description =
                    "Where each executor runs the model; gpu is the GPU Spark assigned to the task"
                            + " (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--split-bytes",
            paramLabel = "N",
            description =
                    "Most input bytes per split (partition, part file); default: about four"
                            + " splits per task slot, 16 KiB to 1 MiB.")
    Long splitBytes;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobSettings settings = settings();
        SparkConf conf = new SparkConf().setAppName("nmt4j translate");
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new UsageError(
                    "no Spark master: run through spark-submit, or give --master local[N]");
        }
        checkModelsIfLocal(conf);
        PrintWriter err = spec.commandLine().getErr();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            SparkTranslationJob.Result result =
                    new SparkTranslationJob(sc, settings).run(input, output, splitBytes);
            for (String report : result.reports()) {
                LOG.warn("{}", report);
            }
            if (result.moreReports() > 0) {
                LOG.warn("{} more reported line(s) not shown", result.moreReports());
            }
            err.println("nmt spark: " + result.describe() + "; output in " + output);
            err.flush();
        } finally {
            ExecutorModels.shared().close();
        }
        return 0;
    }

    private JobSettings settings() {
        try {
            return new JobSettings(models, checkpoint, device, search.settings());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private void checkModelsIfLocal(SparkConf conf) {
        for (String model : models) {
            checkModelIfLocal(conf, model);
        }
    }

    /**
     * Fails early when the model path is a directory here but not a model (the driver cannot know
     * more). Skipped when {@code --model} names an archive ({@code --archives run.zip#NAME}), which
     * only executors unpack.
     */
    private void checkModelIfLocal(SparkConf conf, String model) {
        for (String archive : conf.get("spark.archives", "").split(",")) {
            if (archive.endsWith("#" + model)) {
                LOG.info("--model {} is unpacked on each executor from {}", model, archive);
                return;
            }
        }
        Path dir = Path.of(model);
        if (Files.isDirectory(dir)) {
            try {
                ModelLocator.resolve(dir, checkpoint);
            } catch (ModelNotFoundException e) {
                throw new UsageError(e.getMessage());
            }
        } else {
            LOG.info(
                    "--model {} is not a directory on the driver; executors must find it (a"
                            + " shared path)",
                    model);
        }
    }

    /**
     * Builds the command line with its error handling.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkTranslate());
        cl.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    boolean usage =
                            e instanceof UsageError || e instanceof IllegalArgumentException;
                    commandLine
                            .getErr()
                            .println(
                                    "nmt spark: "
                                            + (usage ? "error: " : "failed: ")
                                            + rootMessage(e));
                    LOG.debug("failure", e);
                    return usage ? 2 : 1;
                });
        cl.setParameterExceptionHandler(
                (e, args) -> {
                    e.getCommandLine().getErr().println("nmt spark: error: " + e.getMessage());
                    e.getCommandLine().getErr().println("Try --help for usage.");
                    return 2;
                });
        return cl;
    }

    /** The innermost message of a chain (a task's failure reaches the driver wrapped). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    /**
     * Runs the job.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A usage error: exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
