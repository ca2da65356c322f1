package org.nmt4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.nmt4j.train.RunDirectory;
import org.nmt4j.train.StopSignal;
import org.nmt4j.train.TrainingOutcome;
import org.nmt4j.train.TrainingRun;
import org.nmt4j.train.checkpoint.TrainingState;

/**
 * What a verb that trains sets up around the run and takes down afterwards: {@code train.log} in
 * the run directory, the Ctrl-C handler and the progress bar (only when standard error is a
 * terminal, unless turned off). Close it after the verb has printed its results, so that an
 * interrupted run exits only once everything is written.
 */
final class TrainingConsole implements AutoCloseable {
    private final RunLog log;
    private final InterruptHandler interrupts;
    private final TrainingRun.Options options;

    private TrainingConsole(RunDirectory run, boolean progress, PrintWriter err) {
        boolean bar = progress && Terminal.stderrIsTerminal();
        StopSignal stop = new StopSignal();
        this.log = RunLog.attach(run.log(), bar);
        this.interrupts = InterruptHandler.install(stop, err);
        this.options = new TrainingRun.Options(stop, bar ? System.err : null, List.of());
    }

    /**
     * Sets up logging, the interrupt handler and the progress display for a run.
     *
     * @param run the run directory
     * @param progress false to never draw a progress bar
     * @param err the command's standard error
     * @return the console; close it last
     */
    static TrainingConsole open(RunDirectory run, boolean progress, PrintWriter err) {
        return new TrainingConsole(run, progress, err);
    }

    /**
     * Returns the options to train with.
     *
     * @return stop signal, console, no further listener
     */
    TrainingRun.Options options() {
        return options;
    }

    /**
     * Prints a run's summary.
     *
     * @param out standard output
     * @param run the run directory
     * @param outcome how it ended
     */
    static void printSummary(PrintWriter out, RunDirectory run, TrainingOutcome outcome) {
        TrainingState s = outcome.state();
        out.printf(
                Locale.ROOT,
                "run %s: stopped (%s) at step %d, epoch %d, after %.1f min of training%n",
                run.dir(),
                outcome.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                s.step(),
                s.epoch(),
                s.trainingSeconds() / 60);
        if (s.bestMetric() != null) {
            out.printf(
                    Locale.ROOT,
                    "best dev BLEU (greedy) %.2f at step %d: %s%n",
                    s.bestMetric(),
                    s.bestStep(),
                    run.best());
        }
        out.printf(Locale.ROOT, "last checkpoint: %s%n", run.last());
        if (outcome.skippedBatches() > 0) {
            out.printf(
                    Locale.ROOT,
                    "%d batch(es) skipped for a non-finite loss (see train.log)%n",
                    outcome.skippedBatches());
        }
        out.flush();
    }

    @Override
    public void close() {
        log.close();
        interrupts.close();
    }
}
