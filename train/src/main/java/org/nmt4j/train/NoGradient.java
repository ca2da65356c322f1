package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd off in the current thread while open and restores the previous mode on close.
 * PyTorch's grad mode is per thread and on in every new thread, so evaluation code turns it off
 * itself, whatever thread it runs in.
 */
final class NoGradient implements AutoCloseable {
    private final boolean pytorch;
    private final boolean previous;

    private NoGradient() {
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Turns autograd off until {@link #close()}.
     *
     * @return the handle that restores the previous mode
     */
    static NoGradient enter() {
        return new NoGradient();
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
