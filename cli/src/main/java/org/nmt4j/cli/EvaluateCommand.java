package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.translate.Evaluation;
import org.nmt4j.translate.TestSet;
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
 * lines with their signatures on standard output.
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
        TestSet set = TestSet.read(test);
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
        try (TranslatorSession session =
                        TranslatorSession.open(
                                decoding.modelDirectory(),
                                decoding.decodeConfig(),
                                decoding.translatorOptions(false));
                ProgressBar bar = Progress.lines("evaluate", set.sources().size())) {
            TranslationListener listener =
                    new TranslationListener() {
                        @Override
                        public void linesCompleted(int lines) {
                            bar.stepBy(lines);
                        }
                    };
            result = Evaluation.run(session.translator(), set, listener);
        }
        if (hypotheses != null) {
            writeHypotheses(result);
        }
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
