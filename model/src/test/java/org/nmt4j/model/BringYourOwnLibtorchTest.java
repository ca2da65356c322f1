package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.model.runtime.EngineCheck;

/**
 * The second way to a GPU (README, "GPU"): a libtorch unpacked by the user, named by {@code
 * PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR}, loaded by a build without the CPU libtorch jar.
 * Proved on the CPU with the CPU libtorch and {@code PYTORCH_FLAVOR=cpu}, in a child JVM whose
 * class path is this one without {@code pytorch-native-cpu} (as a {@code -Dnmt.gpu} build's) and
 * whose DJL cache is empty, so the JNI library must come from the {@code pytorch-jni} jar for the
 * flavour asked for.
 */
class BringYourOwnLibtorchTest {
    @TempDir Path tmp;

    /**
     * The CPU libtorch this JVM loaded, linked into a folder of its own without the JNI library.
     */
    private Path unpackedLibtorch() throws IOException {
        Engine.getInstance();
        Path loaded = Path.of(LibUtils.getLibtorchPath());
        Path lib = Files.createDirectories(tmp.resolve("libtorch").resolve("lib"));
        try (Stream<Path> files = Files.list(loaded)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.contains(".so") && !name.contains("djl_torch")) {
                    Files.createSymbolicLink(lib.resolve(name), f.toAbsolutePath());
                }
            }
        }
        assertTrue(Files.exists(lib.resolve("libtorch.so")), "libtorch.so in " + loaded);
        return lib;
    }

    private static List<String> withoutCpuLibtorchJar() {
        List<String> cp =
                ChildJvm.testClassPath().stream()
                        .filter(e -> !e.contains("pytorch-native-cpu"))
                        .toList();
        assertTrue(cp.size() < ChildJvm.testClassPath().size(), "the jar was on the class path");
        return cp;
    }

    @Test
    void pytorchLibraryPath_withItsFlavour_isLoaded_byABuildWithoutTheCpuLibtorchJar()
            throws Exception {
        Path lib = unpackedLibtorch();
        Path cache = tmp.resolve("djl-cache");
        ChildJvm.Result r =
                ChildJvm.run(
                        LibtorchProbe.class,
                        withoutCpuLibtorchJar(),
                        Map.of(
                                EngineCheck.LIBRARY_PATH,
                                lib.toString(),
                                EngineCheck.FLAVOR,
                                "cpu",
                                "DJL_CACHE_DIR",
                                cache.toString(),
                                "ENGINE_CACHE_DIR",
                                cache.toString()),
                        "-Dai.djl.offline=true");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("library=" + lib.toAbsolutePath() + "\n"), r.output());
        assertTrue(r.output().contains("dot=6.0"), r.output());
        assertTrue(r.output().contains("cpuJar=false"), r.output());
        assertTrue(r.output().contains("cuda=false"), r.output());
        try (Stream<Path> walk = Files.walk(cache)) {
            List<Path> jni =
                    walk.filter(p -> p.getFileName().toString().endsWith("libdjl_torch.so"))
                            .toList();
            assertEquals(1, jni.size(), "one JNI library extracted: " + jni);
            assertTrue(
                    jni.get(0).getParent().getFileName().toString().contains("-cpu-"),
                    "the cpu flavour's JNI library: " + jni.get(0));
        }
    }

    @Test
    void cudaFlavourOverACpuLibtorch_isRefusedBeforeLoading_withTheFix() throws Exception {
        Path lib = unpackedLibtorch();
        ChildJvm.Result r =
                ChildJvm.run(
                        LibtorchProbe.class,
                        withoutCpuLibtorchJar(),
                        Map.of(
                                EngineCheck.LIBRARY_PATH,
                                lib.toString(),
                                EngineCheck.FLAVOR,
                                "cu128",
                                "DJL_CACHE_DIR",
                                tmp.resolve("djl-cache").toString(),
                                "ENGINE_CACHE_DIR",
                                tmp.resolve("djl-cache").toString()),
                        "-Dai.djl.offline=true");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(
                r.output()
                        .startsWith(
                                "problem=PYTORCH_FLAVOR=cu128 but "
                                        + lib.toAbsolutePath()
                                        + " holds a CPU build of libtorch"),
                r.output());
        assertFalse(r.output().contains("engine="), "libtorch was not loaded");
    }
}
