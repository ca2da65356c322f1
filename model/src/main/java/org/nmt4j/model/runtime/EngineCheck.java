package org.nmt4j.model.runtime;

import ai.djl.Device;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises the ways a GPU set-up goes wrong that the project can see for itself, and says each in
 * one line that names the fix (README, "GPU"). The checks are pure functions of the environment
 * variables and the {@link EngineFacts}, so that each can be tested on a machine without a GPU.
 */
public final class EngineCheck {
    /** DJL's variable naming the folder of a libtorch to load instead of any other. */
    public static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";

    /** DJL's variable naming that libtorch's build (cpu, cu128) and so the JNI library to use. */
    public static final String FLAVOR = "PYTORCH_FLAVOR";

    private static final String LIBTORCH = "libtorch.so";
    private static final String LIBTORCH_CUDA = "libtorch_cuda.so";
    private static final String GPU_VARIANT =
            "build and run the GPU variant: NMT_GPU=1 ./nmt ... (or ./mvnw -Dnmt.gpu package)";

    private EngineCheck() {}

    /**
     * Checks {@code PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR} before libtorch is loaded.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the first problem, or empty when they are unset or fit together
     */
    public static Optional<String> beforeLoading(Map<String, String> env) {
        String path = env.get(LIBRARY_PATH);
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> dir = libtorchFolder(path);
        if (dir.isEmpty()) {
            return Optional.of(
                    String.format(
                            "%s=%s holds no %s, so DJL ignores it: point it at the lib folder of"
                                    + " the unpacked libtorch (.../libtorch/lib)",
                            LIBRARY_PATH, path, LIBTORCH));
        }
        String flavor = env.getOrDefault(FLAVOR, "");
        boolean cudaBuild = Files.exists(dir.get().resolve(LIBTORCH_CUDA));
        if (flavor.isEmpty()) {
            return Optional.of(
                    String.format(
                            "%s is set but %s is not: set %s=%s for the libtorch in %s",
                            LIBRARY_PATH, FLAVOR, FLAVOR, cudaBuild ? "cu128" : "cpu", dir.get()));
        }
        if (flavor.startsWith("cu") && !cudaBuild) {
            return Optional.of(
                    String.format(
                            "%s=%s but %s holds a CPU build of libtorch (no %s): unpack the"
                                    + " libtorch 2.7.1 cu128 archive there, or set %s=cpu",
                            FLAVOR, flavor, dir.get(), LIBTORCH_CUDA, FLAVOR));
        }
        if (flavor.startsWith("cpu") && cudaBuild) {
            return Optional.of(
                    String.format(
                            "%s=%s but %s holds a CUDA build of libtorch: set %s=cu128 to use the"
                                    + " GPU",
                            FLAVOR, flavor, dir.get(), FLAVOR));
        }
        return Optional.empty();
    }

    /**
     * Explains why the engine sees no GPU, for a device spec that asks for one.
     *
     * @param facts the loaded engine
     * @return what is wrong and what to do, in one line
     */
    public static String whyNoGpu(EngineFacts facts) {
        if (facts.cpuLibtorchJar()) {
            return "this build bundles the CPU libtorch (pytorch-native-cpu); " + GPU_VARIANT;
        }
        if (!facts.cuda()) {
            return String.format(
                    "the libtorch in %s is a CPU build (DJL downloads that one when it finds no"
                            + " CUDA runtime): install the CUDA 12 runtime (libcudart.so.12 on the"
                            + " library path) and delete that folder, or set %s to an unpacked"
                            + " libtorch 2.7.1 cu128 and %s=cu128",
                    facts.libraryPath(), LIBRARY_PATH, FLAVOR);
        }
        return "libtorch has CUDA but no GPU is visible: check nvidia-smi and CUDA_VISIBLE_DEVICES,"
                + " and that libcudart.so.12 is on the library path (DJL counts GPUs through it)";
    }

    /**
     * Warns when this machine has an NVIDIA GPU but the run uses the CPU because the engine sees
     * none (typically the default build, which bundles the CPU libtorch).
     *
     * @param facts the loaded engine
     * @param device the device the run resolved to
     * @return the warning, or empty
     */
    public static Optional<String> unusedGpu(EngineFacts facts, Device device) {
        if (device.isGpu() || !facts.nvidiaDriver() || facts.gpuCount() > 0) {
            return Optional.empty();
        }
        return Optional.of(
                "this machine has an NVIDIA GPU, but it is not used: " + whyNoGpu(facts));
    }

    /**
     * Throws when {@link #beforeLoading} finds a problem; call before anything loads libtorch.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @throws IllegalStateException with the one-line explanation
     */
    public static void requireUsableEnvironment(Map<String, String> env) {
        Optional<String> problem = beforeLoading(env);
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
    }

    /**
     * Explains DJL's failures to find or load libtorch that have a known cause (README, "GPU").
     *
     * @param e the failure, e.g. DJL's {@code EngineException}
     * @param env the environment
     * @return the explanation with the fix, or empty when the failure is not one of them
     */
    public static Optional<String> explainLoadFailure(Throwable e, Map<String, String> env) {
        Optional<String> setup = beforeLoading(env);
        if (setup.isPresent()) {
            return setup;
        }
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        String m = all.toString();
        if (m.contains("Offline mode is enabled") || m.contains("publish.djl.ai")) {
            return Optional.of(
                    "libtorch is neither in the class path nor in DJL's cache and cannot be"
                            + " downloaded: run once online (the GPU build downloads libtorch"
                            + " 2.7.1+cu128 into ~/.djl.ai/pytorch), or unpack libtorch yourself"
                            + " and set "
                            + LIBRARY_PATH
                            + " and "
                            + FLAVOR
                            + "=cu128");
        }
        if (m.contains("libc10_cuda.so") || m.contains("libcudart")) {
            return Optional.of(
                    "the CUDA build of the JNI library cannot find CUDA libtorch libraries ("
                            + firstLine(m)
                            + "): point "
                            + LIBRARY_PATH
                            + " at the lib folder of libtorch 2.7.1 cu128");
        }
        return Optional.empty();
    }

    private static String firstLine(String m) {
        for (String line : m.split("\n")) {
            if (line.contains(".so")) {
                return line.strip();
            }
        }
        return m.lines().findFirst().orElse("").strip();
    }

    /** The first folder of a path list that holds libtorch.so (as DJL's LibUtils looks). */
    private static Optional<Path> libtorchFolder(String pathList) {
        for (String entry : pathList.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && p.getFileName().toString().equals(LIBTORCH)) {
                return Optional.of(p.toAbsolutePath().getParent());
            }
            if (Files.isRegularFile(p.resolve(LIBTORCH))) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
