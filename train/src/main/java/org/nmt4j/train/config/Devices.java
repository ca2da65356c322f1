package org.nmt4j.train.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;

/** Turns the config's {@code device} value into a DJL {@link Device}. */
public final class Devices {
    private Devices() {}

    /**
     * Resolves {@code auto} (the first GPU when the engine sees one, else the CPU), {@code cpu},
     * {@code gpu} (GPU 0) or {@code gpu:N}.
     *
     * @param spec the value of {@code device}
     * @param configFile the config file it came from (for the message)
     * @return the device
     * @throws ConfigException when a GPU is asked for that the engine does not see
     */
    public static Device resolve(String spec, Path configFile) {
        return resolve(spec, Engine.getInstance().getGpuCount(), configFile);
    }

    /**
     * Resolves a device spec given the number of GPUs the engine sees.
     *
     * @param spec the value of {@code device}
     * @param gpuCount the number of visible GPUs
     * @param configFile the config file it came from (for the message)
     * @return the device
     * @throws ConfigException when the spec is malformed or names a GPU that is not there
     */
    static Device resolve(String spec, int gpuCount, Path configFile) {
        if (spec.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (spec.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (spec.equals("gpu")) {
            index = 0;
        } else if (spec.matches("gpu:[0-9]{1,4}")) {
            index = Integer.parseInt(spec.substring(4));
        } else {
            throw new ConfigException(
                    configFile, "device", "expected auto, cpu, gpu or gpu:N, got '" + spec + "'");
        }
        if (index >= gpuCount) {
            throw new ConfigException(
                    configFile,
                    "device",
                    spec
                            + " asked for, but the engine sees "
                            + gpuCount
                            + " GPU(s); use device: auto or cpu (or --set device=cpu)");
        }
        return Device.gpu(index);
    }
}
