package org.nmt4j.train;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop training, set from another thread (e.g. a Ctrl-C handler) and checked by the
 * loop between optimiser steps: the loop finishes the step it is in, writes a checkpoint and
 * returns. Thread-safe.
 */
public final class StopSignal {
    private final AtomicReference<String> reason = new AtomicReference<>();

    /**
     * Asks the loop to stop after the current step; the first reason given is kept.
     *
     * @param why e.g. {@code "interrupted (Ctrl-C)"}
     */
    public void request(String why) {
        reason.compareAndSet(null, why);
    }

    /**
     * Tells whether a stop was requested.
     *
     * @return true once {@link #request} has been called
     */
    public boolean requested() {
        return reason.get() != null;
    }

    /**
     * Returns the reason of the request.
     *
     * @return the reason, or null when none was requested
     */
    public String reason() {
        return reason.get();
    }
}
