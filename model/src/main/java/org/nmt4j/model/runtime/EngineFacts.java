package org.nmt4j.model.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.ClassLoaderUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the loaded deep-learning engine is and what it can use: the facts {@link EngineCheck} judges
 * and the startup log prints.
 *
 * @param name the engine's name ({@code PyTorch})
 * @param version the libtorch version (e.g. {@code 2.7.1})
 * @param libraryPath the directory libtorch was loaded from
 * @param capabilities the libtorch build's features (e.g. {@code CUDA}, {@code CUDNN}, {@code MKL})
 * @param gpuCount the GPUs the engine sees (0 without CUDA)
 * @param cpuLibtorchJar whether DJL's CPU libtorch jar ({@code pytorch-native-cpu}) is on the class
 *     path, as in the default (non {@code -Dnmt.gpu}) build
 * @param nvidiaDriver whether this machine has an NVIDIA driver loaded ({@code
 *     /proc/driver/nvidia/version} exists)
 */
public record EngineFacts(
        String name,
        String version,
        String libraryPath,
        Set<String> capabilities,
        int gpuCount,
        boolean cpuLibtorchJar,
        boolean nvidiaDriver) {

    /** The capability libtorch reports when it was built with CUDA. */
    public static final String CUDA = "CUDA";

    /** Copies the set. */
    public EngineFacts {
        capabilities = Set.copyOf(capabilities);
    }

    /**
     * Loads the engine (if not loaded yet) and reads its facts.
     *
     * @return the facts
     */
    public static EngineFacts read() {
        Engine engine = Engine.getInstance();
        Set<String> caps = new TreeSet<>();
        String path = "";
        if ("PyTorch".equals(engine.getEngineName())) {
            caps.addAll(ai.djl.pytorch.jni.JniUtils.getFeatures());
            path = LibUtils.getLibtorchPath();
        }
        return new EngineFacts(
                engine.getEngineName(),
                engine.getVersion(),
                path,
                caps,
                engine.getGpuCount(),
                hasCpuLibtorchJar(),
                nvidiaDriverLoaded());
    }

    /**
     * Tells whether this libtorch was built with CUDA.
     *
     * @return whether {@link #capabilities} holds {@code CUDA}
     */
    public boolean cuda() {
        return capabilities.contains(CUDA);
    }

    /**
     * One line for the startup log, e.g. {@code engine PyTorch 2.7.1 (libtorch
     * /root/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64; CUDA, CUDNN, ...; 1 GPU(s) visible)}.
     *
     * @return the line
     */
    public String describe() {
        return String.format(
                "engine %s %s (libtorch %s; capabilities %s; %d GPU(s) visible)",
                name,
                version,
                libraryPath.isEmpty() ? "?" : libraryPath,
                capabilities.isEmpty() ? "none" : String.join(", ", new TreeSet<>(capabilities)),
                gpuCount);
    }

    /**
     * Whether a native libtorch jar for the CPU ({@code native/lib/pytorch.properties}) is here.
     */
    static boolean hasCpuLibtorchJar() {
        Properties p = new Properties();
        try {
            URL url = ClassLoaderUtils.getResource("native/lib/pytorch.properties");
            if (url == null) {
                return false;
            }
            try (InputStream in = url.openStream()) {
                p.load(in);
            }
        } catch (IOException e) {
            return false;
        }
        return p.getProperty("flavor", p.getProperty("classifier", "")).startsWith("cpu");
    }

    /** Whether the NVIDIA kernel driver is loaded (Linux). */
    static boolean nvidiaDriverLoaded() {
        return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }
}
