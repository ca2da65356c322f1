package org.nmt4j.cli;

import java.util.Optional;
import org.nmt4j.model.runtime.EngineCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one-line messages on standard error and the documented exit codes: 2 for
 * usage and configuration errors, 1 for failures.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        if (isUsageError(e)) {
            cl.getErr().println("nmt " + cl.getCommandName() + ": error: " + e.getMessage());
            return Nmt.EXIT_USAGE;
        }
        LOG.debug("failure", e);
        cl.getErr().println("nmt " + cl.getCommandName() + ": failed: " + describe(e));
        return Nmt.EXIT_FAILURE;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("nmt " + cl.getCommandName() + ": error: " + e.getMessage());
        cl.getErr().println("Try 'nmt " + cl.getCommandName() + " --help' for usage.");
        return Nmt.EXIT_USAGE;
    }

    private static boolean isUsageError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("ConfigException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Optional<String> engine = EngineCheck.explainLoadFailure(e, System.getenv());
        if (engine.isPresent()) {
            return engine.get();
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }
}
