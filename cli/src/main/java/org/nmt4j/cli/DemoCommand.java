package org.nmt4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.LoadedModel;
import org.nmt4j.model.ModelArtifacts;
import org.nmt4j.model.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.train.RunDirectory;
import org.nmt4j.train.StopReason;
import org.nmt4j.train.TrainingOutcome;
import org.nmt4j.train.TrainingRun;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TestSet;
import org.nmt4j.translate.TranslationListener;
import org.nmt4j.translate.TranslatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt demo}: the README's main job. Trains {@code configs/demo.yaml} (a small Transformer on
 * the demo corpus shipped in {@code corpus/demo-en-es}; a few minutes on 2 CPU cores) in a fresh
 * {@code runs/demo}, then translates the dev set with the best checkpoint and the config's search
 * (beam 4), prints a few translations beside their references, and the dev BLEU and chrF.
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

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Override
    public Integer call() throws IOException {
        Path file = config != null ? config : locate(DEMO_CONFIG);
        ExperimentConfig experiment = ConfigLoader.load(file, overrides);
        TrainingRun.preflight(experiment, file);
        try {
            RunDirectory.clear(experiment.runDir());
        } catch (org.nmt4j.train.RunDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
        RunDirectory run = TrainCommand.create(experiment.runDir());
        PrintWriter out = spec.commandLine().getOut();
        try (TrainingConsole console =
                TrainingConsole.open(run, !noProgress, spec.commandLine().getErr())) {
            TrainingOutcome outcome =
                    TrainCommand.usageOnBadCorpus(
                            () -> TrainingRun.start(experiment, file, run, console.options()));
            TrainingConsole.printSummary(out, run, outcome);
            if (outcome.reason() != StopReason.INTERRUPTED) {
                evaluate(experiment, run, out);
            }
        }
        return 0;
    }

    /** Translates the dev set with the best checkpoint and prints examples and scores. */
    private void evaluate(ExperimentConfig experiment, RunDirectory run, PrintWriter out)
            throws IOException {
        Path model = Files.exists(run.best()) ? run.best() : run.last();
        DecodeConfig decode = experiment.decode();
        TestSet dev = TestSet.read(experiment.data().dev());
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(model, manager, null);
            try (Tokenizers tokenizers = tokenizers(loaded.tokenizer())) {
                SentenceTranslator translator =
                        new SentenceTranslator(
                                loaded.model(),
                                manager,
                                tokenizers,
                                decode,
                                TranslatorOptions.DEFAULT);
                Evaluation e = Evaluation.run(translator, dev, TranslationListener.NONE);
                printExamples(out, dev, e, decode.beam());
                out.printf(
                        Locale.ROOT,
                        "dev BLEU %.2f, chrF %.2f (%s, beam %d, %d sentences, %s)%n",
                        e.bleu().score(),
                        e.chrf().score(),
                        model.getFileName(),
                        decode.beam(),
                        dev.sources().size(),
                        e.bleu().signature());
                out.printf(
                        "the model and its tokenizer: %s%ntranslate your own sentences:"
                                + " echo 'I am very hungry.' | ./nmt translate --model %s%n",
                        model.toRealPath(), run.dir());
                out.flush();
            }
        }
    }

    private void printExamples(PrintWriter out, TestSet dev, Evaluation e, int beam) {
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

    private static Tokenizers tokenizers(TokenizerFiles files) {
        return files.joint()
                ? Tokenizers.joint(files.source())
                : Tokenizers.separate(files.source(), files.target());
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
