package org.nmt4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.nmt4j.model.EngineCheck;
import org.nmt4j.model.EngineFacts;
import org.nmt4j.model.GpuMemory;
import org.nmt4j.train.config.ConfigException;
import org.nmt4j.train.config.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The training device: resolved from the config, explained when a GPU is missing, logged. */
final class TrainingDevice {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private TrainingDevice() {}

    /**
     * {@link Devices#resolve}, with the reason ({@link EngineCheck#whyNoGpu}) when a GPU is asked
     * for but the engine sees none.
     */
    static Device resolve(String spec, Path configFile) {
        try {
            return Devices.resolve(spec, configFile);
        } catch (ConfigException e) {
            if (!spec.startsWith("gpu") || Engine.getInstance().getGpuCount() > 0) {
                throw e;
            }
            throw new ConfigException(
                    configFile,
                    "device",
                    spec
                            + " asked for, but the engine sees 0 GPU(s): "
                            + EngineCheck.whyNoGpu(EngineFacts.read())
                            + "; or use device: auto or cpu (--set device=cpu)",
                    e);
        }
    }

    /**
     * Logs the device with the engine's facts and, on a GPU, its memory; warns when this machine's
     * GPU goes unused.
     */
    static void log(String spec, Device device) {
        EngineFacts facts = EngineFacts.read();
        LOG.info(
                "device: {} (config: {}); {}{}",
                device,
                spec,
                facts.describe(),
                GpuMemory.describe(device).map(m -> "; " + m).orElse(""));
        EngineCheck.unusedGpu(facts, device).ifPresent(LOG::warn);
    }
}
