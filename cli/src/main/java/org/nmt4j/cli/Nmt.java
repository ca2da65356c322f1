package org.nmt4j.cli;

import java.util.Optional;
import org.nmt4j.model.runtime.EngineCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nmt} command line: one entry point whose verbs train, prepare data, translate and
 * score.
 *
 * <p>Exit codes: 0 success, 1 failure while running, 2 usage or configuration error.
 */
@Command(
        name = "nmt",
        mixinStandardHelpOptions = true,
        version = "nmt4j 0.1.0",
        description = "Encoder-decoder Transformer trainer and translator on DJL.",
        footer = {
            "",
            "Also: ./nmt spark-local --master local[N] --model DIR --input PATH --output DIR"
                    + " (translation as a Spark job; docs/spark.md)"
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            ScoreCommand.class,
            PrepareCommand.class,
            DownloadCommand.class,
            TranslateCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            AverageCommand.class,
            DemoCommand.class
        })
public final class Nmt {

    /** Exit code for a failure while running a verb. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code for a usage or configuration error. */
    public static final int EXIT_USAGE = 2;

    private Nmt() {}

    /**
     * Builds the command line with every verb registered.
     *
     * @return the picocli command line, ready to execute
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Nmt());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        return cl;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // PYTORCH_LIBRARY_PATH / PYTORCH_FLAVOR that do not fit: say so before DJL loads anything
        Optional<String> problem = EngineCheck.beforeLoading(System.getenv());
        if (problem.isPresent()) {
            System.err.println("nmt: error: " + problem.get());
            System.exit(EXIT_USAGE);
        }
        System.exit(commandLine().execute(args));
    }
}
