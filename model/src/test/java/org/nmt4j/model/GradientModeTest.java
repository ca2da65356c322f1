package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GradientModeTest {
    @Test
    @SuppressWarnings("try")
    void off_turnsAutogradOff_andCloseRestoresThePreviousMode_evenWhenNested() {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            try (GradientMode outer = GradientMode.off()) {
                assertFalse(GradientMode.isOn());
                try (GradientMode inner = GradientMode.off()) {
                    assertFalse(GradientMode.isOn());
                }
                assertFalse(GradientMode.isOn()); // restored to the outer "off", not to "on"
            }
            assertTrue(GradientMode.isOn());
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    @Test
    @SuppressWarnings("try")
    void newThread_startsWithAutogradOn_whateverTheCallersMode() throws InterruptedException {
        AtomicBoolean onInThread = new AtomicBoolean();
        try (GradientMode off = GradientMode.off()) {
            Thread t = new Thread(() -> onInThread.set(GradientMode.isOn()));
            t.start();
            t.join();
        }
        assertTrue(onInThread.get(), "each thread must turn autograd off itself");
    }
}
