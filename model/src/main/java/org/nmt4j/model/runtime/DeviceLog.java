package org.nmt4j.model.runtime;

import ai.djl.Device;
import org.slf4j.Logger;

/**
 * The lines every verb that computes logs when it starts, in one place: the engine, its
 * capabilities and the chosen device ({@link Devices#startupLine}), a warning when this machine's
 * GPU goes unused, and the native CPU settings with their warnings ({@link CpuRuntime}).
 */
public final class DeviceLog {
    private DeviceLog() {}

    /**
     * Logs the start-up lines.
     *
     * @param log the caller's logger
     * @param spec the device as asked for, e.g. {@code auto}
     * @param device the device chosen
     */
    public static void startup(Logger log, String spec, Device device) {
        log.info("{}", Devices.startupLine(spec, device));
        Devices.unusedGpuWarning(device).ifPresent(log::warn);
        CpuRuntime.startupLine(device).ifPresent(log::info);
        CpuRuntime.warnings(device).forEach(log::warn);
    }
}
