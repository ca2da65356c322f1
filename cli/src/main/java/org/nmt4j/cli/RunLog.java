package org.nmt4j.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.nmt4j.train.TrainingProgress;
import org.slf4j.LoggerFactory;

/**
 * Sends the log of a training run to {@code RUN_DIR/train.log} as well (a Logback file appender
 * added for the run's duration, appending on resume). Details ({@value
 * TrainingProgress#DETAIL_LOGGER}) go to the file only; so do the periodic training lines ({@value
 * TrainingProgress#STEP_LOGGER}) while a progress bar shows them.
 */
final class RunLog implements AutoCloseable {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss} %-5level %logger{0} - %msg%n";

    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private final List<Appender<ILoggingEvent>> filtered = new ArrayList<>();

    private RunLog(Logger root, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.file = file;
    }

    /**
     * Starts logging to a file.
     *
     * @param logFile {@code RUN_DIR/train.log}
     * @param bar true when a progress bar shows the periodic training lines, which then stay off
     *     the console
     * @return the handle that stops it; does nothing when the logging backend is not Logback
     */
    static RunLog attach(Path logFile, boolean bar) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new RunLog(null, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("run-log");
        appender.setFile(logFile.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        RunLog log = new RunLog(root, appender);
        log.quietConsole(bar);
        return log;
    }

    private void quietConsole(boolean bar) {
        Filter<ILoggingEvent> stepLines =
                new Filter<>() {
                    @Override
                    public FilterReply decide(ILoggingEvent event) {
                        String name = event.getLoggerName();
                        boolean fileOnly =
                                TrainingProgress.DETAIL_LOGGER.equals(name)
                                        || (bar && TrainingProgress.STEP_LOGGER.equals(name));
                        return fileOnly ? FilterReply.DENY : FilterReply.NEUTRAL;
                    }
                };
        stepLines.start();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a != file) {
                a.addFilter(stepLines);
                filtered.add(a);
            }
        }
    }

    @Override
    public void close() {
        if (root == null) {
            return;
        }
        root.detachAppender(file);
        file.stop();
        for (Appender<ILoggingEvent> a : filtered) {
            a.clearAllFilters();
        }
    }
}
