package org.nmt4j.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a device spec ({@code auto | cpu | gpu | gpu:N}) into a DJL {@link Device}, the one place
 * that does. {@link #resolve(String, boolean, int)} is a pure function of the spec and what the
 * engine offers, so every outcome can be tested without a GPU; {@link #resolve(String)} asks the
 * engine. Every verb and config that takes a device goes through here.
 *
 * <ul>
 *   <li>{@code auto}: GPU 0 when the engine is a CUDA build and sees a GPU, else the CPU;
 *   <li>{@code cpu}: the CPU;
 *   <li>{@code gpu}: GPU 0; {@code gpu:N}: GPU N; an error when the engine has no CUDA or does not
 *       see GPU N.
 * </ul>
 */
public final class Devices {
    /** The accepted forms, for messages. */
    public static final String FORMS = "auto, cpu, gpu or gpu:N";

    private static final Pattern GPU = Pattern.compile("gpu(?::([0-9]{1,4}))?");

    private static final List<String> CAPABILITIES =
            List.of(
                    StandardCapabilities.CUDA,
                    StandardCapabilities.CUDNN,
                    StandardCapabilities.MKL,
                    StandardCapabilities.MKLDNN,
                    StandardCapabilities.OPENMP);

    private Devices() {}

    /**
     * Resolves a spec on the engine this process uses.
     *
     * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @return the device
     * @throws IllegalArgumentException with a one-line message saying what to do when the spec is
     *     malformed or names a GPU the engine cannot use
     */
    public static Device resolve(String spec) {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        try {
            return resolve(spec, engine.hasCapability(StandardCapabilities.CUDA), gpus);
        } catch (IllegalArgumentException e) {
            if (gpus > 0 || spec == null || !spec.strip().startsWith("gpu")) {
                throw e;
            }
            // a GPU asked for and none seen: say why, as far as this process can tell
            throw new IllegalArgumentException(
                    spec.strip()
                            + " asked for, but the engine sees 0 GPU(s): "
                            + EngineCheck.whyNoGpu(EngineFacts.read())
                            + "; or use auto or cpu",
                    e);
        }
    }

    /**
     * The warning to log when this machine has an NVIDIA GPU that the chosen device leaves unused
     * (typically the default build, which bundles the CPU libtorch).
     *
     * @param device the device chosen
     * @return the one-line warning, or empty
     */
    public static Optional<String> unusedGpuWarning(Device device) {
        return EngineCheck.unusedGpu(EngineFacts.read(), device);
    }

    /**
     * Resolves a spec given what the engine offers.
     *
     * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param engineSupportsCuda whether the engine is a CUDA build
     * @param gpuCount how many GPUs the engine sees
     * @return the device
     * @throws IllegalArgumentException with a one-line message saying what to do when the spec is
     *     malformed or names a GPU the engine cannot use
     */
    public static Device resolve(String spec, boolean engineSupportsCuda, int gpuCount) {
        String s = spec == null ? "" : spec.strip();
        if (s.equals("auto")) {
            return engineSupportsCuda && gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected " + FORMS + ", got '" + (spec == null ? "" : spec) + "'");
        }
        int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        if (!engineSupportsCuda) {
            throw new IllegalArgumentException(
                    s
                            + " asked for, but the engine is a CPU build of libtorch (no CUDA);"
                            + " use auto or cpu, or put the CUDA build of libtorch on the"
                            + " classpath (README, GPU)");
        }
        if (index >= gpuCount) {
            throw new IllegalArgumentException(
                    s
                            + " asked for, but the engine sees "
                            + gpuCount
                            + " GPU(s)"
                            + (gpuCount > 0 ? " (gpu:0 to gpu:" + (gpuCount - 1) + ")" : "")
                            + "; use auto or cpu"
                            + (gpuCount > 0 ? ", or a GPU that exists" : ""));
        }
        return Device.gpu(index);
    }

    /**
     * Describes the engine this process uses, for the log line every verb writes at start.
     *
     * @return e.g. {@code PyTorch 2.7.1 (capabilities: MKL, MKLDNN, OPENMP; 0 GPU(s) visible)}
     */
    public static String describeEngine() {
        Engine engine = Engine.getInstance();
        List<String> caps = new ArrayList<>();
        for (String c : CAPABILITIES) {
            if (engine.hasCapability(c)) {
                caps.add(c);
            }
        }
        return describeEngine(
                engine.getEngineName(), engine.getVersion(), caps, engine.getGpuCount());
    }

    /**
     * Formats an engine description.
     *
     * @param name the engine's name
     * @param version its version
     * @param capabilities the capabilities it has
     * @param gpuCount how many GPUs it sees
     * @return e.g. {@code PyTorch 2.7.1 (capabilities: MKL, OPENMP; 0 GPU(s) visible)}
     */
    static String describeEngine(
            String name, String version, List<String> capabilities, int gpuCount) {
        return name
                + " "
                + version
                + " (capabilities: "
                + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities))
                + "; "
                + gpuCount
                + " GPU(s) visible)";
    }

    /**
     * The line a verb logs at start: the chosen device, the spec it came from, and the engine.
     *
     * @param spec the spec asked for
     * @param device the device chosen
     * @return e.g. {@code device cpu() (asked: auto); engine PyTorch 2.7.1 (capabilities: ...)}
     */
    public static String startupLine(String spec, Device device) {
        return "device "
                + device
                + " (asked: "
                + spec
                + "); engine "
                + describeEngine()
                + GpuMemory.describe(device).map(m -> "; " + m).orElse("");
    }
}
