package org.nmt4j.train.precision;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the {@link StepPrecision} of a run and logs what it means. */
public final class StepPrecisions {
    private static final Logger LOG = LoggerFactory.getLogger(StepPrecisions.class);

    private StepPrecisions() {}

    /**
     * Creates the behaviour of a precision.
     *
     * @param precision {@code train.precision}
     * @param manager the manager of the parameters (its device is the training device)
     * @param params the model's parameters (float32; in fp16 they are the master weights)
     * @param scaler the run's loss scaler (used in fp16 only)
     * @return float32, or fp16 with float16 copies of the weights; closed by the caller
     */
    public static StepPrecision create(
            Precision precision, NDManager manager, ParameterList params, LossScaler scaler) {
        if (precision.check() != Precision.FP16) {
            return new FullPrecision(manager, params);
        }
        Device device = manager.getDevice();
        LOG.info(
                "precision: fp16 (float16 weights and activations, float32 master weights and Adam"
                        + " state; loss scale {}, doubled after {} steps without overflow)",
                scaler.scale(),
                scaler.window());
        if (!device.isGpu()) {
            LOG.warn(
                    "train.precision fp16 on {}: allowed, but float16 arithmetic on the CPU is"
                            + " slow; use fp32 on the CPU",
                    device);
        }
        return new MixedPrecision(manager, params, scaler);
    }
}
