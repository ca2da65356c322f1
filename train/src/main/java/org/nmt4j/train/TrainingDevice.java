package org.nmt4j.train;

import ai.djl.Device;
import java.nio.file.Path;
import org.nmt4j.model.runtime.DeviceLog;
import org.nmt4j.model.runtime.Devices;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The training device: resolved from the config (one-line error naming the key), logged. */
final class TrainingDevice {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private TrainingDevice() {}

    /**
     * Resolves the config's {@code device} through {@link Devices#resolve(String)}, which says why
     * when a GPU is asked for but the engine sees none.
     */
    static Device resolve(ExperimentConfig config, Path configFile) {
        return ConfigLoader.device(config, configFile);
    }

    /**
     * Logs the device with the engine's facts and, on a GPU, its memory; warns when this machine's
     * GPU goes unused.
     */
    static void log(String spec, Device device) {
        DeviceLog.startup(LOG, spec, device);
    }
}
