package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nmt4j.data.PreparedData;
import org.nmt4j.data.Preparer;
import org.nmt4j.data.corpus.CorpusException;
import org.nmt4j.train.RunLock;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt prepare}: reads an experiment's corpus, cleans and splits it, trains or loads its
 * SentencePiece model(s) and prints statistics on standard output: pairs read and kept, lines
 * skipped by reason with their first line numbers, tokens per side, length percentiles and the
 * padding share of the training batches. The work is done by {@link Preparer}.
 */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = {
            "Read, clean and split the corpus of a config, train or load its SentencePiece"
                    + " model(s), and print statistics.",
            "Writes the model(s) and the cleaned train/dev/test TSV files to --out."
        })
public final class PrepareCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Experiment config (YAML), e.g. configs/demo.yaml.")
    private Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set data.max_tokens=50 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: the config's run_dir/data).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        ExperimentConfig experiment = ConfigLoader.load(config, overrides);
        Path dir = out != null ? out : experiment.runDir().resolve("data");
        RunLock lock = RunWriter.lockIfInside(experiment.runDir(), dir, "prepare");
        try {
            prepare(experiment, dir);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        return 0;
    }

    private void prepare(ExperimentConfig experiment, Path dir) throws IOException {
        Preparer preparer = new Preparer(experiment.data(), experiment.tokenizer(), dir);
        try (PreparedData prepared = preparer.prepare()) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(prepared.report().format());
            stdout.println("written to " + dir);
            stdout.flush();
        } catch (CorpusException e) {
            if (e.configError()) {
                throw new UsageException(config + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
