package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.faults.ForkedJvm;
import picocli.CommandLine;

/**
 * {@code ./nmt} for tests of faults: a verb in a JVM of its own ({@link Nmt#main}, exit codes
 * included), or in this one; and a small, fast training setup on the demo config.
 */
final class NmtProcess {
    /** Surefire runs in the module directory; the configs are one level up. */
    static final Path DEMO = Path.of("..", "configs", "demo.yaml");

    /** A small model on the demo corpus: a step takes some tens of milliseconds. */
    static final List<String> SMALL =
            List.of(
                    "model.model_size=32",
                    "model.heads=2",
                    "model.ffn_size=64",
                    "model.encoder_layers=1",
                    "model.decoder_layers=1",
                    "tokenizer.vocab_size=300",
                    "train.warmup_steps=4",
                    "train.max_minutes=0",
                    "train.log_every=1");

    private NmtProcess() {}

    /**
     * The arguments of {@code nmt train --config demo.yaml} with the small model and more settings.
     *
     * @param runDir the run directory
     * @param sets further {@code --set} values
     * @return the arguments
     */
    static List<String> trainSmall(Path runDir, String... sets) {
        List<String> args =
                new ArrayList<>(List.of("train", "--no-progress", "--config", DEMO.toString()));
        List<String> all = new ArrayList<>(SMALL);
        all.add("run_dir=" + runDir);
        all.addAll(List.of(sets));
        for (String s : all) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    /**
     * Describes {@code nmt ARGS} in a JVM of its own.
     *
     * @param output where its standard output and error go
     * @param args the command line
     * @return the builder (add faults, then start it)
     */
    static ForkedJvm.Builder forked(Path output, List<String> args) {
        return ForkedJvm.of(Nmt.class.getName(), output).args(args);
    }

    /** A verb run in this JVM: its exit code, standard output and standard error. */
    record Result(int code, String out, String err) {}

    /**
     * Runs {@code nmt ARGS} in this JVM.
     *
     * @param args the command line
     * @return what it did
     */
    static Result here(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code nmt ARGS} in this JVM.
     *
     * @param args the command line
     * @return what it did
     */
    static Result here(List<String> args) {
        return here(args.toArray(new String[0]));
    }

    /**
     * The one line of a child's output that starts with {@code prefix}, checked to be the only one.
     *
     * @param output the child's output
     * @param prefix e.g. {@code "nmt train: failed: "}
     * @return the line
     * @throws IOException when there is not exactly one
     */
    static String onlyLine(String output, String prefix) throws IOException {
        List<String> lines = output.lines().filter(l -> l.startsWith(prefix)).toList();
        if (lines.size() != 1) {
            throw new IOException("expected one line starting '" + prefix + "' in:\n" + output);
        }
        return lines.get(0);
    }
}
