package org.nmt4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.nmt4j.train.StopSignal;

/**
 * Ctrl-C (or SIGTERM) during training: a shutdown hook asks the loop to stop after the current step
 * and then waits (up to 10 minutes) until the command has written its checkpoint and finished, so
 * the process exits cleanly instead of being cut off mid-write.
 */
final class InterruptHandler implements AutoCloseable {
    private static final long WAIT_MINUTES = 10;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private InterruptHandler(StopSignal stop, PrintWriter err) {
        hook =
                new Thread(
                        () -> {
                            if (done.getCount() == 0) {
                                return;
                            }
                            stop.request("interrupted");
                            err.println();
                            err.println(
                                    "nmt: interrupted - finishing the current step and writing"
                                            + " a checkpoint...");
                            err.flush();
                            try {
                                done.await(WAIT_MINUTES, TimeUnit.MINUTES);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "nmt-interrupt");
    }

    /**
     * Installs the hook.
     *
     * @param stop the signal the training loop checks
     * @param err where to say that the run is stopping
     * @return the handle; close it when the command has finished
     */
    static InterruptHandler install(StopSignal stop, PrintWriter err) {
        InterruptHandler h = new InterruptHandler(stop, err);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    /** Lets a waiting hook return (so the JVM exits) and removes the hook otherwise. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}
