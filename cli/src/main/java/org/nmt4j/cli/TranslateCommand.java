package org.nmt4j.cli;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.translate.InputLines;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslationJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt translate}: translates text, one output line per input line, in order, always.
 *
 * <p>Empty and blank lines give empty lines; a line that is not valid UTF-8 is reported on standard
 * error with its line number and gives an empty line; a line longer than the model takes is
 * reported and translated in parts split at sentence boundaries. CRLF input is read like LF input;
 * output lines end with LF. With {@code --nbest N} each output line holds the N alternatives
 * separated by tabs. The search is the model's own (its run's {@code decode:} section), each option
 * given overriding one field. Progress (a bar on a terminal when the input is a file, else periodic
 * log lines) and a summary go to standard error. An output file is written to a temporary file and
 * renamed at the end.
 */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = "Translate text with a trained model: one output line per input line.")
public final class TranslateCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private DecodingOptions decoding;

    @Option(
            names = "--input",
            defaultValue = "-",
            paramLabel = "FILE|-",
            description = "UTF-8 text, one sentence per line; - for standard input (default).")
    private String input;

    @Option(
            names = "--output",
            defaultValue = "-",
            paramLabel = "FILE|-",
            description = "Where translations go; - for standard output (default).")
    private String output;

    @Option(
            names = "--attention-png",
            paramLabel = "DIR",
            description =
                    "Write one cross-attention heatmap per sentence (the first "
                            + TranslationJob.MAX_HEATMAPS
                            + ") into DIR.")
    private Path attentionDir;

    @Override
    public Integer call() throws IOException {
        Path in = input.equals("-") ? null : Path.of(input);
        if (in != null && !Files.isRegularFile(in)) {
            throw new UsageException("--input " + in + " is not a file; give a text file or -");
        }
        Path out = output.equals("-") ? null : Path.of(output);
        try (TrainedModel model = decoding.open()) {
            DecodeConfig decode = decoding.decodeConfig(model.decodeDefaults());
            TranslationJob job =
                    new TranslationJob(
                            model.translator(
                                    decode, decoding.translatorOptions(attentionDir != null)),
                            attentionDir);
            TranslationJob.Summary summary = out == null ? toStdout(job, in) : toFile(job, in, out);
            spec.commandLine().getErr().println("nmt translate: " + summary.describe());
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private TranslationJob.Summary toStdout(TranslationJob job, Path in) throws IOException {
        Writer writer =
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        TranslationJob.Summary summary = run(job, in, writer);
        writer.flush();
        if (System.out.checkError()) {
            throw new IOException(
                    "cannot write the translations to standard output (a full disk, or a pipe"
                            + " that its reader closed): the output is incomplete; write to a file"
                            + " with --output FILE");
        }
        return summary;
    }

    private TranslationJob.Summary toFile(TranslationJob job, Path in, Path out)
            throws IOException {
        return AtomicFiles.writeReturning(
                out,
                temp -> {
                    try (Writer writer =
                            new NamedWriter(
                                    Files.newBufferedWriter(temp, StandardCharsets.UTF_8), out)) {
                        return run(job, in, writer);
                    }
                });
    }

    private TranslationJob.Summary run(TranslationJob job, Path in, Writer writer)
            throws IOException {
        if (in == null) {
            try (Progress progress = decoding.progress("translate", -1)) {
                return job.run(new InputLines(nonClosing(System.in)), writer, progress);
            }
        }
        long total = InputLines.count(Files.newInputStream(in));
        try (InputLines lines = new InputLines(Files.newInputStream(in));
                Progress progress = decoding.progress("translate", total)) {
            return job.run(lines, writer, progress);
        }
    }

    /** Says which output a failed write was for (the temporary file's name means nothing). */
    private static final class NamedWriter extends FilterWriter {
        private final Path name;

        NamedWriter(Writer out, Path name) {
            super(out);
            this.name = name;
        }

        private IOException named(IOException e) {
            return new IOException(
                    "cannot write "
                            + name
                            + ": "
                            + e.getMessage()
                            + "; "
                            + name
                            + " is left as it was",
                    e);
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            try {
                super.write(cbuf, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            try {
                super.write(str, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw named(e);
            }
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // standard input stays open
            }
        };
    }
}
