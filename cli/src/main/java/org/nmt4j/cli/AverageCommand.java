package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nmt4j.model.io.ModelAverage;
import org.nmt4j.train.RunLock;
import org.nmt4j.train.checkpoint.Checkpointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt average}: checkpoint averaging. Writes the element-wise mean of the parameters of a
 * run's last N checkpoints as a model directory ({@link ModelAverage}) that {@code translate} and
 * {@code evaluate} take with {@code --model}, and prints that directory on standard output.
 */
@Command(
        name = "average",
        mixinStandardHelpOptions = true,
        description =
                "Average the parameters of a run's last N checkpoints into a model directory"
                        + " (checkpoint averaging); prints the directory.")
public final class AverageCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AverageCommand.class);

    @Spec private CommandSpec spec;

    @Option(
            names = "--run",
            required = true,
            paramLabel = "RUN_DIR",
            description =
                    "The training run whose checkpoints (RUN_DIR/checkpoints/step-*) to average.")
    private Path run;

    @Option(
            names = "--last",
            defaultValue = "5",
            paramLabel = "N",
            description =
                    "How many of the newest checkpoints to average (default: ${DEFAULT-VALUE});"
                            + " a run keeps train.keep_last of them.")
    private int last;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "The model directory to write (default: RUN_DIR/averaged-lastN).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (last < 1) {
            throw new UsageException("--last " + last + ": give a number of checkpoints >= 1");
        }
        if (!Files.isDirectory(run)) {
            throw new UsageException("--run " + run + " is not a directory; give a training run");
        }
        Path target = output != null ? output : run.resolve("averaged-last" + last);
        RunLock lock = RunWriter.lockIfInside(run, target, "average");
        try {
            return average(target);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private int average(Path target) throws IOException {
        List<Path> checkpoints = Checkpointer.list(run);
        if (checkpoints.isEmpty()) {
            throw new UsageException(
                    "--run "
                            + run
                            + " has no checkpoint (checkpoints/step-*); give a training run that"
                            + " saved some");
        }
        if (checkpoints.size() < last) {
            throw new UsageException(
                    "--run "
                            + run
                            + " has "
                            + checkpoints.size()
                            + " checkpoint(s), --last asks for "
                            + last
                            + ": give --last "
                            + checkpoints.size()
                            + " or less (train.keep_last sets how many a run keeps)");
        }
        List<Path> chosen = checkpoints.subList(checkpoints.size() - last, checkpoints.size());
        LOG.info(
                "averaging {} checkpoint(s) of {}: {}",
                chosen.size(),
                run,
                chosen.stream().map(p -> p.getFileName().toString()).toList());
        long values;
        try {
            values = ModelAverage.average(chosen, target);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--output " + target + ": " + e.getMessage());
        }
        LOG.info("wrote {} ({} parameter values)", target, values);
        PrintWriter out = spec.commandLine().getOut();
        out.println(target);
        out.flush();
        return 0;
    }
}
