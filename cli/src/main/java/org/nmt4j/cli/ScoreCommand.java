package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.ChrF;
import org.nmt4j.text.score.References;
import org.nmt4j.text.score.ScoreFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt score}: corpus BLEU and chrF of a hypothesis file against one or more reference files,
 * exactly as sacreBLEU 2.6.0 computes and prints them by default, one line per metric on standard
 * output.
 *
 * <p>Files are UTF-8, one segment per line. An empty line in a reference file means "no reference
 * for this line" (sacreBLEU's Python API with {@code None}), so reference files of a
 * variable-reference test set are padded with empty lines; a line that is empty in every reference
 * file is scored against one empty reference, as sacreBLEU's command line does, and reported on
 * standard error.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Corpus BLEU and chrF exactly as sacreBLEU computes them by default.")
public final class ScoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreCommand.class);

    @Spec private CommandSpec spec;

    @Option(names = "--hyp", required = true, paramLabel = "FILE", description = "Hypotheses.")
    private Path hyp;

    @Option(
            names = "--ref",
            required = true,
            paramLabel = "FILE",
            description = "A reference file (repeat for several references per line).")
    private List<Path> refs;

    @Option(
            names = "--metrics",
            split = ",",
            defaultValue = "bleu,chrf",
            paramLabel = "LIST",
            description = "Metrics to print, in order: bleu, chrf (default: ${DEFAULT-VALUE}).")
    private List<String> metrics;

    @Option(
            names = "--width",
            defaultValue = "2",
            paramLabel = "N",
            description = "Decimals of the scores (default: ${DEFAULT-VALUE}, as sacreBLEU).")
    private int width;

    @Override
    public Integer call() throws IOException {
        if (width < 0 || width > 10) {
            throw new UsageException("--width " + width + " is out of range; give 0 to 10");
        }
        Set<String> names = metricNames();
        List<String> hyps = read(hyp, false);
        List<List<String>> streams = new ArrayList<>();
        for (Path ref : refs) {
            List<String> stream = read(ref, true);
            if (stream.size() != hyps.size()) {
                throw new UsageException(
                        String.format(
                                "line counts differ: --hyp %s has %d lines but --ref %s has %d;"
                                        + " give files with one line per segment",
                                hyp, hyps.size(), ref, stream.size()));
            }
            streams.add(stream);
        }
        if (hyps.isEmpty()) {
            throw new UsageException("--hyp " + hyp + " is empty; nothing to score");
        }
        List<List<String>> perLine = withEmptyWhereNone(References.fromStreams(streams));
        PrintWriter out = spec.commandLine().getOut();
        for (String metric : names) {
            out.println(
                    metric.equals("bleu")
                            ? Bleu.corpusScore(hyps, perLine).format(width)
                            : ChrF.corpusScore(hyps, perLine).format(width));
        }
        out.flush();
        return 0;
    }

    /** The metrics asked for, lower-cased, in order, without repeats. */
    private Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String metric : metrics) {
            String name = metric.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("bleu") && !name.equals("chrf")) {
                throw new UsageException(
                        "--metrics: unknown metric '" + metric + "'; choose from bleu, chrf");
            }
            names.add(name);
        }
        return names;
    }

    private List<List<String>> withEmptyWhereNone(List<List<String>> perLine) {
        List<Integer> bare = References.linesWithoutReference(perLine);
        if (!bare.isEmpty()) {
            LOG.warn(
                    "{} line(s) have no reference in any --ref file (first: line {});"
                            + " each is scored against an empty reference,"
                            + " as sacreBLEU's command line does",
                    bare.size(),
                    bare.get(0));
        }
        return References.emptyWhereNone(perLine);
    }

    private static List<String> read(Path file, boolean reference) throws IOException {
        String option = reference ? "--ref" : "--hyp";
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + file + ": no such file; give a text file");
        }
        try {
            return reference ? ScoreFiles.readReferences(file) : ScoreFiles.readHypotheses(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }
}
