package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nmt4j.data.corpus.CorpusException;
import org.nmt4j.train.RunDirectory;
import org.nmt4j.train.RunDirectoryException;
import org.nmt4j.train.TrainingOutcome;
import org.nmt4j.train.TrainingRun;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt train --config FILE [--set key=value ...]} starts a run in the config's {@code
 * run_dir}; {@code nmt train --resume RUN_DIR [--set train.key=value ...]} continues one exactly
 * where its last checkpoint left it. Progress goes to standard error (and {@code
 * RUN_DIR/train.log}); the summary to standard output. Ctrl-C finishes the current step, writes a
 * checkpoint and exits.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model from a config (a new run), or resume a run from its last checkpoint.",
            "The run directory gets the effective config, the tokenizer, checkpoints (last K and"
                    + " the best by dev BLEU), metrics.jsonl, curves.png and train.log.",
            "Ctrl-C finishes the current step, writes a checkpoint and exits; resume with"
                    + " --resume RUN_DIR."
        })
public final class TrainCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Experiment config (YAML) of a new run, e.g. configs/spa-eng-cpu.yaml.")
    private Path config;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint.")
    private Path resume;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = {
                "Override a config value, e.g. --set train.lr=0.0005 (repeatable).",
                "With --resume only train.*, decode.* and device may be set."
            })
    private List<String> overrides = new ArrayList<>();

    @Mixin private TrainingProgressOption progress;

    @Mixin private DeviceOption device;

    @Override
    public Integer call() throws IOException {
        if ((config == null) == (resume == null)) {
            throw new UsageException(
                    "give either --config FILE (start a run) or --resume RUN_DIR (continue one)"
                            + (config == null ? "" : ", not both"));
        }
        if (device.device != null) {
            overrides.add("device=" + device.device);
        }
        return config != null ? startNew() : continueRun();
    }

    private int startNew() throws IOException {
        ExperimentConfig experiment = ConfigLoader.load(config, overrides);
        TrainingRun.preflight(experiment, config);
        try (RunDirectory run = create(experiment.runDir());
                TrainingConsole console = TrainingConsole.open(run, progress.barAllowed(), err())) {
            TrainingOutcome outcome =
                    usageOnBadCorpus(
                            () -> TrainingRun.start(experiment, config, run, console.options()));
            TrainingConsole.printSummary(spec.commandLine().getOut(), run, outcome);
        }
        return 0;
    }

    private int continueRun() throws IOException {
        try (RunDirectory run = existing(resume);
                TrainingConsole console = TrainingConsole.open(run, progress.barAllowed(), err())) {
            TrainingOutcome outcome =
                    usageOnBadCorpus(() -> TrainingRun.resume(run, overrides, console.options()));
            TrainingConsole.printSummary(spec.commandLine().getOut(), run, outcome);
        }
        return 0;
    }

    /**
     * Opens a run to resume and takes its lock; a directory that is no run, or that another process
     * writes, is a usage error.
     */
    private static RunDirectory existing(Path dir) throws IOException {
        try {
            return RunDirectory.existing(dir);
        } catch (RunDirectoryException e) {
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Creates a new run directory and takes its lock; an existing run there, or another process
     * writing it, is a usage error.
     */
    static RunDirectory create(Path dir) throws IOException {
        try {
            return RunDirectory.create(dir);
        } catch (RunDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A training body. */
    interface Body {
        TrainingOutcome run() throws IOException;
    }

    /** Runs a body, turning a corpus that the config gets wrong into a usage error. */
    static TrainingOutcome usageOnBadCorpus(Body body) throws IOException {
        try {
            return body.run();
        } catch (CorpusException e) {
            if (e.configError()) {
                throw new UsageException(e.getMessage());
            }
            throw e;
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
