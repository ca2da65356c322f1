package org.nmt4j.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.train.RunDirectory;
import org.nmt4j.train.RunDirectoryException;
import org.nmt4j.train.StopReason;
import org.nmt4j.train.TrainingOutcome;
import org.nmt4j.train.TrainingRun;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.EvaluationSet;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslationListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt demo}: the README's main job. Trains {@code configs/demo.yaml} (a small Transformer on
 * the demo corpus shipped in {@code corpus/demo-en-es}; a few minutes on 2 CPU cores) in a fresh
 * {@code runs/demo}, then translates the dev set with the best checkpoint and the search settings
 * saved with it (the config's {@code decode:} section, beam 4), prints a few translations beside
 * their references, and the dev BLEU and chrF.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Train configs/demo.yaml on the shipped demo corpus (a few minutes on 2 CPU cores),"
                    + " then translate dev sentences and print the dev BLEU.",
            "Replaces the previous demo run in its run_dir (runs/demo)."
        })
public final class DemoCommand implements Callable<Integer> {
    /** The demo's config, relative to the repository root. */
    static final Path DEMO_CONFIG = Path.of("configs", "demo.yaml");

    @Spec private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The demo config (default: configs/demo.yaml of this checkout).")
    private Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set train.max_steps=300 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(
            names = "--examples",
            defaultValue = "5",
            paramLabel = "N",
            description = "How many dev translations to show (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Mixin private TrainingProgressOption progress;

    @Mixin private DeviceOption device;

    @Override
    public Integer call() throws IOException {
        Path file = config != null ? config : locate(DEMO_CONFIG);
        if (device.device != null) {
            overrides.add("device=" + device.device);
        }
        ExperimentConfig experiment = ConfigLoader.load(file, overrides);
        Device target = TrainingRun.preflight(experiment, file);
        PrintWriter out = spec.commandLine().getOut();
        try (RunDirectory run = replace(experiment.runDir());
                TrainingConsole console =
                        TrainingConsole.open(
                                run, progress.barAllowed(), spec.commandLine().getErr())) {
            TrainingOutcome outcome =
                    TrainCommand.usageOnBadCorpus(
                            () -> TrainingRun.start(experiment, file, run, console.options()));
            TrainingConsole.printSummary(out, run, outcome);
            if (outcome.reason() != StopReason.INTERRUPTED) {
                evaluate(experiment, run, target, out);
            }
        }
        return 0;
    }

    /** Takes the run directory and deletes the previous demo run there. */
    private static RunDirectory replace(Path dir) throws IOException {
        try {
            return RunDirectory.replace(dir, "demo");
        } catch (RunDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Translates the dev set with the best checkpoint and prints examples and scores. */
    private void evaluate(
            ExperimentConfig experiment, RunDirectory run, Device target, PrintWriter out)
            throws IOException {
        Path model = Files.exists(run.best()) ? run.best() : run.last();
        EvaluationSet dev = EvaluationSet.read(experiment.data().dev());
        try (TrainedModel trained = TrainedModel.open(model, target)) {
            int beam = trained.decodeDefaults().beam();
            Evaluation e = Evaluation.run(trained.translator(), dev, TranslationListener.NONE);
            printExamples(out, dev, e, beam);
            out.printf(
                    Locale.ROOT,
                    "dev BLEU %.2f, chrF %.2f (%s, beam %d, %d sentences, %s)%n",
                    e.bleu().score(),
                    e.chrf().score(),
                    model.getFileName(),
                    beam,
                    dev.sources().size(),
                    e.bleu().signature());
            out.printf(
                    "the model and its tokenizer: %s%ntranslate your own sentences:"
                            + " echo 'I am very hungry.' | ./nmt translate --model %s%n",
                    model.toRealPath(), run.dir());
            out.flush();
        }
    }

    private void printExamples(PrintWriter out, EvaluationSet dev, Evaluation e, int beam) {
        int n = Math.min(examples, dev.sources().size());
        out.printf(Locale.ROOT, "%nfirst %d dev sentences (beam %d):%n", n, beam);
        for (int i = 0; i < n; i++) {
            out.printf("  source     %s%n", dev.sources().get(i));
            out.printf("  model      %s%n", e.hypotheses().get(i));
            for (String ref : dev.references().get(i)) {
                if (ref != null) {
                    out.printf("  reference  %s%n", ref);
                }
            }
            out.println();
        }
    }

    /**
     * Finds a file of the checkout: relative to the working directory, else relative to the
     * directories above the code of this command (the repository root when run by {@code ./nmt}).
     */
    static Path locate(Path relative) {
        if (Files.isRegularFile(relative)) {
            return relative;
        }
        try {
            Path dir =
                    Path.of(
                            DemoCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            for (Path d = dir; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve(relative))) {
                    return d.resolve(relative);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the error below
        }
        throw new UsageException(
                relative
                        + " not found (run ./nmt demo from the repository root, or give --config"
                        + " FILE)");
    }
}
