package org.nmt4j.cli;

import ai.djl.Device;
import org.nmt4j.model.runtime.DeviceLog;
import org.nmt4j.model.runtime.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --device}, the same on every verb that computes. */
final class DeviceOption {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceOption.class);

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description =
                    "Where to compute: auto (a GPU when the engine has one, else the CPU), cpu,"
                            + " gpu (GPU 0) or gpu:N. Default: the config's device for train and"
                            + " demo, else auto.")
    String device;

    /**
     * Returns the spec given, or a fallback.
     *
     * @param fallback the spec when {@code --device} is not given
     * @return the spec
     */
    String specOr(String fallback) {
        return device != null ? device : fallback;
    }

    /**
     * Resolves {@code --device} (default {@code auto}) and logs the engine and the choice.
     *
     * @return the device
     * @throws UsageException when the device is malformed or not available
     */
    Device resolveAndLog() {
        String spec = specOr("auto");
        Device d;
        try {
            d = Devices.resolve(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--device " + spec + ": " + e.getMessage());
        }
        DeviceLog.startup(LOG, spec, d);
        return d;
    }
}
