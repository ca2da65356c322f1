package org.nmt4j.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd off in the current thread for as long as it is open, and restores the previous
 * mode on close. PyTorch's grad mode is per thread and ON in every new thread, so code that only
 * evaluates (search, validation, translation) turns it off itself, whatever thread it runs in:
 *
 * <pre>{@code
 * try (GradientMode off = GradientMode.off()) { ... }
 * }</pre>
 */
public final class GradientMode implements AutoCloseable {
    private final boolean pytorch;
    private final boolean previous;

    private GradientMode() {
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
    public static GradientMode off() {
        return new GradientMode();
    }

    /**
     * Tells whether autograd is on in this thread.
     *
     * @return true when operations record gradients
     */
    public static boolean isOn() {
        return "PyTorch".equals(Engine.getInstance().getEngineName()) && JniUtils.isGradMode();
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
