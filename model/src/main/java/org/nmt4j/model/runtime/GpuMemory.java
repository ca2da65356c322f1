package org.nmt4j.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Optional;

/**
 * A GPU's memory as the CUDA driver reports it (device-wide: PyTorch's caching allocator keeps what
 * it has freed, so "used" is what the process holds, not only live arrays), and the release of
 * PyTorch's cache. Every method does nothing on the CPU.
 */
public final class GpuMemory {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private GpuMemory() {}

    /**
     * Returns the bytes in use on a GPU.
     *
     * @param device the device
     * @return used bytes, or empty on the CPU or when the driver cannot be asked
     */
    public static Optional<Long> usedBytes(Device device) {
        return usage(device).map(MemoryUsage::getUsed);
    }

    /**
     * Describes a GPU's memory, e.g. {@code GPU memory 1.25 GiB used of 139.81 GiB}.
     *
     * @param device the device
     * @return the description, or empty on the CPU
     */
    public static Optional<String> describe(Device device) {
        return usage(device)
                .map(
                        u ->
                                String.format(
                                        Locale.ROOT,
                                        "GPU memory %.2f GiB used of %.2f GiB",
                                        u.getUsed() / GIB,
                                        u.getMax() / GIB));
    }

    /**
     * Gives the memory that PyTorch's caching allocator holds but does not use back to the driver
     * (e.g. after validation, whose batch shapes differ from training's).
     *
     * @param device the device the run uses
     */
    public static void releaseCache(Device device) {
        if (device.isGpu() && "PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.emptyCudaCache();
        }
    }

    private static Optional<MemoryUsage> usage(Device device) {
        if (!device.isGpu()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CudaUtils.getGpuMemory(device));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
