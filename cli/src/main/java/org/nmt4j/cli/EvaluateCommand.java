package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.EvaluationSet;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt evaluate}: translates the distinct sources of a two-column test file and scores them
 * with every translation of a source as a reference, printing sacreBLEU-identical BLEU and chrF
 * lines with their signatures on standard output, and the translation speed (sentences/s, model
 * loading excluded) on standard error. Several {@code --model}s are evaluated as one ensemble.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Translate the distinct sources of a TSV test file and print BLEU and chrF against"
                        + " all their references.")
public final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Spec private CommandSpec spec;

    @Mixin private DecodingOptions decoding;

    @Option(
            names = "--test",
            required = true,
            paramLabel = "FILE.tsv",
            description = "Test pairs, source<TAB>target per line (Anki files work as they are).")
    private Path test;

    @Option(
            names = "--hypotheses",
            paramLabel = "FILE",
            description = "Also write the translations, one per distinct source, to FILE.")
    private Path hypotheses;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(test)) {
            throw new UsageException("--test " + test + " is not a file; give a TSV test file");
        }
        EvaluationSet set = EvaluationSet.read(test);
        if (set.summary().skips().total() > 0) {
            LOG.warn("{}: skipped {}", test, set.summary().skips());
        }
        if (set.sources().isEmpty()) {
            throw new UsageException(
                    "--test " + test + " has no sentence pair; nothing to evaluate");
        }
        LOG.info(
                "{}: {} pairs, {} distinct sources",
                test,
                set.summary().pairs(),
                set.sources().size());
        Evaluation result;
        long start;
        try (TrainedModel model = decoding.open()) {
            DecodeConfig decode = decoding.decodeConfig(model.decodeDefaults());
            try (Progress progress = decoding.progress("evaluate", set.sources().size())) {
                start = System.nanoTime();
                TranslationListener listener =
                        new TranslationListener() {
                            @Override
                            public void linesCompleted(int lines) {
                                progress.accept(lines);
                            }
                        };
                result =
                        Evaluation.run(
                                model.translator(decode, decoding.translatorOptions(false)),
                                set,
                                listener);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (hypotheses != null) {
            writeHypotheses(result);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "nmt evaluate: %d sentences translated in %.1f s: %.1f sentences/s%n",
                set.sources().size(),
                seconds,
                set.sources().size() / Math.max(seconds, 1e-9));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.bleu().format(2));
        out.println(result.chrf().format(2));
        out.flush();
        return 0;
    }

    private void writeHypotheses(Evaluation result) throws IOException {
        AtomicFiles.writeLines(hypotheses, result.hypotheses());
    }
}
