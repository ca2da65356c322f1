package org.nmt4j.cli;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of a verb that works through lines, shown the same way by every verb: a bar on
 * standard error when it is a terminal (and {@code --no-progress} is not given), else a log line
 * every {@value #LOG_EVERY_SECONDS} seconds, so that piped or redirected output never mixes
 * carriage-return bars into the log.
 */
final class Progress implements LongConsumer, AutoCloseable {
    /** Seconds between two progress log lines when no bar is drawn. */
    static final long LOG_EVERY_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ProgressBar bar;
    private final Periodic lines;

    private Progress(ProgressBar bar, Periodic lines) {
        this.bar = bar;
        this.lines = lines;
    }

    /**
     * Starts showing the progress of a task.
     *
     * @param task the task name, e.g. {@code translate}
     * @param total the number of lines, or -1 when unknown (no bar is drawn then)
     * @param barAllowed false for {@code --no-progress}
     * @return the display; close it at the end
     */
    static Progress lines(String task, long total, boolean barAllowed) {
        if (drawsBar(total, barAllowed, Terminal.stderrIsTerminal())) {
            return new Progress(bar(task, total), null);
        }
        return new Progress(
                null,
                new Periodic(
                        task,
                        total,
                        LOG_EVERY_SECONDS * 1_000_000_000L,
                        System::nanoTime,
                        LOG::info));
    }

    /**
     * Decides between a bar and log lines.
     *
     * @param total the number of lines, or -1 when unknown
     * @param barAllowed false for {@code --no-progress}
     * @param terminal whether standard error is a terminal
     * @return true for a bar
     */
    static boolean drawsBar(long total, boolean barAllowed, boolean terminal) {
        return barAllowed && total >= 0 && terminal;
    }

    private static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" lines", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
                .build();
    }

    /**
     * Tells whether a bar is drawn.
     *
     * @return true for a bar, false for log lines
     */
    boolean drawsBar() {
        return bar != null;
    }

    /**
     * Counts lines done.
     *
     * @param done how many more lines are done
     */
    @Override
    public void accept(long done) {
        if (bar != null) {
            bar.stepBy(done);
        } else {
            lines.accept(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Writes a progress line when at least the interval has passed since the last one. */
    static final class Periodic implements LongConsumer {
        private final String task;
        private final long total;
        private final long intervalNanos;
        private final LongSupplier clock;
        private final Consumer<String> sink;
        private final long start;
        private long last;
        private long done;

        /**
         * Creates the reporter.
         *
         * @param task the task name
         * @param total the number of lines, or -1 when unknown
         * @param intervalNanos the least time between two lines
         * @param clock the time in nanoseconds
         * @param sink where lines go
         */
        Periodic(
                String task,
                long total,
                long intervalNanos,
                LongSupplier clock,
                Consumer<String> sink) {
            this.task = task;
            this.total = total;
            this.intervalNanos = intervalNanos;
            this.clock = clock;
            this.sink = sink;
            this.start = clock.getAsLong();
            this.last = start;
        }

        @Override
        public void accept(long n) {
            done += n;
            long now = clock.getAsLong();
            if (now - last < intervalNanos) {
                return;
            }
            last = now;
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            String of =
                    total < 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " of %d (%.0f%%)",
                                    total,
                                    100.0 * done / Math.max(1, total));
            sink.accept(
                    String.format(
                            Locale.ROOT,
                            "%s: %d lines%s, %.1f lines/s",
                            task,
                            done,
                            of,
                            done / seconds));
        }
    }
}
