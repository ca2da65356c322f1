package org.nmt4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nmt4j.train.checkpoint.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person watching a run sees on standard error: a progress bar (steps towards {@code
 * max_steps}, or batches of the epoch when there is no step limit) whose message shows the epoch,
 * the loss and speed (moving averages), the learning rate, with the bar's ETA; and one log line per
 * validation, checkpoint, skipped batch and end. Every {@code log_every} steps a line goes to the
 * logger {@value #STEP_LOGGER} (in {@code train.log}; on the console too when there is no bar).
 */
public final class TrainingProgress implements TrainingListener {
    /** The logger of the periodic training lines. */
    public static final String STEP_LOGGER = "org.nmt4j.train.steps";

    /** The logger of details worth keeping in {@code train.log} but not on the console. */
    public static final String DETAIL_LOGGER = "org.nmt4j.train.details";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);
    private static final Logger STEPS = LoggerFactory.getLogger(STEP_LOGGER);
    private static final double SMOOTHING = 0.05;

    private final long maxSteps;
    private final PrintStream console;
    private final MemoryProbe memory;
    private ProgressBar bar;
    private double loss = Double.NaN;
    private double tokensPerSecond = Double.NaN;

    /**
     * Creates the listener.
     *
     * @param maxSteps {@code train.max_steps} (0: the bar follows the epoch's batches)
     * @param console where the bar is drawn (standard error), or null for no bar
     * @param memory adds live arrays and RSS to the periodic lines, or null
     */
    public TrainingProgress(long maxSteps, PrintStream console, MemoryProbe memory) {
        this.maxSteps = maxSteps;
        this.console = console;
        this.memory = memory;
    }

    @Override
    public void started(TrainingState state, int batchesInEpoch) {
        LOG.info(
                "training from step {} (epoch {}, batch {} of {})",
                state.step(),
                state.epoch(),
                state.batchInEpoch(),
                batchesInEpoch);
        if (maxSteps > 0) {
            openBar("train", maxSteps, state.step(), state.trainingSeconds());
        } else {
            openBar("epoch " + state.epoch(), batchesInEpoch, state.batchInEpoch(), 0);
        }
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        if (maxSteps == 0) {
            closeBar();
            openBar("epoch " + epoch, batches, 0, 0);
        }
    }

    private void openBar(String name, long total, long start, double elapsedSeconds) {
        if (console == null) {
            return;
        }
        bar =
                new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(total)
                        .startsFrom(start, Duration.ofMillis((long) (elapsedSeconds * 1000)))
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(console, 150))
                        .build();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void stepped(StepReport r) {
        double speed = r.seconds() > 0 ? r.tokens() / r.seconds() : 0;
        loss = Double.isNaN(loss) ? r.loss() : loss + SMOOTHING * (r.loss() - loss);
        tokensPerSecond =
                Double.isNaN(tokensPerSecond)
                        ? speed
                        : tokensPerSecond + SMOOTHING * (speed - tokensPerSecond);
        if (bar == null) {
            return;
        }
        bar.stepTo(maxSteps > 0 ? r.step() : r.batchInEpoch());
        bar.setExtraMessage(
                String.format(
                        Locale.ROOT,
                        "ep %d %3.0f%% | loss %.3f | %,.0f tok/s | lr %.2e",
                        r.epoch(),
                        100 * r.epochProgress(),
                        loss,
                        tokensPerSecond,
                        r.learningRate()));
    }

    @Override
    public void interval(IntervalReport r) {
        STEPS.info(
                String.format(
                        Locale.ROOT,
                        "step %d | epoch %.2f | loss %.4f | lr %.3e | %,.0f tok/s | %.1f min%s%s",
                        r.step(),
                        r.epoch() + r.epochProgress(),
                        r.loss(),
                        r.learningRate(),
                        r.tokensPerSecond(),
                        r.trainingSeconds() / 60,
                        r.skipped() > 0 ? " | skipped " + r.skipped() : "",
                        memory == null ? "" : " | " + memory.describe()));
    }

    @Override
    public void skipped(long step, String what) {
        aboveBar(() -> LOG.warn("skipping a batch with a non-finite value: {}", what));
    }

    @Override
    public void validated(TrainingState s, ValidationResult r, boolean improved) {
        String line =
                String.format(
                        Locale.ROOT,
                        "validation at step %d: dev loss %.4f, ppl %.2f, BLEU %.2f, chrF %.2f"
                                + " (%d sentences, %.1f s)%s",
                        s.step(),
                        r.loss(),
                        r.perplexity(),
                        r.bleu().score(),
                        r.chrf().score(),
                        r.sources().size(),
                        r.seconds(),
                        improved
                                ? " - new best"
                                : String.format(
                                        Locale.ROOT,
                                        " - best %.2f at step %d, %d without improvement",
                                        s.bestMetric(),
                                        s.bestStep(),
                                        s.validationsWithoutImprovement()));
        aboveBar(() -> LOG.info(line));
    }

    @Override
    public void checkpointed(Path dir, TrainingState state, boolean best) {
        aboveBar(() -> LOG.info("checkpoint {}{}", dir, best ? " (best)" : ""));
    }

    @Override
    public void finished(TrainingOutcome outcome) {
        closeBar();
        TrainingState s = outcome.state();
        LOG.info(
                "stopped ({}) at step {}, epoch {}, after {} of training; {}",
                outcome.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                s.step(),
                s.epoch(),
                minutes(s.trainingSeconds()),
                s.bestMetric() == null
                        ? "no validation yet"
                        : String.format(
                                Locale.ROOT,
                                "best dev BLEU %.2f at step %d",
                                s.bestMetric(),
                                s.bestStep()));
    }

    /** Closes the bar without the end message (when training fails). */
    public void abort() {
        closeBar();
    }

    private void aboveBar(Runnable log) {
        if (bar != null) {
            console.print("\r" + " ".repeat(150) + "\r");
            console.flush();
        }
        log.run();
        if (bar != null) {
            bar.refresh();
        }
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
